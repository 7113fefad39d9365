/**
 * Backup export and import in firefox-esr through the backup page, opened by the toolbar
 * popup's "Export backup" / "Import backup" buttons (as test/e2e/backup.e2e.ts does in
 * Chromium): the encrypted file lands in the downloads folder with no secret in the clear; a
 * fresh profile refuses a wrong passphrase with an alert and an untouched vault, then restores
 * both accounts, whose codes match an independent RFC 6238 computation.
 *
 * Two browsers one after the other (the second is the "new computer"); tests run in order.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import { launchFirefox, until } from './firefox-harness.mjs';
import { installRoleQuery, role, label } from './role-query.mjs';
import { codesAround } from './reference-otp.mjs';
import { createVault, go, PASSPHRASE, addAccounts } from './portal-steps.mjs';

export const title = 'backup through the backup page';

const BACKUP_PASS = 'firefox backup passphrase';
const ACCOUNTS = [
  { issuer: 'Alpha Mail', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
  { issuer: 'Beta Bank', secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU' },
];
const downloads = mkdtempSync(path.join(tmpdir(), 'tessera-ff-dl-'));
/** @type {import('./firefox-harness.mjs').FirefoxHarness | undefined} */
let ff;
/** @type {import('puppeteer-core').Page} */
let page;
/** @type {import('node:http').Server} */
let server;
let siteUrl = '';
let backupFile = '';

/**
 * The first element matching `spec` in an extension page tab (role-query installed on demand).
 * @param {import('puppeteer-core').Page} p
 * @param {import('./role-query.mjs').Spec} spec
 */
async function find(p, spec) {
  return until(async () => {
    await p.evaluate(installRoleQuery);
    const handle = await p.evaluateHandle((s) => globalThis.__roleQuery.findAll(document, s)[0] ?? null, spec);
    return handle.asElement() ?? undefined;
  }, `${JSON.stringify(spec)} on ${p.url()}`);
}

/** @param {import('puppeteer-core').Page} p @param {import('./role-query.mjs').Spec} spec */
const textOf = (p, spec) => find(p, spec).then((h) => h.evaluate((el) => (el.textContent ?? '').trim()));

/** @param {import('puppeteer-core').Page} p @param {import('./role-query.mjs').Spec} spec @param {string} value */
async function typeInto(p, spec, value) {
  const field = await find(p, spec);
  await field.click();
  await field.type(value);
}

/** Clicks `button` in the popup on the page tab and returns the backup page tab it opens. */
async function backupPageFrom(/** @type {string} */ button, /** @type {string} */ hash) {
  const popup = await ff.openPopup(page);
  await popup.click(role('button', button));
  // Puppeteer's page.url() does not follow moz-extension:// loads, so each tab is asked.
  return until(async () => {
    for (const p of await ff.browser.pages()) {
      const href = await p.evaluate(() => document.readyState === 'complete' && location.href).catch(() => '');
      if (typeof href === 'string' && href.endsWith(`/src/pages/backup/index.html#${hash}`)) return p;
    }
    return undefined;
  }, `the backup page (#${hash})`);
}

async function fresh() {
  await ff?.close();
  ff = await launchFirefox({ downloadDir: downloads });
  page = (await ff.browser.pages())[0];
  await go(page, siteUrl);
  await createVault(ff, page);
}

export async function setup() {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Page</title><h1>Page</h1>'));
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  siteUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  await fresh();
}

export async function teardown() {
  await ff?.close();
  await new Promise((r) => server.close(() => r(undefined)));
  rmSync(downloads, { recursive: true, force: true });
}

/** @type {{ name: string, run: () => Promise<void> }[]} */
export const tests = [
  {
    name: 'backup: "Export backup" in the popup opens the backup page, which saves an encrypted file',
    async run() {
      const popup = await ff.openPopup(page);
      await addAccounts(popup, ACCOUNTS);
      const backup = await backupPageFrom('Export backup', 'export');
      await typeInto(backup, label('Backup passphrase', { exact: true }), BACKUP_PASS);
      await typeInto(backup, label('Confirm backup passphrase'), BACKUP_PASS);
      // Nothing leaves before the vault passphrase is asked again (issue 10).
      await typeInto(backup, label('Vault passphrase'), PASSPHRASE);
      await (await find(backup, role('button', 'Export', { exact: true }))).click();
      const status = await until(async () => {
        const t = await backup.evaluate(() => document.querySelector('#export [role="status"]')?.textContent ?? '');
        return /^Saved tessera-backup-\d{4}-\d\d-\d\d\.json\.$/.test(t) ? t : '';
      }, 'the export status', 20_000);
      assert.ok(status);
      const saved = await until(() => readdirSync(downloads).find((f) => /^tessera-backup-.*\.json$/.test(f)), 'the backup file in the downloads folder', 15_000);
      backupFile = path.join(downloads, saved);
      const text = await until(() => { const t = readFileSync(backupFile, 'utf8'); return t.length > 50 ? t : ''; }, 'the file to be written');
      assert.equal(JSON.parse(text).format, 'tessera-backup');
      for (const a of ACCOUNTS) assert.ok(!text.includes(a.secret), 'a secret is in the backup file in the clear');
    },
  },
  {
    name: 'backup: in a fresh profile "Import backup" refuses a wrong passphrase, then restores both accounts',
    async run() {
      await fresh();
      const before = JSON.stringify((await ff.storageDump()).local);
      const backup = await backupPageFrom('Import backup', 'import');
      const inImport = { css: '#import' };
      const fileInput = await find(backup, label('Backup file', { within: inImport }));
      await /** @type {import('puppeteer-core').ElementHandle<HTMLInputElement>} */ (fileInput).uploadFile(backupFile);
      await typeInto(backup, label('Backup passphrase', { within: inImport }), 'not the backup passphrase');
      await (await find(backup, role('button', 'Open', { within: inImport }))).click();
      const alert = await until(async () => backup.evaluate(() => document.querySelector('#import [role="alert"]')?.textContent ?? ''), 'an alert', 20_000);
      assert.match(alert, /wrong passphrase/i);
      assert.match(alert, /your vault is unchanged/);
      assert.equal(JSON.stringify((await ff.storageDump()).local), before);

      const pass = await find(backup, label('Backup passphrase', { within: inImport }));
      await pass.click({ count: 3 });
      await pass.type(BACKUP_PASS);
      await (await find(backup, role('button', 'Open', { within: inImport }))).click();
      await (await find(backup, role('button', 'Import 2 accounts'))).click();
      const status = await until(async () => backup.evaluate(() => document.querySelector('#import [role="status"]')?.textContent ?? ''), 'the import status', 20_000);
      assert.equal(status, 'Imported 2 accounts.');

      await page.bringToFront();
      const popup = await ff.openPopup(page);
      for (const a of ACCOUNTS) {
        const item = role('listitem', undefined, { hasText: a.issuer });
        const code = await until(async () => {
          const c = await popup.run('(win, q, spec) => (q.findAll(win.document, spec)[0]?.querySelector(".code")?.textContent ?? "").replace(/\\s/g, "")', [item]);
          return /^\d{6}$/.test(c) ? c : '';
        }, `a code for ${a.issuer}`);
        assert.ok(codesAround(a.secret).includes(code), `${a.issuer}: shown ${code}`);
      }
      await popup.close();
    },
  },
];
