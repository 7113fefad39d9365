import { describe, expect, it } from 'vitest';
import { folderUrl, WebDavClient } from './webdav-client';
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
    expect(await dav.list('tessera/')).toEqual(['a.json']);
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
});
