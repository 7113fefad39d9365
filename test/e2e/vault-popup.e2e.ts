/**
 * Issue 2 in a real Chromium: create a vault, add accounts, see the codes an independent
 * implementation computes, search, HOTP, lock, wrong and right passphrase, and a scan of
 * every storage area for anything secret.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';
import { servePages } from './static-server';
import { codesAround, referenceHotp, base32Decode } from '../reference-otp';

const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const HOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

let h: Harness;
let site: { url: string; close(): Promise<void> };
let page: Page;

beforeAll(async () => {
  h = await launch();
  site = await servePages({ '/': '<!doctype html><title>Plain page</title><h1>Hello</h1>' });
  page = await h.ctx.newPage();
  await page.goto(site.url + '/');
});
afterAll(async () => {
  await h?.close();
  await site?.close();
});

function digitsOf(text: string | null): string {
  return (text ?? '').replace(/\s/g, '');
}

describe('vault and popup', () => {
  test('first run refuses a short or mismatched passphrase, then creates the vault', async () => {
    const popup = await h.openPopup(page);
    await popup.getByLabel('Passphrase', { exact: true }).fill('short');
    await popup.getByLabel('Confirm passphrase').fill('short');
    await popup.getByRole('button', { name: 'Create vault' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('at least 8');
    await popup.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await popup.getByLabel('Confirm passphrase').fill(PASSPHRASE + 'x');
    await popup.getByRole('button', { name: 'Create vault' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('do not match');
    await popup.getByLabel('Confirm passphrase').fill(PASSPHRASE);
    await popup.getByRole('button', { name: 'Create vault' }).click();
    await popup.getByRole('button', { name: 'Add account' }).waitFor({ timeout: 15_000 });
    await popup.close();
  });

  test('an otpauth link adds an account whose code matches an independent computation', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Add account' }).click();
    await popup.getByLabel('Secret key or otpauth link').fill(`otpauth://totp/Example%20Corp:alice%40example.com?secret=${SECRET.toLowerCase()}&issuer=Example%20Corp`);
    await popup.getByRole('button', { name: 'Save' }).click();
    const item = popup.getByRole('listitem').filter({ hasText: 'Example Corp' });
    await item.waitFor();
    await expect.poll(async () => codesAround(SECRET).includes(digitsOf(await item.locator('.code').textContent()))).toBe(true);
    expect(await item.textContent()).toContain('alice@example.com');
    expect(await item.getByRole('button', { name: /^Copy/ }).count()).toBe(1);
    await popup.close();
  });

  test('a bad secret gets an alert and adds nothing', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Add account' }).click();
    await popup.getByLabel('Secret key or otpauth link').fill('not a secret 1!');
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toMatch(/secret/i);
    await popup.getByRole('button', { name: 'Cancel' }).click();
    expect(await popup.getByRole('listitem').count()).toBe(1);
    await popup.close();
  });

  test('a duplicate secret is refused, naming the account that has it', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Add account' }).click();
    await popup.getByLabel('Secret key or otpauth link').fill(SECRET);
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('Example Corp');
    await popup.close();
  });

  test('HOTP accounts advance and save their counter', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Add account' }).click();
    await popup.getByLabel('Secret key or otpauth link').fill(`otpauth://hotp/Counter%20Bank:bob?secret=${HOTP_SECRET}&counter=5&issuer=Counter%20Bank`);
    await popup.getByRole('button', { name: 'Save' }).click();
    const item = popup.getByRole('listitem').filter({ hasText: 'Counter Bank' });
    await expect.poll(async () => digitsOf(await item.locator('.code').textContent())).toBe(referenceHotp(HOTP_SECRET, 5));
    await item.getByRole('button', { name: /^Next/ }).click();
    await expect.poll(async () => digitsOf(await item.locator('.code').textContent())).toBe(referenceHotp(HOTP_SECRET, 6));
    await popup.close();
    const again = await h.openPopup(page);
    const item2 = again.getByRole('listitem').filter({ hasText: 'Counter Bank' });
    await expect.poll(async () => digitsOf(await item2.locator('.code').textContent())).toBe(referenceHotp(HOTP_SECRET, 6));
    await again.close();
  });

  test('codes roll over without reopening the popup', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Add account' }).click();
    const fast = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF';
    await popup.getByLabel('Secret key or otpauth link').fill(`otpauth://totp/Fast:f?secret=${fast}&period=2&issuer=Fast`);
    await popup.getByRole('button', { name: 'Save' }).click();
    const item = popup.getByRole('listitem').filter({ hasText: 'Fast' });
    const seen = new Set<string>();
    const deadline = Date.now() + 7000;
    while (Date.now() < deadline && seen.size < 3) {
      const shown = digitsOf(await item.locator('.code').textContent());
      if (/^\d{6}$/.test(shown)) {
        expect(codesAround(fast, 2)).toContain(shown);
        seen.add(shown);
      }
      await popup.waitForTimeout(250);
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
    await popup.close();
  });

  test('search filters by issuer and name as you type', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('searchbox', { name: 'Search' }).fill('alice');
    await expect.poll(() => popup.getByRole('listitem').count()).toBe(1);
    await popup.getByRole('searchbox', { name: 'Search' }).fill('counter');
    await expect.poll(() => popup.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('Counter Bank')]);
    await popup.close();
  });

  test('lock, a wrong passphrase gets an alert, the right one unlocks', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Lock' }).click();
    await popup.getByRole('button', { name: 'Unlock' }).waitFor();
    await popup.close();
    const locked = await h.openPopup(page);
    await locked.getByLabel('Passphrase').fill('wrong passphrase');
    await locked.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => locked.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/wrong passphrase/i);
    await locked.getByLabel('Passphrase').fill(PASSPHRASE);
    await locked.getByRole('button', { name: 'Unlock' }).click();
    await locked.getByRole('listitem').first().waitFor({ timeout: 15_000 });
    expect(await locked.getByRole('listitem').count()).toBe(3);
    await locked.close();
  });

  test('no storage area holds a secret, the passphrase or the vault key in the clear', async () => {
    const dump = await h.storageDump();
    const persisted = JSON.stringify({ local: dump.local, sync: dump.sync });
    const everything = JSON.stringify(dump);
    for (const secret of [SECRET, HOTP_SECRET, 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF']) {
      const raw = base32Decode(secret);
      for (const form of [secret, secret.toLowerCase(), raw.toString('hex'), raw.toString('base64'), raw.toString('base64url'), raw.toString('latin1')]) {
        expect(everything).not.toContain(form);
      }
    }
    expect(everything).not.toContain(PASSPHRASE);
    // The unlocked session keeps the vault key in storage.session only; it must never reach local or sync.
    const sessionValues = Object.values(dump.session).filter((v): v is string => typeof v === 'string' && v.length >= 40);
    expect(sessionValues.length).toBeGreaterThan(0);
    for (const v of sessionValues) expect(persisted).not.toContain(v);
    expect(Object.keys(dump.sync)).toEqual([]);
  });
});

describe('keyboard and clipboard', () => {
  test('the popup works with the keyboard alone: add an account, then copy its code', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('searchbox', { name: 'Search' }).focus();
    await popup.keyboard.press('Tab'); // Scan QR code
    await popup.keyboard.press('Tab'); // Add account
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('Add account');
    await popup.keyboard.press('Enter');
    // The secret field has the focus when the form opens.
    const secretField = popup.getByLabel('Secret key or otpauth link');
    await expect.poll(() => secretField.evaluate((el) => el === document.activeElement)).toBe(true);
    await popup.keyboard.type('otpauth://totp/Keys:kb%40example.com?secret=MFRGGZDFMZTWQ2LKMFRGGZDF&issuer=Keys');
    await popup.keyboard.press('Enter');
    const item = popup.getByRole('listitem').filter({ hasText: 'Keys' });
    await item.waitFor();
    // Tab from the search box reaches the new row's Copy button; Enter copies.
    const copy = item.getByRole('button', { name: /^Copy/ });
    await popup.getByRole('searchbox', { name: 'Search' }).focus();
    for (let i = 0; i < 30 && !(await copy.evaluate((el) => el === document.activeElement)); i++) await popup.keyboard.press('Tab');
    expect(await copy.evaluate((el) => el === document.activeElement)).toBe(true);
    // Record what reaches the clipboard (reading it back needs a permission Tessera does not ask for).
    await popup.evaluate(() => {
      const writes: string[] = ((window as unknown as { writes: string[] }).writes = []);
      const original = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = (text: string) => (writes.push(text), original(text));
    });
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.getByRole('status').textContent()).toContain('copied');
    const writes = () => popup.evaluate(() => (window as unknown as { writes: string[] }).writes);
    expect(codesAround('MFRGGZDFMZTWQ2LKMFRGGZDF')).toContain((await writes())[0]);
    await popup.close();
  });

  test('the clipboard is cleared after the delay the user sets', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Settings' }).click();
    await popup.getByLabel('Clear copied codes after (seconds, 0 = never)').fill('1');
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.close();
    const again = await h.openPopup(page);
    await again.evaluate(() => {
      const writes: string[] = ((window as unknown as { writes: string[] }).writes = []);
      navigator.clipboard.writeText = async (text: string) => void writes.push(text);
    });
    await again.getByRole('listitem').filter({ hasText: 'Keys' }).getByRole('button', { name: /^Copy/ }).click();
    const writes = () => again.evaluate(() => (window as unknown as { writes: string[] }).writes);
    await expect.poll(writes, { timeout: 5000 }).toEqual([expect.stringMatching(/^\d{6}$/), '']);
    await again.close();
  });
});
