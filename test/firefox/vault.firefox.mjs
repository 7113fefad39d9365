/**
 * The popup's vault flows in firefox-esr through the real toolbar popup, as test/e2e/vault-popup
 * and vault-lifecycle do in Chromium: passphrase rules, adding by otpauth link (codes checked
 * against an independent RFC 4226/6238 computation), bad and duplicate secrets, HOTP counters,
 * codes rolling over, search, edit and delete, and a tampered vault reported and never
 * overwritten. One browser and vault; tests run in order and build on each other.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { launchFirefox, until } from './firefox-harness.mjs';
import { role, label } from './role-query.mjs';
import { codesAround, referenceHotp } from './reference-otp.mjs';
import { go } from './portal-steps.mjs';
import { readClipboard } from './clipboard.mjs';

export const title = 'vault flows in the toolbar popup';

const PASSPHRASE = 'firefox vault passphrase';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const HOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** @type {import('./firefox-harness.mjs').FirefoxHarness} */
let ff;
/** @type {import('puppeteer-core').Page} */
let page;
/** @type {import('node:http').Server} */
let server;

/** @param {import('./popup-driver.mjs').PopupDriver} popup @param {string} issuer */
const codeOf = (popup, issuer) =>
  popup.run('(win, q, spec) => (q.findAll(win.document, spec)[0]?.querySelector(".code")?.textContent ?? "").replace(/\\s/g, "")', [role('listitem', undefined, { hasText: issuer })]);

/** @param {import('./popup-driver.mjs').PopupDriver} popup @param {string} secretOrUri */
async function add(popup, secretOrUri) {
  await popup.click(role('button', 'Add account'));
  await popup.fill(label('Secret key or otpauth link'), secretOrUri);
  await popup.click(role('button', 'Save'));
}

const clipboard = () => readClipboard(ff);

export async function setup() {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Page</title><h1>Page</h1>'));
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  ff = await launchFirefox();
  page = (await ff.browser.pages())[0];
  await go(page, `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`);
}

export async function teardown() {
  await ff?.close();
  await new Promise((r) => server.close(() => r(undefined)));
}

/** @type {{ name: string, run: () => Promise<void> }[]} */
export const tests = [
  {
    name: 'vault: a short or mismatched passphrase gets an alert, then the vault is created',
    async run() {
      const popup = await ff.openPopup(page);
      await popup.fill(label('Passphrase', { exact: true }), 'short');
      await popup.fill(label('Confirm passphrase'), 'short');
      await popup.click(role('button', 'Create vault'));
      assert.match(await popup.text(role('alert')), /at least 8/);
      await popup.fill(label('Passphrase', { exact: true }), PASSPHRASE);
      await popup.fill(label('Confirm passphrase'), PASSPHRASE + 'x');
      await popup.click(role('button', 'Create vault'));
      await until(async () => /do not match/.test(await popup.text(role('alert'))), 'the mismatch alert');
      await popup.fill(label('Confirm passphrase'), PASSPHRASE);
      await popup.click(role('button', 'Create vault'));
      await popup.waitFor(role('button', 'Add account'), 30_000);
      await popup.close();
    },
  },
  {
    name: 'vault: an otpauth link adds an account; a bad secret and a duplicate get alerts and add nothing',
    async run() {
      const popup = await ff.openPopup(page);
      await add(popup, `otpauth://totp/Example%20Corp:alice%40example.com?secret=${SECRET.toLowerCase()}&issuer=Example%20Corp`);
      const code = await until(async () => { const c = await codeOf(popup, 'Example Corp'); return /^\d{6}$/.test(c) ? c : ''; }, 'a code');
      assert.ok(codesAround(SECRET).includes(code), `shown ${code}`);
      assert.match(await popup.text(role('listitem', undefined, { hasText: 'Example Corp' })), /alice@example\.com/);
      await add(popup, 'not a secret 1!');
      assert.match(await popup.text(role('alert')), /secret/i);
      await popup.click(role('button', 'Cancel'));
      assert.equal(await popup.count(role('listitem')), 1);
      await add(popup, SECRET);
      await until(async () => (await popup.text(role('alert'))).includes('Example Corp'), 'the duplicate alert naming the account');
      await popup.close();
    },
  },
  {
    name: 'vault: HOTP accounts advance with "Next" and keep their counter',
    async run() {
      let popup = await ff.openPopup(page);
      await add(popup, `otpauth://hotp/Counter%20Bank:bob?secret=${HOTP_SECRET}&counter=5&issuer=Counter%20Bank`);
      await until(async () => (await codeOf(popup, 'Counter Bank')) === referenceHotp(HOTP_SECRET, 5), 'the HOTP code for counter 5');
      await popup.click(role('button', /^Next/, { within: role('listitem', undefined, { hasText: 'Counter Bank' }) }));
      await until(async () => (await codeOf(popup, 'Counter Bank')) === referenceHotp(HOTP_SECRET, 6), 'the HOTP code for counter 6');
      await popup.close();
      popup = await ff.openPopup(page);
      await until(async () => (await codeOf(popup, 'Counter Bank')) === referenceHotp(HOTP_SECRET, 6), 'counter 6 after reopening');
      await popup.close();
    },
  },
  {
    name: 'vault: codes roll over without reopening the popup (2-second period)',
    async run() {
      const popup = await ff.openPopup(page);
      const fast = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF';
      await add(popup, `otpauth://totp/Fast:f?secret=${fast}&period=2&issuer=Fast`);
      const seen = new Set();
      await until(async () => {
        const shown = await codeOf(popup, 'Fast');
        if (/^\d{6}$/.test(shown)) {
          assert.ok(codesAround(fast, 2).includes(shown), `shown ${shown}`);
          seen.add(shown);
        }
        return seen.size >= 3;
      }, 'three successive codes', 9_000);
      await popup.close();
    },
  },
  {
    name: 'vault: search filters by issuer and name as you type',
    async run() {
      const popup = await ff.openPopup(page);
      await popup.fill(role('searchbox', 'Search'), 'alice');
      await until(async () => (await popup.count(role('listitem'))) === 1, 'one match for "alice"');
      await popup.fill(role('searchbox', 'Search'), 'counter');
      await until(async () => { const t = await popup.texts(role('listitem')); return t.length === 1 && t[0].includes('Counter Bank'); }, 'only Counter Bank');
      await popup.close();
    },
  },
  {
    name: 'vault: edit saves issuer and note; delete asks first, Cancel keeps and Delete removes',
    async run() {
      const popup = await ff.openPopup(page);
      await popup.click(role('button', 'Edit Fast'));
      await popup.fill(label('Issuer'), 'Fast Lane');
      await popup.fill(label('Note'), 'personal');
      await popup.click(role('button', 'Save'));
      await popup.waitFor(role('listitem', undefined, { hasText: 'Fast Lane' }));
      await popup.click(role('button', /^Edit Fast Lane/));
      assert.equal(await popup.value(label('Note')), 'personal');
      await popup.click(role('button', 'Delete'));
      await popup.waitFor(role('alertdialog'));
      await popup.click(role('button', 'Cancel', { within: role('alertdialog') }));
      await popup.click(role('button', 'Cancel'));
      await until(async () => (await popup.count(role('listitem'))) === 3, 'three accounts still');
      await popup.click(role('button', /^Edit Fast Lane/));
      await popup.click(role('button', 'Delete'));
      await popup.click(role('button', 'Delete', { within: role('alertdialog') }));
      await until(async () => (await popup.count(role('listitem'))) === 2, 'the account deleted');
      await popup.close();
    },
  },
  {
    name: 'vault: "Copy" puts the code on the real clipboard; it is cleared after the delay the user sets',
    async run() {
      const popup = await ff.openPopup(page);
      await popup.fill(role('searchbox', 'Search'), '');
      await popup.click(role('button', /^Copy/, { within: role('listitem', undefined, { hasText: 'Example Corp' }) }));
      const copied = await until(async () => { const t = await clipboard(); return /^\d{6}$/.test(t) ? t : ''; }, 'a code on the clipboard');
      assert.ok(codesAround(SECRET).includes(copied), `copied ${copied}`);
      await popup.click(role('button', 'Settings'));
      await popup.fill(label('Clear copied codes after (seconds, 0 = never)'), '1');
      await popup.click(role('button', 'Save'));
      await popup.waitFor(role('searchbox'));
      await ff.chrome(() => Cc['@mozilla.org/widget/clipboardhelper;1'].getService(Ci.nsIClipboardHelper).copyString('before'));
      await popup.click(role('button', /^Copy/, { within: role('listitem', undefined, { hasText: 'Example Corp' }) }));
      await until(async () => /^\d{6}$/.test(await clipboard()), 'the code on the clipboard');
      await until(async () => (await clipboard()) === '', 'the clipboard to be cleared', 6_000);
      await popup.close();
    },
  },
  {
    name: 'vault: with "Also clear it after the popup closes" ticked, the background clears the clipboard after the popup closed',
    async run() {
      let popup = await ff.openPopup(page);
      await popup.click(role('button', 'Settings'));
      const box = role('checkbox', 'Also clear it after the popup closes');
      assert.equal(await popup.run('(win, q, spec) => q.findAll(win.document, spec)[0]?.checked', [box]), false);
      // The profile answers Firefox's optional-permission prompt "Allow" (webextOptionalPermissionPrompts).
      await popup.click(box);
      await until(() => popup.run('(win, q, spec) => q.findAll(win.document, spec)[0]?.checked', [box]), 'the box ticked once allowed');
      const allowed = await ff.chrome(() => ext.hasPermission('clipboardWrite'));
      assert.equal(allowed, true);
      // Long enough that the popup is surely closed before the clearing is due.
      await popup.fill(label('Clear copied codes after (seconds, 0 = never)'), '3');
      await popup.click(role('button', 'Save'));
      await popup.waitFor(role('searchbox'));
      await popup.click(role('button', /^Copy/, { within: role('listitem', undefined, { hasText: 'Example Corp' }) }));
      await until(async () => /^\d{6}$/.test(await clipboard()), 'the code on the clipboard');
      await popup.close(); // as when the person clicks into the page to paste
      assert.match(await clipboard(), /^\d{6}$/, 'still on the clipboard when the popup closed');
      await until(async () => (await clipboard()) === '', 'the clipboard to be cleared with the popup closed', 8_000);
      popup = await ff.openPopup(page);
      await popup.click(role('button', 'Settings'));
      await popup.click(box); // unticking gives the permission back
      await until(async () => !(await ff.chrome(() => ext.hasPermission('clipboardWrite'))), 'the permission removed');
      await popup.close();
    },
  },
  {
    name: 'vault: a tampered vault is reported as such and never overwritten',
    async run() {
      const popup = await ff.openPopup(page);
      await popup.click(role('button', 'Lock'));
      await popup.waitFor(role('button', 'Unlock'));
      await popup.close();
      const ctl = await ff.controllerPage();
      const tampered = await ctl.evaluate(async () => {
        const storage = globalThis.browser.storage.local;
        const { 'vault.current': slot } = await storage.get('vault.current');
        const key = `vault.${slot}`;
        const record = (await storage.get(key))[key];
        const ct = record.data.ct;
        // One base64 character of the sealed data flipped (header and key wrap intact).
        record.data.ct = ct.slice(0, 10) + (ct[10] === 'A' ? 'B' : 'A') + ct.slice(11);
        await storage.set({ [key]: record });
        return JSON.stringify(await storage.get(null));
      });
      const locked = await ff.openPopup(page);
      await locked.fill(label('Passphrase'), PASSPHRASE);
      await locked.click(role('button', 'Unlock'));
      await until(async () => /damaged|tampered/i.test(await locked.text(role('alert'), 30_000)), 'the damage alert', 30_000);
      await locked.close();
      assert.equal(await ctl.evaluate(async () => JSON.stringify(await globalThis.browser.storage.local.get(null))), tampered);
    },
  },
];
