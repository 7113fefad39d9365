/**
 * Page-side: turns a QR candidate into RGBA pixels for the decoder, or says a screenshot is needed.
 * Cross-origin images and frames cannot be read (the canvas becomes "tainted"), so those come
 * back as `needsScreenshot` with their rect and the extension crops captureVisibleTab instead.
 */

import type { QrCandidate, QrRect } from './find-qr-candidates';

/** Pixels ready for decodeQr, a request for a screenshot of `rect`, or null (nothing to read). */
export type CandidatePixels =
  | { width: number; height: number; data: Uint8ClampedArray }
  | { needsScreenshot: true; rect: QrRect }
  | null;

/** SVGs are rasterised at least this big so thin modules survive (see doc §4). */
const SVG_MIN_SIZE = 300;
const LOAD_TIMEOUT_MS = 3000;
/**
 * The longest side of what the agent hands over, quiet zone included. A setup page's QR needs
 * a few hundred pixels; a page can show a 3000×3000 noise canvas at 300 px to make decoding
 * slow, so anything bigger is scaled down here, before it costs the background anything.
 */
export const MAX_HANDOVER_SIDE = 1024;
/** The quiet zone adds 10 % per side: the drawing itself gets at most 1024 / 1.2 px. */
const MAX_DRAWN_SIDE = Math.floor(MAX_HANDOVER_SIDE / 1.2);

/** Reads the candidate's pixels on a white background with a white quiet zone around them. */
export async function readCandidatePixels(c: QrCandidate): Promise<CandidatePixels> {
  const screenshot = { needsScreenshot: true as const, rect: c.rect };
  try {
    switch (c.kind) {
      case 'uri':
        return null;
      case 'frame':
        return screenshot;
      case 'canvas':
        return draw(c.element.ownerDocument, c.element, c.element.width, c.element.height) ?? screenshot;
      case 'img': {
        const img = c.element;
        if (!img.complete || img.naturalWidth === 0) await loaded(img);
        return draw(img.ownerDocument, img, img.naturalWidth, img.naturalHeight) ?? screenshot;
      }
      case 'background': {
        const img = await loadImage(c.element.ownerDocument, c.src);
        return draw(c.element.ownerDocument, img, img.naturalWidth, img.naturalHeight) ?? screenshot;
      }
      case 'svg': {
        const size = Math.max(SVG_MIN_SIZE, Math.round(c.rect.width), Math.round(c.rect.height));
        const clone = c.element.cloneNode(true) as SVGSVGElement;
        clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
        // Explicit size: an SVG without width/height loads as a tiny or zero-size image.
        clone.setAttribute('width', String(size));
        clone.setAttribute('height', String(size));
        const xml = new XMLSerializer().serializeToString(clone);
        const img = await loadImage(c.element.ownerDocument, `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`);
        return draw(c.element.ownerDocument, img, size, size) ?? screenshot;
      }
    }
  } catch {
    // Load failures and decode errors leave the screenshot as the remaining way to see it.
    return screenshot;
  }
}

/**
 * Draws `source` centred on a white canvas with a quiet zone of 10 % (≥ 8 px) per side, scaled
 * down to fit MAX_HANDOVER_SIDE.
 * Returns null when the canvas is tainted (cross-origin pixels) or drawing is unsupported.
 */
function draw(doc: Document, source: CanvasImageSource, naturalWidth: number, naturalHeight: number): CandidatePixels {
  if (!(naturalWidth > 0) || !(naturalHeight > 0)) return null;
  const shrink = Math.min(1, MAX_DRAWN_SIDE / Math.max(naturalWidth, naturalHeight));
  const width = Math.max(1, Math.round(naturalWidth * shrink));
  const height = Math.max(1, Math.round(naturalHeight * shrink));
  const margin = Math.max(8, Math.round(Math.max(width, height) * 0.1));
  const canvas = doc.createElement('canvas');
  canvas.width = width + 2 * margin;
  canvas.height = height + 2 * margin;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  // Smoothing would blur module edges when the image is drawn at a non-native size.
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(source, margin, margin, width, height);
  try {
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return { width: canvas.width, height: canvas.height, data };
  } catch {
    return null; // SecurityError: tainted by a cross-origin image.
  }
}

function loadImage(doc: Document, src: string): Promise<HTMLImageElement> {
  const img = doc.createElement('img');
  img.src = src;
  return loaded(img).then(() => img);
}

function loaded(img: HTMLImageElement): Promise<void> {
  if (img.complete && img.naturalWidth > 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('image load timed out')), LOAD_TIMEOUT_MS);
    img.addEventListener('load', () => (clearTimeout(timer), resolve()), { once: true });
    img.addEventListener('error', () => (clearTimeout(timer), reject(new Error('image failed to load'))), { once: true });
  });
}
