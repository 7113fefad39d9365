/**
 * "Fill automatically on SITE" in a real Chromium (test/firefox/auto-fill.firefox.mjs does the
 * same in Firefox): ticked in the real edit form on the localhost page, whose click runs
 * permissions.request for exactly that origin; a page of that origin opened with no gesture at
 * all gets the right code (independent RFC 6238); a subdomain (app.localhost) and another origin
 * (127.0.0.1) get nothing; unticking removes the script and the permission.
 *
 * Headless Chromium's permission prompt cannot be answered, so the profile holds an earlier
 * "Allow" for http://localhost/* (scripts/lib/granted-profile.mjs); the test takes the live
 * permission back first (permissions.remove, as the extension itself does), so the tick's
 * request is what turns it on: Chromium answers it `true` without a prompt, as for a person
 * who allowed it before.
 *
 * Timing: Tessera never fills a TOTP step already filled into another page and waits for the next
 * step when < 3 s remain, so a "nothing was filled" check must outlast those waits; the account
 * uses a 10-second period and the other-origin checks run before any fill.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithGrant } from './granted-profile';
import { servePages } from './static-server';
import { codesAround } from '../reference-otp';

const PASSPHRASE = 'auto fill passphrase chromium';
const SECRET = 'KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF';
const PERIOD = 10;
const OTP_LINK = `otpauth://totp/Auto%20Corp:bob%40example.com?secret=${SECRET}&issuer=Auto%20Corp&period=${PERIOD}`;
const PATTERN = 'http://localhost/*';
const CHECKBOX = 'Fill automatically on localhost (gives Tessera access to that site)';
// The page counts input events on its field, so a fill is told apart from a restored value.
const CODE_PAGE =
  '<!doctype html><title>Sign in</title><form><label>Code <input name="otp" autocomplete="one-time-code" maxlength="6"></label><button>Verify</button></form>' +
  '<script>document.querySelector("input").addEventListener("input", () => { document.body.dataset.inputs = String(Number(document.body.dataset.inputs || 0) + 1); });</script>';
/** How long after a page's load a fill, if one were coming, must have happened (3 s wait + work). */
const QUIET_MS = 4_000;

let h: Awaited<ReturnType<typeof launchWithGrant>>;
let site: { url: string; close(): Promise<void> };
let port = '';
let sitePage: Page;
let filledAt = 0;

const url = (host: string) => `http://${host}:${port}/login`;
const sw = () => h.ctx.serviceWorkers()[0] ?? h.sw;
const hasPermission = () => sw().evaluate((p) => (globalThis as any).chrome.permissions.contains({ origins: [p] }), PATTERN);
const registered = () => sw().evaluate(async () => ((await (globalThis as any).chrome.scripting.getRegisteredContentScripts()) as { id: string; matches: string[] }[]).map((s) => ({ id: s.id, matches: s.matches })));

/** Opens `target` in a new tab as a person typing the address would: no click, no gesture. */
async function openPlain(target: string): Promise<Page> {
  const page = await h.ctx.newPage();
  await page.goto(target, { waitUntil: 'load' });
  return page;
}

/** The code field's value and how many input events it saw (throws off the code page). */
async function fieldState(page: Page): Promise<{ value: string; inputs: number }> {
  const state = await page.evaluate(() => {
    const field = document.querySelector<HTMLInputElement>('input[name="otp"]');
    return field ? { value: field.value, inputs: Number(document.body.dataset.inputs || 0) } : null;
  });
  if (!state) throw new Error(`${page.url()} did not load the code page`);
  return state;
}

/** Opens the popup on `page` and the account's edit form; returns the popup. */
async function editForm(page: Page) {
  const popup = await h.openPopup(page);
  await popup.getByRole('button', { name: 'Edit Auto Corp' }).click();
  await popup.getByLabel(CHECKBOX).waitFor();
  return popup;
}

beforeAll(async () => {
  site = await servePages({ '/login': CODE_PAGE }, 'localhost');
  port = new URL(site.url).port;
  h = await launchWithGrant(PATTERN);
});
afterAll(async () => {
  await h?.dispose();
  await site?.close();
});

describe('fill automatically on an opted-in origin', () => {
  test('an account bound to localhost is added; the earlier grant is taken back, so nothing is registered', async () => {
    const setupPage = await h.extensionPage('src/pages/backup/index.html');
    expect((await setupPage.evaluate((p) => (globalThis as any).chrome.runtime.sendMessage({ type: 'vault/create', payload: { passphrase: p } }), PASSPHRASE)).ok).toBe(true);
    await setupPage.close();
    sitePage = await openPlain(url('localhost'));
    // Binding follows the tab the toolbar click was on (setup: the binding has its own tests).
    const popup = await h.openPopup(sitePage);
    const added = await popup.evaluate(async (link) => {
      const chrome = (globalThis as any).chrome;
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      return chrome.runtime.sendMessage({ type: 'account/add', payload: { secretOrUri: link, bindToTabId: tab.id } });
    }, OTP_LINK);
    expect(added?.ok, JSON.stringify(added)).toBe(true);
    expect(added.value.account).toMatchObject({ site: 'localhost', period: PERIOD });
    expect(added.value.account.autoFill).not.toBe(true);
    await popup.close();

    await sw().evaluate((p) => (globalThis as any).chrome.permissions.remove({ origins: [p] }), PATTERN);
    expect(await hasPermission()).toBe(false);
    expect(await registered()).toEqual([]);
  });

  test('ticking the option in the edit form on the localhost page asks for that origin and registers a script for it only', async () => {
    const popup = await editForm(sitePage);
    const box = popup.getByLabel(CHECKBOX);
    expect(await box.isChecked()).toBe(false);
    await box.click(); // the real click: permissions.request runs inside it
    await expect.poll(() => box.isChecked()).toBe(true);
    expect(await hasPermission()).toBe(true);
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.getByRole('button', { name: 'Add account' }).waitFor();
    await popup.close();
    const scripts = await registered();
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.matches).toEqual([PATTERN]);
  });

  test('a subdomain (app.localhost) and another origin (127.0.0.1) with the same code page get nothing', async () => {
    // Before any fill, so no "step already filled elsewhere" wait could hide a wrong fill.
    const pages = [await openPlain(url('app.localhost')), await openPlain(url('127.0.0.1'))];
    const loadedAt = Date.now();
    // The positive test below shows a fill lands well within this; here nothing may.
    await expect.poll(() => Date.now() - loadedAt >= QUIET_MS, { timeout: QUIET_MS + 5_000, interval: 250 }).toBe(true);
    for (const p of pages) {
      expect(await fieldState(p), p.url()).toEqual({ value: '', inputs: 0 });
      await p.close();
    }
  });

  test('opening a localhost page with a code field fills the right code, with no gesture', async () => {
    const page = await openPlain(url('localhost'));
    let state = { value: '', inputs: 0 };
    await expect.poll(async () => (state = await fieldState(page)).value, { timeout: 15_000 }).not.toBe('');
    filledAt = Date.now();
    expect(codesAround(SECRET, PERIOD)).toContain(state.value);
    expect(state.inputs).toBeGreaterThanOrEqual(1);
    sitePage = page;
  });

  test('unticking removes the permission and the script; reloading the page then fills nothing', async () => {
    const popup = await editForm(sitePage);
    const box = popup.getByLabel(CHECKBOX);
    // The form learns the tab's origin asynchronously, and only then shows that this origin is on.
    await expect.poll(() => box.isChecked()).toBe(true);
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(false);
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.getByRole('button', { name: 'Add account' }).waitFor();
    await popup.close();
    await expect.poll(hasPermission).toBe(false);
    expect(await registered()).toEqual([]);

    // A wrong fill would wait for the step after the one filled above: outlast that step too.
    const stepOver = (Math.floor(filledAt / 1000 / PERIOD) + 1) * PERIOD * 1000;
    await sitePage.reload({ waitUntil: 'load' });
    const quietUntil = Math.max(Date.now(), stepOver) + QUIET_MS;
    await expect.poll(() => Date.now() >= quietUntil, { timeout: quietUntil - Date.now() + 5_000, interval: 250 }).toBe(true);
    expect(await fieldState(sitePage)).toEqual({ value: '', inputs: 0 });
  });
});
