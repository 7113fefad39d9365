/**
 * Decodes a QR code from RGBA pixels with jsQR (runs in the extension's own pages, not the
 * web page). jsQR misses small or pixelated codes that other readers get (cozmo/jsQR #142,
 * #184), so small images are retried upscaled with nearest neighbour and padded with white.
 */

import jsQR from 'jsqr';
import type { QrRect } from './find-qr-candidates';

/** RGBA pixels, row by row, 4 bytes per pixel (ImageData layout). */
export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Options for {@link decodeQr}. */
export interface DecodeOptions {
  /** Images whose longer side is below this are also tried upscaled ×2 and ×3. Default 200 px. */
  smallSide?: number;
}

/** The pixels handed in cannot be an image; `message` is meant for the user. */
export class QrImageError extends Error {
  override readonly name = 'QrImageError';
  constructor(
    readonly code: 'bad-image' | 'crop-outside',
    message: string,
  ) {
    super(message);
  }
}

/** Longest side we decode: a 4K screenshot is fine, anything bigger is not a screen capture. */
const MAX_SIDE = 8192;

/**
 * Returns the QR code's text, or null if no code was found.
 * @throws QrImageError when width/height/data do not describe an RGBA image.
 */
export function decodeQr(image: RgbaImage, opts: DecodeOptions = {}): string | null {
  assertImage(image);
  const attempt = (img: RgbaImage): string | null =>
    jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
  const direct = attempt(image);
  if (direct !== null) return direct;
  const small = Math.max(image.width, image.height) < (opts.smallSide ?? 200);
  // Padding alone helps codes drawn without a quiet zone (Mastodon, Fortify); scaling helps tiny,
  // blurred ones. Which one works varies, so small images get all three (each is cheap at that size).
  for (const factor of small ? [1, 2, 3] : [1]) {
    const text = attempt(upscaleAndPad(image, factor));
    if (text !== null) return text;
  }
  return null;
}

/**
 * Cuts `rect` (CSS px) out of a screenshot. `scale` = screenshot width / viewport width, which
 * covers devicePixelRatio and zoom. A margin (10 % of the rect, ≥ 8 CSS px) keeps the quiet zone.
 * @throws QrImageError when the rect lies outside the screenshot or is empty.
 */
export function cropImage(image: RgbaImage, rect: QrRect, scale: number): RgbaImage {
  assertImage(image);
  if (!(scale > 0) || !(rect.width > 0) || !(rect.height > 0)) {
    throw new QrImageError('crop-outside', 'The area to read is empty.');
  }
  const margin = Math.max(8, Math.max(rect.width, rect.height) * 0.1);
  const x0 = Math.max(0, Math.floor((rect.x - margin) * scale));
  const y0 = Math.max(0, Math.floor((rect.y - margin) * scale));
  const x1 = Math.min(image.width, Math.ceil((rect.x + rect.width + margin) * scale));
  const y1 = Math.min(image.height, Math.ceil((rect.y + rect.height + margin) * scale));
  if (x1 <= x0 || y1 <= y0) {
    throw new QrImageError('crop-outside', 'The QR code is outside the visible part of the page. Scroll it into view and try again.');
  }
  const width = x1 - x0;
  const height = y1 - y0;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const start = ((y0 + y) * image.width + x0) * 4;
    data.set(image.data.subarray(start, start + width * 4), y * width * 4);
  }
  return { data, width, height };
}

/**
 * Tries each rect's crop of the screenshot first (small crops decode faster and more reliably),
 * then the whole frame. Rects outside the screenshot are skipped. Returns the first text found.
 */
export function decodeScreenshotRegions(image: RgbaImage, rects: QrRect[], scale: number): string | null {
  assertImage(image);
  for (const rect of rects) {
    let crop: RgbaImage;
    try {
      crop = cropImage(image, rect, scale);
    } catch (e) {
      if (e instanceof QrImageError) continue;
      throw e;
    }
    const text = decodeQr(crop);
    if (text !== null) return text;
  }
  return decodeQr(image);
}

/** Nearest-neighbour upscale by an integer factor, with a white border of 4 source pixels ×factor (≥ 16 px). */
function upscaleAndPad(image: RgbaImage, factor: number): RgbaImage {
  const pad = Math.max(16, 4 * factor);
  const width = image.width * factor + 2 * pad;
  const height = image.height * factor + 2 * pad;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < image.height * factor; y++) {
    const srcRow = Math.floor(y / factor) * image.width;
    const dstRow = (y + pad) * width + pad;
    for (let x = 0; x < image.width * factor; x++) {
      const s = (srcRow + Math.floor(x / factor)) * 4;
      const d = (dstRow + x) * 4;
      data[d] = image.data[s] ?? 255;
      data[d + 1] = image.data[s + 1] ?? 255;
      data[d + 2] = image.data[s + 2] ?? 255;
      data[d + 3] = 255;
    }
  }
  return { data, width, height };
}

function assertImage(image: RgbaImage): void {
  const { width, height, data } = image;
  const ok =
    Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 &&
    width <= MAX_SIDE && height <= MAX_SIDE && data instanceof Uint8ClampedArray && data.length === width * height * 4;
  if (!ok) throw new QrImageError('bad-image', 'The captured image could not be read. Try again.');
}
