/**
 * An in-memory WebDAV server behind a fetch function (test-only): ETags per write, If-Match and
 * If-None-Match, MKCOL, DELETE, and switches to fail requests the way real servers and networks do.
 */
export interface FakeFile {
  body: string;
  etag: string;
  /** Last modified, ms since the epoch (set by `now()` on each write; tests may age a file). */
  modified: number;
}

export class FakeWebDav {
  files = new Map<string, FakeFile>();
  folders = new Set<string>(['/dav/']);
  requests: { method: string; path: string; headers: Record<string, string> }[] = [];
  private version = 0;
  /** Answer the next requests with this status (or 'cut' to drop the connection, 'hang' to never answer). */
  failNext: (number | 'cut' | 'hang')[] = [];
  /** Runs before a PUT is applied (to simulate another device writing first). */
  beforePut: ((path: string) => void) | null = null;
  /** Refuse a request with this status before anything else (e.g. every DELETE of one file). */
  refuse: ((method: string, path: string) => number | null) | null = null;
  /** The server's clock for last-modified times. */
  now: () => number = () => Date.now();
  user = 'alice';
  password = 'pw';

  readonly fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const path = new URL(input).pathname;
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const method = init.method ?? 'GET';
    this.requests.push({ method, path, headers });
    const fail = this.failNext.shift();
    if (fail === 'cut') throw new TypeError('network error');
    if (fail === 'hang') {
      return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    if (typeof fail === 'number') return new Response('fail', { status: fail });
    const refused = this.refuse?.(method, path);
    if (refused) return new Response('refused', { status: refused });
    if (headers.authorization !== `Basic ${btoa(`${this.user}:${this.password}`)}`) return new Response('', { status: 401 });
    const file = this.files.get(path);
    switch (method) {
      case 'GET':
        return file ? new Response(file.body, { status: 200, headers: { etag: file.etag } }) : new Response('', { status: 404 });
      case 'PUT': {
        this.beforePut?.(path);
        const current = this.files.get(path);
        if (headers['if-none-match'] === '*' && current) return new Response('', { status: 412 });
        if (headers['if-match'] && headers['if-match'] !== current?.etag) return new Response('', { status: 412 });
        const parent = path.slice(0, path.lastIndexOf('/') + 1);
        if (!this.folders.has(parent)) return new Response('', { status: 409 });
        this.write(path, String(init.body ?? ''));
        return new Response(null, { status: current ? 204 : 201 });
      }
      case 'MKCOL':
        if (this.folders.has(path)) return new Response('', { status: 405 });
        this.folders.add(path);
        return new Response(null, { status: 201 });
      case 'DELETE':
        if (!this.files.delete(path)) return new Response('', { status: 404 });
        return new Response(null, { status: 204 });
      case 'PROPFIND':
        return this.propfind(path, headers.depth);
    }
    return new Response('', { status: 405 });
  };

  write(path: string, body: string): void {
    this.files.set(path, { body, etag: `"v${++this.version}"`, modified: this.now() });
  }

  /** Paths are kept as URLs carry them (percent-encoded), so hrefs are too. A multistatus shaped like Apache mod_dav's (its prefixes, a propstat per status), Depth 0 or 1 only. */
  private propfind(path: string, depth: string | undefined): Response {
    if (depth !== '0' && depth !== '1') return new Response('', { status: 403 }); // no "infinity"
    const isFolder = this.folders.has(path);
    if (!isFolder && !this.files.has(path)) return new Response('', { status: 404 });
    const direct = (p: string) => p !== path && p.startsWith(path) && !p.slice(path.length).replace(/\/$/, '').includes('/');
    const members = isFolder && depth === '1' ? [...this.folders, ...this.files.keys()].filter(direct).sort() : [];
    const entry = (p: string) => {
      const file = this.files.get(p);
      const type = file ? '<lp1:resourcetype/>' : '<lp1:resourcetype><D:collection/></lp1:resourcetype>';
      const modified = file ? `<lp1:getlastmodified>${new Date(file.modified).toUTCString()}</lp1:getlastmodified>` : '';
      return `<D:response xmlns:lp1="DAV:"><D:href>${p}</D:href><D:propstat><D:prop>${type}${modified}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`;
    };
    const body = `<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">${[path, ...members].map(entry).join('')}</D:multistatus>`;
    return new Response(body, { status: 207, headers: { 'content-type': 'text/xml; charset="utf-8"' } });
  }
}
