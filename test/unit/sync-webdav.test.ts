/**
 * The sync core against a real WebDAV server: Debian's apache2 with mod_dav_fs and basic auth,
 * started on 127.0.0.1 by the test. Apache marks an ETag weak for a second after each write and
 * then refuses If-Match, so these runs also exercise the 412 → re-read → retry path for real.
 */
import { utimesSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWebDav, type WebDavServer } from '../webdav-server';
import { WebDavClient, openOrCreate, syncRound, applyRound, localRecords, type SyncRecord, type SyncHeader } from '../../src/core/sync';
import type { Account } from '../../src/core/otp/account';
import { sampleAccounts } from '../../src/core/vault/test-fixtures';

const PASS = 'correct horse battery';
let server: WebDavServer;
let ids = 0;
const options = () => ({ now: Date.now(), newId: () => `copy-${++ids}`, conflictIssuer: (i: string) => `${i} (conflict)` });

interface Device { accounts: Account[]; base: SyncRecord[]; key: CryptoKey; header: SyncHeader }

const client = (password = server.password) => new WebDavClient({ url: server.url, user: server.user, password, fetch: (u, i) => fetch(u, i), timeoutMs: 5000 });

async function device(accounts: Account[] = []): Promise<Device> {
  const { key, header } = await openOrCreate(client(), PASS, true);
  return { accounts, base: [], key, header };
}

async function sync(dev: Device) {
  const o = options();
  const started = localRecords(dev.accounts, dev.base, o.now);
  const round = await syncRound(client(), dev.key, dev.header, dev.base, started, o);
  const applied = applyRound(dev.accounts, started, round.records, o);
  dev.accounts = applied.accounts;
  dev.base = applied.base;
  return round;
}

beforeAll(async () => {
  server = await startWebDav();
}, 30_000);
beforeEach(() => server.reset());
afterAll(async () => {
  await server?.close();
});

describe('sync through apache mod_dav', { timeout: 60_000 }, () => {
  it('two devices exchange additions, edits and deletions; the server holds only ciphertext', async () => {
    const a = await device(sampleAccounts());
    await sync(a);
    const b = await device();
    await sync(b);
    expect(b.accounts).toEqual(a.accounts);

    b.accounts = b.accounts.filter((x) => x.id !== 'acc-2').map((x) => (x.id === 'acc-1' ? { ...x, note: 'edited on b' } : x));
    await sync(b);
    await sync(a);
    expect(a.accounts.map((x) => x.id)).toEqual(['acc-1', 'acc-3', 'acc-4']);
    expect(a.accounts[0]!.note).toBe('edited on b');

    const files = server.files();
    expect(files.map((f) => f.path).filter((p) => p.startsWith('dav/tessera/'))).toHaveLength(2);
    const all = Buffer.concat(files.map((f) => f.bytes)).toString('latin1');
    for (const acc of sampleAccounts()) {
      const hex = Buffer.from(acc.secret).toString('hex');
      const b64 = Buffer.from(acc.secret).toString('base64').replace(/=+$/, '');
      for (const text of [acc.secret, hex, b64, acc.issuer, acc.name, acc.note, ...acc.backupCodes, acc.site ?? ''].filter((t) => t.length >= 4)) {
        expect(all).not.toContain(text);
      }
    }
    expect(all).not.toContain('"issuer"');
  });

  it('two devices syncing at the same moment both land (412 retries)', async () => {
    const a = await device(sampleAccounts());
    await sync(a);
    const b = await device();
    await sync(b);
    a.accounts = [...a.accounts, { ...sampleAccounts()[0]!, id: 'only-a', issuer: 'Only A' }];
    b.accounts = [...b.accounts, { ...sampleAccounts()[0]!, id: 'only-b', issuer: 'Only B' }];
    await Promise.all([sync(a), sync(b)]);
    await sync(a);
    await sync(b);
    expect(a.accounts.map((x) => x.id).sort()).toEqual(b.accounts.map((x) => x.id).sort());
    expect(a.accounts.map((x) => x.id)).toEqual(expect.arrayContaining(['only-a', 'only-b']));
  });

  it('a stopped server and a wrong password fail in words and change nothing', async () => {
    const a = await device(sampleAccounts());
    await sync(a);
    const before = server.files().map((f) => [f.path, f.bytes.toString('base64')]);
    a.accounts = a.accounts.slice(1);
    const kept = a.accounts;
    await server.stop();
    try {
      await expect(sync(a)).rejects.toMatchObject({ code: 'unreachable' });
    } finally {
      await server.restart();
    }
    expect(a.accounts).toBe(kept);
    expect(server.files().map((f) => [f.path, f.bytes.toString('base64')])).toEqual(before);
    await expect(syncRound(client('wrong'), a.key, a.header, a.base, localRecords(a.accounts, a.base, Date.now()), options())).rejects.toMatchObject({ code: 'unauthorized' });
    await sync(a);
    expect(a.accounts).toHaveLength(3);
  });

  it('the server going down between the new snapshot and the pointer switch leaves the old state whole', async () => {
    const a = await device(sampleAccounts());
    await sync(a);
    const pointerBefore = server.files().find((f) => f.path === 'dav/tessera/sync.json')!.bytes.toString();
    a.accounts = a.accounts.slice(2);
    // A fetch that stops apache just as the pointer switch is about to go out.
    const cutting = async (url: string, init: RequestInit) => {
      if (init.method === 'PUT' && url.endsWith('/tessera/sync.json')) await server.stop();
      return fetch(url, init);
    };
    const dav = new WebDavClient({ url: server.url, user: server.user, password: server.password, fetch: cutting, timeoutMs: 5000 });
    const started = localRecords(a.accounts, a.base, Date.now());
    try {
      await expect(syncRound(dav, a.key, a.header, a.base, started, options())).rejects.toMatchObject({ code: 'unreachable' });
    } finally {
      await server.restart();
    }
    expect(server.files().find((f) => f.path === 'dav/tessera/sync.json')!.bytes.toString()).toBe(pointerBefore);
    // The new snapshot stayed behind, named by no pointer. The two snapshots are dated back on
    // disk (the orphan still the newer), so that apache's whole-second times order them against
    // the next upload whatever this machine's load.
    const snapshotsNow = () => server.files().map((f) => f.path).filter((p) => /^dav\/tessera\/s-[0-9a-f]{32}\.json$/.test(p));
    const current = () => `dav/${(JSON.parse(server.files().find((f) => f.path === 'dav/tessera/sync.json')!.bytes.toString()) as { snapshot: string }).snapshot}`;
    const orphan = snapshotsNow().find((p) => p !== current())!;
    expect(snapshotsNow()).toHaveLength(2);
    const ago = (ms: number) => new Date(Date.now() - ms);
    utimesSync(path.join(server.dataDir, current()), ago(120_000), ago(120_000));
    utimesSync(path.join(server.dataDir, orphan), ago(60_000), ago(60_000));
    // Another device still reads the complete old state.
    const b = await device();
    await sync(b);
    expect(b.accounts.map((x) => x.id)).toEqual(sampleAccounts().map((x) => x.id));
    // The orphan is newer than the snapshot the pointer names: a round that uploads nothing keeps it.
    expect(snapshotsNow()).toContain(orphan);
    // And the interrupted device's change goes up on its next round, which deletes the orphan,
    // read from apache's own PROPFIND answer.
    const round = await sync(a);
    expect(round.orphansRemoved).toEqual([orphan.slice('dav/'.length)]);
    expect(snapshotsNow()).toEqual([current()]);
    await sync(b);
    expect(b.accounts.map((x) => x.id)).toEqual(['acc-3', 'acc-4']);
  });

  it('a wrong passphrase cannot open the server’s sync key', async () => {
    await sync(await device(sampleAccounts()));
    await expect(openOrCreate(client(), 'not the passphrase', false)).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });
});
