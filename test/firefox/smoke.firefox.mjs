/**
 * The Firefox build in a real firefox-esr: install, create a vault (Argon2id in WASM in the
 * background event page), add an account and compare its code with an independent RFC 6238
 * computation, lock and unlock, and the page-side agent on a 127.0.0.1 page.
 *
 * Tests run in order and share one browser; scripts/e2e-firefox.mjs runs them and counts.
 * This suite opens the popup page in a tab (no toolbar click) on purpose: it checks that a site
 * gets nothing without a grant, and that the optional host permission alone (asked through a
 * real click, as permissions.request needs) lets the fill through. The flows through the real
 * toolbar button, with its activeTab grant, are in portal.firefox.mjs and backup.firefox.mjs.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { launchFirefox, until, EXTENSION_UUID } from './firefox-harness.mjs';
import { accountRows, alertText, button, fill } from './page-queries.mjs';
import { codesAround, referenceHotp } from './reference-otp.mjs';

const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const OTP_LINK = `otpauth://totp/Example%20Corp:alice%40example.com?secret=${SECRET.toLowerCase()}&issuer=Example%20Corp`;
const CODE_PAGE = '<!doctype html><title>Sign in</title><form><label>Code <input name="otp" autocomplete="one-time-code" inputmode="numeric"></label><button>Verify</button></form>';

/** @type {Awaited<ReturnType<typeof launchFirefox>>} */
let ff;
/** @type {import('puppeteer-core').Page} */
let popup;
/** @type {import('node:http').Server} */
let server;
let siteUrl = '';

/**
 * Sends one request to the background the way the popup does, from the popup page.
 * @param {string} type
 * @param {unknown} payload
 */
function ask(type, payload) {
  // `browser` is Firefox's own WebExtension global in extension pages.
  return popup.evaluate((t, p) => globalThis.browser.runtime.sendMessage({ type: t, payload: p }), type, payload);
}

async function openPopup() {
  if (popup && !popup.isClosed()) await popup.close();
  popup = await ff.openExtensionPage('src/popup/index.html');
}

export async function setup() {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(CODE_PAGE));
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  siteUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/login`;
  ff = await launchFirefox();
}

export async function teardown() {
  await ff?.close();
  await new Promise((r) => (server ? server.close(() => r(undefined)) : r(undefined)));
}

/** @type {{ name: string, run: () => Promise<void> }[]} */
export const tests = [
  {
    name: 'the reference OTP implementation reproduces RFC 4226 and RFC 6238 vectors',
    async run() {
      const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // ASCII "12345678901234567890"
      assert.equal(referenceHotp(rfcSecret, 0), '755224');
      assert.equal(referenceHotp(rfcSecret, 9), '520489');
      assert.equal(referenceHotp(rfcSecret, Math.floor(59 / 30), 8), '94287082');
      assert.equal(referenceHotp(rfcSecret, Math.floor(1111111109 / 30), 8), '07081804');
    },
  },
  {
    name: 'the extension installs under the pinned UUID and its popup page loads',
    async run() {
      assert.equal(ff.installedId, ff.geckoId);
      await openPopup();
      const url = await popup.evaluate(() => globalThis.browser.runtime.getURL(''));
      assert.equal(url, `moz-extension://${EXTENSION_UUID}/`);
      await button(popup, 'Create vault');
    },
  },
  {
    name: 'the background event page answers state/get and refuses a malformed request',
    async run() {
      const reply = await ask('state/get', {});
      assert.equal(reply?.ok, true, JSON.stringify(reply));
      assert.equal(reply.value.status, 'no-vault');
      const bad = await ask('no/such-request', {});
      assert.equal(bad?.ok, false);
      assert.equal(bad.error.code, 'bad-request');
    },
  },
  {
    name: 'a mismatched passphrase gets an alert, then the vault is created (Argon2id in WASM)',
    async run() {
      await fill(popup, 'Passphrase', PASSPHRASE);
      await fill(popup, 'Confirm passphrase', PASSPHRASE + 'x');
      await (await button(popup, 'Create vault')).click();
      assert.match(await alertText(popup), /do not match/);
      await fill(popup, 'Confirm passphrase', PASSPHRASE);
      await (await button(popup, 'Create vault')).click();
      await button(popup, 'Add account', 30_000);
      assert.equal((await ask('state/get', {})).value.status, 'unlocked');
    },
  },
  {
    name: 'an otpauth link adds an account whose code matches an independent RFC 6238 computation',
    async run() {
      await (await button(popup, 'Add account')).click();
      await fill(popup, 'Secret key or otpauth link', OTP_LINK);
      await (await button(popup, 'Save')).click();
      const row = await until(async () => (await accountRows(popup)).find((r) => r.text.includes('Example Corp') && /^\d{6}$/.test(r.code)), 'the new account with a code');
      assert.ok(row.text.includes('alice@example.com'), row.text);
      assert.ok(codesAround(SECRET).includes(row.code), `shown ${row.code}, expected one of ${codesAround(SECRET).join(', ')}`);
    },
  },
  {
    name: 'the stored vault holds neither the secret nor the passphrase in the clear',
    async run() {
      const stored = JSON.stringify(await popup.evaluate(() => globalThis.browser.storage.local.get(null)));
      assert.ok(stored.length > 100, 'storage.local should hold the encrypted vault');
      // The key was derived with Argon2id (hash-wasm), not some fallback: proves WASM ran in the event page.
      assert.match(stored, /"kdf":\{"alg":"argon2id","memoryKiB":65536,"iterations":3,"parallelism":4,/);
      for (const needle of [SECRET, SECRET.toLowerCase(), PASSPHRASE]) assert.ok(!stored.includes(needle), 'a secret value is stored in the clear');
    },
  },
  {
    name: 'lock, a wrong passphrase gets an alert, the right one unlocks',
    async run() {
      await (await button(popup, 'Lock')).click();
      await button(popup, 'Unlock');
      await openPopup(); // as a person reopening the popup later
      await fill(popup, 'Passphrase', 'wrong passphrase');
      await (await button(popup, 'Unlock')).click();
      assert.match(await alertText(popup, 30_000), /wrong passphrase/i);
      await fill(popup, 'Passphrase', PASSPHRASE);
      await (await button(popup, 'Unlock')).click();
      const row = await until(async () => (await accountRows(popup)).find((r) => /^\d{6}$/.test(r.code)), 'the unlocked list', 30_000);
      assert.ok(codesAround(SECRET).includes(row.code), `shown ${row.code}`);
    },
  },
  {
    name: 'on a 360 px phone screen (Firefox for Android, gecko_android) the popup fits without sideways scrolling',
    async run() {
      const manifest = JSON.parse(readFileSync(new URL('../../dist/firefox/manifest.json', import.meta.url), 'utf8'));
      assert.equal(manifest.browser_specific_settings.gecko_android?.strict_min_version, manifest.browser_specific_settings.gecko.strict_min_version);
      // A phone: a coarse pointer without hover (as Firefox for Android reports) and 360 px.
      const pointer = (/** @type {number} */ caps) => ff.chrome((c) => {
        for (const pref of ['ui.primaryPointerCapabilities', 'ui.allPointerCapabilities']) {
          if (c < 0) Services.prefs.clearUserPref(pref);
          else Services.prefs.setIntPref(pref, c);
        }
      }, caps);
      await pointer(1);
      try {
        await popup.setViewport({ width: 360, height: 740 });
        await button(popup, 'Scan QR code');
        const layout = await until(async () => {
          const l = await popup.evaluate(() => ({
            phone: matchMedia('(pointer: coarse) and (hover: none)').matches,
            width: innerWidth,
            scrollWidth: document.documentElement.scrollWidth,
            outside: [...document.querySelectorAll('button, input, li')]
              .filter((el) => el.getClientRects().length > 0)
              .filter((el) => { const r = el.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth + 0.5; })
              .map((el) => el.getAttribute('aria-label') || el.textContent?.trim() || el.tagName),
          }));
          return l.phone && l.width === 360 ? l : undefined;
        }, 'the popup page to see a 360 px phone screen');
        assert.ok(layout.scrollWidth <= 360, `the popup scrolls sideways: ${layout.scrollWidth} px wide`);
        assert.deepEqual(layout.outside, [], 'controls cut off at 360 px');
      } finally {
        await pointer(-1);
      }
    },
  },
  {
    name: 'page agent on 127.0.0.1: nothing without a grant; with a host grant it fills the code field',
    async run() {
      const tab = await popup.evaluate((u) => globalThis.browser.tabs.create({ url: u, active: false }), siteUrl);
      const page = await until(async () => (await ff.browser.pages()).find((p) => p.url() === siteUrl), 'the 127.0.0.1 tab');
      await until(() => page.evaluate(() => document.readyState === 'complete' && !!document.querySelector('input')), 'the code page to load');

      // No click on the toolbar button = no activeTab grant: the background cannot even see the address.
      const before = await ask('state/get', { tabId: tab.id });
      assert.deepEqual(before.value.tab, { id: tab.id, site: null, fillable: false });
      const accountId = before.value.accounts[0].id;
      const refused = await ask('fill/run', { tabId: tab.id, accountId, confirmSite: true });
      assert.equal(refused.value?.kind, 'refused', JSON.stringify(refused));

      // permissions.request needs a real user click: add a test-only button outside the app and click it.
      await popup.evaluate(() => {
        const b = document.createElement('button');
        b.textContent = 'test: grant 127.0.0.1';
        b.addEventListener('click', () => {
          globalThis.browser.permissions.request({ origins: ['http://127.0.0.1/*'] }).then((ok) => (document.body.dataset.granted = String(ok)));
        });
        document.body.append(b);
      });
      await (await button(popup, 'test: grant 127.0.0.1')).click();
      assert.equal(await until(() => popup.evaluate(() => document.body.dataset.granted), 'the permission answer'), 'true');

      const after = await ask('state/get', { tabId: tab.id });
      assert.deepEqual(after.value.tab, { id: tab.id, site: '127.0.0.1', fillable: true });
      const filled = await ask('fill/run', { tabId: tab.id, accountId, confirmSite: true });
      assert.equal(filled.value?.kind, 'filled', JSON.stringify(filled));
      const value = await page.evaluate(() => document.querySelector('input')?.value ?? '');
      assert.ok(codesAround(SECRET).includes(value), `filled "${value}"`);
    },
  },
];
