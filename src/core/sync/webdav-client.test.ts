import { describe, expect, it } from 'vitest';
import { folderUrl, LIST_MAX_BYTES, LIST_MAX_ENTRIES, WebDavClient } from './webdav-client';
import { SyncError } from './sync-error';
import { FakeWebDav } from './fake-webdav';

const client = (fake: FakeWebDav, timeoutMs = 2000) => new WebDavClient({ url: 'http://127.0.0.1:1/dav', user: 'alice', password: 'pw', fetch: fake.fetch, timeoutMs });
const code = async (p: Promise<unknown>) => p.then(() => 'no error', (e: unknown) => (e instanceof SyncError ? e.code : String(e)));

describe('folderUrl', () => {
  it('accepts https anywhere and http only on this computer', () => {
    expect(folderUrl('https://cloud.example.org/remote.php/dav/files/alice').href).toBe('https://cloud.example.org/remote.php/dav/files/alice/');
    expect(folderUrl('http://localhost:8080/dav/').href).toBe('http://localhost:8080/dav/');
    expect(() => folderUrl('http://cloud.example.org/dav/')).toThrow(expect.objectContaining({ code: 'insecure-address' }));
    expect(() => folderUrl('ftp://x/')).toThrow(expect.objectContaining({ code: 'bad-address' }));
    expect(() => folderUrl('https://bob:pw@x.example/')).toThrow(expect.objectContaining({ code: 'bad-address' }));
    expect(() => folderUrl('not a url')).toThrow(expect.objectContaining({ code: 'bad-address' }));
  });
});

describe('WebDavClient', () => {
  it('reads, writes with ETag conditions, creates folders and deletes', async () => {
    const fake = new FakeWebDav();
    const dav = client(fake);
    expect(await dav.mkcol('tessera/')).toBe('created');
    expect(await dav.mkcol('tessera/')).toBe('exists');
    expect(await dav.get('tessera/a.json')).toBeNull();
    await dav.put('tessera/a.json', '{"a":1}', { ifNoneMatch: '*' });
    expect(await code(dav.put('tessera/a.json', 'x', { ifNoneMatch: '*' }))).toBe('conflict');
    const got = await dav.get('tessera/a.json');
    expect(got).toEqual({ body: '{"a":1}', etag: '"v1"' });
    await dav.put('tessera/a.json', '{"a":2}', { ifMatch: '"v1"' });
    expect(await code(dav.put('tessera/a.json', '{"a":3}', { ifMatch: '"v1"' }))).toBe('conflict');
    expect(fake.files.get('/dav/tessera/a.json')!.body).toBe('{"a":2}');
    await dav.delete('tessera/a.json');
    await dav.delete('tessera/a.json'); // already gone is fine
    expect(fake.requests.every((r) => r.headers.authorization === `Basic ${btoa('alice:pw')}`)).toBe(true);
  });

  it('turns every failure into a SyncError a person can read', async () => {
    const fake = new FakeWebDav();
    const dav = client(fake, 200);
    for (const [status, expected] of [[401, 'unauthorized'], [403, 'forbidden'], [507, 'full'], [500, 'server-error'], [503, 'server-error'], [412, 'conflict'], [418, 'unexpected-status']] as const) {
      fake.failNext = [status];
      expect(await code(dav.put('x.json', '{}'))).toBe(expected);
    }
    fake.failNext = ['cut'];
    expect(await code(dav.get('x.json'))).toBe('unreachable');
    fake.failNext = ['hang'];
    expect(await code(dav.get('x.json'))).toBe('timeout');
    fake.password = 'changed';
    expect(await code(dav.get('x.json'))).toBe('unauthorized');
  });

  it('refuses a body over its budget and names outside the folder', async () => {
    const fake = new FakeWebDav();
    fake.write('/dav/big.json', 'x'.repeat(5000));
    const dav = client(fake);
    expect(await code(dav.get('big.json', 1000))).toBe('too-large');
    expect(() => dav.urlOf('../other')).toThrow(SyncError);
    expect(() => dav.urlOf('https://evil.example/')).toThrow(SyncError);
  });

  it('lists the sync folder at Depth 1 with each member’s server time, and nothing deeper', async () => {
    const fake = new FakeWebDav();
    const dav = client(fake);
    await dav.mkcol('tessera/');
    fake.now = () => Date.parse('2026-12-01T10:00:00.700Z');
    await dav.put('tessera/sync.json', '{}');
    fake.now = () => Date.parse('2026-12-01T11:30:00Z');
    fake.write('/dav/tessera/notes%20draft.txt', 'x'); // another program's file, its href percent-encoded
    await dav.mkcol('tessera/old/');
    await dav.put('tessera/old/deep.json', '{}');
    await dav.put('elsewhere.json', '{}');
    const listing = await dav.listFolder('tessera/');
    expect(listing.sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { name: 'tessera/notes draft.txt', lastModified: Date.parse('2026-12-01T11:30:00Z'), collection: false },
      { name: 'tessera/old', lastModified: null, collection: true },
      // The server counts whole seconds.
      { name: 'tessera/sync.json', lastModified: Date.parse('2026-12-01T10:00:00Z'), collection: false },
    ]);
    const propfind = fake.requests.filter((r) => r.method === 'PROPFIND');
    expect(propfind).toHaveLength(1);
    expect(propfind[0]!.path).toBe('/dav/tessera/');
    expect(propfind[0]!.headers.depth).toBe('1');
    expect(await dav.listFolder('missing/')).toEqual([]);
    expect(() => dav.listFolder('tessera')).toThrow(SyncError); // folders only
  });

  it('reads any server’s prefixes by namespace, and only properties it reports as found', async () => {
    const xml = (body: string) => `<?xml version="1.0"?>${body}`;
    const answers: string[] = [
      // A default namespace and a 404 propstat for the missing date (as Nextcloud answers).
      xml(`<multistatus xmlns="DAV:"><response><href>/dav/tessera/</href><propstat><prop><resourcetype><collection/></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response>
        <response><href>http://127.0.0.1:1/dav/tessera/s-${'a'.repeat(32)}.json</href><propstat><prop><resourcetype/><getlastmodified>Tue, 01 Dec 2026 09:00:00 GMT</getlastmodified></prop><status>HTTP/1.1 200 OK</status></propstat></response>
        <response><href>/dav/tessera/b.json</href><propstat><prop><resourcetype/></prop><status>HTTP/1.1 200 OK</status></propstat><propstat><prop><getlastmodified>Tue, 01 Dec 2026 09:00:00 GMT</getlastmodified></prop><status>HTTP/1.1 404 Not Found</status></propstat></response>
        <response><href>https://other.example/dav/tessera/c.json</href></response>
        <response><href>/dav/tessera/%E0%A4%A.json</href></response></multistatus>`),
      // Lower-case prefix; an element named like DAV's in another namespace counts for nothing.
      xml(`<d:multistatus xmlns:d="DAV:" xmlns:x="urn:x"><d:response><d:href>/dav/tessera/s-${'a'.repeat(32)}.json</d:href><d:propstat><d:prop><x:getlastmodified>Mon, 01 Jan 2001 00:00:00 GMT</x:getlastmodified><d:getlastmodified>Tue, 01 Dec 2026 09:00:00 GMT</d:getlastmodified></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`),
    ];
    for (const answer of answers) {
      const dav = new WebDavClient({ url: 'http://127.0.0.1:1/dav/', user: 'alice', password: 'pw', fetch: async () => new Response(answer, { status: 207 }) });
      const listing = await dav.listFolder('tessera/');
      expect(listing[0]).toEqual({ name: `tessera/s-${'a'.repeat(32)}.json`, lastModified: Date.parse('2026-12-01T09:00:00Z'), collection: false });
      expect(listing.slice(1)).toEqual(answer.includes('b.json') ? [{ name: 'tessera/b.json', lastModified: null, collection: false }] : []);
    }
  });

  it('refuses a listing that is not a multistatus, carries a document type or is over its budget', async () => {
    const answering = (body: string, status = 207) => new WebDavClient({ url: 'http://127.0.0.1:1/dav/', user: 'alice', password: 'pw', fetch: async () => new Response(body, { status }) });
    expect(await code(answering('<multistatus xmlns="DAV:"><response>').listFolder('tessera/'))).toBe('damaged');
    expect(await code(answering('<html><body>Welcome</body></html>').listFolder('tessera/'))).toBe('damaged');
    expect(await code(answering('<multistatus/>').listFolder('tessera/'))).toBe('damaged'); // not in DAV:
    const laughs = '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><multistatus xmlns="DAV:"><response><href>&b;</href></response></multistatus>';
    expect(await code(answering(laughs).listFolder('tessera/'))).toBe('damaged');
    expect(await code(answering(`<multistatus xmlns="DAV:">${' '.repeat(LIST_MAX_BYTES)}</multistatus>`).listFolder('tessera/'))).toBe('too-large');
    expect(await code(answering('', 403).listFolder('tessera/'))).toBe('forbidden');
    // Shapes that make the parser slow are refused before parsing: deep nesting (an answer
    // crafted like this, 1 MiB of it, took 12 s to parse) and namespace declarations by the dozen.
    const deep = `<multistatus xmlns="DAV:">${'<response xmlns:p="x">'.repeat(20)}${'</response>'.repeat(20)}</multistatus>`;
    expect(deep.length).toBeLessThan(1000);
    expect(await code(answering(deep).listFolder('tessera/'))).toBe('damaged');
    const declarations = `<multistatus xmlns="DAV:">${Array.from({ length: 40 }, (_, i) => `<response xmlns:p${i}="x"><href>/dav/tessera/f${i}</href></response>`).join('')}</multistatus>`;
    expect(await code(answering(declarations).listFolder('tessera/'))).toBe('damaged');
    // A real server's listing (apache's shape: six levels, self-closing collection) passes.
    const apache = '<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:"><D:response xmlns:lp1="DAV:"><D:href>/dav/tessera/</D:href><D:propstat><D:prop><lp1:resourcetype><D:collection/></lp1:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response><D:response xmlns:lp1="DAV:"><D:href>/dav/tessera/sync.json</D:href><D:propstat><D:prop><lp1:resourcetype/><lp1:getlastmodified>Tue, 01 Dec 2026 10:00:00 GMT</lp1:getlastmodified></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>';
    expect(await answering(apache).listFolder('tessera/')).toEqual([{ name: 'tessera/sync.json', lastModified: Date.parse('2026-12-01T10:00:00Z'), collection: false }]);
    const many = `<multistatus xmlns="DAV:">${Array.from({ length: LIST_MAX_ENTRIES + 50 }, (_, i) => `<response><href>/dav/tessera/f${i}</href></response>`).join('')}</multistatus>`;
    expect(await answering(many).listFolder('tessera/')).toHaveLength(LIST_MAX_ENTRIES);
  });
});
