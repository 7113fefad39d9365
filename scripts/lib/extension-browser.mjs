/**
 * Drives the built extension in Debian's Chromium (see ../shared/docs/browser-testing.md):
 * a fresh profile per test file, the service worker for storage inspection, and the real
 * popup opened the way a toolbar click opens it, with that click's activeTab grant.
 */
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../dist/chrome');

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium not found: install Debian\'s chromium or set CHROMIUM_PATH');
  return found;
}

/**
 * @param {{ deviceScaleFactor?: number, headless?: boolean, keepProfile?: string, extensionDir?: string, lang?: string }} [options]
 *   `lang` starts Chromium in that UI language (`--lang` plus LANGUAGE, which Linux builds read).
 */
export async function launch(options = {}) {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error('Build first: npm run build');
  const userDataDir = options.keepProfile ?? mkdtempSync(path.join(tmpdir(), 'tessera-e2e-'));
  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--enable-unsafe-extension-debugging',
    '--remote-debugging-port=0',
  ];
  if (options.deviceScaleFactor) args.push(`--force-device-scale-factor=${options.deviceScaleFactor}`);
  if (options.lang) args.push(`--lang=${options.lang}`);
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    args,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor,
    ...(options.lang ? { env: { ...process.env, LANGUAGE: options.lang }, locale: options.lang } : {}),
  });
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;

  /** @type {import('playwright-core').Browser | null} */
  let cdpBrowser = null;
  async function cdp() {
    if (cdpBrowser) return cdpBrowser;
    cdpBrowser = await chromium.connectOverCDP(`http://127.0.0.1:${port()}`);
    return cdpBrowser;
  }

  /** Connections made to reach popups (Playwright sees a popup only from a connection made after it opened). */
  /** @type {import('playwright-core').Browser[]} */
  const popupConnections = [];
  const port = () => readFileSync(path.join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];

  /** @param {import('playwright-core').Page} page */
  async function openPopup(page) {
    await page.bringToFront();
    const browser = await cdp();
    const session = await browser.newBrowserCDPSession();
    const popupUrl = `chrome-extension://${extensionId}/src/popup/index.html`;
    const popupTargets = async () =>
      (await session.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'page' && t.url.startsWith(popupUrl)).map((t) => t.targetId);
    const before = new Set(await popupTargets());
    const { targetInfos } = await session.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const target = targetInfos.find((t) => t.url === page.url());
    if (!target) throw new Error(`no tab target for ${page.url()}`);
    harness.lastClickAt = Date.now(); // epoch ms, comparable with the popup's performance.timeOrigin
    await session.send(/** @type {any} */ ('Extensions.triggerAction'), { id: extensionId, targetId: target.targetId });
    const deadline = Date.now() + 10_000;
    let fresh;
    while (!(fresh = (await popupTargets()).find((id) => !before.has(id)))) {
      if (Date.now() > deadline) throw new Error('the popup did not open');
      await new Promise((r) => setTimeout(r, 20));
    }
    await session.detach();
    const connection = await chromium.connectOverCDP(`http://127.0.0.1:${port()}`);
    popupConnections.push(connection);
    const popup = connection.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith(popupUrl));
    if (!popup) throw new Error('the popup opened but could not be attached');
    await popup.waitForLoadState('domcontentloaded');
    return popup;
  }

  /**
   * Lets downloads land in `dir`, and waits for a file there. Each new CDP connection (every
   * popup opened) resets the browser's download behaviour, so call this right before the click.
   * @param {string} dir
   */
  async function allowDownloads(dir) {
    // A connection of its own, made last, so that no later connection resets what it sets.
    const connection = await chromium.connectOverCDP(`http://127.0.0.1:${port()}`);
    popupConnections.push(connection);
    const session = await connection.newBrowserCDPSession();
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
  }

  /** @param {string} pathname */
  async function extensionPage(pathname) {
    const page = await ctx.newPage();
    await page.goto(`chrome-extension://${extensionId}/${pathname}`);
    return page;
  }

  async function storageDump() {
    const worker = ctx.serviceWorkers()[0] ?? sw;
    return worker.evaluate(async () => ({
      local: await globalThis.chrome.storage.local.get(null),
      sync: await globalThis.chrome.storage.sync.get(null),
      session: await globalThis.chrome.storage.session.get(null),
    }));
  }

  async function close() {
    for (const c of popupConnections) await c.close().catch(() => undefined);
    await cdpBrowser?.close().catch(() => undefined);
    await ctx.close().catch(() => undefined);
    if (!options.keepProfile) rmSync(userDataDir, { recursive: true, force: true });
  }

  const harness = { ctx, sw, extensionId, openPopup, extensionPage, storageDump, allowDownloads, close, lastClickAt: 0 };
  return harness;
}
