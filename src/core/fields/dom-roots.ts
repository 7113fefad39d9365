/**
 * Walks a page the way a user sees it: the document itself, every open shadow root and every
 * same-origin iframe, recursively. Password managers that skip shadow DOM miss web-component
 * login forms, so both the code-field finder and the QR finder start here.
 */

import { isVisible } from './visibility';

/** A searchable root plus where its (0,0) sits in the top document's viewport, in CSS px. */
export interface RootVisit {
  root: Document | ShadowRoot;
  offsetX: number;
  offsetY: number;
}

/** Called for iframes whose document we may not read (cross-origin): the QR finder screenshots them. */
export type OpaqueFrameHandler = (frame: HTMLIFrameElement, offsetX: number, offsetY: number) => void;

/** Nesting limit: a guard against pathological pages, far deeper than any real login page. */
const MAX_DEPTH = 8;

/**
 * Lists `doc`, its open shadow roots and its readable, visible iframes (depth first, document
 * order within each root). Hidden iframes are skipped: nothing inside them can be seen or typed into.
 */
export function collectRoots(doc: Document, onOpaqueFrame?: OpaqueFrameHandler): RootVisit[] {
  const out: RootVisit[] = [];
  walk(doc, 0, 0, 0, out, onOpaqueFrame);
  return out;
}

function walk(
  root: Document | ShadowRoot,
  offsetX: number,
  offsetY: number,
  depth: number,
  out: RootVisit[],
  onOpaqueFrame: OpaqueFrameHandler | undefined,
): void {
  out.push({ root, offsetX, offsetY });
  if (depth >= MAX_DEPTH) return;
  // A TreeWalker is several times faster than iterating querySelectorAll('*') on big pages.
  const doc = 'createTreeWalker' in root ? root : root.ownerDocument;
  const walker = doc.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node as Element;
    if (el.shadowRoot) walk(el.shadowRoot, offsetX, offsetY, depth + 1, out, onOpaqueFrame);
    if (el.localName !== 'iframe' && el.localName !== 'frame') continue;
    const frame = el as HTMLIFrameElement;
    if (!isVisible(frame)) continue;
    const rect = frame.getBoundingClientRect();
    // The frame's content starts inside its border, hence clientLeft/clientTop.
    const x = offsetX + rect.left + frame.clientLeft;
    const y = offsetY + rect.top + frame.clientTop;
    const inner = readableDocument(frame);
    if (inner) walk(inner, x, y, depth + 1, out, onOpaqueFrame);
    else onOpaqueFrame?.(frame, offsetX, offsetY);
  }
}

/** The frame's document if the same-origin policy lets us read it, else null. */
function readableDocument(frame: HTMLIFrameElement): Document | null {
  try {
    const inner = frame.contentDocument;
    // Touching a property proves access: some browsers hand out a document that throws later.
    return inner && inner.documentElement ? inner : null;
  } catch {
    return null;
  }
}
