/**
 * Drives the built Firefox extension (dist/firefox) in Debian's firefox-esr through
 * puppeteer-core over WebDriver BiDi (see ../shared/docs/browser-testing.md, section Firefox).
 *
 * Why the launch looks the way it does:
 * - `extensions.webextensions.uuids` pins the extension's internal UUID, so the test knows its
 *   moz-extension:// origin instead of scraping about:debugging (a parent-process page BiDi may
 *   not script).
 * - Firefox 153 lets WebDriver navigate only to http(s)/file/blob/about:blank unless started with
 *   `--remote-allow-system-access`; without it every moz-extension:// navigation is refused.
 * - `extensions.webextOptionalPermissionPrompts: false` makes `permissions.request` (still only
 *   callable from a real user click) grant without a doorhanger no test can answer.
 */
import puppeteer from 'puppeteer-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../dist/firefox');
/** Fixed for the run so the moz-extension:// origin is known before installing. */
export const EXTENSION_UUID = '3f6c2d9a-58e1-4b7c-a0d4-7e9b1c2f5a60';

/** Debian's firefox-esr, or the Firefox that FIREFOX_PATH names. */
export function firefoxPath() {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error("Firefox not found: install Debian's firefox-esr or set FIREFOX_PATH");
  return found;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `fn` until it returns a truthy value (returned) or the time is up (throws with `what`).
 * @template T
 * @param {() => Promise<T> | T} fn
 * @param {string} what
 * @param {number} [timeoutMs]
 * @returns {Promise<T>}
 */
export async function until(fn, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(150);
  }
}

/** Launches firefox-esr headless on a fresh profile and installs dist/firefox. */
export async function launchFirefox() {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) throw new Error('Build first: node scripts/build.mjs firefox');
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error('dist/firefox/manifest.json has no browser_specific_settings.gecko.id');
  const profile = mkdtempSync(path.join(tmpdir(), 'tessera-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  const installedId = await browser.installExtension(EXTENSION_DIR);
  const base = `moz-extension://${EXTENSION_UUID}/`;

  /**
   * Opens an extension page in a new tab. Puppeteer never sees the load of a moz-extension://
   * navigation complete (the document moves to the extension process), so `goto` is not awaited
   * and the document itself is polled instead.
   * @param {string} pagePath e.g. 'src/popup/index.html'
   */
  async function openExtensionPage(pagePath) {
    const url = base + pagePath;
    const page = await browser.newPage();
    page.goto(url, { timeout: 0 }).catch(() => {}); // settles only when the tab closes
    await until(
      () => page.evaluate((u) => location.href === u && document.readyState === 'complete', url),
      `${pagePath} to load`,
      15_000,
    );
    return page;
  }

  async function close() {
    await browser.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }

  return { browser, installedId, geckoId, base, openExtensionPage, close };
}
