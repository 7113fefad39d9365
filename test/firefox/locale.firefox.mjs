/**
 * Issue 12 in a real firefox-esr: started with `intl.locale.requested` = de, and then = ar, the
 * popup (opened as an extension page in a tab, which is enough for a locale check) is German,
 * left to right, then Arabic, right to left.
 *
 * Firefox only switches to a language it has a language pack for: Debian ships them as
 * firefox-esr-l10n-de and firefox-esr-l10n-ar (`apt-get install firefox-esr-l10n-de firefox-esr-l10n-ar`).
 * Without them Firefox stays in English, and this suite says so instead of passing.
 *
 * Each language needs its own browser (the locale is read at start-up); scripts/e2e-firefox.mjs
 * runs the tests in order, so each test launches, checks and closes its own.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { EXTENSION_DIR, firefoxPath, until } from './firefox-harness.mjs';

export const title = 'the popup in the language Firefox is set to';
const UUID = '0b7f3c1e-5d2a-4e8f-9c6b-2a1d4e7f8c90';

/** @param {string} lang */
function languagePackInstalled(lang) {
  const dirs = ['/usr/lib/firefox-esr/browser/extensions', '/usr/lib/firefox/browser/extensions'];
  return dirs.some((d) => existsSync(path.join(d, `langpack-${lang}@firefox-esr.mozilla.org.xpi`)) || existsSync(path.join(d, `langpack-${lang}@firefox.mozilla.org.xpi`)));
}

/**
 * Starts firefox-esr in `lang`, installs dist/firefox and returns the popup page's language,
 * direction and visible text.
 * @param {string} lang
 */
async function popupIn(lang) {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const profile = mkdtempSync(path.join(tmpdir(), 'tessera-firefox-locale-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'intl.locale.requested': lang,
      'extensions.webextensions.uuids': JSON.stringify({ [manifest.browser_specific_settings.gecko.id]: UUID }),
    },
  });
  try {
    await browser.installExtension(EXTENSION_DIR);
    const url = `moz-extension://${UUID}/src/popup/index.html`;
    const page = await browser.newPage();
    page.goto(url, { timeout: 0 }).catch(() => {}); // a moz-extension:// load never reports done
    return await until(
      () =>
        page.evaluate((u) => {
          const h1 = document.querySelector('h1');
          if (location.href !== u || !h1) return null;
          return { lang: document.documentElement.lang, dir: document.documentElement.dir, heading: h1.textContent, text: document.body.innerText, direction: getComputedStyle(document.body).direction };
        }, url),
      `the popup in ${lang}`,
      20_000,
    );
  } finally {
    await browser.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function setup() {
  for (const lang of ['de', 'ar']) {
    if (!languagePackInstalled(lang)) throw new Error(`Firefox has no ${lang} language pack: apt-get install firefox-esr-l10n-${lang}`);
  }
}

export async function teardown() {}

/** @type {{ name: string, run: () => Promise<void> }[]} */
export const tests = [
  {
    name: 'intl.locale.requested = de: the popup is German, left to right',
    async run() {
      const shown = await popupIn('de');
      assert.equal(shown.lang, 'de');
      assert.equal(shown.dir, 'ltr');
      assert.equal(shown.heading, 'Tresor anlegen');
      assert.match(shown.text, /Passphrase bestätigen/);
    },
  },
  {
    name: 'intl.locale.requested = ar: the popup is Arabic, right to left',
    async run() {
      const shown = await popupIn('ar');
      assert.equal(shown.lang, 'ar');
      assert.equal(shown.dir, 'rtl');
      assert.equal(shown.direction, 'rtl');
      assert.equal(shown.heading, 'أنشئ خزنتك');
      assert.match(shown.text, /تأكيد عبارة المرور/);
    },
  },
];
