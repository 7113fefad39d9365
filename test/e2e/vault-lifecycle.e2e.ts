/**
 * Issue 2, the vault's life: edit and delete (with a confirmation), auto-lock scheduling,
 * locking on browser restart, and a tampered vault reported as such and never overwritten.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';
import { servePages } from './static-server';

const PASSPHRASE = 'lifecycle passphrase';
const profile = mkdtempSync(path.join(tmpdir(), 'tessera-profile-'));
let h: Harness;
let site: { url: string; close(): Promise<void> };
let page: Page;

async function open(): Promise<void> {
  h = await launch({ keepProfile: profile });
  page = await h.ctx.newPage();
  await page.goto(site.url + '/');
}

beforeAll(async () => {
  site = await servePages({ '/': '<!doctype html><title>Page</title><h1>Page</h1>' });
  await open();
  const popup = await h.openPopup(page);
  await popup.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await popup.getByLabel('Confirm passphrase').fill(PASSPHRASE);
  await popup.getByRole('button', { name: 'Create vault' }).click();
  for (const [issuer, secret] of [['Alpha', 'JBSWY3DPEHPK3PXP'], ['Beta', 'KRSXG5CTMVRXEZLU']] as const) {
    await popup.getByRole('button', { name: 'Add account' }).click();
    await popup.getByLabel('Secret key or otpauth link').fill(secret);
    await popup.getByLabel('Issuer').fill(issuer);
    await popup.getByLabel('Account name').fill(`${issuer.toLowerCase()}@example.com`);
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.getByRole('listitem').filter({ hasText: issuer }).waitFor();
  }
  await popup.close();
});
afterAll(async () => {
  await h?.close();
  await site?.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('vault lifecycle', () => {
  test('edit an account: issuer, name, note and backup codes are saved', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Edit Alpha' }).click();
    await popup.getByLabel('Issuer').fill('Alpha Bank');
    await popup.getByLabel('Note').fill('personal');
    await popup.getByLabel('Backup codes (one per line)').fill('1111-2222\n3333-4444');
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.getByRole('listitem').filter({ hasText: 'Alpha Bank' }).waitFor();
    await popup.getByRole('button', { name: 'Edit Alpha Bank' }).click();
    expect(await popup.getByLabel('Note').inputValue()).toBe('personal');
    await expect.poll(() => popup.getByLabel('Backup codes (one per line)').inputValue()).toBe('1111-2222\n3333-4444');
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.close();
  });

  test('delete asks for a confirmation; Cancel keeps the account, Delete removes it', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Edit Beta' }).click();
    await popup.getByRole('button', { name: 'Delete' }).click();
    const dialog = popup.getByRole('alertdialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await popup.getByRole('button', { name: 'Cancel' }).click();
    expect(await popup.getByRole('listitem').count()).toBe(2);
    await popup.getByRole('button', { name: 'Edit Beta' }).click();
    await popup.getByRole('button', { name: 'Delete' }).click();
    await popup.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => popup.getByRole('listitem').count()).toBe(1);
    await popup.close();
  });

  test('auto-lock is scheduled for the idle time the user sets (default 15 minutes)', async () => {
    const popup = await h.openPopup(page);
    const scheduled = () => h.sw.evaluate(async () => (await (globalThis as any).chrome.alarms.get('tessera-autolock'))?.scheduledTime ?? 0);
    const minutesAhead = async () => ((await scheduled()) - Date.now()) / 60_000;
    expect(await minutesAhead()).toBeGreaterThan(14);
    expect(await minutesAhead()).toBeLessThanOrEqual(15.01);
    await popup.getByRole('button', { name: 'Settings' }).click();
    await popup.getByLabel('Lock after this many minutes without use').fill('0');
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('1440');
    await popup.getByLabel('Lock after this many minutes without use').fill('2');
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.getByRole('searchbox').waitFor();
    expect(await minutesAhead()).toBeGreaterThan(1.5);
    expect(await minutesAhead()).toBeLessThanOrEqual(2.01);
    await popup.close();
  });

  test('restarting the browser locks the vault', async () => {
    await h.close();
    await open();
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Unlock' }).waitFor();
    await popup.getByLabel('Passphrase').fill(PASSPHRASE);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.getByRole('listitem').filter({ hasText: 'Alpha Bank' }).waitFor({ timeout: 15_000 });
    await popup.close();
  });

  test('a tampered vault is reported as such and never overwritten', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Lock' }).click();
    await popup.close();
    const tampered = await h.sw.evaluate(async () => {
      const chrome = (globalThis as any).chrome;
      const { 'vault.current': slot } = await chrome.storage.local.get('vault.current');
      const key = `vault.${slot}`;
      const record = (await chrome.storage.local.get(key))[key];
      const ct: string = record.data.ct;
      // Flip one base64 character of the sealed data (the header and key wrap stay intact).
      record.data.ct = ct.slice(0, 10) + (ct[10] === 'A' ? 'B' : 'A') + ct.slice(11);
      await chrome.storage.local.set({ [key]: record });
      return JSON.stringify(await chrome.storage.local.get(null));
    });
    const locked = await h.openPopup(page);
    await locked.getByLabel('Passphrase').fill(PASSPHRASE);
    await locked.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => locked.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/damaged|tampered/i);
    await locked.close();
    const after = await h.sw.evaluate(async () => JSON.stringify(await (globalThis as any).chrome.storage.local.get(null)));
    expect(after).toBe(tampered);
  });
});
