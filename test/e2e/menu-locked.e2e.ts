/**
 * "Fill two-factor code" from the context menu while the vault is locked (issue 11's known gap):
 * the popup opens to unlock, and the fill that runs after the unlock goes into the very field that
 * was right-clicked, in its frame, even when the page moved the focus meanwhile; never into the
 * field the finder alone would pick. A right-clicked field that is gone by then (re-rendered,
 * page reloaded) gets nothing, and the toolbar says why.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';
import { createVault, filledValue, PASSPHRASE } from './portal-helpers';
import { servePages } from './static-server';
import { codesAround } from '../reference-otp';
import { base32Encode as base32 } from '../fixtures/accounts';

/** Two code-like fields: the finder alone picks #first (autocomplete one-time-code); the person right-clicks #second. */
const TWO_CODES = `<!doctype html><title>Sign in</title><h1>Two-step verification</h1><p>Enter the code from your authenticator app.</p>
<form id="f"><label for="first">Authentication code</label><input id="first" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6">
<label for="second">Verification code</label><input id="second" name="verification" inputmode="numeric" maxlength="6"></form>`;

const HERE = base32(randomBytes(20));
const ELSEWHERE = base32(randomBytes(20));

let h: Harness;
let page: Page;
let here: Awaited<ReturnType<typeof servePages>>;
let elsewhere: Awaited<ReturnType<typeof servePages>>;

/** Adds an account bound to the site the page shows (through the popup's own message, as its add form does). */
async function addBoundAccount(issuer: string, secret: string): Promise<void> {
  const popup = await h.openPopup(page);
  const reply = await popup.evaluate(async ([uri]) => {
    const [tab] = await (globalThis as any).chrome.tabs.query({ active: true, currentWindow: true });
    return (globalThis as any).chrome.runtime.sendMessage({ type: 'account/add', payload: { secretOrUri: uri, bindToTabId: tab.id } });
  }, [`otpauth://totp/${issuer}:e2e?secret=${secret}&issuer=${issuer}`] as const);
  expect(reply.ok, JSON.stringify(reply)).toBe(true);
  await popup.close();
}

beforeAll(async () => {
  // Two sites (127.0.0.1 and localhost are different sites), one account bound to each.
  here = await servePages({ '/': TWO_CODES });
  elsewhere = await servePages({ '/': TWO_CODES }, 'localhost');
  h = await launch();
  page = await h.ctx.newPage();
  await page.goto(`${here.url}/`);
  await createVault(h, page);
  await addBoundAccount('Here', HERE);
  await page.goto(`${elsewhere.url}/`);
  await addBoundAccount('Elsewhere', ELSEWHERE);
}, 120_000);

afterAll(async () => {
  await h?.close();
  await here?.close();
  await elsewhere?.close();
});

const values = () => page.evaluate(() => ['first', 'second'].map((id) => (document.getElementById(id) as HTMLInputElement | null)?.value ?? null));

async function lock(): Promise<void> {
  const popup = await h.openPopup(page);
  await popup.getByRole('button', { name: 'Lock' }).click();
  await popup.getByRole('button', { name: 'Unlock' }).waitFor();
  await popup.close();
}

/** Right-clicks `selector`, then runs the exact context-menu handler for that click (frame 0, the top page). */
async function menuFill(selector: string): Promise<string> {
  await (await h.openPopup(page)).close(); // the activeTab grant a real menu click gives
  await page.click(selector, { button: 'right' });
  const url = page.url();
  return h.ctx.serviceWorkers()[0]!.evaluate(async (u) => {
    const [tab] = await (globalThis as any).chrome.tabs.query({ url: u });
    return (globalThis as any).tesseraGestures.menu({ menuItemId: 'tessera-fill', frameId: 0, editable: true }, tab);
  }, url);
}

async function unlock(): Promise<void> {
  const popup = await h.openPopup(page);
  await popup.getByLabel('Passphrase').fill(PASSPHRASE);
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await Promise.race([popup.waitForEvent('close'), popup.getByRole('searchbox').waitFor({ timeout: 30_000 })]).catch(() => undefined);
  if (!popup.isClosed()) await popup.close();
}

/** The toolbar badge of the page's tab (the gesture's report: ✓ or !). */
const badge = () =>
  h.ctx.serviceWorkers()[0]!.evaluate(async (u) => {
    const [tab] = await (globalThis as any).chrome.tabs.query({ url: u });
    return (globalThis as any).chrome.action.getBadgeText({ tabId: tab.id }) as Promise<string>;
  }, page.url());

describe('the context menu on a locked vault keeps the right-clicked field through the unlock', () => {
  test('unlocked, the finder alone picks the other field (the page is a real test of the target)', async () => {
    await page.goto(`${elsewhere.url}/`);
    const popup = await h.openPopup(page);
    await popup.getByRole('listitem').filter({ hasText: 'Elsewhere' }).getByRole('button', { name: /^Fill/ }).click();
    expect(codesAround(ELSEWHERE)).toContain(await filledValue(page, '#first'));
    expect((await values())[1]).toBe('');
    if (!popup.isClosed()) await popup.close();
  });

  test('locked: right-click the second field, unlock in the popup: the code lands there, the other stays empty', async () => {
    await page.goto(`${here.url}/`);
    await lock();
    expect(await menuFill('#second')).toBe('locked');
    // While the popup asks for the passphrase the page moves the focus: the kept target does not follow it.
    await page.focus('#first');
    expect(await values()).toEqual(['', '']);
    await unlock();
    expect(codesAround(HERE)).toContain(await filledValue(page, '#second'));
    expect((await values())[0]).toBe('');
    await expect.poll(badge, { timeout: 10_000 }).toBe('✓');
  });

  test('a right-clicked field that was re-rendered meanwhile gets nothing, nor does any other, and the toolbar says so', async () => {
    await page.goto(`${here.url}/`);
    await lock();
    expect(await menuFill('#second')).toBe('locked');
    // The page draws its form anew (same markup, new elements): the field that was right-clicked is gone.
    await page.evaluate(() => {
      const form = document.getElementById('f')!;
      form.replaceWith(form.cloneNode(true));
    });
    await unlock();
    await expect.poll(badge, { timeout: 20_000 }).toBe('!');
    expect(await values()).toEqual(['', '']);
  });

  test('a reload between the right-click and the unlock drops the target: nothing is filled', async () => {
    await page.goto(`${here.url}/`);
    await lock();
    expect(await menuFill('#second')).toBe('locked');
    await page.reload();
    await unlock();
    await expect.poll(badge, { timeout: 20_000 }).toBe('!');
    expect(await values()).toEqual(['', '']);
  });
});
