/**
 * A browser restart in firefox-esr, as test/e2e/vault-lifecycle.e2e.ts checks it in Chromium:
 * Firefox quits and starts again on the same profile; the vault is locked (storage.session did
 * not survive), opens with the passphrase, and holds its accounts, whose codes match an
 * independent RFC 6238 computation.
 *
 * A temporarily installed add-on is gone after a restart, so this suite installs dist/firefox
 * packed as an .xpi permanently (unsigned, allowed by firefox-esr's
 * `xpinstall.signatures.required` pref) on a profile it keeps between the two launches.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import { launchFirefox, until } from './firefox-harness.mjs';
import { role, label } from './role-query.mjs';
import { codesAround } from './reference-otp.mjs';
import { createVault, go, PASSPHRASE, addAccounts } from './portal-steps.mjs';

export const title = 'browser restart';

const ACCOUNTS = [
  { issuer: 'Restart Mail', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
  { issuer: 'Restart Bank', secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU' },
];
const PREFS = { 'xpinstall.signatures.required': false };
const profileDir = mkdtempSync(path.join(tmpdir(), 'tessera-ff-restart-'));
/** @type {import('./firefox-harness.mjs').FirefoxHarness | undefined} */
let ff;
/** @type {import('puppeteer-core').Page} */
let page;
/** @type {import('node:http').Server} */
let server;
let siteUrl = '';

/** The code shown in `popup`'s row of `issuer`, once it is a full code. @param {import('./popup-driver.mjs').PopupDriver} popup @param {string} issuer */
function codeOf(popup, issuer) {
  const item = role('listitem', undefined, { hasText: issuer });
  return until(async () => {
    const c = await popup.run('(win, q, spec) => (q.findAll(win.document, spec)[0]?.querySelector(".code")?.textContent ?? "").replace(/\\s/g, "")', [item]);
    return /^\d{6}$/.test(c) ? c : '';
  }, `a code for ${issuer}`, 20_000).catch((err) => popup.explain(err));
}

export async function setup() {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Page</title><h1>Page</h1>'));
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  siteUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  ff = await launchFirefox({ profileDir, install: 'permanent', prefs: PREFS });
  page = (await ff.browser.pages())[0];
  await go(page, siteUrl);
  await createVault(ff, page);
}

export async function teardown() {
  await ff?.close();
  await new Promise((r) => server.close(() => r(undefined)));
  rmSync(profileDir, { recursive: true, force: true });
}

/** @type {{ name: string, run: () => Promise<void> }[]} */
export const tests = [
  {
    name: 'restart: two accounts added in the popup show their codes before the restart',
    async run() {
      const popup = await ff.openPopup(page);
      await addAccounts(popup, ACCOUNTS);
      for (const a of ACCOUNTS) assert.ok(codesAround(a.secret).includes(await codeOf(popup, a.issuer)), a.issuer);
      await popup.close();
      assert.ok('session.vaultKey' in (await ff.storageDump()).session, 'unlocked: the key is in storage.session');
    },
  },
  {
    name: 'restart: after Firefox quits and starts on the same profile the vault is locked, opens with the passphrase and holds both accounts',
    async run() {
      await ff.close();
      ff = undefined;
      ff = await launchFirefox({ profileDir, install: 'none', prefs: PREFS });
      const again = ff;
      await until(() => again.chrome(() => !!ext && ext.backgroundState === 'running'), 'the installed extension to start again', 30_000);
      page = (await ff.browser.pages())[0];
      await go(page, siteUrl);
      const dump = await ff.storageDump();
      assert.deepEqual(Object.keys(dump.session), [], 'storage.session survived the restart');
      assert.ok(Object.keys(dump.local).some((k) => k.startsWith('vault.')), 'the vault is gone from storage.local');

      const popup = await ff.openPopup(page);
      await popup.waitFor(role('button', 'Unlock'), 15_000);
      for (const a of ACCOUNTS) assert.equal(await popup.count(role('listitem', undefined, { hasText: a.issuer })), 0, `${a.issuer} shown while locked`);
      await popup.fill(label('Passphrase', { exact: true }), PASSPHRASE);
      await popup.click(role('button', 'Unlock'));
      for (const a of ACCOUNTS) assert.ok(codesAround(a.secret).includes(await codeOf(popup, a.issuer)), a.issuer);
      await popup.close();
    },
  },
];
