/**
 * The Chromium e2e flows (test/e2e/enroll, fill, vault-popup, vault-lifecycle) in firefox-esr,
 * every one through the real toolbar popup (ff.openPopup: the toolbar action's own trigger, so
 * the tab gets activeTab as from a click) against the demo portal: enroll by scan (incl. a QR
 * in a cross-origin frame, read from a captureVisibleTab screenshot), fill at login with each
 * trigger (popup "Fill", the keyboard shortcut's own command, the page's real context menu),
 * the wrong-site warning, lock/unlock, and the event page suspending while unlocked (the key
 * survives in storage.session, auto-lock still fires).
 *
 * One browser and vault; tests run in order and build on each other.
 * Timing: Tessera never fills a TOTP step it already filled elsewhere, and the portal refuses
 * a replayed step, so a login right after enrolling waits for the next 30 s step. The login
 * users are enrolled first and the other enrolment tests run meanwhile, so that wait is
 * mostly spent on useful work (no fixed sleeps: filledValue polls).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import QRCode from 'qrcode';
import { startPortal } from '../../demo/portal.mjs';
import { launchFirefox, until } from './firefox-harness.mjs';
import { role, label } from './role-query.mjs';
import { codesAround } from './reference-otp.mjs';
import { PASSPHRASE, createVault, filledValue, go, logIn, scanAndAdd, signUp, submitLogin, submitSetup } from './portal-steps.mjs';

export const title = 'portal flows through the toolbar popup';

/** @type {import('./firefox-harness.mjs').FirefoxHarness} */
let ff;
/** @type {Awaited<ReturnType<typeof startPortal>>} */
let portal;
/** @type {import('puppeteer-core').Page} */
let page;
/** @type {{ url: string, close(): Promise<void> }[]} */
const sites = [];
/** @type {string[]} */
const users = [];
const KNOWN = { issuer: 'Known Co', secret: 'KRUGS4ZANFZSAYLUMVZXIIDTMVRXEZLU' };
/** Enrolled by the scan shortcut on a localhost page (the only account bound to localhost). */
const FRESH = { secret: 'MZXW6YTBOI6DCMZRGQZTKNJWG4ZDEMZU', uri: 'otpauth://totp/FreshCo:fresh%40example.com?secret=MZXW6YTBOI6DCMZRGQZTKNJWG4ZDEMZU&issuer=FreshCo' };
/** @type {{ url: string, close(): Promise<void> }} */
let freshSite;
/** Two code-like fields: the finder alone picks #first; the locked context-menu test right-clicks #second. */
const TWO_CODES = `<!doctype html><title>Sign in</title><h1>Two-step verification</h1><p>Enter the code from your authenticator app.</p>
<form><label for="first">Authentication code</label><input id="first" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6">
<label for="second">Verification code</label><input id="second" name="verification" inputmode="numeric" maxlength="6"></form>`;
/** The account saved from a text-only setup page's manual form (in the wrong-site test). */
const MANUAL = 'manual@example.com';

/**
 * A tiny page server (like test/e2e/static-server.ts, which plain Node cannot import).
 * @param {Record<string, string>} pages
 * @param {string} [host]
 */
async function servePages(pages, host = '127.0.0.1') {
  const server = createServer((req, res) => {
    const body = pages[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' }).end(body ?? 'not found');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  const site = {
    url: `http://${host}:${typeof address === 'object' && address ? address.port : 0}`,
    close: () => new Promise((r) => { server.close(() => r(undefined)); server.closeAllConnections(); }),
  };
  sites.push(site);
  return site;
}

/** Accounts in the Google Authenticator transfer QR (secrets base32, as a person would type them). */
const TRANSFER = [
  { name: 'tara@example.com', secret: 'ONSWG4TFORZWK3DMN5WGK4TZONSWG4TF' },
  { name: 'theo@example.com', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' },
  { name: 'tess@example.com', secret: 'GEZDGNBVGY3TQOJQMFRGGZDFMZTWQ2LK' },
];

/** @param {string} text */
function base32Bytes(text) {
  let bits = 0, value = 0;
  const out = [];
  for (const ch of text) {
    value = ((value << 5) | 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

/**
 * An otpauth-migration:// link assembled by hand from Google Authenticator's MigrationPayload
 * protobuf (independent of the product's decoder): otp_parameters = 1 {secret 1, name 2,
 * issuer 3, algorithm 4 = SHA1, digits 5 = six, type 6 = TOTP}, version 2, batch 3/4/5.
 * @param {{ name: string, secret: string }[]} accounts
 */
function migrationLink(accounts) {
  const varint = (/** @type {number} */ n) => { const b = []; while (n > 0x7f) { b.push((n & 0x7f) | 0x80); n >>>= 7; } b.push(n); return Buffer.from(b); };
  const bytesField = (/** @type {number} */ num, /** @type {Buffer} */ v) => Buffer.concat([varint((num << 3) | 2), varint(v.length), v]);
  const intField = (/** @type {number} */ num, /** @type {number} */ v) => Buffer.concat([varint(num << 3), varint(v)]);
  const otps = accounts.map((a) =>
    bytesField(1, Buffer.concat([bytesField(1, base32Bytes(a.secret)), bytesField(2, Buffer.from(a.name)), bytesField(3, Buffer.from('Transfer Co')), intField(4, 1), intField(5, 1), intField(6, 2)])),
  );
  const payload = Buffer.concat([...otps, intField(2, 1), intField(3, 1), intField(4, 0), intField(5, 4242)]);
  return `otpauth-migration://offline?data=${encodeURIComponent(payload.toString('base64'))}`;
}

/** @param {string} style */
async function enroll(style) {
  const email = await signUp(page, portal.url);
  await go(page, `${portal.url}/user/two-factor/setup?style=${style}`);
  const seen = await scanAndAdd(ff, page);
  assert.ok(seen.includes('ClientZone'), seen);
  await filledValue(page, style === 'split' ? '.split-digits input' : 'input[name=verifykey]');
  await submitSetup(page);
  return email;
}

const fieldValue = (/** @type {string} */ selector) => page.$eval(selector, (e) => /** @type {HTMLInputElement} */ (e).value);
/** @param {string} email */
const hereItem = (email) => role('listitem', undefined, { hasText: email, within: role('list', 'This site') });

/** Unbinds every account of this portal but the one for `email`, through the popup's edit form. */
async function bindOnly(/** @type {string} */ email) {
  const popup = await ff.openPopup(page);
  for (;;) {
    const others = role('listitem', undefined, { hasNotText: email, within: role('list', 'This site') });
    const left = await popup.count(others);
    if (left === 0) break;
    await popup.click(role('button', /^Edit/, { within: { ...others, nth: 0 } }));
    await popup.click(role('button', 'Unbind'));
    await popup.click(role('button', 'Save'));
    await popup.waitFor(role('searchbox'));
    await until(async () => (await popup.count(others)) < left, 'the unbound account to leave "This site"');
  }
  await popup.close();
}

export async function setup() {
  portal = await startPortal();
  ff = await launchFirefox();
  page = (await ff.browser.pages())[0];
  await go(page, `${portal.url}/login`);
}

export async function teardown() {
  await ff?.close();
  await portal?.close();
  await Promise.all(sites.map((s) => s.close()));
}

/** @type {{ name: string, run: () => Promise<void> }[]} */
export const tests = [
  {
    name: 'the toolbar button opens the real popup on the chosen tab; a vault is created there',
    async run() {
      await createVault(ff, page);
      // On a desktop the popup keeps its 380 px (the phone layout is for coarse pointers only).
      const popup = await ff.openPopup(page);
      assert.equal(await ff.chrome(() => Math.round(ViewPopup.for(ext, window).browser.getBoundingClientRect().width)), 380);
      await popup.close();
      const state = await ff.inBackground((bg) => bg.browser.storage.local.get(null).then((all) => Object.keys(all)));
      assert.ok(state.includes('vault.current'), JSON.stringify(state));
    },
  },
  {
    name: 'enroll by scan: three portal users, each scanned, filled and accepted',
    async run() {
      for (let i = 0; i < 3; i++) users.push(await enroll('svg'));
    },
  },
  {
    name: 'enroll by scan: QR rendered as img-png, remote, split digits and same-site iframe',
    async run() {
      for (const style of ['img-png', 'remote', 'split', 'iframe']) await enroll(style);
    },
  },
  {
    name: 'the WHMCS modal flow: enable link, Get Started, scan inside the modal',
    async run() {
      await signUp(page, portal.url);
      await go(page, `${portal.url}/user/security`);
      await page.click('a.open-modal');
      await page.waitForSelector('#btnGetStarted', { visible: true });
      await page.click('#btnGetStarted');
      await until(() => page.evaluate(() => document.body.innerText.includes('Configure Time-Based Tokens')), 'the setup step in the modal');
      await scanAndAdd(ff, page);
      await filledValue(page, 'input[name=verifykey]');
      await submitSetup(page);
    },
  },
  {
    name: 'a QR in a cross-origin frame is read from a captureVisibleTab screenshot (activeTab)',
    async run() {
      const uri = 'otpauth://totp/FramedCo:frame%40example.com?secret=ONSWG4TFORZWK3DMN5WGK4TZ&issuer=FramedCo';
      const png = await QRCode.toDataURL(uri, { margin: 1, width: 180 });
      // The frame is on 127.0.0.1, the page on localhost: the click grants the page's site only,
      // so the frame's pixels can only come from the screenshot of the visible tab.
      const inner = await servePages({ '/qr': `<!doctype html><body style="margin:0"><img alt="" src="${png}">` });
      const outer = await servePages({ '/': `<!doctype html><title>Setup</title><h1>Scan this</h1><iframe src="${inner.url}/qr" width="220" height="220" style="border:0"></iframe>` }, 'localhost');
      await go(page, outer.url + '/');
      await until(() => page.frames().find((f) => f.url().startsWith(inner.url))?.evaluate(() => document.querySelector('img')?.complete), 'the framed QR to load');
      const popup = await ff.openPopup(page);
      await popup.click(role('button', 'Scan QR code'));
      await popup.waitFor(role('button', 'Add', { exact: true }), 20_000);
      assert.match(await popup.body(), /FramedCo/);
      await popup.click(role('button', 'Cancel'));
      await popup.close();
    },
  },
  {
    name: 'a page with only the secret text: "No QR code found" and a prefilled manual form',
    async run() {
      await signUp(page, portal.url);
      await go(page, `${portal.url}/user/two-factor/setup?style=text-only`);
      const secret = (await page.$eval('strong', (e) => e.textContent ?? '')).replace(/\s/g, '');
      const popup = await ff.openPopup(page);
      await popup.click(role('button', 'Scan QR code'));
      assert.equal(await popup.text(role('alert'), 20_000), 'No QR code found on this page');
      await popup.click(role('button', 'Enter key manually'));
      assert.equal((await popup.value(label('Secret key or otpauth link'))).replace(/\s/g, ''), secret);
      assert.notEqual(await popup.value(label('Issuer')), '');
      await popup.close();
    },
  },
  {
    name: 'fill at login, popup: the account stands under "This site" and Fill logs in',
    async run() {
      await logIn(page, portal.url, users[0]);
      const popup = await ff.openPopup(page);
      await popup.waitFor(role('heading', 'This site'));
      // Every enrolment above: 3 users, 4 styles, the modal flow.
      assert.equal(await popup.count(role('listitem', undefined, { within: role('list', 'This site') })), 8);
      await popup.click(role('button', /^Fill/, { within: hereItem(users[0]) }));
      await filledValue(page, 'input[name=key]');
      await submitLogin(page);
    },
  },
  {
    name: 'keyboard shortcut: several accounts here → the popup opens to choose; one bound → fills',
    async run() {
      await logIn(page, portal.url, users[1]);
      await page.bringToFront();
      await ff.pressShortcut('Alt+Shift+F');
      // Eight accounts are bound to this site: the gesture must not guess; it opens the popup.
      const popup = await ff.attachPopup();
      await popup.waitFor(role('heading', 'This site'));
      assert.equal(await fieldValue('input[name=key]'), '');
      await popup.close();
      await bindOnly(users[1]);
      await page.bringToFront();
      await ff.pressShortcut('Alt+Shift+F');
      await filledValue(page, 'input[name=key]');
      await submitLogin(page);
    },
  },
  {
    name: 'context menu on the code field fills; an unbound account asks before binding it here',
    async run() {
      await logIn(page, portal.url, users[2]);
      // users[2]'s account was unbound above: "Fill" on it asks first; binding it here is the
      // separate, unticked choice in the same dialog (issue 10).
      const popup = await ff.openPopup(page);
      await popup.click(role('button', /^Fill/, { within: role('listitem', undefined, { hasText: users[2] }) }));
      await popup.waitFor(role('alertdialog'));
      assert.equal(await fieldValue('input[name=key]'), '');
      await popup.click(role('checkbox', /^Use this account on 127\.0\.0\.1 from now on$/, { within: role('alertdialog') }));
      await popup.click(role('button', 'Fill anyway', { within: role('alertdialog') }));
      await filledValue(page, 'input[name=key]');
      await page.$eval('input[name=key]', (e) => { /** @type {HTMLInputElement} */ (e).value = ''; });
      await bindOnly(users[2]);
      await page.bringToFront();
      const entries = await ff.contextMenu(page, 'input[name=key]', 'Fill two-factor code');
      assert.deepEqual(entries, ['Fill two-factor code']);
      await filledValue(page, 'input[name=key]');
      await submitLogin(page);
    },
  },
  {
    name: 'wrong site: an alertdialog names both sites; nothing is filled before "Fill anyway"',
    async run() {
      // An account bound to the portal's site that no page has had a code from (so the fill
      // below never waits for the next step): saved from the text-only page's manual form.
      await signUp(page, portal.url);
      await go(page, `${portal.url}/user/two-factor/setup?style=text-only`);
      let popup = await ff.openPopup(page);
      await popup.click(role('button', 'Scan QR code'));
      await popup.click(role('button', 'Enter key manually'), 20_000);
      await popup.fill(label('Account name'), MANUAL);
      await popup.click(role('button', 'Save'));
      await popup.waitFor(role('listitem', undefined, { hasText: MANUAL, within: role('list', 'This site') }));
      await popup.close();

      const other = await servePages({ '/': '<!doctype html><title>Other</title><form><label>Authentication code <input name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="6"></label></form>' }, 'localhost');
      await go(page, other.url + '/');
      popup = await ff.openPopup(page);
      const fill = role('button', /^Fill/, { within: role('listitem', undefined, { hasText: MANUAL }) });
      await popup.click(fill);
      const text = await popup.text(role('alertdialog'));
      assert.ok(text.includes('127.0.0.1') && text.includes('localhost'), text);
      assert.equal(await fieldValue('input[name=code]'), '');
      await popup.click(role('button', 'Cancel', { within: role('alertdialog') }));
      await until(async () => (await popup.count(role('alertdialog'))) === 0, 'the dialog to close');
      assert.equal(await fieldValue('input[name=code]'), '');
      await popup.click(fill);
      await popup.click(role('button', 'Fill anyway', { within: role('alertdialog') }));
      await filledValue(page, 'input[name=code]');
      const { accounts } = (await (await ff.controllerPage()).evaluate(() => globalThis.browser.runtime.sendMessage({ type: 'state/get', payload: {} }))).value;
      assert.equal(accounts.find((/** @type {{ name: string }} */ a) => a.name === MANUAL)?.site, '127.0.0.1', '"Fill anyway" must not move the binding');
    },
  },
  {
    name: 'scan shortcut: the popup opens by itself on its scan view; a second scan names the account',
    async run() {
      const png = await QRCode.toDataURL(FRESH.uri, { margin: 2, width: 200 });
      const ticket = await QRCode.toDataURL('https://example.com/ticket/12345', { margin: 2, width: 200 });
      freshSite = await servePages({
        '/qr': `<!doctype html><title>Setup</title><h1>Scan this</h1><img alt="code" src="${png}">`,
        '/ticket': `<!doctype html><title>Ticket</title><h1>Your ticket</h1><img alt="ticket" src="${ticket}">`,
        '/code': '<!doctype html><title>Sign in</title><form><label>Code <input name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6"></label></form>',
        '/two': TWO_CODES,
      }, 'localhost');
      await go(page, freshSite.url + '/qr');
      await ff.pressShortcut('Alt+Shift+S');
      let popup = await ff.attachPopup();
      await popup.waitFor(role('button', 'Add', { exact: true }), 20_000);
      assert.match(await popup.body(), /FreshCo/);
      await popup.click(role('button', 'Add', { exact: true }));
      await popup.waitFor(role('listitem', undefined, { hasText: 'FreshCo' }));
      await popup.close();
      popup = await ff.openPopup(page);
      await popup.click(role('button', 'Scan QR code'));
      assert.match(await popup.text(role('alert'), 20_000), /Already in your vault as FreshCo/);
      await popup.close();
    },
  },
  {
    name: 'a page whose QR is not a 2FA code says so; a hostile page that posts messages gets no code',
    async run() {
      await go(page, freshSite.url + '/ticket');
      const popup = await ff.openPopup(page);
      await popup.click(role('button', 'Scan QR code'));
      assert.equal(await popup.text(role('alert'), 20_000), 'The QR code on this page is not a 2FA code');
      await popup.close();
      const hostile = await servePages({
        '/': `<!doctype html><title>Hostile</title><input name="otp" autocomplete="one-time-code">
<script>
  const tries = [{ type: 'fill/run', payload: { tabId: 1 } }, { type: 'codes/get', payload: { ids: [] } }, 'fill', { command: 'fill-code' }];
  setInterval(() => {
    for (const t of tries) { window.postMessage(t, '*'); document.dispatchEvent(new CustomEvent('tessera', { detail: t })); }
    try { browser.runtime.sendMessage({ type: 'codes/get', payload: { ids: [] } }); } catch {}
  }, 50);
</script>`,
      });
      await go(page, hostile.url + '/');
      const quietUntil = Date.now() + 1500;
      await until(() => Date.now() > quietUntil, 'a moment of page activity');
      assert.equal(await fieldValue('input[name=otp]'), '');
      assert.doesNotMatch(await page.content(), /\b\d{6}\b/);
    },
  },
  {
    name: 'fill shortcut on a locked vault: the popup opens to unlock, then the code is filled',
    async run() {
      await go(page, freshSite.url + '/code');
      let popup = await ff.openPopup(page);
      await popup.click(role('button', 'Lock'));
      await popup.waitFor(role('button', 'Unlock'));
      await popup.close();
      await ff.pressShortcut('Alt+Shift+F');
      popup = await ff.attachPopup();
      assert.equal(await fieldValue('input[name=otp]'), '');
      await popup.fill(label('Passphrase'), PASSPHRASE);
      await popup.click(role('button', 'Unlock'));
      const code = await filledValue(page, 'input[name=otp]').catch(async (err) => {
        const tabId = await ff.inBackground(async (bg) => (await bg.browser.tabs.query({ active: true }))[0].id);
        const state = await (await ff.controllerPage()).evaluate((id) => globalThis.browser.runtime.sendMessage({ type: 'state/get', payload: { tabId: id } }), tabId);
        const shown = (await popup.isClosed()) ? '(closed)' : await popup.body();
        throw new Error(`${err.message}; tab ${JSON.stringify(state.value?.tab)} sites ${JSON.stringify(state.value?.accounts?.map((a) => a.site))}; popup: ${shown.replace(/\s+/g, ' ').slice(0, 200)}`);
      });
      assert.ok(codesAround(FRESH.secret).includes(code), `filled ${code}, expected one of ${codesAround(FRESH.secret).join(', ')}`);
    },
  },
  {
    name: 'context menu on a locked vault: after the unlock the right-clicked field gets the code, not the finder\'s pick',
    async run() {
      await go(page, freshSite.url + '/two');
      let popup = await ff.openPopup(page);
      await popup.click(role('button', 'Lock'));
      await popup.waitFor(role('button', 'Unlock'));
      await popup.close();
      await page.bringToFront();
      const entries = await ff.contextMenu(page, '#second', 'Fill two-factor code');
      assert.deepEqual(entries, ['Fill two-factor code']);
      popup = await ff.attachPopup();
      // While the popup asks, the page moves the focus: the field kept at the right-click does not follow it.
      await page.$eval('#first', (e) => /** @type {HTMLInputElement} */ (e).focus());
      await popup.fill(label('Passphrase'), PASSPHRASE);
      await popup.click(role('button', 'Unlock'));
      const code = await filledValue(page, '#second');
      assert.ok(codesAround(FRESH.secret).includes(code), `filled ${code}, expected one of ${codesAround(FRESH.secret).join(', ')}`);
      assert.equal(await fieldValue('#first'), '');
    },
  },
  {
    name: 'a Google Authenticator transfer QR adds every account it holds, after the user picks them',
    async run() {
      const png = await QRCode.toDataURL(migrationLink(TRANSFER), { margin: 2, width: 400, errorCorrectionLevel: 'L' });
      const site = await servePages({ '/': `<!doctype html><title>Export</title><h1>Transfer accounts</h1><img alt="transfer" src="${png}">` });
      await go(page, site.url + '/');
      const popup = await ff.openPopup(page);
      await popup.click(role('button', 'Scan QR code'));
      await popup.waitFor(role('button', 'Add 3 accounts'), 20_000);
      assert.equal(await popup.count(role('checkbox')), 3);
      await popup.click(role('button', 'Add 3 accounts'));
      await popup.fill(role('searchbox'), 'Transfer Co');
      await until(async () => (await popup.count(role('listitem'))) === 3, 'the three transferred accounts');
      for (const t of TRANSFER) {
        const code = await until(async () => {
          const c = await popup.run('(win, q, spec) => (q.findAll(win.document, spec)[0]?.querySelector(".code")?.textContent ?? "").replace(/\\s/g, "")', [role('listitem', undefined, { hasText: t.name })]);
          return /^\d{6}$/.test(c) ? c : '';
        }, `a code for ${t.name}`);
        assert.ok(codesAround(t.secret).includes(code), `${t.name}: shown ${code}`);
      }
      await popup.close();
    },
  },
  {
    name: 'lock, a wrong passphrase gets an alert, the right one unlocks',
    async run() {
      let popup = await ff.openPopup(page);
      await popup.click(role('button', 'Lock'));
      await popup.waitFor(role('button', 'Unlock'));
      await popup.close();
      assert.equal((await ff.storageDump()).session['session.vaultKey'], undefined, 'locking must drop the key from storage.session');
      popup = await ff.openPopup(page);
      await popup.fill(label('Passphrase'), 'not the passphrase');
      await popup.click(role('button', 'Unlock'));
      assert.match(await popup.text(role('alert'), 30_000), /wrong passphrase/i);
      await popup.fill(label('Passphrase'), PASSPHRASE);
      await popup.click(role('button', 'Unlock'));
      await popup.waitFor(role('searchbox'), 30_000);
      await popup.close();
    },
  },
  {
    name: 'event page suspended while unlocked: the key survives in storage.session and codes still come',
    async run() {
      let popup = await ff.openPopup(page);
      await popup.click(role('button', 'Add account'));
      await popup.fill(label('Secret key or otpauth link'), KNOWN.secret);
      await popup.fill(label('Issuer'), KNOWN.issuer);
      await popup.click(role('button', 'Save'));
      // The list draws only the rows in view: search brings the new one into it.
      await popup.fill(role('searchbox'), KNOWN.issuer);
      await popup.waitFor(role('listitem', undefined, { hasText: KNOWN.issuer }));
      await popup.close();

      await ff.suspendBackground();
      assert.equal(await ff.backgroundState(), 'stopped');
      const { session, local } = await ff.storageDump();
      assert.equal(typeof session['session.vaultKey'], 'string', 'the vault key should stay in storage.session');
      assert.ok(!JSON.stringify(local).includes(session['session.vaultKey']), 'the key must never reach storage.local');

      popup = await ff.openPopup(page); // wakes the event page
      await popup.fill(role('searchbox'), KNOWN.issuer);
      const known = role('listitem', undefined, { hasText: KNOWN.issuer });
      const code = await until(async () => {
        const c = await popup.run('(win, q, spec) => (q.findAll(win.document, spec)[0]?.querySelector(".code")?.textContent ?? "").replace(/\\s/g, "")', [known]);
        return /^\d{6}$/.test(c) ? c : '';
      }, 'a code for the known account', 20_000);
      assert.ok(codesAround(KNOWN.secret).includes(code), `shown ${code}, expected one of ${codesAround(KNOWN.secret).join(', ')}`);
      assert.equal(await popup.count(role('button', 'Unlock')), 0, 'a suspended event page must not lock the vault');
      assert.equal(await ff.backgroundState(), 'running');
      await popup.close();
    },
  },
  {
    name: 'auto-lock still fires for a suspended event page: the alarm wakes it and it locks',
    async run() {
      const alarm = await ff.alarm('tessera-autolock');
      assert.ok(alarm, 'an auto-lock alarm should be scheduled while unlocked');
      const minutesAhead = (alarm.scheduledTime - Date.now()) / 60_000;
      assert.ok(minutesAhead > 14 && minutesAhead <= 15.01, `auto-lock in ${minutesAhead} min, expected the default 15`);
      await ff.suspendBackground();
      // Instead of waiting 15 minutes, the alarm's own timer is re-armed to go off now.
      await ff.fireAlarmNow('tessera-autolock');
      await until(async () => (await ff.storageDump()).session['session.vaultKey'] === undefined, 'the woken event page to lock the vault', 15_000);
      const popup = await ff.openPopup(page);
      await popup.waitFor(role('button', 'Unlock'));
      await popup.close();
    },
  },
];
