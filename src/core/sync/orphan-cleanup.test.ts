/**
 * Orphan snapshots through whole sync rounds against the in-memory server: what a connection
 * cut between the two PUTs leaves behind is deleted by a later round, within its budget, and a
 * failing cleanup never fails the round.
 */
import { describe, expect, it } from 'vitest';
import { FakeWebDav } from './fake-webdav';
import { WebDavClient, type FetchLike } from './webdav-client';
import { openOrCreate, syncRound } from './sync-engine';
import { applyRound } from './sync-apply';
import { localRecords, type SyncRecord } from './sync-records';
import { MAX_DELETIONS_PER_ROUND } from './orphan-snapshots';
import { sampleAccounts } from '../vault/test-fixtures';
import type { Account } from '../otp/account';
import type { SyncHeader } from './sync-format';

const POINTER = '/dav/tessera/sync.json';
const SNAPSHOT = /^\/dav\/tessera\/s-[0-9a-f]{32}\.json$/;
let clock = 1_800_000_000_000;
const options = () => ({ now: (clock += 1000), newId: () => crypto.randomUUID(), conflictIssuer: (i: string) => `${i} (conflict)`, sleep: async () => undefined });

interface Device {
  accounts: Account[];
  base: SyncRecord[];
  key: CryptoKey;
  header: SyncHeader;
}

function setup() {
  const fake = new FakeWebDav();
  // The server's clock moves 2 s per write, so every upload is strictly newer than the last.
  let serverTime = Date.parse('2026-12-01T12:00:00Z');
  fake.now = () => (serverTime += 2000);
  /** When set, the pointer PUT is cut and the connection stays down until `down` is cleared. */
  const net = { cutPointer: false, down: false };
  const fetch: FetchLike = (input, init) => {
    if (net.down) return Promise.reject(new TypeError('network down'));
    if (net.cutPointer && init.method === 'PUT' && new URL(input).pathname === POINTER) {
      net.cutPointer = false;
      net.down = true;
      return Promise.reject(new TypeError('connection cut'));
    }
    return fake.fetch(input, init);
  };
  const dav = new WebDavClient({ url: 'http://127.0.0.1:1/dav/', user: 'alice', password: 'pw', fetch, timeoutMs: 2000 });
  return { fake, dav, net };
}

async function join(dav: WebDavClient, accounts: Account[] = []): Promise<Device> {
  const { key, header } = await openOrCreate(dav, 'correct horse battery', true);
  return { accounts, base: [], key, header };
}

async function sync(dev: Device, dav: WebDavClient) {
  const o = options();
  const started = localRecords(dev.accounts, dev.base, o.now);
  const round = await syncRound(dav, dev.key, dev.header, dev.base, started, o);
  const applied = applyRound(dev.accounts, started, round.records, o);
  dev.accounts = applied.accounts;
  dev.base = applied.base;
  return round;
}

const snapshots = (fake: FakeWebDav) => [...fake.files.keys()].filter((p) => SNAPSHOT.test(p));
const current = (fake: FakeWebDav) => `/dav/${(JSON.parse(fake.files.get(POINTER)!.body) as { snapshot: string }).snapshot}`;
const hex = (n: number) => n.toString(16).padStart(32, '0');
/** A snapshot-named file the server dates `ageMs` before the current snapshot. */
function orphan(fake: FakeWebDav, n: number, ageMs: number): string {
  const path = `/dav/tessera/s-${hex(n)}.json`;
  fake.write(path, '{"format":"tessera-sync-snapshot"}');
  fake.files.get(path)!.modified = fake.files.get(current(fake))!.modified - ageMs;
  return path;
}

describe('orphan snapshots left by a cut connection', () => {
  it('a cut between the snapshot PUT and the pointer PUT leaves one orphan; the next upload removes it and both devices agree', async () => {
    const { fake, dav, net } = setup();
    const a = await join(dav, sampleAccounts());
    await sync(a, dav);
    const b = await join(dav);
    await sync(b, dav);
    const first = current(fake);

    a.accounts = a.accounts.map((x) => (x.id === 'acc-1' ? { ...x, note: 'edited on A' } : x));
    net.cutPointer = true;
    await expect(sync(a, dav)).rejects.toMatchObject({ code: 'unreachable' });
    // The new snapshot went up, the pointer did not switch, and the rollback DELETE was cut too.
    const left = snapshots(fake).filter((p) => p !== first);
    expect(left).toHaveLength(1);
    expect(current(fake)).toBe(first);

    net.down = false;
    // B's round changes nothing: the orphan is newer than the snapshot the pointer names (a
    // device may be about to name it), so it stays.
    expect((await sync(b, dav)).orphansRemoved).toEqual([]);
    expect(snapshots(fake)).toContain(left[0]);

    const round = await sync(a, dav); // the edit is still to go up
    expect(round.uploaded).toBe(true);
    expect(round.orphansRemoved).toEqual([left[0]!.slice('/dav/'.length)]);
    expect(snapshots(fake)).toEqual([current(fake)]);
    expect([...fake.files.keys()].sort()).toEqual([POINTER, current(fake)].sort());

    await sync(b, dav);
    expect(b.accounts.find((x) => x.id === 'acc-1')!.note).toBe('edited on A');
    expect(b.accounts).toEqual(a.accounts);
  });

  it('on a server that sends no ETag (pointer switches cannot be guarded), no round deletes anything', async () => {
    const { fake, dav } = setup();
    const a = await join(dav, sampleAccounts());
    await sync(a, dav);
    const old = orphan(fake, 1, 60_000);
    const listings = () => fake.requests.filter((r) => r.method === 'PROPFIND').length;
    const listedBefore = listings();
    // The same server, its ETag headers stripped from every answer.
    const bare: FetchLike = async (input, init) => {
      const res = await fake.fetch(input, init);
      const headers = new Headers(res.headers);
      headers.delete('etag');
      return new Response(res.status === 204 || res.status === 201 ? null : await res.text(), { status: res.status, headers });
    };
    const noEtags = new WebDavClient({ url: 'http://127.0.0.1:1/dav/', user: 'alice', password: 'pw', fetch: bare, timeoutMs: 2000 });
    expect((await sync(a, noEtags)).orphansRemoved).toEqual([]);
    a.accounts = a.accounts.map((x) => (x.id === 'acc-1' ? { ...x, note: 'edited, no ETags' } : x));
    const round = await sync(a, noEtags);
    expect(round.uploaded).toBe(true);
    expect(round.orphansRemoved).toEqual([]);
    expect(fake.files.has(old)).toBe(true);
    expect(listings()).toBe(listedBefore);
    // Back on a server with ETags, the next round cleans up.
    expect((await sync(a, dav)).orphansRemoved).toEqual([old.slice('/dav/'.length)]);
  });

  it('a round that uploads nothing still removes older orphans, and keeps newer ones and every foreign file', async () => {
    const { fake, dav } = setup();
    const a = await join(dav, sampleAccounts());
    await sync(a, dav);
    const old = orphan(fake, 1, 60_000);
    const newer = orphan(fake, 2, -5_000); // another device between its two PUTs
    const sameSecond = orphan(fake, 3, 0);
    const foreign = ['/dav/tessera/notes.txt', '/dav/tessera/s-1234.json', `/dav/tessera/s-${hex(4)}.json.bak`, '/dav/elsewhere.json'];
    for (const f of foreign) {
      fake.write(f, 'not ours');
      fake.files.get(f)!.modified = 0;
    }
    fake.folders.add('/dav/tessera/keep/');
    fake.write(`/dav/tessera/keep/s-${hex(5)}.json`, 'deeper');
    fake.files.get(`/dav/tessera/keep/s-${hex(5)}.json`)!.modified = 0;

    const round = await sync(a, dav);
    expect(round.uploaded).toBe(false);
    expect(round.orphansRemoved).toEqual([old.slice('/dav/'.length)]);
    expect(fake.files.has(old)).toBe(false);
    for (const kept of [newer, sameSecond, current(fake), POINTER, ...foreign, `/dav/tessera/keep/s-${hex(5)}.json`]) expect(fake.files.has(kept)).toBe(true);
    const propfinds = fake.requests.filter((r) => r.method === 'PROPFIND');
    expect(propfinds.every((r) => r.path === '/dav/tessera/' && r.headers.depth === '1')).toBe(true);
  });

  it('deletes at most the budget per round, oldest first, with one listing per round', async () => {
    const { fake, dav } = setup();
    const a = await join(dav, sampleAccounts());
    await sync(a, dav);
    const orphans = Array.from({ length: 10 }, (_, i) => orphan(fake, 100 + i, (10 - i) * 60_000));
    const before = fake.requests.length;
    const first = await sync(a, dav);
    expect(first.orphansRemoved.map((n) => `/dav/${n}`)).toEqual(orphans.slice(0, MAX_DELETIONS_PER_ROUND));
    const during = fake.requests.slice(before);
    expect(during.filter((r) => r.method === 'PROPFIND')).toHaveLength(1);
    expect(during.filter((r) => r.method === 'DELETE')).toHaveLength(MAX_DELETIONS_PER_ROUND);
    await sync(a, dav);
    expect((await sync(a, dav)).orphansRemoved).toHaveLength(2);
    expect(snapshots(fake)).toEqual([current(fake)]);
  });

  it('a refused DELETE or listing never fails the round; the orphan goes in a later round', async () => {
    const { fake, dav } = setup();
    const a = await join(dav, sampleAccounts());
    await sync(a, dav);
    const stuck = orphan(fake, 7, 60_000);
    const other = orphan(fake, 8, 30_000);
    for (const [i, status] of [403, 423, 500, 503].entries()) {
      fake.refuse = (method, path) => (method === 'DELETE' && path === stuck ? status : null);
      const round = await sync(a, dav);
      // The refused one is skipped; the next in line still goes (in the first round).
      expect(round.orphansRemoved).toEqual(i === 0 ? [other.slice('/dav/'.length)] : []);
      expect(fake.files.has(stuck)).toBe(true);
    }
    fake.refuse = (method) => (method === 'PROPFIND' ? 500 : null);
    expect((await sync(a, dav)).orphansRemoved).toEqual([]);
    fake.refuse = null;
    expect((await sync(a, dav)).orphansRemoved).toEqual([stuck.slice('/dav/'.length)]);
    expect(snapshots(fake)).toEqual([current(fake)]);
  });
});
