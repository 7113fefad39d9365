/**
 * Issue 14 end to end: two Chromium profiles keep the same accounts through a real WebDAV server
 * (apache2 + mod_dav on 127.0.0.1), driven through the popup as a person would: turn on sync,
 * set up the second browser from sync, add / edit / delete on either side, edit one account on
 * both at once, a stopped server, a wrong passphrase on the joining device, and a scan of every
 * byte the server stores for plaintext.
 */
import { utimesSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithGrant } from './granted-profile';
import type { Harness } from './harness';
import { startWebDav, type WebDavServer } from '../webdav-server';
import { base32Decode, codesAround } from '../reference-otp';
import { WebDavClient, openOrCreate } from '../../src/core/sync';

const PASSPHRASE = 'sync e2e passphrase';
const ACCOUNTS = [
  { issuer: 'Zephyr Bank', name: 'alice@zephyr.example', secret: 'JBSWY3DPEHPK3PXP' },
  { issuer: 'Quokka Mail', name: 'alice@quokka.example', secret: 'KRSXG5CTMVRXEZLUKRSXG5CT' },
  { issuer: 'Marmot Cloud', name: 'ops-marmot', secret: 'GEZDGNBVGY3TQOJQGEZDGNBV' },
];
type Browser = Harness & { dispose(): Promise<void> };
let server: WebDavServer;
let a: Browser;
let b: Browser;
let pageA: Page;
let pageB: Page;

const popupUrl = (h: Harness) => `chrome-extension://${h.extensionId}/src/popup/index.html`;

async function home(h: Harness, page: Page) {
  await page.goto(popupUrl(h));
}

async function addAccount(page: Page, acc: (typeof ACCOUNTS)[number]) {
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByLabel('Secret key or otpauth link').fill(acc.secret);
  await page.getByLabel('Issuer').fill(acc.issuer);
  await page.getByLabel('Account name').fill(acc.name);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('listitem').filter({ hasText: acc.issuer }).waitFor();
}

async function openSync(h: Harness, page: Page) {
  await home(h, page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Sync', exact: true }).click();
  await page.getByRole('status').waitFor();
}

async function statusText(page: Page) {
  return (await page.getByRole('status').textContent()) ?? '';
}

async function syncNow(h: Harness, page: Page) {
  await openSync(h, page);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => statusText(page), { timeout: 60_000 }).toMatch(/^Synced /);
  await home(h, page);
}

async function issuers(page: Page): Promise<string[]> {
  await page.getByRole('list').first().waitFor();
  return (await page.locator('.account .issuer').allTextContents()).sort();
}

async function codeOf(page: Page, issuer: string): Promise<string> {
  const text = await page.getByRole('listitem').filter({ hasText: issuer }).locator('.code').textContent();
  return (text ?? '').replace(/\s/g, '');
}

async function editIssuer(page: Page, from: string, to: string) {
  await page.getByRole('button', { name: `Edit ${from}` }).first().click();
  await page.getByLabel('Issuer').fill(to);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('listitem').filter({ hasText: to }).waitFor();
}

async function fillServer(page: Page) {
  await page.getByLabel('Server address').fill(server.url);
  await page.getByLabel('User name').fill(server.user);
  await page.getByLabel('Password', { exact: true }).fill(server.password);
}

beforeAll(async () => {
  server = await startWebDav();
  a = await launchWithGrant('http://127.0.0.1/*');
  b = await launchWithGrant('http://127.0.0.1/*');
  pageA = await a.ctx.newPage();
  pageB = await b.ctx.newPage();
}, 120_000);

afterAll(async () => {
  await a?.dispose();
  await b?.dispose();
  await server?.close();
});

describe('sync between two Chromium profiles through apache mod_dav', () => {
  test('turning on sync uploads the first browser’s accounts', async () => {
    await home(a, pageA);
    await pageA.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await pageA.getByLabel('Confirm passphrase').fill(PASSPHRASE);
    await pageA.getByRole('button', { name: 'Create vault' }).click();
    for (const acc of ACCOUNTS.slice(0, 2)) await addAccount(pageA, acc);

    await openSync(a, pageA);
    expect(await statusText(pageA)).toBe('Sync is off.');
    await fillServer(pageA);
    await pageA.getByLabel('Password', { exact: true }).fill('not the server password');
    await pageA.getByLabel('Vault passphrase').fill(PASSPHRASE);
    await pageA.getByRole('button', { name: 'Turn on sync' }).click();
    await expect.poll(() => pageA.getByRole('alert').textContent(), { timeout: 60_000 }).toMatch(/refused the user name or password/);
    expect(await statusText(pageA)).toBe('Sync is off.');
    await pageA.getByLabel('Password', { exact: true }).fill(server.password);
    await pageA.getByLabel('Vault passphrase').fill('not the vault passphrase');
    await pageA.getByRole('button', { name: 'Turn on sync' }).click();
    await expect.poll(() => pageA.getByRole('alert').textContent()).toMatch(/Wrong passphrase/);
    await pageA.getByLabel('Vault passphrase').fill(PASSPHRASE);
    await pageA.getByRole('button', { name: 'Turn on sync' }).click();
    await expect.poll(() => statusText(pageA), { timeout: 60_000 }).toMatch(/^Synced (now|\d+ seconds? ago)/);
    expect(server.files().some((f) => f.path === 'dav/tessera/sync.json')).toBe(true);
  });

  test('a wrong passphrase on the joining browser: an alert, and nothing is stored', async () => {
    await home(b, pageB);
    await pageB.getByRole('button', { name: 'Set up from sync' }).click();
    await fillServer(pageB);
    await pageB.getByLabel('Passphrase', { exact: true }).fill('wrong passphrase here');
    await pageB.getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => pageB.getByRole('alert').textContent(), { timeout: 60_000 }).toMatch(/Wrong passphrase for the sync data/);
    const { local } = await b.storageDump();
    expect(Object.keys(local).filter((k) => k.startsWith('vault'))).toEqual([]);
  });

  test('the second browser joins from sync and shows the same accounts with the same codes', async () => {
    await pageB.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await pageB.getByRole('button', { name: 'Join' }).click();
    await pageB.getByRole('listitem').filter({ hasText: ACCOUNTS[1]!.issuer }).waitFor({ timeout: 60_000 });
    expect(await issuers(pageB)).toEqual(ACCOUNTS.slice(0, 2).map((x) => x.issuer).sort());
    for (const acc of ACCOUNTS.slice(0, 2)) expect(codesAround(acc.secret)).toContain(await codeOf(pageB, acc.issuer));
  });

  test('an account added on the first appears on the second', async () => {
    await home(a, pageA);
    await addAccount(pageA, ACCOUNTS[2]!);
    await syncNow(a, pageA);
    await syncNow(b, pageB);
    expect(await issuers(pageB)).toEqual(ACCOUNTS.map((x) => x.issuer).sort());
    expect(codesAround(ACCOUNTS[2]!.secret)).toContain(await codeOf(pageB, ACCOUNTS[2]!.issuer));
  });

  test('a deletion and an edit on the second reach the first', async () => {
    await editIssuer(pageB, 'Zephyr Bank', 'Zephyr Bank Ltd');
    await pageB.getByRole('button', { name: 'Edit Marmot Cloud' }).click();
    await pageB.getByRole('button', { name: 'Delete' }).click();
    await pageB.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await pageB.getByRole('listitem').filter({ hasText: 'Marmot Cloud' }).waitFor({ state: 'detached' });
    await syncNow(b, pageB);
    await syncNow(a, pageA);
    expect(await issuers(pageA)).toEqual(['Quokka Mail', 'Zephyr Bank Ltd']);
  });

  test('one account edited on both browsers at once: the later edit wins, the other is kept as a conflict copy', async () => {
    await editIssuer(pageA, 'Quokka Mail', 'Quokka from A');
    await editIssuer(pageB, 'Quokka Mail', 'Quokka from B');
    await syncNow(a, pageA);
    await syncNow(b, pageB);
    await syncNow(a, pageA);
    const expected = ['Quokka from A (conflict copy)', 'Quokka from B', 'Zephyr Bank Ltd'];
    expect(await issuers(pageB)).toEqual(expected);
    expect(await issuers(pageA)).toEqual(expected);
    expect(codesAround(ACCOUNTS[1]!.secret)).toContain(await codeOf(pageA, 'Quokka from A (conflict copy)'));
  });

  test('the server stopped: the popup says so, the local vault keeps the new account, and it goes up once the server is back', async () => {
    await server.stop();
    try {
      await home(a, pageA);
      await addAccount(pageA, ACCOUNTS[2]!);
      await openSync(a, pageA);
      await pageA.getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(() => statusText(pageA), { timeout: 60_000 }).toMatch(/could not be reached/);
      await home(a, pageA);
      expect(await issuers(pageA)).toContain('Marmot Cloud');
    } finally {
      await server.restart();
    }
    await syncNow(a, pageA);
    await syncNow(b, pageB);
    expect(await issuers(pageB)).toContain('Marmot Cloud');
  });

  test('the server holds no plaintext: no secret (base32, hex or base64), issuer or account name', async () => {
    const files = server.files();
    expect(files.length).toBeGreaterThanOrEqual(2);
    const stored = Buffer.concat(files.map((f) => f.bytes)).toString('latin1');
    const words = ['Zephyr', 'Quokka', 'Marmot', 'alice@', 'ops-marmot', 'conflict'];
    for (const acc of ACCOUNTS) {
      const raw = base32Decode(acc.secret);
      words.push(acc.secret, raw.toString('hex'), raw.toString('base64').replace(/=+$/, ''), raw.toString('base64url'));
    }
    for (const word of words) expect(stored.toLowerCase()).not.toContain(word.toLowerCase());
    // Nor does either browser's storage.local hold the server password in the clear, nor does
    // the popup's state carry it.
    for (const h of [a, b]) expect(JSON.stringify((await h.storageDump()).local)).not.toContain(server.password);
    await home(a, pageA);
    const state = await pageA.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'state/get', payload: {} }));
    expect(JSON.stringify(state)).not.toContain(server.password);
    expect(JSON.stringify(state)).not.toContain('"sync"');
  });

  test('a snapshot a cut connection left behind is deleted by the next round; other files stay and both browsers agree', async () => {
    // The state a connection cut between the snapshot PUT and the pointer PUT leaves: a
    // snapshot-named file no pointer names. It is put on the server directly (the browser's own
    // requests cannot be cut from here) and dated a minute back on disk, so apache's
    // whole-second times put it before the next upload however loaded this machine is.
    const snapshotFiles = () => server.files().map((f) => f.path).filter((p) => /^dav\/tessera\/s-[0-9a-f]{32}\.json$/.test(p));
    const named = () => `dav/${(JSON.parse(server.files().find((f) => f.path === 'dav/tessera/sync.json')!.bytes.toString()) as { snapshot: string }).snapshot}`;
    expect(snapshotFiles()).toEqual([named()]);
    const orphan = `dav/tessera/s-${'0123456789abcdef'.repeat(2)}.json`;
    const foreign = 'dav/tessera/notes.txt';
    const auth = `Basic ${Buffer.from(`${server.user}:${server.password}`).toString('base64')}`;
    const current = server.files().find((f) => f.path === named())!.bytes.toString('utf8');
    for (const [file, body] of [[orphan, current], [foreign, 'someone else’s file']] as const) {
      const res = await fetch(`${server.origin}/${file}`, { method: 'PUT', headers: { Authorization: auth }, body });
      expect(res.status).toBe(201);
      const old = new Date(Date.now() - 60_000);
      utimesSync(path.join(server.dataDir, file), old, old);
    }

    expect(snapshotFiles().sort()).toEqual([named(), orphan].sort());

    await home(a, pageA);
    await editIssuer(pageA, 'Marmot Cloud', 'Marmot Cloud EU');
    await syncNow(a, pageA);
    await expect.poll(() => snapshotFiles(), { timeout: 30_000 }).toEqual([named()]);
    expect(server.files().map((f) => f.path)).toContain(foreign);
    expect(named()).not.toBe(orphan);

    await syncNow(b, pageB);
    const expected = (await issuers(pageA)).slice();
    expect(expected).toContain('Marmot Cloud EU');
    expect(await issuers(pageB)).toEqual(expected);
    expect(codesAround(ACCOUNTS[2]!.secret)).toContain(await codeOf(pageB, 'Marmot Cloud EU'));
    await home(a, pageA);
    expect(codesAround(ACCOUNTS[2]!.secret)).toContain(await codeOf(pageA, 'Marmot Cloud EU'));
  });

  test('sync runs only while unlocked: locking drops its alarm, unlocking syncs at once', async () => {
    type Alarms = { chrome: { alarms: { get(name: string): Promise<unknown> } } };
    const alarm = () => a.sw.evaluate(async () => Boolean(await (globalThis as unknown as Alarms).chrome.alarms.get('tessera-sync')));
    expect(await alarm()).toBe(true);
    await home(a, pageA);
    await pageA.getByRole('button', { name: 'Lock' }).click();
    await pageA.getByRole('button', { name: 'Unlock' }).waitFor();
    expect(await alarm()).toBe(false);
    // A change on the other browser meanwhile arrives with the unlock's own round.
    await editIssuer(pageB, 'Zephyr Bank Ltd', 'Zephyr while locked');
    await syncNow(b, pageB);
    await pageA.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await pageA.getByRole('button', { name: 'Unlock' }).click();
    await pageA.getByRole('list').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => alarm(), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => { await home(a, pageA); return issuers(pageA); }, { timeout: 60_000 }).toContain('Zephyr while locked');
  });

  test('a passphrase change re-wraps the server’s sync key: the new passphrase opens it, the old no longer does', async () => {
    const NEW = 'a brand new sync passphrase';
    await home(a, pageA);
    const reply = await pageA.evaluate(
      ([current, next]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }).chrome.runtime.sendMessage({ type: 'vault/change-passphrase', payload: { current, next } }),
      [PASSPHRASE, NEW] as const,
    );
    expect(reply.ok).toBe(true);
    const dav = new WebDavClient({ url: server.url, user: server.user, password: server.password, fetch: (u, i) => fetch(u, i) });
    await expect.poll(() => openOrCreate(dav, NEW, false).then(() => 'opens', () => 'refused'), { timeout: 60_000 }).toBe('opens');
    await expect(openOrCreate(dav, PASSPHRASE, false)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    // The other browser, still on the old wrapping, keeps syncing and does not put it back.
    await syncNow(b, pageB);
    await expect(openOrCreate(dav, NEW, false)).resolves.toMatchObject({ existing: true });
  });

  test('turning sync off stops it on that browser and gives the host permission back', async () => {
    await openSync(b, pageB);
    await pageB.getByRole('button', { name: 'Turn off sync' }).click();
    await expect.poll(() => statusText(pageB)).toBe('Sync is off.');
    const granted = await b.sw.evaluate(() => (globalThis as unknown as { chrome: { permissions: { contains(p: object): Promise<boolean> } } }).chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }));
    expect(granted).toBe(false);
  });
});
