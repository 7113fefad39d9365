/** Turns a PNG data URL (from the page agent or a tab screenshot) into pixels, in the background. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export async function dataUrlToPixels(dataUrl: string): Promise<Pixels> {
  const blob = await (await fetch(dataUrl)).blob();
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return { data, width, height };
}
