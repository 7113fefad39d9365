/**
 * Keyboard-only use of the real toolbar popup in firefox-esr, as test/e2e/vault-popup.e2e.ts's
 * keyboard test does in Chromium: every step below is reached with Tab and operated with Enter
 * or Space (text typed into the field that has the focus); no click after the toolbar button.
 * Add accounts, search, copy (the real clipboard, read in the parent process), settings, lock
 * and unlock. Tests run in order and build on each other.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { launchFirefox, until } from './firefox-harness.mjs';
import { role, label } from './role-query.mjs';
import { codesAround } from './reference-otp.mjs';
import { createVault, go, PASSPHRASE } from './portal-steps.mjs';
import { readClipboard } from './clipboard.mjs';

export const title = 'keyboard-only popup';

const KEYS = { issuer: 'Keys', secret: 'MFRGGZDFMZTWQ2LKMFRGGZDF' };
const OTHER = { issuer: 'Other Mail', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };
/** @param {{ issuer: string, secret: string }} a */
const uriOf = (a) => `otpauth://totp/${encodeURIComponent(a.issuer)}:kb%40example.com?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}`;

/** @type {import('./firefox-harness.mjs').FirefoxHarness} */
let ff;
/** @type {import('puppeteer-core').Page} */
let page;
/** @type {import('node:http').Server} */
let server;

const clipboard = () => readClipboard(ff);

/** @param {import('./popup-driver.mjs').PopupDriver} popup @param {import('./role-query.mjs').Spec} spec */
const hasFocus = (popup, spec) => until(() => popup.run('(win, q, spec) => q.findAll(win.document, spec)[0] === win.document.activeElement', [spec]), `the focus on ${JSON.stringify(spec)}`).catch((err) => popup.explain(err));

/** @param {import('./popup-driver.mjs').PopupDriver} popup @param {{ issuer: string, secret: string }} a */
async function addByKeyboard(popup, a) {
  await popup.tabTo(role('button', 'Add account'));
  await popup.press('Enter');
  // The form opens with the focus in the secret field.
  await hasFocus(popup, label('Secret key or otpauth link'));
  await popup.typeText(uriOf(a));
  await popup.press('Enter');
  await popup.waitFor(role('listitem', undefined, { hasText: a.issuer }), 15_000);
}

export async function setup() {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Page</title><h1>Page</h1>'));
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  ff = await launchFirefox();
  page = (await ff.browser.pages())[0];
  await go(page, `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`);
  await createVault(ff, page);
}

export async function teardown() {
  await ff?.close();
  await new Promise((r) => server.close(() => r(undefined)));
}

/** @type {{ name: string, run: () => Promise<void> }[]} */
export const tests = [
  {
    name: 'keyboard: Tab reaches "Add account", Enter opens the form, Enter saves the typed otpauth link (twice)',
    async run() {
      const popup = await ff.openPopup(page);
      await addByKeyboard(popup, KEYS);
      await addByKeyboard(popup, OTHER);
      assert.equal(await popup.count(role('listitem')), 2);
      await popup.close();
    },
  },
  {
    name: 'keyboard: typing in the search box (reached by Tab) filters the list; Tab to the row\'s Copy and Space copies its code',
    async run() {
      const popup = await ff.openPopup(page);
      await popup.tabTo(role('searchbox', 'Search'));
      await popup.typeText('keys');
      await until(async () => (await popup.count(role('listitem'))) === 1, 'the list filtered to one account').catch((err) => popup.explain(err));
      assert.equal(await popup.count(role('listitem', undefined, { hasText: OTHER.issuer })), 0);
      await ff.chrome(() => Cc['@mozilla.org/widget/clipboardhelper;1'].getService(Ci.nsIClipboardHelper).copyString('before'));
      await popup.tabTo(role('button', /^Copy/, { within: role('listitem', undefined, { hasText: KEYS.issuer }) }));
      await popup.press(' ');
      const copied = await until(async () => { const t = await clipboard(); return /^\d{6}$/.test(t) ? t : ''; }, 'a code on the clipboard');
      assert.ok(codesAround(KEYS.secret).includes(copied), `copied ${copied}`);
      assert.match(await popup.text(role('status', undefined, { hasText: 'opied' })), /copied/i);
      await popup.close();
    },
  },
  {
    name: 'keyboard: Tab to "Settings", Enter; the auto-lock field takes the new time and Enter saves it',
    async run() {
      const popup = await ff.openPopup(page);
      await popup.tabTo(role('button', 'Settings'));
      await popup.press('Enter');
      const field = label('Lock after this many minutes without use');
      await hasFocus(popup, field);
      for (let i = 0; i < 6 && (await popup.value(field)) !== ''; i++) await popup.press('Backspace');
      await popup.typeText('7');
      assert.equal(await popup.value(field), '7');
      await popup.press('Enter');
      await popup.waitFor(role('searchbox', 'Search'), 15_000);
      const due = await until(async () => {
        const a = await ff.alarm('tessera-autolock');
        const ahead = a ? (a.scheduledTime - Date.now()) / 60_000 : 0;
        return ahead > 6.5 && ahead <= 7.01 ? ahead : 0;
      }, 'the auto-lock alarm 7 minutes ahead');
      assert.ok(due);
      await popup.close();
    },
  },
  {
    name: 'keyboard: Tab to "Lock", Space locks; the passphrase typed and Enter unlock, codes shown again',
    async run() {
      const popup = await ff.openPopup(page);
      await popup.tabTo(role('button', 'Lock', { exact: true }));
      await popup.press(' ');
      await popup.waitFor(role('button', 'Unlock'), 15_000);
      assert.equal(await popup.count(role('listitem')), 0, 'accounts shown while locked');
      await popup.tabTo(label('Passphrase', { exact: true }));
      await popup.typeText(PASSPHRASE);
      await popup.press('Enter');
      const item = role('listitem', undefined, { hasText: KEYS.issuer });
      await popup.waitFor(item, 20_000);
      const code = await until(async () => {
        const c = await popup.run('(win, q, spec) => (q.findAll(win.document, spec)[0]?.querySelector(".code")?.textContent ?? "").replace(/\\s/g, "")', [item]);
        return /^\d{6}$/.test(c) ? c : '';
      }, 'a code for Keys');
      assert.ok(codesAround(KEYS.secret).includes(code), `shown ${code}`);
      await popup.close();
    },
  },
];
