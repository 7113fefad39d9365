/**
 * Lists what on the page might be an authenticator QR code, best first, without reading pixels:
 * otpauth links and image URLs that carry the URI come first (no decoding needed), then images,
 * canvases, inline SVGs, CSS backgrounds and finally cross-origin frames (screenshot only).
 * See shared/docs/real-world-2fa-pages.md §2 and §4 for the shapes real sites use.
 */

import { collectRoots } from '../fields/dom-roots';
import { isVisible } from '../fields/visibility';

/** A rectangle in CSS px relative to the top document's viewport. */
export interface QrRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Something that is, or shows, an otpauth QR code. `origin` is the origin of the document that
 * shows it (for an unreadable frame, the frame element's own origin), or null when that cannot
 * be known: a scanned account is bound to the site that showed its QR code, or to none.
 */
export type QrCandidate = (
  | { kind: 'uri'; uri: string; rect: QrRect }
  | { kind: 'img'; element: HTMLImageElement; src: string; rect: QrRect }
  | { kind: 'canvas'; element: HTMLCanvasElement; rect: QrRect }
  | { kind: 'svg'; element: SVGSVGElement; rect: QrRect }
  | { kind: 'background'; element: Element; src: string; rect: QrRect }
  | { kind: 'frame'; element: HTMLIFrameElement; rect: QrRect }
) & { origin: string | null };

const MIN_SIDE = 40;
const MAX_SIDE = 1500;
/** Gitea serves a 320×240 PNG around a square code, hence 1.5 rather than ~1. */
const MAX_ASPECT = 1.5;
/** Computed styles are read per element for backgrounds; cap the cost on huge pages. */
const MAX_BACKGROUND_SCAN = 5000;
const ICON_NAME = /logo|icon|avatar|emoji|favicon|sprite|spinner|loading|badge/i;
const OTPAUTH = /^otpauth(-migration)?:/i;

/** Finds QR candidates in `root`, its open shadow roots and iframes. */
export function findQrCandidates(root: Document): QrCandidate[] {
  const uris: QrCandidate[] = [];
  const visuals: Array<{ c: QrCandidate; visible: boolean; area: number; order: number }> = [];
  const addVisual = (c: QrCandidate, el: Element, size: QrRect): void => {
    if (!plausibleSize(size)) return;
    if (c.kind !== 'frame') c.origin = originOfDocument(el.ownerDocument);
    visuals.push({ c, visible: isVisible(el), area: size.width * size.height, order: visuals.length });
  };
  const seenUris = new Set<string>();
  const addUri = (uri: string, el: Element, dx: number, dy: number): void => {
    if (seenUris.has(uri)) return;
    seenUris.add(uri);
    uris.push({ kind: 'uri', uri, rect: rectOf(el, dx, dy), origin: originOfDocument(el.ownerDocument) });
  };

  const frames: Array<{ frame: HTMLIFrameElement; dx: number; dy: number }> = [];
  const visits = collectRoots(root, (frame, dx, dy) => frames.push({ frame, dx, dy }));
  for (const { root: r, offsetX: dx, offsetY: dy } of visits) {
    for (const a of Array.from(r.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
      const href = a.getAttribute('href')?.trim() ?? '';
      if (OTPAUTH.test(href)) addUri(href, a, dx, dy);
    }
    for (const img of Array.from(r.querySelectorAll('img'))) {
      const src = img.currentSrc || img.src;
      const carried = uriInImageUrl(src);
      if (carried) {
        addUri(carried, img, dx, dy);
        continue;
      }
      if (!/^(data:image\/|https?:|blob:)/i.test(src)) continue;
      const size = sizeOf(img, dx, dy);
      if (size.width < 100 && size.height < 100 && ICON_NAME.test(`${src} ${img.alt} ${img.className} ${img.id}`)) continue;
      addVisual({ kind: 'img', element: img, src, rect: size, origin: null }, img, size);
    }
    for (const canvas of Array.from(r.querySelectorAll('canvas'))) {
      const size = sizeOf(canvas, dx, dy);
      addVisual({ kind: 'canvas', element: canvas, rect: size, origin: null }, canvas, size);
    }
    for (const svg of Array.from(r.querySelectorAll('svg'))) {
      // Only outermost SVGs; nested ones are part of a drawing already considered.
      if (svg.parentElement?.closest('svg') || !looksLikeQrSvg(svg)) continue;
      const size = sizeOf(svg, dx, dy);
      addVisual({ kind: 'svg', element: svg as SVGSVGElement, rect: size, origin: null }, svg, size);
    }
    scanBackgrounds(r, dx, dy, addVisual);
  }
  for (const { frame, dx, dy } of frames) {
    const size = sizeOf(frame, dx, dy);
    addVisual({ kind: 'frame', element: frame, rect: size, origin: opaqueFrameOrigin(frame) }, frame, size);
  }
  // Visible before hidden (a screenshot cannot see hidden ones), then bigger first: a QR code is
  // usually the largest square image on a setup page. Frames were added last and stay behind ties.
  visuals.sort((a, b) => Number(b.visible) - Number(a.visible) || kindRank(a.c) - kindRank(b.c) || b.area - a.area || a.order - b.order);
  return [...uris, ...visuals.map((v) => v.c)];
}

/** The origin of a document we can read, or null for an opaque one (sandboxed, data:). */
function originOfDocument(doc: Document): string | null {
  const origin = doc.defaultView?.location.origin ?? null;
  return origin && origin !== 'null' ? origin : null;
}

/**
 * The origin of a frame whose document we may not read, from the frame element's own src.
 * The same-origin policy confirms it only when it differs from the parent's origin: an
 * unreadable frame whose src names the parent's own origin has navigated elsewhere (or is
 * sandboxed), so what it shows now belongs to an origin nobody can tell: null.
 */
export function opaqueFrameOrigin(frame: HTMLIFrameElement): string | null {
  const src = frame.getAttribute('src');
  if (!src || frame.hasAttribute('srcdoc')) return null;
  let url: URL;
  try {
    url = new URL(src, frame.baseURI);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return url.origin === originOfDocument(frame.ownerDocument) ? null : url.origin;
}

/** How many visible frames of the page we cannot read: a whole-screenshot read may show any of them. */
export function countOpaqueFrames(root: Document): number {
  let count = 0;
  collectRoots(root, () => count++);
  return count;
}

function kindRank(c: QrCandidate): number {
  return c.kind === 'frame' ? 1 : 0;
}

/** The otpauth URI in a QR-generator URL (`api.qrserver.com/...?data=`, Google Charts `chl=`), if any. */
export function uriInImageUrl(src: string): string | null {
  if (!/^https?:/i.test(src)) return null;
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return null;
  }
  for (const key of ['data', 'chl']) {
    const value = url.searchParams.get(key)?.trim();
    if (value && OTPAUTH.test(value)) return value;
  }
  return null;
}

function scanBackgrounds(
  r: Document | ShadowRoot,
  dx: number,
  dy: number,
  add: (c: QrCandidate, el: Element, size: QrRect) => void,
): void {
  const all = r.querySelectorAll('*');
  // A Document's ownerDocument is null; instanceof would fail across iframe realms.
  const view = (r.ownerDocument ?? (r as Document)).defaultView;
  if (!view) return;
  for (let i = 0; i < all.length && i < MAX_BACKGROUND_SCAN; i++) {
    const el = all[i] as Element;
    const match = /url\(\s*(['"]?)(.*?)\1\s*\)/.exec(view.getComputedStyle(el).backgroundImage);
    const src = match?.[2];
    if (!src) continue;
    let absolute: string;
    try {
      absolute = new URL(src, el.baseURI).href;
    } catch {
      continue;
    }
    const size = sizeOf(el, dx, dy);
    add({ kind: 'background', element: el, src: absolute, rect: size, origin: null }, el, size);
  }
}

/** QR SVGs are either many rects (rqrcode) or a long path (BaconQrCode, qrcode.react); icons are neither. */
function looksLikeQrSvg(svg: Element): boolean {
  if (svg.querySelectorAll('rect').length >= 20) return true;
  return Array.from(svg.querySelectorAll('path')).some((p) => (p.getAttribute('d') ?? '').length >= 300);
}

function plausibleSize({ width, height }: QrRect): boolean {
  const small = Math.min(width, height);
  const big = Math.max(width, height);
  return small >= MIN_SIDE && big <= MAX_SIDE && big / small <= MAX_ASPECT;
}

function rectOf(el: Element, dx: number, dy: number): QrRect {
  const r = el.getBoundingClientRect();
  return { x: r.left + dx, y: r.top + dy, width: r.width, height: r.height };
}

/**
 * The element's on-screen rect; when it has no layout (hidden, or a DOM without layout) its
 * declared size stands in, so hidden data: images and SVGs can still be decoded from pixels.
 */
function sizeOf(el: Element, dx: number, dy: number): QrRect {
  const rect = rectOf(el, dx, dy);
  if (rect.width > 0 && rect.height > 0) return rect;
  const attr = (name: string): number => parseFloat(el.getAttribute(name) ?? '') || 0;
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  const box = svgViewBox(el);
  const width = attr('width') || parseFloat(style?.width ?? '') || box.width || (el as HTMLImageElement).naturalWidth || 0;
  const height = attr('height') || parseFloat(style?.height ?? '') || box.height || (el as HTMLImageElement).naturalHeight || 0;
  return { x: rect.x, y: rect.y, width, height };
}

function svgViewBox(el: Element): { width: number; height: number } {
  const parts = (el.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  return parts.length === 4 ? { width: parts[2] || 0, height: parts[3] || 0 } : { width: 0, height: 0 };
}
