/**
 * A sample of the field-finder corpus end to end in Chromium: each page served as written
 * (declarative shadow DOM parsed by the browser itself), the real popup opened on it, its "Fill"
 * pressed, and the page checked: the expected field (or boxes) holds the account's current code,
 * or nothing is filled and the popup says why in role "alert".
 *
 * The sample takes every kind of case the corpus has: each script family, split boxes, shadow
 * DOM, a slot overlay, SMS and email prompts, look-alikes; then more languages up to 18 cases.
 * Each case gets an account of its own (sites refuse a step used on another page, so one account
 * would wait 30 s per case).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';
import { createVault } from './portal-helpers';
import { servePages } from './static-server';
import { loadCases, type CorpusCase } from '../fields-corpus/load-cases';
import { codesAround } from '../reference-otp';
import { base32Encode as base32 } from '../fixtures/accounts';
import { ALERTS, FAMILIES, sampleCases } from '../fields-corpus/e2e-sample.mjs';

const cases = sampleCases(loadCases());
/** A page where the finder alone picks the one-time-code field, but the user's field is the other one. */
const TAUGHT_PAGE = `<!doctype html><title>Sign in</title><h1>Two-step verification</h1><p>Open your authenticator app.</p>
<form><input id="decoy" name="otp" autocomplete="one-time-code" maxlength="6"><label for="mine">Your answer</label><input id="mine" name="answer"></form>`;
const TAUGHT_SECRET = base32(randomBytes(20));
const COPY_PAGE = `<!doctype html><title>Sign in</title><form><label for="otp">Authentication code</label><input id="otp" autocomplete="one-time-code" maxlength="6"></form>`;
const secrets = new Map(cases.map((c) => [c.id, base32(randomBytes(20))]));

let h: Harness;
let page: Page;
let server: Awaited<ReturnType<typeof servePages>>;

beforeAll(async () => {
  server = await servePages(Object.fromEntries([['/', '<!doctype html><title>start</title>'], ['/taught', TAUGHT_PAGE], ['/copy', COPY_PAGE], ...cases.map((c) => [`/${c.id}`, c.html])]));
  h = await launch();
  page = await h.ctx.newPage();
  await page.goto(`${server.url}/`);
  await createVault(h, page);
  // One account per case, bound to the pages' site (127.0.0.1), with the case's number of digits.
  const popup = await h.openPopup(page);
  const tabId = await popup.evaluate(async () => (await (globalThis as any).chrome.tabs.query({ active: true, currentWindow: true }))[0].id as number);
  const taughtUri = `otpauth://totp/Taught:e2e?secret=${TAUGHT_SECRET}&issuer=Taught`;
  const added = await popup.evaluate(
    ([u, t]) => (globalThis as any).chrome.runtime.sendMessage({ type: 'account/add', payload: { secretOrUri: u, bindToTabId: t } }),
    [taughtUri, tabId] as const,
  );
  expect(added.ok).toBe(true);
  for (const c of cases) {
    const uri = `otpauth://totp/Case%20${encodeURIComponent(c.id)}:e2e?secret=${secrets.get(c.id)}&issuer=Case%20${encodeURIComponent(c.id)}&digits=${c.digits ?? 6}`;
    const reply = await popup.evaluate(
      ([u, t]) => (globalThis as any).chrome.runtime.sendMessage({ type: 'account/add', payload: { secretOrUri: u, bindToTabId: t } }),
      [uri, tabId] as const,
    );
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
  }
  await popup.close();
}, 180_000);

afterAll(async () => {
  await h?.close();
  await server?.close();
});

/** Every input value on the page, open shadow roots included (buttons and hidden inputs carry values of their own). */
async function allValues(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el instanceof HTMLInputElement && el.type !== 'hidden') out.push(el.value);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  });
}

async function waitForValue(read: () => Promise<string>, pattern: RegExp, ms = 40_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (pattern.test(v) || Date.now() > deadline) return v;
    await page.waitForTimeout(100);
  }
}

describe('field-finder corpus sample through the popup’s Fill', () => {
  test('the sample covers every kind the issue names', () => {
    const kinds = new Set(cases.flatMap((c) => [Object.entries(FAMILIES).find(([, l]) => l.includes(c.lang))?.[0], Object.keys(c.expect)[0], 'none' in c.expect ? c.expect.none : '']));
    expect(cases.length).toBeGreaterThanOrEqual(15);
    for (const k of ['latin', 'cyrillic', 'cjk', 'arabic', 'hebrew', 'boxes', 'sms', 'email']) expect(kinds, k).toContain(k);
    expect(cases.some((c) => /shadowrootmode/.test(c.html))).toBe(true);
  });

  test.each(cases.map((c) => [`${c.lang} ${c.id}`, c] as const))('%s', async (_name, c) => {
    await page.goto(`${server.url}/${c.id}`);
    const before = await allValues(page);
    const popup = await h.openPopup(page);
    const item = popup.getByRole('listitem').filter({ hasText: `Case ${c.id}` });
    await item.getByRole('button', { name: /^Fill/ }).click();
    const digits = c.digits ?? 6;
    const valid = () => codesAround(secrets.get(c.id)!, 30, digits);
    const e = c.expect;
    if ('none' in e) {
      // The corpus's "no-field" also covers a field too small for the code: the popup then says so.
      const expected = e.none === 'no-field' ? [ALERTS['no-field'], ALERTS['does-not-fit']] : [ALERTS[e.none]];
      await expect.poll(async () => expected.includes((await popup.getByRole('alert').textContent()) ?? ''), { timeout: 20_000 }).toBe(true);
      expect(await allValues(page)).toEqual(before);
      await popup.close();
      return;
    }
    if ('field' in e) {
      const value = await waitForValue(() => page.locator(e.field).inputValue(), new RegExp(`^\\d{${digits}}$`));
      expect(valid()).toContain(value);
    } else {
      const boxes = page.locator(e.boxes);
      const read = async () => (await boxes.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))).join('');
      const value = await waitForValue(read, new RegExp(`^\\d{${digits}}$`));
      expect(valid()).toContain(value);
      expect(await boxes.evaluateAll((els) => els.every((el) => (el as HTMLInputElement).value.length === 1))).toBe(true);
    }
    if (!popup.isClosed()) await popup.close();
  });
});

describe('"Fill two-factor code" on a right-clicked field, remembered for the site', () => {
  test('fills that very field, and later fills on new page loads prefer it', async () => {
    await page.goto(`${server.url}/taught`);
    await (await h.openPopup(page)).close(); // the gesture's activeTab grant, as a real menu click gives
    await page.click('#mine', { button: 'right' });
    const tabUrl = page.url();
    const answer = await h.ctx.serviceWorkers()[0]!.evaluate(async (url) => {
      const [tab] = await (globalThis as any).chrome.tabs.query({ url });
      return (globalThis as any).tesseraGestures.menu({ menuItemId: 'tessera-fill', frameId: 0, editable: true }, tab);
    }, tabUrl);
    // Many accounts are bound to this site: the popup asks which one, and its Fill goes into the right-clicked field.
    expect(answer).toBe('choose');
    const popup = await h.openPopup(page);
    await popup.getByRole('listitem').filter({ hasText: 'Taught' }).getByRole('button', { name: /^Fill/ }).click();
    const valid = () => codesAround(TAUGHT_SECRET, 30, 6);
    expect(valid()).toContain(await waitForValue(() => page.locator('#mine').inputValue(), /^\d{6}$/));
    expect(await page.locator('#decoy').inputValue()).toBe('');
    if (!popup.isClosed()) await popup.close();

    // A new page load: a plain "Fill" now goes into the taught field, not the one the finder would pick.
    await page.goto(`${server.url}/taught`);
    const again = await h.openPopup(page);
    await again.getByRole('listitem').filter({ hasText: 'Taught' }).getByRole('button', { name: /^Fill/ }).click();
    expect(valid()).toContain(await waitForValue(() => page.locator('#mine').inputValue(), /^\d{6}$/));
    expect(await page.locator('#decoy').inputValue()).toBe('');
    if (!again.isClosed()) await again.close();
  });
});

describe('"Copy the code after filling"', () => {
  test('the edit form\'s checkbox puts the filled code on the clipboard too', async () => {
    await page.goto(`${server.url}/copy`);
    const edit = await h.openPopup(page);
    await edit.getByRole('listitem').filter({ hasText: 'Taught' }).getByRole('button', { name: /^Edit/ }).click();
    await edit.getByRole('checkbox', { name: 'Copy the code after filling' }).check();
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByRole('searchbox').waitFor();
    await edit.close();

    const popup = await h.openPopup(page);
    // Record what reaches the clipboard, and keep the popup open after the fill to read it.
    await popup.evaluate(() => {
      const writes: string[] = ((window as unknown as { writes: string[] }).writes = []);
      const original = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = (text: string) => (writes.push(text), original(text).catch(() => undefined));
      window.close = () => undefined;
    });
    await popup.getByRole('listitem').filter({ hasText: 'Taught' }).getByRole('button', { name: /^Fill/ }).click();
    const filled = await waitForValue(() => page.locator('#otp').inputValue(), /^\d{6}$/);
    expect(codesAround(TAUGHT_SECRET, 30, 6)).toContain(filled);
    await expect.poll(() => popup.evaluate(() => (window as unknown as { writes: string[] }).writes), { timeout: 10_000 }).toEqual([filled]);
    await popup.close();
  });
});
