/**
 * Reads QR codes from a screenshot: each candidate region's crop first (small crops decode
 * faster, and several codes stay several, each with its own region), the whole frame last.
 */
import { cropImage, decodeQr, QrImageError, type RgbaImage } from './decode-qr';
import type { QrRect } from './find-qr-candidates';

/** One code found: the region it came from (index into the rects), or null for the whole frame. */
export interface ScreenshotHit {
  region: number | null;
  text: string;
}

export function readScreenshot(image: RgbaImage, rects: QrRect[], scale: number): ScreenshotHit[] {
  const hits: ScreenshotHit[] = [];
  rects.forEach((rect, region) => {
    let crop: RgbaImage;
    try {
      crop = cropImage(image, rect, scale);
    } catch (e) {
      if (e instanceof QrImageError) return; // a region outside the screenshot
      throw e;
    }
    const text = decodeQr(crop);
    if (text !== null) hits.push({ region, text });
  });
  if (hits.length) return hits;
  const whole = decodeQr(image);
  return whole === null ? [] : [{ region: null, text: whole }];
}
