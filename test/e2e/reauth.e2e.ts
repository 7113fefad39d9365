/**
 * Issue 10, "plaintext leaves only after the passphrase is asked again", in a real Chromium:
 * the plain export, the encrypted export, "Move to phone" and revealing a secret in the edit
 * form each ask for the vault passphrase; a wrong one saves and shows nothing and says so, the
 * right one works, and a request without the proof is refused by the background itself.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';

const BACKUP_PAGE = 'src/pages/backup/index.html';
const VAULT_PASS = 'the vault passphrase';
const WRONG = 'not the vault passphrase';
const SECRET = 'JBSWY3DPEHPK3PXP';
const downloads = mkdtempSync(path.join(tmpdir(), 'tessera-reauth-dl-'));
let h: Harness;
let page: Page;

async function send(p: Page, type: string, payload: unknown) {
  return p.evaluate(([t, pl]) => (globalThis as any).chrome.runtime.sendMessage({ type: t, payload: pl }), [type, payload] as const);
}
const files = () => readdirSync(downloads).filter((f) => !f.endsWith('.crdownload'));

beforeAll(async () => {
  h = await launch();
  page = await h.extensionPage(BACKUP_PAGE);
  await send(page, 'vault/create', { passphrase: VAULT_PASS });
  await send(page, 'account/add', { secretOrUri: `otpauth://totp/Alpha:ann?secret=${SECRET}&issuer=Alpha` });
  await page.reload();
});
afterAll(async () => {
  await h?.close();
  rmSync(downloads, { recursive: true, force: true });
});

describe('the vault passphrase is asked again before plaintext leaves', () => {
  test('the background refuses the requests without a proof, and with a wrong one', async () => {
    for (const [type, payload] of [
      ['backup/export-plain', {}],
      ['account/reveal', { id: 'x' }],
      ['backup/migration-qr', {}],
      ['backup/export', { passphrase: 'backup passphrase' }],
    ] as const) {
      expect((await send(page, type, payload)).error.code, type).toBe('bad-request');
    }
    const wrong = await send(page, 'backup/export-plain', { proof: { passphrase: WRONG } });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    expect(JSON.stringify(wrong)).not.toContain(SECRET);
  });

  test('"Export unencrypted": a wrong vault passphrase saves nothing and says so; the right one saves the file', async () => {
    await h.allowDownloads(downloads);
    const exp = page.locator('#export');
    await exp.getByRole('button', { name: 'Export unencrypted' }).click();
    const dialog = exp.getByRole('alertdialog');
    await dialog.getByLabel('Vault passphrase').fill(WRONG);
    await dialog.getByRole('button', { name: 'Export unencrypted anyway' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/wrong passphrase/i);
    expect(files()).toEqual([]);

    await dialog.getByLabel('Vault passphrase').fill(VAULT_PASS);
    await dialog.getByRole('button', { name: 'Export unencrypted anyway' }).click();
    await expect.poll(files, { timeout: 20_000 }).toHaveLength(1);
    expect(readFileSync(path.join(downloads, files()[0]!), 'utf8')).toContain(`secret=${SECRET}`);
    expect(await dialog.count()).toBe(0);
    rmSync(path.join(downloads, files()[0]!));
  });

  test('the encrypted export needs the vault passphrase too', async () => {
    await h.allowDownloads(downloads);
    const exp = page.locator('#export');
    await exp.getByLabel('Backup passphrase', { exact: true }).fill('backup passphrase 1');
    await exp.getByLabel('Confirm backup passphrase').fill('backup passphrase 1');
    await exp.getByLabel('Vault passphrase').fill(WRONG);
    await exp.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => exp.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/wrong passphrase/i);
    expect(files()).toEqual([]);
    await exp.getByLabel('Vault passphrase').fill(VAULT_PASS);
    await exp.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(files, { timeout: 20_000 }).toHaveLength(1);
    expect(files()[0]).toMatch(/^tessera-backup-.*\.json$/);
  });

  test('"Move to phone" shows no QR code for a wrong vault passphrase, and shows them for the right one', async () => {
    const move = page.locator('#move');
    await move.getByRole('button', { name: 'Show transfer QR codes' }).click();
    const dialog = move.getByRole('alertdialog');
    await dialog.getByLabel('Vault passphrase').fill(WRONG);
    await dialog.getByRole('button', { name: 'Show transfer QR codes' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/wrong passphrase/i);
    expect(await move.getByRole('img').count()).toBe(0);
    await dialog.getByLabel('Vault passphrase').fill(VAULT_PASS);
    await dialog.getByRole('button', { name: 'Show transfer QR codes' }).click();
    await expect.poll(() => move.getByRole('img', { name: /^Transfer QR code 1 of 1$/ }).count(), { timeout: 20_000 }).toBe(1);
  });

  test('revealing the secret in the edit form asks for the vault passphrase', async () => {
    const popup = await h.extensionPage('src/popup/index.html');
    await popup.getByRole('button', { name: 'Edit Alpha' }).click();
    await popup.getByRole('button', { name: 'Show secret key' }).click();
    const dialog = popup.getByRole('alertdialog');
    await dialog.getByLabel('Vault passphrase').fill(WRONG);
    await dialog.getByRole('button', { name: 'Show secret key' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/wrong passphrase/i);
    expect(await popup.content()).not.toContain(SECRET);
    await dialog.getByLabel('Vault passphrase').fill(VAULT_PASS);
    await dialog.getByRole('button', { name: 'Show secret key' }).click();
    await expect.poll(() => popup.getByLabel('Secret key (otpauth link)').inputValue(), { timeout: 20_000 }).toContain(`secret=${SECRET}`);
    await popup.close();
  });
});
