/**
 * A PNG's width and height from its IHDR chunk, read before anything decodes it: a page or a
 * screenshot can claim any size, and decoding a 30,000 × 30,000 image would stall the
 * background for minutes. Works on the first bytes of a base64 data URL.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PREFIX = 'data:image/png;base64,';

/** The size a PNG data URL declares, or null if it is not a well-formed PNG start. */
export function pngSize(dataUrl: string): { width: number; height: number } | null {
  if (typeof dataUrl !== 'string' || !dataUrl.startsWith(PREFIX)) return null;
  // 8 signature bytes + 4 length + 4 "IHDR" + 4 width + 4 height = 24 bytes = 32 base64 chars.
  const head = dataUrl.slice(PREFIX.length, PREFIX.length + 32);
  if (head.length < 32 || !/^[A-Za-z0-9+/]+$/.test(head)) return null;
  const bytes = Uint8Array.from(atob(head), (c) => c.charCodeAt(0));
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  if (String.fromCharCode(...bytes.slice(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Whether a PNG of this declared size is within `maxSide` a side and `maxPixels` in all. */
export function pngWithin(dataUrl: string, maxSide: number, maxPixels: number): boolean {
  const size = pngSize(dataUrl);
  return size !== null && size.width <= maxSide && size.height <= maxSide && size.width * size.height <= maxPixels;
}
