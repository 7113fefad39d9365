/**
 * Issue 14 across browser families: Chromium and Firefox (Debian's firefox-esr, through the
 * existing test/firefox harness) keep the same accounts through one apache2 mod_dav server on
 * 127.0.0.1. Firefox joins from its first-run screen through the popup as a person does; its
 * `permissions.request` is granted without a doorhanger by the harness's
 * `extensions.webextOptionalPermissionPrompts` pref (the request itself still runs in the click).
 * The Chromium side talks to its background through the same messages its popup sends (its UI is
 * covered by sync.e2e.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Page as FxPage, ElementHandle } from 'puppeteer-core';
import { launchWithGrant } from './granted-profile';
import type { Harness } from './harness';
import { startWebDav, type WebDavServer } from '../webdav-server';
import { base32Decode, codesAround } from '../reference-otp';

interface FirefoxHarness {
  openExtensionPage(path: string): Promise<FxPage>;
  close(): Promise<void>;
}
interface Queries {
  button(page: FxPage, name: string | RegExp, timeoutMs?: number): Promise<ElementHandle>;
  fill(page: FxPage, label: string, value: string): Promise<void>;
  alertText(page: FxPage, timeoutMs?: number): Promise<string>;
  accountRows(page: FxPage): Promise<{ text: string; code: string }[]>;
}
// Plain-JS modules owned by the Firefox tests: loaded by path so their types stay theirs.
const harnessPath = '../firefox/firefox-harness.mjs';
const queriesPath = '../firefox/page-queries.mjs';

const PASSPHRASE = 'cross browser passphrase';
const ZEBRA = { issuer: 'Zebra Savings', name: 'carol@zebra.example', secret: 'MFRGGZDFMZTWQ2LKNNWG23TP' };
const OTTER = { issuer: 'Otter Hosting', name: 'carol-otter', secret: 'ONSWG4TFOQYTEMZUGU3DOOBZ' };
const FIREFOX_ADDED = { issuer: 'Lynx Forum', secret: 'NBSWY3DPO5XXE3DEMFRGGZDF' };

let server: WebDavServer;
let chromium: Harness & { dispose(): Promise<void> };
let ext: Page;
let ff: FirefoxHarness;
let q: Queries;
let popup: FxPage;

async function send<T>(type: string, payload: unknown): Promise<T> {
  const reply = await ext.evaluate(([t, p]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
  const r = reply as { ok: boolean; value: T; error?: { message: string } };
  if (!r.ok) throw new Error(`${type}: ${r.error?.message}`);
  return r.value;
}

const until = async <T>(fn: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 60_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

async function openPopup() {
  if (popup && !popup.isClosed()) await popup.close();
  popup = await ff.openExtensionPage('src/popup/index.html');
}

const statusText = () => popup.evaluate(() => document.querySelector('[role="status"]')?.textContent ?? '');

async function firefoxSyncNow() {
  await openPopup();
  await (await q.button(popup, 'Settings', 30_000)).click();
  await (await q.button(popup, 'Sync')).click();
  await (await q.button(popup, 'Sync now', 30_000)).click();
  await until(async () => /^Synced /.test(await statusText()), 'Firefox: "Synced …"');
  await openPopup();
}

const firefoxIssuers = async () => (await q.accountRows(popup)).map((r) => r.text);

beforeAll(async () => {
  q = (await import(queriesPath)) as Queries;
  server = await startWebDav();
  chromium = await launchWithGrant('http://127.0.0.1/*');
  ext = await chromium.extensionPage('src/pages/backup/index.html');
  const { launchFirefox } = (await import(harnessPath)) as { launchFirefox(): Promise<FirefoxHarness> };
  ff = await launchFirefox();
}, 120_000);

afterAll(async () => {
  await ff?.close();
  await chromium?.dispose();
  await server?.close();
});

describe('sync between Chromium and Firefox through apache mod_dav', () => {
  test('Chromium turns on sync; Firefox refuses a wrong passphrase, then joins with the same codes', async () => {
    await send('vault/create', { passphrase: PASSPHRASE });
    for (const acc of [ZEBRA, OTTER]) await send('account/add', { secretOrUri: acc.secret, issuer: acc.issuer, name: acc.name });
    const on = await send<{ state: string }>('sync/enable', { url: server.url, user: server.user, password: server.password, passphrase: PASSPHRASE });
    expect(on.state).toBe('ok');

    await openPopup();
    await (await q.button(popup, 'Set up from sync', 30_000)).click();
    await q.fill(popup, 'Server address', server.url);
    await q.fill(popup, 'User name', server.user);
    await q.fill(popup, 'Password', server.password);
    await q.fill(popup, 'Passphrase', 'not the passphrase');
    await (await q.button(popup, 'Join')).click();
    expect(await q.alertText(popup, 60_000)).toMatch(/Wrong passphrase for the sync data/);
    const stored = await popup.evaluate(() => (globalThis as unknown as { browser: { storage: { local: { get(k: null): Promise<object> } } } }).browser.storage.local.get(null));
    expect(Object.keys(stored).filter((k) => k.startsWith('vault'))).toEqual([]);

    await q.fill(popup, 'Passphrase', PASSPHRASE);
    await (await q.button(popup, 'Join')).click();
    const rows = await until(async () => {
      const r = await q.accountRows(popup);
      return r.length === 2 && r.every((x) => /^\d{6}$/.test(x.code)) ? r : undefined;
    }, 'the joined accounts in Firefox');
    for (const acc of [ZEBRA, OTTER]) {
      const row = rows.find((r) => r.text.includes(acc.issuer));
      expect(row, acc.issuer).toBeDefined();
      expect(codesAround(acc.secret)).toContain(row!.code);
    }
  });

  test('an account added in Firefox appears in Chromium', async () => {
    await (await q.button(popup, 'Add account')).click();
    await q.fill(popup, 'Secret key or otpauth link', FIREFOX_ADDED.secret);
    await q.fill(popup, 'Issuer', FIREFOX_ADDED.issuer);
    await (await q.button(popup, 'Save')).click();
    await until(async () => (await firefoxIssuers()).some((t) => t.includes(FIREFOX_ADDED.issuer)), 'the new row in Firefox');
    await firefoxSyncNow();
    expect((await send<{ state: string }>('sync/now', {})).state).toBe('ok');
    const state = await send<{ accounts: { issuer: string }[] }>('state/get', {});
    expect(state.accounts.map((a) => a.issuer).sort()).toEqual([FIREFOX_ADDED.issuer, OTTER.issuer, ZEBRA.issuer].sort());
  });

  test('an edit and a deletion in Chromium reach Firefox', async () => {
    const state = await send<{ accounts: { id: string; issuer: string }[] }>('state/get', {});
    const zebra = state.accounts.find((a) => a.issuer === ZEBRA.issuer)!;
    const otter = state.accounts.find((a) => a.issuer === OTTER.issuer)!;
    await send('account/update', { id: zebra.id, changes: { issuer: 'Zebra Savings Bank' } });
    await send('account/delete', { id: otter.id });
    expect((await send<{ state: string }>('sync/now', {})).state).toBe('ok');
    await firefoxSyncNow();
    const texts = await until(async () => {
      const t = await firefoxIssuers();
      return t.length === 2 ? t : undefined;
    }, 'two rows in Firefox');
    expect(texts.some((t) => t.includes('Zebra Savings Bank'))).toBe(true);
    expect(texts.some((t) => t.includes(OTTER.issuer))).toBe(false);
  });

  test('the server holds no plaintext from either browser', async () => {
    const stored = Buffer.concat(server.files().map((f) => f.bytes)).toString('latin1').toLowerCase();
    const words = ['zebra', 'otter', 'lynx', 'carol'];
    for (const acc of [ZEBRA, OTTER, FIREFOX_ADDED]) {
      const raw = base32Decode(acc.secret);
      words.push(acc.secret, raw.toString('hex'), raw.toString('base64').replace(/=+$/, ''));
    }
    for (const word of words) expect(stored).not.toContain(word.toLowerCase());
  });
});
