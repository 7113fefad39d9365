/**
 * The demo portal's steps in Firefox, as test/e2e/portal-helpers.ts does them in Chromium: a
 * person's typing and clicks on the pages, never HTTP shortcuts. Popup steps go through the
 * real toolbar popup (ff.openPopup).
 */
import { until } from './firefox-harness.mjs';
import { role, label } from './role-query.mjs';

export const PASSPHRASE = 'firefox e2e vault passphrase';
export const PORTAL_PASSWORD = 'portal password 1';
let counter = 0;

/**
 * @param {import('puppeteer-core').Page} page
 * @param {string} url
 */
export async function go(page, url) {
  await page.goto(url, { waitUntil: 'load' });
}

/**
 * @param {import('puppeteer-core').Page} page
 * @param {string} selector
 * @param {string} value
 */
async function type(page, selector, value) {
  await page.click(selector, { count: 3 });
  await page.type(selector, value);
}

/**
 * Creates the vault in the popup opened on `page`.
 * @param {import('./firefox-harness.mjs').FirefoxHarness} ff
 * @param {import('puppeteer-core').Page} page
 */
export async function createVault(ff, page) {
  const popup = await ff.openPopup(page);
  await popup.fill(label('Passphrase', { exact: true }), PASSPHRASE);
  await popup.fill(label('Confirm passphrase'), PASSPHRASE);
  await popup.click(role('button', 'Create vault'));
  await popup.waitFor(role('button', 'Scan QR code'), 30_000);
  await popup.close();
}

/**
 * Signs up a fresh user on the portal at `base`; returns the email.
 * @param {import('puppeteer-core').Page} page
 * @param {string} base
 */
export async function signUp(page, base) {
  const email = `ff${Date.now()}-${++counter}@example.com`;
  await go(page, `${base}/logout`);
  await go(page, `${base}/register`);
  await type(page, '#inputFirstName', 'Test');
  await type(page, '#inputEmail', email);
  await type(page, '#inputPassword', PORTAL_PASSWORD);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#btnRegister')]);
  if (!page.url().includes('clientarea')) throw new Error(`sign-up did not reach the client area (${page.url()})`);
  return email;
}

/**
 * @param {import('puppeteer-core').Page} page
 * @param {string} base
 * @param {string} email
 */
export async function logIn(page, base, email) {
  await go(page, `${base}/logout`);
  await go(page, `${base}/login`);
  await type(page, '#inputEmail', email);
  await type(page, '#inputPassword', PORTAL_PASSWORD);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#login')]);
  if (!page.url().includes('two-factor')) throw new Error(`login did not ask for the code (${page.url()})`);
}

/**
 * The joined values of the fields `selector` matches, once they form a whole code (fills are
 * asynchronous: the background may wait for a fresh step, up to one period).
 * @param {import('puppeteer-core').Page} page
 * @param {string} selector
 */
export async function filledValue(page, selector, timeoutMs = 35_000) {
  return until(
    async () => {
      const v = await page.$$eval(selector, (els) => els.map((e) => /** @type {HTMLInputElement} */ (e).value).join(''));
      return /^\d{6}$/.test(v) ? v : '';
    },
    `a code in ${selector}`,
    timeoutMs,
  );
}

/**
 * Scans the page with the popup and confirms the account(s) found; returns the popup's text.
 * @param {import('./firefox-harness.mjs').FirefoxHarness} ff
 * @param {import('puppeteer-core').Page} page
 */
export async function scanAndAdd(ff, page) {
  const popup = await ff.openPopup(page);
  await popup.click(role('button', 'Scan QR code'));
  const add = role('button', /^Add( all|$| \d+ accounts)/);
  await popup.waitFor(add, 20_000);
  const text = await popup.body();
  await popup.click(add);
  // The popup closes itself once the code is filled; otherwise it returns to the list.
  await until(async () => (await popup.isClosed()) || (await popup.count(role('searchbox'))) > 0, 'the popup to close or list the accounts', 15_000);
  if (!(await popup.isClosed())) await popup.close();
  return text;
}

/**
 * Submits the setup page's code and waits for the portal to confirm.
 * @param {import('puppeteer-core').Page} page
 */
export async function submitSetup(page) {
  await page.click('input[value="Submit"]');
  await until(() => page.evaluate(() => /now enabled/.test(document.body.innerText) || !!document.querySelector('.backup-code')), 'the portal to accept the code', 10_000);
}

/** @param {import('puppeteer-core').Page} page */
export async function submitLogin(page) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#btnLogin')]);
  if (!page.url().includes('clientarea')) throw new Error(`the portal refused the code (${page.url()}): ${await page.evaluate(() => document.body.innerText.slice(0, 200))}`);
}

/**
 * Adds accounts by hand in the open popup (secret and issuer), each waited for in the list.
 * @param {import('./popup-driver.mjs').PopupDriver} popup @param {{ secret: string, issuer: string }[]} accounts
 */
export async function addAccounts(popup, accounts) {
  for (const a of accounts) {
    await popup.click(role('button', 'Add account'));
    await popup.fill(label('Secret key or otpauth link'), a.secret);
    await popup.fill(label('Issuer'), a.issuer);
    await popup.click(role('button', 'Save'));
    await popup.waitFor(role('listitem', undefined, { hasText: a.issuer }));
  }
}
