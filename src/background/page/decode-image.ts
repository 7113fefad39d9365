/** Turns a PNG data URL (from the page agent or a tab screenshot) into pixels, in the background. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Only PNG data URLs: what the agent and captureVisibleTab produce. Never a fetch of a page-chosen URL. */
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/=]+$/;

export async function dataUrlToPixels(dataUrl: string): Promise<Pixels> {
  if (!PNG_DATA_URL.test(dataUrl)) throw new Error('not a PNG data URL');
  const blob = await (await fetch(dataUrl)).blob();
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return { data, width, height };
}
