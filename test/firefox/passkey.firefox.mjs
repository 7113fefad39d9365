/**
 * Passkey unlock in Firefox (issue 13): what Firefox allows an extension page, and that Tessera
 * hides the feature there. Firefox 150+ lets extensions use WebAuthn only with RP IDs of domains
 * in their host permissions (MDN, "Use Web Authn API in web extensions"); an extension page's own
 * moz-extension origin is refused, so the passkey buttons are hidden and the passphrase is the
 * way in (it always is the fallback). That holds even with a passkey slot in the vault (one made
 * in Chromium, say): "Show secret key" in the edit form then asks for the passphrase only.
 */
import assert from 'node:assert/strict';
import { launchFirefox, until } from './firefox-harness.mjs';
import { button, byLabel, fill } from './page-queries.mjs';

export const title = 'passkeys';
/** @type {Awaited<ReturnType<typeof launchFirefox>>} */
let ff;
/** @type {import('puppeteer-core').Page} */
let page;

export async function setup() {
  ff = await launchFirefox();
  page = await ff.openExtensionPage('src/pages/passkey/index.html');
}

export async function teardown() {
  await ff?.close();
}

/** @type {{ name: string, run: () => Promise<void> }[]} */
export const tests = [
  {
    name: 'Firefox refuses WebAuthn with the extension page\'s own origin as RP ID (the fact the hiding rests on)',
    async run() {
      const result = await page.evaluate(async () => {
        try {
          await navigator.credentials.create({
            publicKey: {
              rp: { name: 'Tessera' },
              user: { id: new Uint8Array(16), name: 'probe', displayName: 'probe' },
              challenge: new Uint8Array(32),
              pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
              extensions: /** @type {any} */ ({ prf: {} }),
              timeout: 5000,
            },
          });
          return 'created';
        } catch (err) {
          return /** @type {Error} */ (err).name;
        }
      });
      assert.equal(result, 'SecurityError');
    },
  },
  {
    name: 'the passkey page says passkeys cannot be used here, and offers no passkey button',
    async run() {
      const text = await until(() => page.evaluate(() => document.querySelector('[role=alert]')?.textContent ?? ''), 'the not-supported alert');
      assert.equal(text, 'This browser cannot use passkeys for Tessera. Use your passphrase.');
      const names = await page.evaluate(() => [...document.querySelectorAll('button')].map((b) => b.textContent));
      assert.ok(!names.some((n) => /passkey/i.test(n ?? '')), `no passkey button, found ${JSON.stringify(names)}`);
    },
  },
  {
    name: 'Settings in the popup has "Rotate vault key" but no "Add a passkey or security key"',
    async run() {
      const popup = await ff.openExtensionPage('src/popup/index.html');
      const ask = (type, payload) => popup.evaluate((t, p) => globalThis.browser.runtime.sendMessage({ type: t, payload: p }), type, payload);
      await ask('vault/create', { passphrase: 'firefox passkey check' });
      await popup.reload().catch(() => undefined);
      await (await button(popup, 'Settings', 15_000)).click();
      await button(popup, 'Rotate vault key');
      const names = await popup.evaluate(() => [...document.querySelectorAll('button')].map((b) => b.textContent));
      assert.ok(!names.includes('Add a passkey or security key'), `hidden in Firefox, found ${JSON.stringify(names)}`);
    },
  },
  {
    name: 'with a passkey slot in the vault, "Show secret key" offers no "Use passkey" and the passphrase reveals',
    async run() {
      const popup = await ff.openExtensionPage('src/popup/index.html');
      const ask = (type, payload) => popup.evaluate((t, p) => globalThis.browser.runtime.sendMessage({ type: t, payload: p }), type, payload);
      const b64 = (n, fillByte) => Buffer.alloc(n, fillByte).toString('base64');
      // A slot as Chromium would have added it: the background wraps the key with any PRF output.
      const added = await ask('passkey/add', { passphrase: 'firefox passkey check', credentialId: b64(16, 7), salt: b64(32, 8), prfOutput: b64(32, 9), label: 'Chromium key' });
      assert.equal(added.value?.passkeys?.length, 1, JSON.stringify(added));
      await ask('account/add', { secretOrUri: 'otpauth://totp/Alpha:ann?secret=JBSWY3DPEHPK3PXP&issuer=Alpha' });
      await popup.reload().catch(() => undefined);
      await (await button(popup, /^Edit Alpha/, 15_000)).click();
      await (await button(popup, 'Show secret key')).click();
      await fill(popup, 'Vault passphrase', 'firefox passkey check');
      const names = await popup.evaluate(() => [...document.querySelectorAll('[role=alertdialog] button')].map((b) => b.textContent));
      assert.ok(names.includes('Show secret key') && !names.some((n) => /passkey/i.test(n ?? '')), `no passkey button, found ${JSON.stringify(names)}`);
      await (await button(popup, 'Show secret key')).click();
      const link = await byLabel(popup, 'Secret key (otpauth link)');
      await until(async () => (await link.evaluate((el) => el.value)).includes('secret=JBSWY3DPEHPK3PXP') || undefined, 'the revealed otpauth link', 20_000);
    },
  },
];
