/**
 * Issue 10 in a real Chromium: codes stay on the site they belong to, a hostile page cannot
 * stall the background, and a copied code leaves the clipboard although the popup closed.
 * Two servers, on 127.0.0.1 and on localhost, are two different sites.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR, launch, type Harness } from './harness';
import { createVault } from './portal-helpers';
import { launchWithGrant } from './granted-profile';
import { servePages } from './static-server';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const URI = `otpauth://totp/Framed%20Corp:alice%40example.com?secret=${SECRET}&issuer=Framed%20Corp`;
const CLOBBER_URI = 'otpauth://totp/Clobber%20Inc:eve%40example.com?secret=KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF&issuer=Clobber%20Inc';
const UNBOUND_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

let h: Harness;
let page: Page;
let setupSite: Awaited<ReturnType<typeof servePages>>;
let qrSite: Awaited<ReturnType<typeof servePages>>;

/** Sends a request as the popup does, from an extension page (the router answers only those). */
async function ask<T>(from: Page, type: string, payload: unknown): Promise<T> {
  const reply = await from.evaluate(([t, p]) => (globalThis as any).chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
  if (!reply?.ok) throw new Error(`${type}: ${reply?.error?.message}`);
  return reply.value as T;
}

const codeField = '<label>Verification code <input name="verifykey" autocomplete="one-time-code" inputmode="numeric"></label>';

beforeAll(async () => {
  const qr = await QRCode.toDataURL(URI, { width: 200, margin: 2 });
  // The QR page is served on localhost; the setup page on 127.0.0.1 frames it.
  qrSite = await servePages({ '/qr': `<!doctype html><body style="margin:0"><img alt="QR" src="${qr}" width="200" height="200"></body>` }, 'localhost');
  const noise = `<!doctype html><title>Noise</title><body>${codeField}
    ${[0, 1, 2].map((i) => `<canvas id="n${i}" width="3000" height="3000" style="width:300px;height:300px"></canvas>`).join('')}
    <script>
      for (const c of document.querySelectorAll('canvas')) {
        const ctx = c.getContext('2d'); const img = ctx.createImageData(c.width, c.height);
        for (let i = 0; i < img.data.length; i += 4) { const v = Math.random() < 0.5 ? 0 : 255; img.data[i] = img.data[i+1] = img.data[i+2] = v; img.data[i+3] = 255; }
        ctx.putImageData(img, 0, 0);
      }
      document.title = 'drawn';
    </script></body>`;
  setupSite = await servePages({
    '/setup': `<!doctype html><title>Setup</title><body><h1>Set up two-factor authentication</h1>
      <iframe src="${qrSite.url}/qr" width="220" height="220" style="border:0" title="QR code"></iframe>
      <form>${codeField}<button>Submit</button></form></body>`,
    '/login': `<!doctype html><title>Login</title><body><form>${codeField}<button>Login</button></form></body>`,
    '/noise': noise,
    '/clobber': `<!doctype html><title>Clobber</title><body><div id="__tessera">a page element named like the agent</div>
      <img alt="QR" src="${await QRCode.toDataURL(CLOBBER_URI, { width: 200, margin: 2 })}" width="200" height="200">${codeField}</body>`,
  });
  h = await launch();
  page = await h.ctx.newPage();
  await page.goto(`${setupSite.url}/login`);
  await createVault(h, page);
});
afterAll(async () => {
  await h?.close();
  await setupSite?.close();
  await qrSite?.close();
});

describe('a QR shown by another site’s frame belongs to that site', () => {
  test('the account binds to the framed site (localhost), and nothing is typed into the framing page', async () => {
    await page.goto(`${setupSite.url}/setup`);
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Scan QR code' }).click();
    await popup.getByRole('button', { name: 'Add', exact: true }).waitFor({ timeout: 20_000 });
    expect(await popup.textContent('body')).toContain('For localhost');
    await popup.getByRole('button', { name: 'Add', exact: true }).click();
    await popup.getByRole('searchbox').waitFor({ timeout: 20_000 });
    const { accounts } = await ask<{ accounts: Array<{ issuer: string; site: string | null }> }>(popup, 'state/get', {});
    expect(accounts.find((a) => a.issuer === 'Framed Corp')?.site).toBe('localhost');
    await popup.close();
    // The framing page's own field stays empty: the setup code belongs to localhost.
    await page.waitForTimeout(1500); // give a wrong fill every chance to show (none must come)
    expect(await page.locator('input[name=verifykey]').inputValue()).toBe('');
  });
});

describe('the agent’s global', () => {
  test('an element with id="__tessera" does not take the agent’s place: the scan still works', async () => {
    await page.goto(`${setupSite.url}/clobber`);
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Scan QR code' }).click();
    await popup.getByRole('button', { name: 'Add', exact: true }).waitFor({ timeout: 20_000 });
    expect(await popup.textContent('body')).toContain('Clobber Inc');
    expect(await popup.textContent('body')).toContain('For 127.0.0.1');
    await popup.close();
  });
});

describe('"Fill anyway" fills once; binding is a separate choice', () => {
  test('an unbound account fills after confirming, and stays unbound unless the box is ticked', async () => {
    await page.goto(`${setupSite.url}/login`);
    let popup = await h.openPopup(page);
    await ask(popup, 'account/add', { secretOrUri: UNBOUND_SECRET, issuer: 'Loose Ltd', name: 'bob' });
    await popup.close();
    popup = await h.openPopup(page);
    await popup.getByRole('button', { name: /^Fill.*Loose Ltd/ }).click();
    const dialog = popup.getByRole('alertdialog');
    await dialog.waitFor({ timeout: 10_000 });
    const box = dialog.getByRole('checkbox', { name: /^Use this account on 127\.0\.0\.1 from now on$/ });
    expect(await box.isChecked()).toBe(false);
    await dialog.getByRole('button', { name: 'Fill anyway' }).click();
    await expect.poll(() => page.locator('input[name=verifykey]').inputValue(), { timeout: 35_000 }).toMatch(/^\d{6}$/);
    const siteOfLoose = async () => {
      const probe = await h.openPopup(page);
      const state = await ask<{ accounts: Array<{ issuer: string; site: string | null }> }>(probe, 'state/get', {});
      await probe.close();
      return state.accounts.find((a) => a.issuer === 'Loose Ltd')?.site;
    };
    expect(await siteOfLoose()).toBeNull();

    // Now the person ticks the box: the account is bound to this site from then on.
    await page.reload();
    popup = await h.openPopup(page);
    await popup.getByRole('button', { name: /^Fill.*Loose Ltd/ }).click({ timeout: 15_000 }).catch(async (e) => {
      throw new Error(`${e}\npopup shows: ${await popup.textContent('body')}`);
    });
    await popup.getByRole('alertdialog').getByRole('checkbox').check();
    await popup.getByRole('alertdialog').getByRole('button', { name: 'Fill anyway' }).click();
    await expect.poll(() => page.locator('input[name=verifykey]').inputValue(), { timeout: 35_000 }).toMatch(/^\d{6}$/);
    expect(await siteOfLoose()).toBe('127.0.0.1');
  });
});

describe('a decode budget', () => {
  test('three 3000×3000 noise canvases: the scan answers within budget and other requests stay fast', async () => {
    await page.goto(`${setupSite.url}/noise`);
    await page.waitForFunction(() => document.title === 'drawn', null, { timeout: 30_000 });
    const popup = await h.openPopup(page);
    const tabId = await popup.evaluate(async () => (await (globalThis as any).chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    const timings = await popup.evaluate(async (tab) => {
      const send = (type: string, payload: unknown) => (globalThis as any).chrome.runtime.sendMessage({ type, payload });
      const t0 = performance.now();
      const scan = send('scan/run', { tabId: tab }).then((r: any) => ({ ms: performance.now() - t0, reply: r }));
      // While the scan decodes, the popup asks for codes: that must not wait for the decoder.
      const codeTimes: number[] = [];
      for (let i = 0; i < 8; i++) {
        await new Promise((r) => setTimeout(r, 250));
        const c0 = performance.now();
        await send('codes/get', { ids: [] });
        codeTimes.push(performance.now() - c0);
      }
      const done = await scan;
      return { scanMs: done.ms, scanReply: done.reply, codeTimes };
    }, tabId);
    expect(timings.scanReply.ok).toBe(true);
    expect(timings.scanReply.value.kind).toBe('none');
    expect(timings.scanReply.value.message).toBe('No QR code found on this page');
    // 2 s budget, plus the page's own time to hand its candidates over on a loaded machine.
    expect(timings.scanMs).toBeLessThan(4500);
    expect(Math.max(...timings.codeTimes)).toBeLessThan(400);
    await popup.close();
  });
});

describe('the clipboard is cleared from the background', () => {
  // A profile where the person ticked "Also clear it after the popup closes" and allowed the
  // optional clipboardWrite (Chromium's prompt cannot be accepted headless, so the grant is
  // written into the profile as Chromium records it). The shipped manifest is untouched.
  let granted: Harness & { dispose(): Promise<void> };
  beforeAll(async () => {
    const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.optional_permissions).toContain('clipboardWrite');
    expect(manifest.permissions).not.toContain('clipboardWrite');
    granted = await launchWithGrant(null, ['clipboardWrite']);
  });
  afterAll(async () => {
    await granted?.dispose();
  });

  test('Settings offers the permission, unticked until the person allows it', async () => {
    const tab = await h.ctx.newPage();
    await tab.goto(`${setupSite.url}/login`);
    const popup = await h.openPopup(tab);
    await popup.getByRole('button', { name: 'Settings' }).click();
    const box = popup.getByRole('checkbox', { name: 'Also clear it after the popup closes' });
    await expect.poll(() => box.isEnabled()).toBe(true);
    expect(await box.isChecked()).toBe(false);
    await popup.close();
    await tab.close();
  });

  test('copy, close the popup: the clipboard is empty after the delay', async () => {
    const tab = await granted.ctx.newPage();
    await tab.goto(`${setupSite.url}/login`);
    await createVault(granted, tab);
    const session = await granted.ctx.browser()!.newBrowserCDPSession();
    await session.send('Browser.grantPermissions', { origin: new URL(setupSite.url).origin, permissions: ['clipboardReadWrite', 'clipboardSanitizedWrite'] });
    let popup = await granted.openPopup(tab);
    await ask(popup, 'account/add', { secretOrUri: UNBOUND_SECRET, issuer: 'Loose Ltd', name: 'bob' });
    await ask(popup, 'settings/set', { clipboardClearSeconds: 3 });
    await popup.close();
    popup = await granted.openPopup(tab);
    await popup.getByRole('button', { name: 'Settings' }).click();
    const box = popup.getByRole('checkbox', { name: 'Also clear it after the popup closes' });
    await expect.poll(() => box.isChecked()).toBe(true);
    await popup.close();
    popup = await granted.openPopup(tab);
    await popup.getByRole('button', { name: /^Copy.*Loose Ltd/ }).click();
    await popup.getByText('Copied').first().waitFor({ timeout: 10_000 });
    await popup.close(); // as when the person clicks into the page to paste
    await tab.bringToFront();
    const read = () => tab.evaluate(() => navigator.clipboard.readText());
    expect(await read()).toMatch(/^\d{6}$/);
    await expect.poll(read, { timeout: 15_000, interval: 250 }).toBe('');
  });
});
