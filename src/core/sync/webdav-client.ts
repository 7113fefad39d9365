/**
 * The few WebDAV requests sync needs (RFC 4918: PROPFIND, GET, PUT, MKCOL, DELETE) with the
 * conditional headers of RFC 9110 (If-Match / If-None-Match), over an injected `fetch` so unit
 * tests run against a fake and the extension against the browser's own.
 *
 * Every request has a deadline (AbortController) that also covers reading the body, and every
 * body is read with a byte budget: a slow or hostile server can neither hang a sync nor make
 * Tessera buffer gigabytes.
 */
import { SyncError } from './sync-error';
import { parseMultistatus } from './multistatus';
import type { ListedFile } from './orphan-snapshots';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface WebDavOptions {
  /** The folder the person typed ("Server address"); requests go to names inside it. */
  url: string;
  user: string;
  password: string;
  fetch: FetchLike;
  /** Per request, including the body. */
  timeoutMs?: number;
}

export interface Fetched {
  body: string;
  /** As the server sent it (may be weak, `W/"…"`), or null when it sent none. */
  etag: string | null;
}

export type PutCondition = { ifMatch: string } | { ifNoneMatch: '*' } | Record<string, never>;

const DEFAULT_TIMEOUT_MS = 20_000;
/** The largest body Tessera reads: 1,000 accounts fit in well under 1 MiB. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * A folder listing's budget: Tessera's folder holds two files, plus what a cut leaves behind.
 * 256 KiB holds well over 1,000 entries, and keeps a hostile answer's parse short (the parser's
 * namespace lookups grow with nesting: a crafted 1 MiB answer took 12 s).
 */
export const LIST_MAX_BYTES = 256 * 1024;
export const LIST_MAX_ENTRIES = 1000;

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** The folder URL, normalised to end with '/'. Throws SyncError for anything but http(s). */
export function folderUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new SyncError('bad-address');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SyncError('bad-address');
  if (url.username || url.password || url.search || url.hash) throw new SyncError('bad-address');
  // Basic auth over plain http would show the password to the network: loopback only.
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) throw new SyncError('insecure-address');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** A URL's path with percent-escapes decoded (servers escape differently), or null when malformed. */
function decodedPath(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}

function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

function statusError(status: number): SyncError {
  if (status === 401) return new SyncError('unauthorized', status);
  if (status === 403) return new SyncError('forbidden', status);
  if (status === 404 || status === 409) return new SyncError('not-found', status);
  if (status === 412) return new SyncError('conflict', status);
  if (status === 413 || status === 507) return new SyncError('full', status);
  if (status >= 500) return new SyncError('server-error', status);
  return new SyncError('unexpected-status', status);
}

async function readCapped(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > max) throw new SyncError('too-large');
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw new SyncError('too-large');
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(all);
}

export class WebDavClient {
  readonly folder: URL;
  private readonly auth: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: WebDavOptions) {
    this.folder = folderUrl(options.url);
    this.auth = basicAuth(options.user, options.password);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The URL of `name` inside the folder; names are Tessera's own (no '..', no scheme). */
  urlOf(name: string): string {
    if (!/^[A-Za-z0-9._/-]*$/.test(name) || name.split('/').includes('..')) throw new SyncError('bad-address');
    return new URL(name, this.folder).href;
  }

  /** One request with a deadline; `read` runs inside the same deadline. */
  private async request<T>(method: string, name: string, headers: Record<string, string>, body: string | undefined, read: (res: Response) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      let res: Response;
      try {
        res = await this.options.fetch(this.urlOf(name), {
          method,
          headers: { Authorization: this.auth, ...headers },
          body,
          signal: controller.signal,
          cache: 'no-store',
          credentials: 'omit',
          redirect: 'error',
        });
      } catch (err) {
        if (err instanceof SyncError) throw err;
        throw new SyncError(timedOut ? 'timeout' : 'unreachable');
      }
      try {
        return await read(res);
      } catch (err) {
        if (err instanceof SyncError) throw err;
        throw new SyncError(timedOut ? 'timeout' : 'connection-lost');
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** The file's text and ETag, or null when it does not exist. */
  get(name: string, maxBytes = MAX_BODY_BYTES): Promise<Fetched | null> {
    return this.request('GET', name, {}, undefined, async (res) => {
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      if (res.status !== 200) throw statusError(res.status);
      const body = await readCapped(res, maxBytes);
      return { body, etag: res.headers.get('etag') };
    });
  }

  /** Writes the whole file. With `ifMatch`/`ifNoneMatch` a changed file fails with SyncError('conflict'). */
  put(name: string, body: string, condition: PutCondition = {}): Promise<void> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if ('ifMatch' in condition) headers['If-Match'] = condition.ifMatch;
    if ('ifNoneMatch' in condition) headers['If-None-Match'] = condition.ifNoneMatch;
    return this.request('PUT', name, headers, body, async (res) => {
      await res.body?.cancel();
      if (res.status !== 200 && res.status !== 201 && res.status !== 204) throw statusError(res.status);
    });
  }

  /** Creates a folder; an existing one is fine. */
  mkcol(name: string): Promise<'created' | 'exists'> {
    return this.request('MKCOL', name, {}, undefined, async (res) => {
      await res.body?.cancel();
      if (res.status === 201) return 'created';
      if (res.status === 405) return 'exists';
      throw statusError(res.status);
    });
  }

  /** Deletes a file; one already gone is fine. */
  delete(name: string): Promise<void> {
    return this.request('DELETE', name, {}, undefined, async (res) => {
      await res.body?.cancel();
      if (res.status !== 200 && res.status !== 204 && res.status !== 404) throw statusError(res.status);
    });
  }

  /**
   * The members directly inside folder `name` (PROPFIND, Depth 1: never the whole tree), each
   * named as the pointer names files (relative to the server address), with the server's
   * last-modified time. Bounded: the answer is read up to LIST_MAX_BYTES and LIST_MAX_ENTRIES.
   */
  listFolder(name: string): Promise<ListedFile[]> {
    if (!name.endsWith('/')) throw new SyncError('bad-address');
    const body = '<?xml version="1.0" encoding="utf-8"?><propfind xmlns="DAV:"><prop><resourcetype/><getlastmodified/></prop></propfind>';
    return this.request('PROPFIND', name, { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' }, body, async (res) => {
      if (res.status === 404) {
        await res.body?.cancel();
        return [];
      }
      if (res.status !== 207) {
        await res.body?.cancel();
        throw statusError(res.status);
      }
      const xml = await readCapped(res, LIST_MAX_BYTES);
      const self = decodedPath(new URL(this.urlOf(name)));
      const base = decodedPath(this.folder);
      const out: ListedFile[] = [];
      if (self === null || base === null) return out;
      for (const entry of parseMultistatus(xml, LIST_MAX_ENTRIES)) {
        let url: URL;
        try {
          url = new URL(entry.href, this.folder);
        } catch {
          continue;
        }
        const path = url.origin === this.folder.origin ? decodedPath(url) : null;
        if (path === null || path === self || !path.startsWith(self)) continue;
        const slash = path.endsWith('/');
        const rest = path.slice(self.length, slash ? -1 : undefined);
        // Depth 1 answers only direct members; anything deeper (or odd) is not ours to name.
        if (!rest || rest.includes('/')) continue;
        out.push({ name: path.slice(base.length, slash ? -1 : undefined), lastModified: entry.lastModified, collection: entry.collection || slash });
      }
      return out;
    });
  }
}
