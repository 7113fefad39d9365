import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { QrImageError, cropImage, decodeQr, decodeScreenshotRegions, type RgbaImage } from './decode-qr';

const URI = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

interface RenderOpts {
  /** Pixels per module (may be fractional: sampled nearest, like a scaled screenshot). */
  module: number;
  /** Quiet zone in modules. */
  quiet: number;
  dark?: [number, number, number];
  light?: [number, number, number];
}

/** Renders the module matrix from the independent `qrcode` package into RGBA pixels. */
function render(text: string, { module, quiet, dark = [0, 0, 0], light = [255, 255, 255] }: RenderOpts): RgbaImage {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const total = modules.size + 2 * quiet;
  const side = Math.round(total * module);
  const data = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const r = Math.floor(y / module) - quiet;
      const c = Math.floor(x / module) - quiet;
      const on = r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c);
      const [R, G, B] = on ? dark : light;
      data.set([R, G, B, 255], (y * side + x) * 4);
    }
  }
  return { data, width: side, height: side };
}

/**
 * Renders like a browser scaling a code down: each pixel is the average of 4x4 sub-samples,
 * so module edges turn grey (the blur that makes jsQR miss small screenshots, cozmo/jsQR #142).
 */
function renderBlurred(text: string, module: number, quiet: number): RgbaImage {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = Math.round((modules.size + 2 * quiet) * module);
  const data = new Uint8ClampedArray(side * side * 4);
  const S = 4;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let dark = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const r = Math.floor((y + (sy + 0.5) / S) / module) - quiet;
          const c = Math.floor((x + (sx + 0.5) / S) / module) - quiet;
          if (r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c)) dark++;
        }
      }
      const v = 255 - Math.round((255 * dark) / (S * S));
      data.set([v, v, v, 255], (y * side + x) * 4);
    }
  }
  return { data, width: side, height: side };
}

const jsqrAsIs = (img: RgbaImage): string | null =>
  jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;

/** Pastes `img` into a white canvas of the given size at (x, y). */
function embed(img: RgbaImage, width: number, height: number, x: number, y: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let row = 0; row < img.height; row++) {
    data.set(img.data.subarray(row * img.width * 4, (row + 1) * img.width * 4), ((y + row) * width + x) * 4);
  }
  return { data, width, height };
}

describe('decodeQr', () => {
  it('decodes a clean code (4 px modules, 4-module quiet zone)', () => {
    expect(decodeQr(render(URI, { module: 4, quiet: 4 }))).toBe(URI);
  });

  it('decodes a 90 px code (2 px modules)', () => {
    const img = render(URI, { module: 2, quiet: 4 });
    expect(img.width).toBe(90); // version 5 = 37 modules + 8 quiet = 45 modules
    expect(decodeQr(img)).toBe(URI);
  });

  it('decodes a 90 px code at a fractional module size with no quiet zone (pixelated screenshot)', () => {
    const img = render(URI, { module: 90 / 37, quiet: 0 });
    expect(img.width).toBe(90);
    expect(decodeQr(img)).toBe(URI);
  });

  it('decodes a code with no quiet zone (Mastodon, Fortify) and a non-black fill', () => {
    const img = render(URI, { module: 5, quiet: 0, dark: [45, 55, 72] });
    expect(decodeQr(img)).toBe(URI);
  });

  it('decodes light modules on a dark background (inverted)', () => {
    const img = render(URI, { module: 4, quiet: 4, dark: [255, 255, 255], light: [20, 20, 20] });
    expect(decodeQr(img)).toBe(URI);
  });

  it('reads a blurred 68 px code that jsQR misses as-is, by upscaling', () => {
    const img = renderBlurred(URI, 1.5, 4);
    expect(img.width).toBe(68);
    expect(jsqrAsIs(img)).toBeNull(); // proves this case needs the retry
    expect(decodeQr(img)).toBe(URI);
  });

  it('reads a blurred 56 px code without quiet zone that jsQR misses as-is, by padding', () => {
    const img = renderBlurred(URI, 1.5, 0);
    expect(jsqrAsIs(img)).toBeNull();
    expect(decodeQr(img)).toBe(URI);
  });

  it('does not retry large images (opts.smallSide)', () => {
    const img = renderBlurred(URI, 1.5, 4);
    expect(decodeQr(img, { smallSide: 50 })).toBeNull();
  });

  it('decodes an otpauth-migration payload', () => {
    const mig = 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZXhhbXBsZS5jb20aB0V4YW1wbGUgASgBMAIQARgBIAA%3D';
    expect(decodeQr(render(mig, { module: 3, quiet: 4 }))).toBe(mig);
  });

  it('returns null for a blank image and for noise', () => {
    expect(decodeQr({ data: new Uint8ClampedArray(120 * 120 * 4).fill(255), width: 120, height: 120 })).toBeNull();
    let seed = 7;
    const noise = new Uint8ClampedArray(150 * 150 * 4).map((_, i) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return i % 4 === 3 ? 255 : seed % 2 ? 255 : 0;
    });
    expect(decodeQr({ data: noise, width: 150, height: 150 })).toBeNull();
  });

  it.each([
    ['data length mismatch', { data: new Uint8ClampedArray(10), width: 4, height: 4 }],
    ['zero width', { data: new Uint8ClampedArray(0), width: 0, height: 4 }],
    ['fractional size', { data: new Uint8ClampedArray(40), width: 2.5, height: 4 }],
    ['plain array data', { data: [0, 0, 0, 255] as unknown as Uint8ClampedArray, width: 1, height: 1 }],
  ])('rejects %s with a typed error', (_name, image) => {
    expect(() => decodeQr(image)).toThrow(QrImageError);
    expect(() => decodeQr(image)).toThrow(expect.objectContaining({ code: 'bad-image' }));
  });
});

describe('screenshots', () => {
  const qr = render(URI, { module: 4, quiet: 0 }); // 148 px, no quiet zone of its own
  // A 1280x800 CSS px viewport captured at devicePixelRatio 2 → 2560x1600 screenshot.
  const scale = 2;
  const qr2x = render(URI, { module: 8, quiet: 0 });
  const shot = embed(qr2x, 2560, 1600, 1700, 900); // CSS (850, 450)
  const rect = { x: 850, y: 450, width: qr2x.width / scale, height: qr2x.height / scale };

  it('crops a CSS-px rect scaled to screenshot pixels, with a margin', () => {
    const crop = cropImage(shot, rect, scale);
    const margin = Math.max(8, rect.width * 0.1) * scale;
    expect(crop.width).toBe(Math.ceil((rect.x + rect.width) * scale + margin) - Math.floor(rect.x * scale - margin));
    expect(decodeQr(crop)).toBe(URI);
  });

  it('clamps crops at the screenshot edge', () => {
    const crop = cropImage(shot, { x: 1250, y: 780, width: 100, height: 100 }, scale);
    expect(crop.width).toBe(2560 - Math.floor((1250 - 10) * 2));
    expect(crop.height).toBe(1600 - Math.floor((780 - 10) * 2));
  });

  it('rejects a rect entirely outside the screenshot, or empty', () => {
    expect(() => cropImage(shot, { x: 5000, y: 10, width: 100, height: 100 }, scale)).toThrow(
      expect.objectContaining({ code: 'crop-outside' }),
    );
    expect(() => cropImage(shot, { x: 0, y: 0, width: 0, height: 0 }, scale)).toThrow(QrImageError);
  });

  it('decodeScreenshotRegions: skips useless rects and finds the code in its crop', () => {
    const rects = [{ x: 9000, y: 0, width: 50, height: 50 }, { x: 10, y: 10, width: 200, height: 200 }, rect];
    expect(decodeScreenshotRegions(shot, rects, scale)).toBe(URI);
  });

  it('decodeScreenshotRegions: falls back to the whole frame (1280x800 at scale 1)', () => {
    const frame = embed(qr, 1280, 800, 500, 300);
    expect(decodeScreenshotRegions(frame, [{ x: 0, y: 0, width: 100, height: 100 }], 1)).toBe(URI);
  });

  it('decodeScreenshotRegions: null when there is no code anywhere', () => {
    const blank = { data: new Uint8ClampedArray(320 * 200 * 4).fill(255), width: 320, height: 200 };
    expect(decodeScreenshotRegions(blank, [{ x: 10, y: 10, width: 100, height: 100 }], 1)).toBeNull();
  });
});
