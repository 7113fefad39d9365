/**
 * A picture that looks like the start of a QR code to jsQR (its three finder patterns on a white
 * field, nothing decodable): decoding it a few times when a decode worker starts gets V8 to
 * optimise jsQR's binariser, locator and extractor before the first real scan needs them (cold,
 * jsQR took 3-4x longer on a setup page's code than once warm).
 */
import type { RgbaImage } from './decode-qr';

const MODULES = 29; // a version 3 symbol
const MODULE_PX = 4;
const MARGIN = 4; // modules of quiet zone

export function warmUpImage(): RgbaImage {
  const side = (MODULES + 2 * MARGIN) * MODULE_PX;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  const dark = (mx: number, my: number) => {
    for (let y = 0; y < MODULE_PX; y++) {
      for (let x = 0; x < MODULE_PX; x++) {
        const i = (((MARGIN + my) * MODULE_PX + y) * side + (MARGIN + mx) * MODULE_PX + x) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  };
  // A finder pattern: a dark 7×7 ring, a light ring, a dark 3×3 centre.
  const finder = (ox: number, oy: number) => {
    for (let y = 0; y < 7; y++) {
      for (let x = 0; x < 7; x++) {
        const ring = x === 0 || y === 0 || x === 6 || y === 6;
        const centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
        if (ring || centre) dark(ox + x, oy + y);
      }
    }
  };
  finder(0, 0);
  finder(MODULES - 7, 0);
  finder(0, MODULES - 7);
  return { data, width: side, height: side };
}
