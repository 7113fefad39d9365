/**
 * Reads a WebDAV PROPFIND answer (RFC 4918 §9.1, a `DAV:multistatus`) into plain entries: each
 * member's href, its `getlastmodified` and whether it is a collection.
 *
 * Parsed with a namespace-aware XML parser (@xmldom/xmldom; an MV3 service worker has no
 * DOMParser), matching elements by namespace `DAV:` and local name: servers choose their own
 * prefixes (`D:`, `d:`, `lp1:`, a default namespace), so the text of the tags cannot be trusted.
 * A document type is refused before parsing (a multistatus never has one, and it is where
 * entity tricks live); the caller caps the body's size and this caps the entries read.
 */
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { SyncError } from './sync-error';

const DAV = 'DAV:';
const ELEMENT_NODE = 1;

export interface DavEntry {
  /** As the server wrote it: an absolute path or URL, percent-encoded. */
  href: string;
  /** Milliseconds since the epoch, or null when the server gave no readable date. */
  lastModified: number | null;
  collection: boolean;
}

function davChildren(parent: Node, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE && n.namespaceURI === DAV && n.localName === localName) out.push(n as Element);
  }
  return out;
}

const text = (el: Element | undefined): string => (el?.textContent ?? '').trim();

/** Only properties under a 2xx `propstat` count: a 404 there means "no such property". */
function okProps(response: Element): Element[] {
  return davChildren(response, 'propstat')
    .filter((ps) => /^HTTP\/\d(?:\.\d)?\s+2\d\d\b/.test(text(davChildren(ps, 'status')[0])))
    .flatMap((ps) => davChildren(ps, 'prop'));
}

/** A real multistatus is about six elements deep with a few namespace declarations. */
const MAX_DEPTH = 16;
const MAX_NAMESPACE_DECLARATIONS = 32;

/**
 * Whether the answer has the shape of a folder listing, checked in one pass before parsing: deep
 * nesting with namespace declarations on every level is what makes the parser slow.
 */
function plainShape(xml: string): boolean {
  if ((xml.match(/\bxmlns[:=]/g)?.length ?? 0) > MAX_NAMESPACE_DECLARATIONS) return false;
  let depth = 0;
  for (const tag of xml.matchAll(/<(\/?)[^!?][^>]*?(\/?)>/g)) {
    if (tag[1]) depth--;
    else if (!tag[2]) depth++;
    if (depth > MAX_DEPTH) return false;
  }
  return true;
}

function dateOf(value: string): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

/** The first `maxEntries` members of a multistatus. Throws SyncError('damaged') for anything else. */
export function parseMultistatus(xml: string, maxEntries: number): DavEntry[] {
  if (/<!DOCTYPE/i.test(xml) || !plainShape(xml)) throw new SyncError('damaged');
  let root: Element | null;
  try {
    const parser = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    });
    root = parser.parseFromString(xml, 'application/xml').documentElement;
  } catch {
    throw new SyncError('damaged');
  }
  if (!root || root.namespaceURI !== DAV || root.localName !== 'multistatus') throw new SyncError('damaged');
  const entries: DavEntry[] = [];
  for (const response of davChildren(root, 'response')) {
    if (entries.length >= maxEntries) break;
    const href = text(davChildren(response, 'href')[0]);
    if (!href) continue;
    let lastModified: number | null = null;
    let collection = false;
    for (const prop of okProps(response)) {
      lastModified ??= dateOf(text(davChildren(prop, 'getlastmodified')[0]));
      const type = davChildren(prop, 'resourcetype')[0];
      if (type && davChildren(type, 'collection').length > 0) collection = true;
    }
    entries.push({ href, lastModified, collection });
  }
  return entries;
}
