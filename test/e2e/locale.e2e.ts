/**
 * Issue 12 in a real Chromium: a browser started in German shows the popup in German, one
 * started in Arabic shows it in Arabic, right to left, with codes still left to right. Then,
 * in every shipped locale, the popup's main views are laid out at the popup's width with no
 * label overflowing its button or row; de, ja and ar are saved as screenshots in artifacts/.
 *
 * Chromium picks an extension's locale once, from its UI language, so the per-locale layout
 * pass renders the real popup with that locale's messages.json served through chrome.i18n
 * (an init script in the page, before the popup's own code runs), and hands the popup a real
 * http page as its tab so the Fill buttons appear too.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launch, EXTENSION_DIR, type Harness } from './harness';
import { servePages } from './static-server';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const LOCALES_DIR = path.join(EXTENSION_DIR, '_locales');
const messagesOf = (folder: string): Messages => JSON.parse(readFileSync(path.join(LOCALES_DIR, folder, 'messages.json'), 'utf8'));
const ARTIFACTS = path.resolve(import.meta.dirname, '../../artifacts');
const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** The extension API as seen inside the browser (this file is compiled without chrome's types). */
declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const ACCOUNTS = [
  `otpauth://totp/GitHub:octocat?secret=${SECRET}&issuer=GitHub`,
  `otpauth://totp/Example%20Corporation%20International:alice.longname%40example-corporation.com?secret=GEZDGNBVGY3TQOJQGEZDGNBV&issuer=Example%20Corporation%20International`,
  `otpauth://totp/Google:alice%40gmail.com?secret=MFRGGZDFMZTWQ2LKNNWG23TP&issuer=Google`,
  `otpauth://hotp/Acme:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Acme&counter=0`,
];

async function popupTab(h: Harness, init?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await h.ctx.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  if (init) await init(page);
  await page.goto(`chrome-extension://${h.extensionId}/src/popup/index.html`);
  return page;
}

async function createVault(page: Page, m: Messages) {
  await page.getByLabel(m.passphrase!.message, { exact: true }).fill(PASSPHRASE);
  await page.getByLabel(m.confirmPassphrase!.message).fill(PASSPHRASE);
  await page.getByRole('button', { name: m.createVault!.message }).click();
  await page.getByRole('button', { name: m.addAccount!.message }).waitFor({ timeout: 30_000 });
}

async function addAccount(page: Page, m: Messages, uri: string) {
  await page.getByRole('button', { name: m.addAccount!.message }).click();
  await page.getByLabel(m.secretOrLink!.message).fill(uri);
  await page.getByRole('button', { name: m.save!.message }).click();
  await page.getByRole('searchbox').waitFor({ timeout: 15_000 });
}

/** Elements whose content is wider than their box, and rows wider than the popup. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 40)}" ${el.scrollWidth}>${el.clientWidth}`;
    for (const el of document.querySelectorAll('button, label, h1, h2, h3, summary, select, p, .time-left, header, footer, .row, .actions, .account')) {
      if (el.getClientRects().length === 0) continue; // not rendered
      // Issuer and account name truncate with an ellipsis by design; their boxes are checked, not their text.
      if (el.scrollWidth > el.clientWidth + 1) bad.push(describe(el));
    }
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) bad.push(`page ${root.scrollWidth}>${root.clientWidth}`);
    return bad;
  });
}

describe('a Chromium started in German', () => {
  let h: Harness;
  let site: { url: string; close(): Promise<void> };
  let tabId: number;

  beforeAll(async () => {
    h = await launch({ lang: 'de' });
    site = await servePages({ '/': '<!doctype html><title>Login</title><h1>Login</h1>' });
    const page = await h.ctx.newPage();
    await page.goto(site.url + '/');
    await page.bringToFront();
    // Without the tabs permission the worker cannot match by URL: the page just opened is the active tab.
    tabId = await h.sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0].id as number);
    // A toolbar click on that page gives Tessera its activeTab grant there, as a user's click does,
    // so the popup pages opened later see the page's site (until it navigates).
    await (await h.openPopup(page)).close();
  });
  afterAll(async () => {
    await h?.close();
    await site?.close();
  });

  test('shows the popup in German: lang, direction, words and plurals', async () => {
    const de = messagesOf('de');
    const page = await popupTab(h);
    await page.getByRole('heading', { name: 'Tresor anlegen' }).waitFor({ timeout: 15_000 });
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await page.locator('body').innerText()).toContain('Wählen Sie eine Passphrase mit mindestens 8 Zeichen.');
    await createVault(page, de);
    for (const uri of ACCOUNTS) await addAccount(page, de, uri);
    for (const name of ['QR-Code scannen', 'Konto hinzufügen', 'Backup exportieren', 'Backup importieren', 'Einstellungen', 'Sperren']) {
      await page.getByRole('button', { name, exact: true }).waitFor();
    }
    // Four accounts and no backup yet: the German plural, with no "(s)".
    expect(await page.locator('.reminder').textContent()).toBe('4 Konten seit Ihrem letzten Backup hinzugefügt.');
    const row = page.getByRole('listitem').filter({ hasText: 'GitHub' });
    await row.getByRole('button', { name: 'Code für GitHub kopieren' }).waitFor();
    // The countdown is German too ("25 Sek." / "Noch 25 Sekunden"), from Intl and the plural keys.
    expect(await row.locator('.time-left').getAttribute('aria-label')).toMatch(/^Noch \d+ Sekunden?$/);
    await page.close();
  });

  test('each account shows its service icon from the package, or a coloured initial', async () => {
    const page = await popupTab(h);
    const icon = page.getByRole('listitem').filter({ hasText: 'GitHub' }).locator('img.service-icon');
    await icon.waitFor({ timeout: 15_000 });
    await expect.poll(() => icon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await icon.evaluate((img: HTMLImageElement) => img.src)).toBe(`chrome-extension://${h.extensionId}/service-icons/github.svg`);
    expect(await page.getByRole('listitem').filter({ hasText: 'alice@gmail.com' }).locator('img.service-icon').getAttribute('data-service')).toBe('google');
    const letter = page.getByRole('listitem').filter({ hasText: 'Example Corporation International' }).locator('.service-icon');
    expect(await letter.evaluate((el) => el.tagName)).toBe('SPAN');
    expect(await letter.textContent()).toBe('E');
    // Decorative: the issuer is already in the row's text, so screen readers hear it once.
    expect(await icon.getAttribute('aria-hidden')).toBe('true');
    await page.close();
  });

  test('in every locale, no label overflows its button at the popup width', async () => {
    const folders = readdirSync(LOCALES_DIR).sort();
    expect(folders.length).toBeGreaterThanOrEqual(14);
    mkdirSync(ARTIFACTS, { recursive: true });
    const problems: string[] = [];
    for (const folder of folders) {
      const m = messagesOf(folder);
      const tag = folder.replace('_', '-');
      const page = await popupTab(h, async (p) => {
        await p.addInitScript(
          ({ messages, folder, tabId }) => {
            const rtl = /^(ar|he|fa|ur)/.test(folder);
            chrome.i18n.getMessage = ((key: string, subs?: string | string[]) => {
              if (key === '@@ui_locale') return folder;
              if (key === '@@bidi_dir') return rtl ? 'rtl' : 'ltr';
              const entry = messages[key];
              if (!entry) return '';
              const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
              return entry.message.replace(/\$([A-Za-z_]+)\$/g, (_: string, name: string) => {
                const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
                return list[Number(content.slice(1)) - 1] ?? '';
              });
            });
            // The popup's tab: a real http page, so the list offers Fill as on a site.
            const tabs = [{ id: tabId, active: true }];
            chrome.tabs.query = ((_q: unknown, cb?: (t: unknown[]) => void) => (cb ? cb(tabs) : Promise.resolve(tabs))) as never;
          },
          { messages: m, folder, tabId },
        );
      });
      const check = async (view: string) => {
        for (const p of await overflowing(page)) problems.push(`${folder} ${view}: ${p}`);
      };
      await page.getByRole('searchbox').waitFor({ timeout: 15_000 });
      expect(await page.getAttribute('html', 'lang'), folder).toBe(tag);
      expect(await page.getAttribute('html', 'dir'), folder).toBe(/^(ar|he)/.test(folder) ? 'rtl' : 'ltr');
      // Row buttons are named for their account ("Fill code for GitHub"); their text is the short word.
      await page.locator('.actions button').filter({ hasText: m.fill!.message }).first().waitFor();
      await check('list');
      if (['de', 'ja', 'ar'].includes(folder)) await page.screenshot({ path: path.join(ARTIFACTS, `popup-${folder}.png`) });

      await page.getByRole('button', { name: m.addAccount!.message, exact: true }).click();
      await page.locator('summary').click(); // the advanced fields open
      await check('add account');
      await page.getByRole('button', { name: m.cancel!.message, exact: true }).click();

      await page.getByRole('button', { name: m.settings!.message, exact: true }).click();
      await page.getByRole('button', { name: m.save!.message, exact: true }).waitFor();
      await check('settings');
      await page.getByRole('button', { name: m.cancel!.message, exact: true }).click();

      await page.locator('.account .icon').first().click();
      await page.getByRole('button', { name: m.delete!.message, exact: true }).waitFor();
      await check('edit account');
      await page.getByRole('button', { name: m.delete!.message, exact: true }).click();
      await page.getByRole('alertdialog').waitFor();
      await check('delete confirmation');
      await page.getByRole('button', { name: m.cancel!.message, exact: true }).click();
      await page.getByRole('button', { name: m.cancel!.message, exact: true }).click();

      await page.getByRole('button', { name: m.lock!.message, exact: true }).click();
      await page.getByRole('button', { name: m.unlock!.message, exact: true }).waitFor();
      await check('locked');
      await page.getByLabel(m.passphrase!.message, { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: m.unlock!.message, exact: true }).click();
      await page.getByRole('searchbox').waitFor({ timeout: 30_000 });
      await page.close();
    }
    expect(problems).toEqual([]);
  }, 600_000);
});

describe('a Chromium started in Arabic', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await launch({ lang: 'ar' });
  });
  afterAll(async () => {
    await h?.close();
  });

  test('shows the popup in Arabic, right to left, with codes left to right', async () => {
    const ar = messagesOf('ar');
    const page = await popupTab(h);
    await page.getByRole('heading', { name: 'أنشئ خزنتك' }).waitFor({ timeout: 15_000 });
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    await createVault(page, ar);
    await addAccount(page, ar, ACCOUNTS[0]!);
    await page.getByRole('button', { name: 'مسح رمز QR' }).waitFor();
    expect(await page.locator('.reminder').textContent()).toBe('أُضيف حساب واحد منذ آخر نسخة احتياطية.');
    const row = page.getByRole('listitem').filter({ hasText: 'GitHub' });
    const code = row.locator('.code');
    await expect.poll(async () => (await code.textContent())?.replace(/\s/g, '')).toMatch(/^\d{6}$/);
    expect(await code.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    // Mirrored row: the labels sit at the right, the code to their left.
    const labels = (await row.locator('.labels').boundingBox())!;
    const codeBox = (await code.boundingBox())!;
    expect(labels.x).toBeGreaterThan(codeBox.x);
    await page.close();
  });
});
