/**
 * An in-memory WebDAV server behind a fetch function (test-only): ETags per write, If-Match and
 * If-None-Match, MKCOL, DELETE, and switches to fail requests the way real servers and networks do.
 */
export interface FakeFile {
  body: string;
  etag: string;
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
      case 'PROPFIND': {
        const inside = [...this.files.keys()].filter((p) => p.startsWith(path));
        const body = `<?xml version="1.0"?><D:multistatus xmlns:D="DAV:">${[path, ...inside].map((p) => `<D:response><D:href>${p}</D:href></D:response>`).join('')}</D:multistatus>`;
        return new Response(body, { status: 207 });
      }
    }
    return new Response('', { status: 405 });
  };

  write(path: string, body: string): void {
    this.files.set(path, { body, etag: `"v${++this.version}"` });
  }
}
