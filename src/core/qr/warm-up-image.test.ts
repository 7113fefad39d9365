import { describe, expect, it } from 'vitest';
import { warmUpImage } from './warm-up-image';
import { decodeQr } from './decode-qr';

describe('warmUpImage', () => {
  const img = warmUpImage();
  const at = (x: number, y: number) => img.data[(y * img.width + x) * 4];

  it('is a square RGBA picture with the three finder patterns where a version 3 code has them', () => {
    expect(img.width).toBe(148);
    expect(img.data.length).toBe(148 * 148 * 4);
    // Quiet zone white, each finder's outer ring and centre dark, the ring inside it light.
    expect(at(2, 2)).toBe(255);
    for (const [ox, oy] of [[16, 16], [16 + 22 * 4, 16], [16, 16 + 22 * 4]] as const) {
      expect(at(ox + 1, oy + 1), `${ox},${oy} ring`).toBe(0);
      expect(at(ox + 5, oy + 5), `${ox},${oy} light ring`).toBe(255);
      expect(at(ox + 14, oy + 14), `${ox},${oy} centre`).toBe(0);
    }
    // No fourth finder at the bottom right.
    expect(at(16 + 22 * 4 + 14, 16 + 22 * 4 + 14)).toBe(255);
  });

  it('holds nothing to decode: warming up never yields a code', () => {
    expect(decodeQr(img)).toBeNull();
  });
});
