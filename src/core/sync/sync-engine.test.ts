import { describe, expect, it } from 'vitest';
import { FakeWebDav } from './fake-webdav';
import { WebDavClient } from './webdav-client';
import { openOrCreate, readRemote, syncRound } from './sync-engine';
import { applyRound } from './sync-apply';
import { localRecords, type SyncRecord } from './sync-records';
import { SyncError } from './sync-error';
import { wrapSyncKey, type SyncHeader } from './sync-format';
import { sampleAccounts } from '../vault/test-fixtures';
import type { Account } from '../otp/account';

const PASS = 'correct horse battery';
let clock = 1_800_000_000_000;
let ids = 0;
const options = () => ({ now: (clock += 1000), newId: () => `new-${++ids}`, conflictIssuer: (i: string) => `${i} (conflict)`, sleep: async () => undefined });

interface Device {
  accounts: Account[];
  base: SyncRecord[];
  key: CryptoKey;
  header: SyncHeader;
}

async function join(dav: WebDavClient, accounts: Account[] = []): Promise<Device> {
  const { key, header } = await openOrCreate(dav, PASS, true);
  return { accounts, base: [], key, header };
}

/** One device's sync as the background runs it: snapshot, round, apply. */
async function sync(dev: Device, dav: WebDavClient, during?: () => void) {
  const o = options();
  const started = localRecords(dev.accounts, dev.base, o.now);
  const round = await syncRound(dav, dev.key, dev.header, dev.base, started, o);
  during?.();
  const applied = applyRound(dev.accounts, started, round.records, o);
  dev.accounts = applied.accounts;
  dev.base = applied.base;
  return round;
}

const setup = () => {
  const fake = new FakeWebDav();
  const dav = new WebDavClient({ url: 'http://127.0.0.1:1/dav/', user: 'alice', password: 'pw', fetch: fake.fetch, timeoutMs: 2000 });
  return { fake, dav };
};

describe('sync rounds between two devices', () => {
  it('adds, edits and deletes reach the other device; the server holds no plaintext', async () => {
    const { fake, dav } = setup();
    const a = await join(dav, sampleAccounts());
    await sync(a, dav);
    const b = await join(dav);
    await sync(b, dav);
    expect(b.accounts).toEqual(a.accounts);

    b.accounts = b.accounts.filter((x) => x.id !== 'acc-3').map((x) => (x.id === 'acc-1' ? { ...x, name: 'renamed' } : x));
    await sync(b, dav);
    await sync(a, dav);
    expect(a.accounts.map((x) => x.id)).toEqual(['acc-1', 'acc-2', 'acc-4']);
    expect(a.accounts[0]!.name).toBe('renamed');

    const stored = [...fake.files.values()].map((f) => f.body).join('\n');
    for (const acc of sampleAccounts()) {
      for (const text of [acc.secret, acc.issuer, acc.name, acc.note, ...acc.backupCodes].filter((t) => t.length >= 4)) expect(stored).not.toContain(text);
    }
    // One pointer and one snapshot: the old snapshots were removed after each switch.
    const names = [...fake.files.keys()];
    expect(names).toHaveLength(2);
    expect(names).toContain('/dav/tessera/sync.json');
    expect(names.find((n) => n !== '/dav/tessera/sync.json')).toMatch(/^\/dav\/tessera\/s-[0-9a-f]{32}\.json$/);
  });

  it('does not upload when nothing changed', async () => {
    const { fake, dav } = setup();
    const a = await join(dav, sampleAccounts());
    expect((await sync(a, dav)).uploaded).toBe(true);
    const puts = fake.requests.filter((r) => r.method === 'PUT').length;
    expect((await sync(a, dav)).uploaded).toBe(false);
    expect(fake.requests.filter((r) => r.method === 'PUT').length).toBe(puts);
  });

  it('a pointer switched by another device makes the upload fail with 412 and retry', async () => {
    const { fake, dav } = setup();
    const a = await join(dav, sampleAccounts());
    await sync(a, dav);
    const b = await join(dav);
    await sync(b, dav);
    b.accounts = b.accounts.map((x) => (x.id === 'acc-2' ? { ...x, note: 'from b' } : x));
    a.accounts = a.accounts.map((x) => (x.id === 'acc-1' ? { ...x, note: 'from a' } : x));
    let interfered = false;
    fake.beforePut = (path) => {
      if (!interfered && path.endsWith('sync.json')) {
        interfered = true;
        fake.beforePut = null;
        // Another device's complete upload lands first.
        const other = fake.files.get('/dav/tessera/sync.json')!;
        fake.write('/dav/tessera/sync.json', other.body);
      }
    };
    await sync(a, dav);
    expect(interfered).toBe(true);
    expect(fake.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('sync.json')).length).toBeGreaterThanOrEqual(3);
    await sync(b, dav);
    expect(b.accounts.find((x) => x.id === 'acc-1')!.note).toBe('from a');
    expect(b.accounts.find((x) => x.id === 'acc-2')!.note).toBe('from b');
  });

  it('concurrent edits of one field keep both versions: the later wins, the other is a conflict copy', async () => {
    const { dav } = setup();
    const a = await join(dav, sampleAccounts());
    await sync(a, dav);
    const b = await join(dav);
    await sync(b, dav);
    a.accounts = a.accounts.map((x) => (x.id === 'acc-1' ? { ...x, issuer: 'Edited on A' } : x));
    b.accounts = b.accounts.map((x) => (x.id === 'acc-1' ? { ...x, issuer: 'Edited on B' } : x));
    await sync(a, dav);
    await sync(b, dav);
    await sync(a, dav);
    const issuers = a.accounts.map((x) => x.issuer);
    expect(issuers).toContain('Edited on B');
    expect(issuers).toContain('Edited on A (conflict)');
    expect(b.accounts).toEqual(a.accounts);
  });

  it('a change made while a round runs is kept and goes up with the next round', async () => {
    const { dav } = setup();
    const a = await join(dav, sampleAccounts());
    await sync(a, dav, () => {
      a.accounts = [...a.accounts, { ...sampleAccounts()[0]!, id: 'late', issuer: 'Late one' }];
    });
    expect(a.accounts.map((x) => x.id)).toContain('late');
    const b = await join(dav);
    await sync(b, dav);
    expect(b.accounts.map((x) => x.id)).not.toContain('late');
    await sync(a, dav);
    await sync(b, dav);
    expect(b.accounts.map((x) => x.id)).toContain('late');
  });

  it('a connection cut during an upload leaves the server with the old state, whole', async () => {
    const { fake, dav } = setup();
    const a = await join(dav, sampleAccounts());
    await sync(a, dav);
    const before = new Map(fake.files);
    a.accounts = a.accounts.slice(1);
    // GET pointer, GET snapshot succeed; the snapshot PUT is cut.
    let n = 0;
    const orig = fake.fetch;
    const cutting = (input: string, init: RequestInit) => (++n === 3 ? Promise.reject(new TypeError('cut')) : orig(input, init));
    const dav2 = new WebDavClient({ url: 'http://127.0.0.1:1/dav/', user: 'alice', password: 'pw', fetch: cutting, timeoutMs: 2000 });
    const accountsBefore = a.accounts;
    await expect(sync(a, dav2)).rejects.toMatchObject({ code: 'unreachable' });
    expect(a.accounts).toBe(accountsBefore); // nothing applied locally
    expect(new Map(fake.files)).toEqual(before);
    const b = await join(dav);
    await sync(b, dav);
    expect(b.accounts.map((x) => x.id)).toEqual(sampleAccounts().map((x) => x.id));
  });

  it('a wrong passphrase cannot join, and a replaced key is refused', async () => {
    const { fake, dav } = setup();
    await expect(openOrCreate(dav, PASS, false)).rejects.toMatchObject({ code: 'no-sync-data' });
    const a = await join(dav, sampleAccounts());
    await sync(a, dav);
    await expect(openOrCreate(dav, 'wrong passphrase!', false)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    // Someone turned sync on afresh on the same folder with another key.
    fake.files.clear();
    const other = await join(dav, []);
    await sync(other, dav);
    await expect(sync(a, dav)).rejects.toMatchObject({ code: 'key-changed' });
    await expect(readRemote(dav, a.key, a.header)).rejects.toBeInstanceOf(SyncError);
  });

  it('after a passphrase change the re-wrapped key goes up; other devices keep syncing', async () => {
    const { dav } = setup();
    const a = await join(dav, sampleAccounts());
    await sync(a, dav);
    const b = await join(dav);
    await sync(b, dav);
    a.header = await wrapSyncKey(a.key, 'the new passphrase');
    const o = options();
    await syncRound(dav, a.key, a.header, a.base, localRecords(a.accounts, a.base, o.now), { ...o, pushHeader: true });
    await expect(openOrCreate(dav, PASS, false)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    expect((await openOrCreate(dav, 'the new passphrase', false)).existing).toBe(true);
    // b still holds the old header: its key opens the data, and its upload keeps the new header.
    b.accounts = b.accounts.slice(1);
    await sync(b, dav);
    expect((await openOrCreate(dav, 'the new passphrase', false)).existing).toBe(true);
    await sync(a, dav);
    expect(a.accounts).toHaveLength(3);
  });

  it('refuses a pointer whose KDF is below the floors before deriving anything', async () => {
    const { fake, dav } = setup();
    const a = await join(dav, sampleAccounts());
    await sync(a, dav);
    const p = JSON.parse(fake.files.get('/dav/tessera/sync.json')!.body);
    p.kdf = { alg: 'pbkdf2-sha256', iterations: 1000, salt: p.kdf.salt };
    fake.write('/dav/tessera/sync.json', JSON.stringify(p));
    await expect(openOrCreate(dav, PASS, false)).rejects.toMatchObject({ code: 'damaged' });
  });

  it('a device whose server folder was emptied uploads everything again', async () => {
    const { fake, dav } = setup();
    const a = await join(dav, sampleAccounts());
    await sync(a, dav);
    fake.files.clear();
    fake.folders = new Set(['/dav/']);
    // The pointer is gone entirely: treated as a fresh server with our own key.
    await sync(a, dav);
    const b = await join(dav);
    await sync(b, dav);
    expect(b.accounts.length).toBe(4);
  });
});
