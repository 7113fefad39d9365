// Draws Tessera's icon (a 2x2 mosaic of tiles) into public/icons/ at each size the manifest names.
// Run once by hand when the design changes; the PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const colors = [[36, 88, 211], [92, 140, 255], [24, 60, 150], [36, 88, 211]];
mkdirSync(new URL('../public/icons/', import.meta.url), { recursive: true });
for (const size of [16, 32, 48, 128]) {
  const png = new PNG({ width: size, height: size });
  const gap = Math.max(1, Math.round(size / 16));
  const half = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const inGap = Math.abs(x - half + 0.5) < gap / 2 + 0.5 || Math.abs(y - half + 0.5) < gap / 2 + 0.5;
      const [r, g, b] = colors[(y < half ? 0 : 2) + (x < half ? 0 : 1)];
      png.data.set(inGap ? [0, 0, 0, 0] : [r, g, b, 255], i);
    }
  }
  writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), PNG.sync.write(png));
}
