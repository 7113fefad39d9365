/**
 * "Fill automatically on SITE", end to end in firefox-esr: the opt-in ticked in the real edit
 * form (its click is the user gesture permissions.request needs; the harness's pref grants
 * without a doorhanger), a code field on that site filled with no gesture at all, nothing on
 * another site, and opting out removing both the content script and the host permission.
 *
 * Its own browser and vault (launched after the smoke suite has closed its own), so no state
 * leaks between the two. Tests run in order and build on each other.
 *
 * Timing: Tessera never fills a TOTP step already filled into another page (a site would refuse
 * it) and waits for the next step instead, and it waits for the next step when < 3 s remain.
 * So a "nothing was filled" check proves something only if it outlasts those waits. The account
 * uses a 10-second period to keep those checks short; the localhost check runs before any fill.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { launchFirefox, until } from './firefox-harness.mjs';
import { accountRows, button, byLabel, fill } from './page-queries.mjs';
import { codesAround } from './reference-otp.mjs';

export const title = 'fill automatically on a site';

const PASSPHRASE = 'auto fill passphrase for the test';
const SECRET = 'KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF';
const PERIOD = 10;
const OTP_LINK = `otpauth://totp/Auto%20Corp:bob%40example.com?secret=${SECRET}&issuer=Auto%20Corp&period=${PERIOD}`;
const SITE = '127.0.0.1';
const SCRIPT_ID = `tessera-autofill:${SITE}`;
const ORIGINS = [`http://${SITE}/*`, `https://${SITE}/*`]; // what core/site/origins-for.ts asks for an IP
const CHECKBOX = `Fill automatically on ${SITE} (gives Tessera access to that site)`;
// The page notes every input event on the field, so a fill is told apart from Firefox restoring
// a field's value on reload (which fires none).
const CODE_PAGE =
  '<!doctype html><title>Sign in</title><form><label>Code <input name="otp" autocomplete="one-time-code" maxlength="6"></label><button>Verify</button></form>' +
  '<script>document.querySelector("input").addEventListener("input", (e) => { document.body.dataset.inputs = String(Number(document.body.dataset.inputs || 0) + 1); });</script>';
/** How long after a page's load a fill, if one were coming, must have happened (3 s wait + work). */
const QUIET_MS = 4_000;

/** @type {Awaited<ReturnType<typeof launchFirefox>>} */
let ff;
/** @type {import('puppeteer-core').Page} */
let popup;
/** @type {import('node:http').Server[]} */
const servers = [];
let siteUrl = '';
let otherUrl = '';
/** The tab filled in the positive test, and when (to know when its code step is over). */
/** @type {import('puppeteer-core').Page} */
let filledPage;
let filledAt = 0;

/** @param {string} type @param {unknown} payload */
function ask(type, payload) {
  return popup.evaluate((t, p) => globalThis.browser.runtime.sendMessage({ type: t, payload: p }), type, payload);
}

async function openPopup() {
  if (popup && !popup.isClosed()) await popup.close();
  popup = await ff.openExtensionPage('src/popup/index.html');
}

/** @param {string} host */
async function serve(host) {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(CODE_PAGE));
  servers.push(server);
  await new Promise((r) => server.listen(0, host, () => r(undefined)));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** Opens `url` in a new tab as a person typing the address would: no click, no extension gesture. */
async function openSitePage(url) {
  const page = await ff.browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/**
 * The code field's value and how many input events it saw; throws if the page is not the code
 * page (an error page has no field, and "nothing filled" there would prove nothing).
 * @param {import('puppeteer-core').Page} page
 */
async function fieldState(page) {
  const state = await page.evaluate(() => {
    const field = document.querySelector('input[name="otp"]');
    return field ? { value: field.value, inputs: Number(document.body.dataset.inputs || 0) } : null;
  });
  if (!state) throw new Error(`${page.url()} did not load the code page`);
  return state;
}

/** Opens the edit form of the only account and returns its auto-fill checkbox. */
async function editForm() {
  await openPopup();
  await (await button(popup, 'Edit Auto Corp')).click();
  return byLabel(popup, CHECKBOX);
}

/** @param {import('puppeteer-core').ElementHandle} box */
const isChecked = (box) => box.evaluate((el) => /** @type {HTMLInputElement} */ (el).checked);

const hasPermission = () => popup.evaluate((origins) => globalThis.browser.permissions.contains({ origins }), ORIGINS);
const registered = () => popup.evaluate(() => globalThis.browser.scripting.getRegisteredContentScripts());

export async function setup() {
  siteUrl = `http://${SITE}:${await serve('127.0.0.1')}/login`;
  otherUrl = `http://localhost:${await serve('localhost')}/login`;
  ff = await launchFirefox();
}

export async function teardown() {
  await ff?.close();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(() => r(undefined)))));
}

/** @type {{ name: string, run: () => Promise<void> }[]} */
export const tests = [
  {
    name: 'auto-fill: a vault is created and an account bound to 127.0.0.1 is added from an otpauth link',
    async run() {
      await openPopup();
      await fill(popup, 'Passphrase', PASSPHRASE);
      await fill(popup, 'Confirm passphrase', PASSPHRASE);
      await (await button(popup, 'Create vault')).click();
      await button(popup, 'Add account', 30_000);

      // Binding reads the tab's address, which the background sees only with the activeTab grant
      // of a toolbar click (which automation cannot make) or the site's host permission. So the
      // permission stands in for that click here and is taken back right after.
      await popup.evaluate((origins) => {
        const b = document.createElement('button');
        b.textContent = 'test: grant for binding';
        b.addEventListener('click', () => {
          globalThis.browser.permissions.request({ origins }).then((ok) => (document.body.dataset.granted = String(ok)));
        });
        document.body.append(b);
      }, ORIGINS);
      await (await button(popup, 'test: grant for binding')).click();
      assert.equal(await until(() => popup.evaluate(() => document.body.dataset.granted), 'the permission answer'), 'true');
      const tab = await popup.evaluate((u) => globalThis.browser.tabs.create({ url: u, active: false }), siteUrl);
      await until(async () => (await ask('state/get', { tabId: tab.id })).value.tab?.site === SITE, 'the background to see the 127.0.0.1 tab');
      const added = await ask('account/add', { secretOrUri: OTP_LINK, bindToTabId: tab.id });
      assert.equal(added?.ok, true, JSON.stringify(added));
      assert.equal(added.value.account.site, SITE);
      assert.equal(added.value.account.period, PERIOD);
      assert.notEqual(added.value.account.autoFill, true, 'auto-fill must be off until the user opts in');
      await popup.evaluate((id) => globalThis.browser.tabs.remove(id), tab.id);
      await popup.evaluate((origins) => globalThis.browser.permissions.remove({ origins }), ORIGINS);
      assert.equal(await hasPermission(), false, 'the stand-in grant should be gone');
      assert.deepEqual(await registered(), []);

      await openPopup();
      const row = await until(async () => (await accountRows(popup)).find((r) => r.text.includes('Auto Corp') && /^\d{6}$/.test(r.code)), 'the account with a code');
      assert.ok(codesAround(SECRET, PERIOD).includes(row.code), `shown ${row.code}, expected one of ${codesAround(SECRET, PERIOD).join(', ')}`);
    },
  },
  {
    name: 'auto-fill: ticking the option in the edit form asks for 127.0.0.1 and registers a script for it only',
    async run() {
      const box = await editForm();
      assert.equal(await isChecked(box), false);
      await box.click(); // the real click: permissions.request runs inside it
      await until(() => isChecked(box), 'the checkbox to stay ticked (permission granted)');
      assert.equal(await hasPermission(), true, 'the tick should have been granted the site permission');
      await (await button(popup, 'Save')).click();
      await button(popup, 'Add account'); // back at the list: the save went through
      const state = await ask('state/get', {});
      assert.equal(state.value.accounts[0].autoFill, true, JSON.stringify(state.value.accounts[0]));
      const scripts = await registered();
      assert.equal(scripts.length, 1, JSON.stringify(scripts));
      assert.equal(scripts[0].id, SCRIPT_ID);
      assert.deepEqual([...scripts[0].matches].sort(), [...ORIGINS].sort());
    },
  },
  {
    name: 'auto-fill: a code field on another site (localhost) is left alone',
    async run() {
      // Before any fill, so no "step already used elsewhere" wait could hide a wrong fill.
      const page = await openSitePage(otherUrl);
      await new Promise((r) => setTimeout(r, QUIET_MS));
      assert.deepEqual(await fieldState(page), { value: '', inputs: 0 });
      await page.close();
    },
  },
  {
    name: 'auto-fill: opening a 127.0.0.1 page with a code field fills the right code, with no gesture',
    async run() {
      filledPage = await openSitePage(siteUrl);
      const state = await until(async () => {
        const s = await fieldState(filledPage);
        return s.value ? s : undefined;
      }, 'the code field to be filled', 8_000);
      filledAt = Date.now();
      const expected = codesAround(SECRET, PERIOD);
      assert.ok(expected.includes(state.value), `filled "${state.value}", expected one of ${expected.join(', ')}`);
      assert.ok(state.inputs >= 1, 'the fill should fire input events as typing does');
    },
  },
  {
    name: 'auto-fill: unticking removes the permission and the script; reloading the page fills nothing',
    async run() {
      const box = await editForm();
      assert.equal(await isChecked(box), true);
      await box.click();
      await until(async () => !(await isChecked(box)), 'the checkbox to clear');
      await (await button(popup, 'Save')).click();
      await button(popup, 'Add account');
      assert.equal((await ask('state/get', {})).value.accounts[0].autoFill, false);
      assert.equal(await hasPermission(), false, 'the 127.0.0.1 permission should have been removed');
      for (const origin of ORIGINS) assert.equal(await popup.evaluate((o) => globalThis.browser.permissions.contains({ origins: [o] }), origin), false, origin);
      assert.deepEqual(await registered(), []);

      // A wrong fill would wait for the step after the one filled above: outlast that step too.
      const stepOver = (Math.floor(filledAt / 1000 / PERIOD) + 1) * PERIOD * 1000;
      await filledPage.reload({ waitUntil: 'load' });
      const quietUntil = Math.max(Date.now(), stepOver) + QUIET_MS;
      await new Promise((r) => setTimeout(r, quietUntil - Date.now()));
      assert.deepEqual(await fieldState(filledPage), { value: '', inputs: 0 });
    },
  },
];
