/**
 * The field-finder corpus sample of test/e2e/fields-corpus.e2e.ts, end to end in firefox-esr:
 * each case's page served as written (so Firefox's own parser attaches declarative
 * `<template shadowrootmode>` shadow roots), the real toolbar popup opened on it (ff.openPopup),
 * its "Fill" pressed, and the page checked: the expected field (or boxes) holds the account's
 * current code, or nothing is filled and the popup says why in role "alert".
 *
 * The same sample as in Chromium (same picking rule, so the same case ids): each script family,
 * split boxes, shadow DOM, the slot overlay, SMS and email prompts, a look-alike, an 8-digit
 * code with no field it fits, then more languages up to 18 cases.
 *
 * One browser, one vault, one page server (127.0.0.1). Each case has an account of its own,
 * all bound to that site: Tessera never fills a TOTP step it already filled into another page
 * load, so one shared account would wait up to 30 s per case (and the 8-digit case needs its
 * own digits). Tests run in order; the first creates the vault and the accounts.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { launchFirefox, until } from './firefox-harness.mjs';
import { role } from './role-query.mjs';
import { referenceHotp } from './reference-otp.mjs';
import { createVault, go } from './portal-steps.mjs';
import { ALERTS, FAMILIES, sampleCases } from '../fields-corpus/e2e-sample.mjs';

export const title = 'field-finder corpus sample through the toolbar popup';

/** @typedef {import('../fields-corpus/e2e-sample.d.mts').SampleCase} CorpusCase */

const cases = sampleCases();
const secrets = new Map(cases.map((c) => [c.id, base32(randomBytes(20))]));

/** @type {import('./firefox-harness.mjs').FirefoxHarness} */
let ff;
/** @type {import('puppeteer-core').Page} */
let page;
/** @type {import('node:http').Server} */
let server;
let base = '';

/** @param {CorpusCase} c */
const issuer = (c) => `Case ${c.id}`;

/** SHA-1 TOTP codes of the previous, current and next step, with the case's digits. @param {CorpusCase} c */
function codesAround(c) {
  const step = Math.floor(Date.now() / 1000 / 30);
  return [step - 1, step, step + 1].map((n) => referenceHotp(/** @type {string} */ (secrets.get(c.id)), n, c.digits ?? 6));
}

/**
 * Values of the inputs `selector` matches, open shadow roots included (as Playwright's locators
 * pierce them in the Chromium test); with no selector, every non-hidden input's value.
 * @param {string} [selector]
 * @returns {Promise<string[]>}
 */
function values(selector) {
  return page.evaluate((sel) => {
    /** @type {string[]} */
    const out = [];
    /** @param {Document | ShadowRoot} root */
    const walk = (root) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el instanceof HTMLInputElement && (sel ? el.matches(sel) : el.type !== 'hidden')) out.push(el.value);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  }, selector ?? '');
}

export async function setup() {
  const pages = Object.fromEntries([['/', '<!doctype html><title>start</title>'], ...cases.map((c) => [`/${c.id}`, c.html])]);
  server = createServer((req, res) => {
    const body = pages[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body ?? 'not found');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  ff = await launchFirefox();
  page = await ff.browser.newPage();
}

export async function teardown() {
  await ff?.close();
  await new Promise((r) => { server?.close(() => r(undefined)); server?.closeAllConnections(); });
}

/** @type {{ name: string, run: () => Promise<void> }[]} */
export const tests = [
  {
    name: 'corpus: the sample covers every kind the issue names',
    async run() {
      const kinds = new Set(cases.flatMap((c) => [Object.entries(FAMILIES).find(([, l]) => l.includes(c.lang))?.[0], Object.keys(c.expect)[0], 'none' in c.expect ? c.expect.none : '']));
      assert.ok(cases.length >= 15, `only ${cases.length} cases`);
      for (const k of ['latin', 'cyrillic', 'cjk', 'arabic', 'hebrew', 'boxes', 'sms', 'email']) assert.ok(kinds.has(k), k);
      assert.ok(cases.some((c) => /shadowrootmode/.test(c.html) && 'field' in c.expect), 'a shadow DOM case');
      assert.ok(cases.some((c) => /opacity\s*:\s*0(\.0\d+)?\s*[;"]/.test(c.html) && 'field' in c.expect), 'a slot overlay case');
    },
  },
  {
    name: 'corpus: a vault and one account per case, bound to 127.0.0.1, with the case\'s digits',
    async run() {
      await go(page, `${base}/`);
      await createVault(ff, page);
      const popup = await ff.openPopup(page);
      const uris = cases.map((c) => `otpauth://totp/${encodeURIComponent(issuer(c))}:e2e?secret=${secrets.get(c.id)}&issuer=${encodeURIComponent(issuer(c))}&digits=${c.digits ?? 6}`);
      const replies = await popup.run(
        `async (win, q, uris) => {
          const [tab] = await win.browser.tabs.query({ active: true, currentWindow: true });
          const out = [];
          for (const u of uris) out.push(await win.browser.runtime.sendMessage({ type: 'account/add', payload: { secretOrUri: u, bindToTabId: tab.id } }));
          return out;
        }`,
        [uris],
      );
      replies.forEach((r, i) => assert.equal(r?.ok, true, `${cases[i].id}: ${JSON.stringify(r)}`));
      await popup.close();
    },
  },
  ...cases.map((c) => ({
    name: `corpus: ${c.lang} ${c.id} (${'none' in c.expect ? `none: ${c.expect.none}` : Object.keys(c.expect)[0]})`,
    async run() {
      await go(page, `${base}/${c.id}`);
      if (/shadowrootmode/.test(c.html)) {
        // Served as a real page, Firefox's parser attached the declarative shadow root itself.
        assert.equal(await page.evaluate(() => document.querySelectorAll('template[shadowrootmode]').length), 0, 'the declarative shadow root was not attached');
      }
      const before = await values();
      const popup = await ff.openPopup(page);
      await popup.click(role('button', /^Fill/, { within: role('listitem', undefined, { hasText: issuer(c) }) }));
      const digits = c.digits ?? 6;
      const e = c.expect;
      if ('none' in e) {
        // The corpus's "no-field" also covers a field too small for the code: the popup then says so.
        const expected = e.none === 'no-field' ? [ALERTS['no-field'], ALERTS['does-not-fit']] : [ALERTS[e.none]];
        const shown = await popup.text(role('alert'), 20_000);
        assert.ok(expected.includes(shown), `the alert said: ${shown}`);
        assert.deepEqual(await values(), before, 'something was filled');
        await popup.close();
        return;
      }
      const whole = new RegExp(`^\\d{${digits}}$`);
      const selector = 'field' in e ? e.field : e.boxes;
      const filled = await until(async () => {
        const v = (await values(selector)).join('');
        return whole.test(v) ? v : '';
      }, `a ${digits}-digit code in ${selector}`, 40_000).catch(async (err) => (await popup.isClosed() ? Promise.reject(err) : popup.explain(err)));
      assert.ok(codesAround(c).includes(filled), `${filled} is not the account's code`);
      if ('boxes' in e) {
        const boxes = await values(e.boxes);
        assert.ok(boxes.length >= 4 && boxes.every((v) => v.length === 1), `boxes hold ${JSON.stringify(boxes)}`);
      }
      if (!(await popup.isClosed())) await popup.close();
    },
  })),
];

/** @param {Buffer} bytes */
function base32(bytes) {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += A[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits ? out + A[(value << (5 - bits)) & 31] : out;
}
