// @vitest-environment happy-dom
/**
 * happy-dom has no real canvas, so drawing is checked against a recording fake; the pixel path
 * is exercised end-to-end in Chromium by the browser tests.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QrCandidate } from './find-qr-candidates';
import { readCandidatePixels } from './read-pixels';

const rect = { x: 10, y: 20, width: 160, height: 160 };

interface FakeCtx {
  calls: string[];
  fillStyle: string;
  imageSmoothingEnabled: boolean;
}

/** Replaces canvas creation with a fake whose 2D context records calls; `taint` makes reads throw. */
function fakeCanvas(taint: boolean): { ctx: FakeCtx; canvas: { width: number; height: number } } {
  const ctx: FakeCtx & Record<string, unknown> = {
    calls: [],
    fillStyle: '',
    imageSmoothingEnabled: true,
    fillRect(x: number, y: number, w: number, h: number) {
      ctx.calls.push(`fillRect ${ctx.fillStyle} ${x},${y},${w},${h}`);
    },
    drawImage(_s: unknown, x: number, y: number, w: number, h: number) {
      ctx.calls.push(`drawImage ${x},${y},${w},${h} smoothing=${ctx.imageSmoothingEnabled}`);
    },
    getImageData(_x: number, _y: number, w: number, h: number) {
      if (taint) throw new DOMException('The canvas has been tainted', 'SecurityError');
      return { data: new Uint8ClampedArray(w * h * 4), width: w, height: h };
    },
  };
  const canvas = { width: 0, height: 0, getContext: () => ctx };
  const realCreate = document.createElement.bind(document);
  vi.spyOn(document, 'createElement').mockImplementation(((name: string) =>
    name === 'canvas' ? canvas : realCreate(name)) as typeof document.createElement);
  return { ctx, canvas };
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('readCandidatePixels', () => {
  it('has nothing to read for a URI candidate', async () => {
    expect(await readCandidatePixels({ kind: 'uri', uri: 'otpauth://totp/x?secret=A', rect, origin: null })).toBeNull();
  });

  it('asks for a screenshot of a cross-origin frame', async () => {
    const frame = document.createElement('iframe');
    expect(await readCandidatePixels({ kind: 'frame', element: frame, rect, origin: null })).toEqual({ needsScreenshot: true, rect });
  });

  it('draws a canvas on white with a quiet zone and returns its pixels', async () => {
    document.body.innerHTML = '<canvas width="160" height="160"></canvas>';
    const source = document.querySelector('canvas') as HTMLCanvasElement;
    const { ctx } = fakeCanvas(false);
    const out = await readCandidatePixels({ kind: 'canvas', element: source, rect, origin: null });
    // margin = max(8, 10 % of 160) = 16 px per side
    expect(out).toMatchObject({ width: 192, height: 192 });
    expect(out && 'data' in out && out.data.length).toBe(192 * 192 * 4);
    expect(ctx.calls).toEqual(['fillRect #fff 0,0,192,192', 'drawImage 16,16,160,160 smoothing=false']);
  });

  it('hands over at most 1,024 px on the longer side: a huge canvas is scaled down first', async () => {
    document.body.innerHTML = '<canvas width="3000" height="2400"></canvas>';
    const source = document.querySelector('canvas') as HTMLCanvasElement;
    const { ctx } = fakeCanvas(false);
    const out = await readCandidatePixels({ kind: 'canvas', element: source, rect, origin: null });
    expect(out && 'width' in out && Math.max(out.width, out.height)).toBeLessThanOrEqual(1024);
    expect(out && 'data' in out && out.data.length).toBe(out && 'width' in out ? out.width * out.height * 4 : -1);
    // 3000×2400 drawn at 853×682 (853 = 1024 / 1.2, leaving room for the quiet zone)
    expect(ctx.calls[1]).toBe('drawImage 85,85,853,682 smoothing=false');
  });

  it('falls back to a screenshot when the canvas is tainted', async () => {
    document.body.innerHTML = '<canvas width="160" height="160"></canvas>';
    const source = document.querySelector('canvas') as HTMLCanvasElement;
    fakeCanvas(true);
    const c: QrCandidate = { kind: 'canvas', element: source, rect, origin: null };
    expect(await readCandidatePixels(c)).toEqual({ needsScreenshot: true, rect });
  });

  it('falls back to a screenshot when an image never loads', async () => {
    const img = document.createElement('img');
    img.src = 'data:image/png;base64,broken';
    queueMicrotask(() => img.dispatchEvent(new Event('error')));
    expect(await readCandidatePixels({ kind: 'img', element: img, src: img.src, rect, origin: null })).toEqual({ needsScreenshot: true, rect });
  });
});
