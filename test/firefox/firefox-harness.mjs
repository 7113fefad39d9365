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

/**
 * Launches firefox-esr headless on a fresh profile and installs dist/firefox.
 *
 * Beyond puppeteer's pages, the result reaches the parent process (`chrome`): with
 * `--remote-allow-system-access`, WebDriver BiDi lists the browser window's chrome context
 * (`browsingContext.getTree` with `moz:scope: 'chrome'`) and runs scripts there. That is how
 * `openPopup` presses the real toolbar button (`browserActionFor(extension).triggerAction`,
 * which grants activeTab to the selected tab exactly as a click does) and how keys, clicks and
 * context menus are synthesized as trusted input in the browser window.
 *
 * `profileDir` reuses a profile (kept on close, for a restart); `install: 'permanent'` installs
 * a packed copy that stays installed across restarts (a temporary add-on does not; needs the
 * pref `xpinstall.signatures.required` false, which firefox-esr honours), `'none'` expects it
 * installed already in `profileDir`.
 * @param {{ downloadDir?: string, prefs?: Record<string, string | number | boolean>, profileDir?: string, install?: 'temporary' | 'permanent' | 'none' }} [options]
 */
export async function launchFirefox(options = {}) {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) throw new Error('Build first: node scripts/build.mjs firefox');
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error('dist/firefox/manifest.json has no browser_specific_settings.gecko.id');
  const profile = options.profileDir ?? mkdtempSync(path.join(tmpdir(), 'tessera-firefox-'));
  const downloads = options.downloadDir
    ? { 'browser.download.folderList': 2, 'browser.download.dir': options.downloadDir, 'browser.download.useDownloadDir': true, 'browser.download.always_ask_before_handling_new_types': false, 'browser.download.start_downloads_in_tmp_dir': false }
    : {};
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
      'extensions.webextOptionalPermissionPrompts': false,
      ...downloads,
      ...options.prefs,
    },
  });
  const install = options.install ?? 'temporary';
  /** @type {string} */
  let installedId = geckoId;
  if (install === 'temporary') installedId = await browser.installExtension(EXTENSION_DIR);
  if (install === 'permanent') {
    const xpi = await packXpi();
    const sent = /** @type {any} */ (await browser.connection.send('webExtension.install', /** @type {any} */ ({ extensionData: { type: 'archivePath', path: xpi }, 'moz:permanent': true })));
    installedId = sent.result.extension;
    rmSync(path.dirname(xpi), { recursive: true, force: true }); // Firefox keeps its own copy in the profile
  }
  const base = `moz-extension://${EXTENSION_UUID}/`;
  /** How Firefox names the extension's elements in the browser window (makeWidgetId). */
  const widgetId = installedId.toLowerCase().replace(/[^a-z0-9_-]/g, '_');

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

  /** @type {string | undefined} */
  let chromeContext;
  /**
   * Runs `fn(...args)` in the browser window's chrome scope (parent process, system principal)
   * and returns its (awaited, JSON-serialisable) result. `ext` (the extension's parent-side
   * object) and `ViewPopup` are in scope.
   * @param {string | Function} fn
   * @param {...unknown} args
   */
  async function chrome(fn, ...args) {
    if (!chromeContext) {
      const { result } = await browser.connection.send('browsingContext.getTree', /** @type {any} */ ({ 'moz:scope': 'chrome' }));
      chromeContext = result.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml')?.context;
      if (!chromeContext) throw new Error('no chrome browser window: is --remote-allow-system-access on?');
    }
    const expression = `(async () => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const { ViewPopup } = ChromeUtils.importESModule('resource:///modules/ExtensionPopups.sys.mjs');
      const ext = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(installedId)});
      return JSON.stringify(await (${fn})(...${JSON.stringify(args)}));
    })()`;
    const { result } = await browser.connection.send('script.evaluate', { expression, target: { context: chromeContext }, awaitPromise: true, resultOwnership: 'none' });
    if (result.type !== 'success') throw new Error(`chrome script failed: ${result.exceptionDetails.text}`);
    const text = result.result.type === 'string' ? result.result.value : 'null';
    return text === undefined || text === 'undefined' ? undefined : JSON.parse(text);
  }

  /** @type {import('puppeteer-core').Page | undefined} */
  let controller;
  /**
   * A background tab on an extension page: extension pages share one process and origin, so
   * from it `browser.extension.getViews({ type: 'popup' })` reaches the open popup's document
   * (to find controls and read results; input itself goes through the chrome window).
   */
  async function controllerPage() {
    if (controller && !controller.isClosed()) return controller;
    const active = await activePage();
    controller = await openExtensionPage('src/pages/backup/index.html');
    const { installRoleQuery } = await import('./role-query.mjs');
    await controller.evaluate(installRoleQuery);
    await active?.bringToFront();
    return controller;
  }

  /** The puppeteer page of the selected tab, if puppeteer knows it. */
  async function activePage() {
    const url = await chrome(() => gBrowser.selectedBrowser.currentURI.spec).catch(() => '');
    for (const p of await browser.pages()) {
      if (p.url() === url && (await p.evaluate(() => document.visibilityState === 'visible').catch(() => false))) return p;
    }
    return undefined;
  }

  /**
   * Presses the toolbar button with `page` as the selected tab: the real popup opens and the
   * tab gets activeTab, as with a person's click. Returns the popup driver.
   * @param {import('puppeteer-core').Page} page
   */
  async function openPopup(page) {
    const ctl = await controllerPage();
    await page.bringToFront();
    const url = page.url();
    await until(async () => (await chrome(() => gBrowser.selectedBrowser.currentURI.spec)) === url, `the tab ${url} to be selected`);
    await chrome((w) => {
      if (ViewPopup.for(ext, window)) ViewPopup.for(ext, window).closePopup();
      ExtensionParent.apiManager.global.browserActionFor(ext).triggerAction(window);
    });
    const { PopupDriver } = await import('./popup-driver.mjs');
    const popup = new PopupDriver(harness, ctl);
    await popup.ready();
    return popup;
  }

  /** A driver for a popup the extension opened by itself (action.openPopup), once it is there. */
  async function attachPopup(timeoutMs = 10_000) {
    const ctl = await controllerPage();
    await until(() => chrome(() => !!ViewPopup.for(ext, window)), 'the popup to open by itself', timeoutMs);
    const { PopupDriver } = await import('./popup-driver.mjs');
    const popup = new PopupDriver(harness, ctl);
    await popup.ready();
    return popup;
  }

  /**
   * Clicks at a point of the selected tab's page (CSS px of its viewport) through the chrome
   * window: a trusted click, as from a person's mouse.
   * @param {number} x @param {number} y @param {{ button?: number, type?: string }} [opts]
   */
  async function clickInTab(x, y, opts = {}) {
    await chrome((px, py, o) => {
      const r = gBrowser.selectedBrowser.getBoundingClientRect();
      const at = [r.x + px, r.y + py];
      const button = o.button ?? 0;
      if (o.type) return void window.synthesizeMouseEvent(o.type, ...at, { button, clickCount: 1 }, { isDOMEventSynthesized: false });
      window.synthesizeMouseEvent('mousedown', ...at, { button, clickCount: 1 }, { isDOMEventSynthesized: false });
      window.synthesizeMouseEvent('mouseup', ...at, { button, clickCount: 1 }, { isDOMEventSynthesized: false });
    }, x, y, opts);
  }

  /**
   * Fires the extension's keyboard shortcut (e.g. 'Alt+Shift+F') through its own <key> element
   * in the browser window: the same command event a key press fires, so Firefox runs its real
   * shortcut path (activeTab grant, commands.onCommand). A key press synthesized into headless
   * Firefox reaches the page but not the window's XUL key handling, hence the element.
   * @param {string} shortcut
   */
  async function pressShortcut(shortcut) {
    const parts = shortcut.split('+');
    const key = parts.pop();
    const modifiers = parts.map((m) => m.toLowerCase()).sort().join(',');
    await chrome((k, mods, id) => {
      const keyset = document.getElementById(`ext-keyset-id-${id}`);
      const el = [...(keyset?.children ?? [])].find((e) => e.getAttribute('key') === k && (e.getAttribute('modifiers') ?? '').split(',').sort().join(',') === mods);
      if (!el) throw new Error(`no shortcut ${mods}+${k} in the browser window`);
      el.doCommand();
    }, key, modifiers, widgetId);
  }

  /**
   * Right-clicks `selector` in `page` (trusted input: the page's real context menu opens),
   * activates the extension's entry labelled `label`, and returns the labels of the
   * extension's entries the menu showed there.
   * @param {import('puppeteer-core').Page} page @param {string} selector @param {string} label
   */
  async function contextMenu(page, selector, label) {
    await page.click(selector, { button: 'right' });
    return until(
      () =>
        chrome((wanted, widget) => {
          const menu = document.getElementById('contentAreaContextMenu');
          if (menu.state !== 'open') return null;
          const ours = [...menu.querySelectorAll('menuitem')].filter((m) => m.id.startsWith(`${widget}-menuitem-`) && !m.hidden);
          const item = ours.find((m) => m.getAttribute('label') === wanted);
          if (item) menu.activateItem(item);
          else menu.hidePopup();
          return ours.map((m) => m.getAttribute('label'));
        }, label, widgetId),
      'the context menu to open',
    );
  }

  /** Every storage area as the extension sees it (read from an extension page). */
  async function storageDump() {
    const ctl = await controllerPage();
    return ctl.evaluate(async () => ({
      local: await globalThis.browser.storage.local.get(null),
      session: await globalThis.browser.storage.session.get(null),
    }));
  }

  /** The event page's state as Firefox tracks it: 'running', 'suspending', 'stopped', ... */
  const backgroundState = () => chrome(() => ext.backgroundState);

  /** Suspends the event page now, as its idle timeout does (nothing of its memory survives). */
  async function suspendBackground() {
    await chrome(() => ext.terminateBackground({ disableResetIdleForTest: true }));
    await until(async () => (await backgroundState()) === 'stopped', 'the event page to stop');
  }

  /**
   * Runs `fn(bg, ...args)` with `bg` the event page's window (woken if suspended), from the
   * controller tab (the event page's CSP allows no eval, but same-origin pages may call into it).
   * @param {(bg: any, ...args: any[]) => unknown} fn
   * @param {...unknown} args
   */
  async function inBackground(fn, ...args) {
    const ctl = await controllerPage();
    return ctl.evaluate(`(async () => {
      const bg = await browser.runtime.getBackgroundPage();
      return (${fn})(bg, ...${JSON.stringify(args)});
    })()`);
  }

  /**
   * An alarm of the extension as Firefox's parent process keeps it ({ name, scheduledTime }),
   * read without waking the event page.
   * @param {string} name
   */
  const alarm = (name) => chrome((n) => ExtensionParent.apiManager.apis.get(ext).get('alarms')?.alarms.get(n)?.data ?? null, name);

  /**
   * Makes the alarm `name` go off now instead of at its scheduled time: its own timer is re-armed
   * with no delay, so Firefox delivers it the way it would have (waking a suspended event page).
   * @param {string} name
   */
  async function fireAlarmNow(name) {
    await chrome((n) => {
      const a = ExtensionParent.apiManager.apis.get(ext).get('alarms')?.alarms.get(n);
      if (!a) throw new Error(`no alarm ${n}`);
      a.timer.init(a, 0, Ci.nsITimer.TYPE_ONE_SHOT);
    }, name);
  }

  async function close() {
    await browser.close().catch(() => {});
    if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
  }

  const harness = { browser, installedId, geckoId, base, openExtensionPage, chrome, openPopup, attachPopup, clickInTab, pressShortcut, contextMenu, storageDump, backgroundState, suspendBackground, inBackground, controllerPage, alarm, fireAlarmNow, close };
  return harness;
}

/**
 * dist/firefox packed as an .xpi (a zip) by web-ext, a dev dependency, in a fresh temporary folder.
 */
async function packXpi() {
  const { execFileSync } = await import('node:child_process');
  const out = mkdtempSync(path.join(tmpdir(), 'tessera-xpi-'));
  const webExt = path.resolve(import.meta.dirname, '../../node_modules/.bin/web-ext');
  execFileSync(webExt, ['build', '--source-dir', EXTENSION_DIR, '--artifacts-dir', out, '--filename', 'tessera.xpi', '--overwrite-dest'], { stdio: 'pipe' });
  return path.join(out, 'tessera.xpi');
}

/** @typedef {Awaited<ReturnType<typeof launchFirefox>>} FirefoxHarness */
