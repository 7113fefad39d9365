/**
 * The MV3 service worker stopped while the vault is unlocked (CDP ServiceWorker.stopAllWorkers,
 * as Chromium does to an idle worker): the popup opened afterwards shows the right codes
 * (checked against an independent RFC 6238) without asking for the passphrase, since the key
 * waits in storage.session; and the auto-lock alarm, going off while the worker is stopped,
 * wakes it and locks the vault.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launch, type Harness } from './harness';
import { servePages } from './static-server';
import { codesAround } from '../reference-otp';

const PASSPHRASE = 'worker stop passphrase';
const ACCOUNTS = [
  { issuer: 'Stop Mail', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
  { issuer: 'Stop Bank', secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU' },
];

let h: Harness;
let site: { url: string; close(): Promise<void> };
let page: Page;
let cdp: CDPSession;

const digitsOf = (text: string | null) => (text ?? '').replace(/\s/g, '');

/** The worker's running status as Chromium reports it (ServiceWorker.workerVersionUpdated). */
let status = '';

/** Waits until Chromium reports the worker `wanted` ('stopped', 'running'). */
async function statusBecomes(wanted: string, timeout: number): Promise<void> {
  await expect.poll(() => status, { timeout }).toBe(wanted);
}

/** Stops the extension's worker and waits until Chromium reports it stopped. */
async function stopWorker(): Promise<void> {
  await statusBecomes('running', 15_000);
  await cdp.send('ServiceWorker.stopAllWorkers');
  await statusBecomes('stopped', 15_000);
}

beforeAll(async () => {
  h = await launch();
  site = await servePages({ '/': '<!doctype html><title>Plain page</title><h1>Hello</h1>' });
  // Setup through the background's own requests (the flows under test are the popup's).
  const setupPage = await h.extensionPage('src/pages/backup/index.html');
  const send = (type: string, payload: unknown) => setupPage.evaluate(([t, p]) => (globalThis as any).chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
  expect((await send('vault/create', { passphrase: PASSPHRASE })).ok).toBe(true);
  for (const a of ACCOUNTS) expect((await send('account/add', { secretOrUri: `otpauth://totp/${encodeURIComponent(a.issuer)}:me?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}` })).ok).toBe(true);
  await setupPage.close();
  page = await h.ctx.newPage();
  await page.goto(site.url + '/');
  cdp = await h.ctx.newCDPSession(page);
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    const ours = versions.find((v) => v.scriptURL.startsWith(`chrome-extension://${h.extensionId}/`));
    if (ours) status = ours.runningStatus;
  });
  await cdp.send('ServiceWorker.enable');
});
afterAll(async () => {
  await h?.close();
  await site?.close();
});

describe('service worker stopped while unlocked', () => {
  test('the popup opened afterwards shows correct codes and asks for no passphrase', async () => {
    await stopWorker();
    const popup = await h.openPopup(page);
    for (const a of ACCOUNTS) {
      const code = popup.getByRole('listitem').filter({ hasText: a.issuer }).locator('.code');
      await expect.poll(async () => codesAround(a.secret).includes(digitsOf(await code.textContent())), { timeout: 20_000 }).toBe(true);
    }
    expect(await popup.getByRole('button', { name: 'Unlock' }).count()).toBe(0);
    expect(await popup.getByLabel('Passphrase', { exact: true }).count()).toBe(0);
    // A restarted worker answered the popup (its memory was gone).
    expect(status).toBe('running');
    await popup.close();
  });

  test('the auto-lock alarm still locks it: set to 1 minute, it goes off with the worker stopped and locks', async () => {
    const popup = await h.openPopup(page);
    await popup.getByRole('button', { name: 'Settings' }).click();
    await popup.getByLabel('Lock after this many minutes without use').fill('1');
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.getByRole('searchbox').waitFor();
    await popup.close();
    const due = await h.sw.evaluate(async () => (await (globalThis as any).chrome.alarms.get('tessera-autolock'))?.scheduledTime ?? 0);
    expect(due - Date.now()).toBeGreaterThan(0);
    expect(due - Date.now()).toBeLessThanOrEqual(61_000);
    await stopWorker();

    // Nothing is open to wake the worker (no popup, no extension page, no sync), so the next
    // start is Chromium's to deliver the alarm: up to a minute, plus the alarm granularity on a
    // loaded machine. Reading storage.session in the worker sends no request, so it does not
    // push the alarm forward (an evaluation waits for a running worker).
    await statusBecomes('running', 150_000);
    expect(Date.now()).toBeGreaterThanOrEqual(due - 1000);
    const keyHeld = () => h.sw.evaluate(async () => 'session.vaultKey' in (await (globalThis as any).chrome.storage.session.get(null)));
    await expect.poll(keyHeld, { timeout: 30_000 }).toBe(false);

    const locked = await h.openPopup(page);
    await locked.getByRole('button', { name: 'Unlock' }).waitFor({ timeout: 15_000 });
    expect(await locked.getByRole('listitem').filter({ hasText: ACCOUNTS[0]!.issuer }).count()).toBe(0);
    await locked.getByLabel('Passphrase').fill(PASSPHRASE);
    await locked.getByRole('button', { name: 'Unlock' }).click();
    const code = locked.getByRole('listitem').filter({ hasText: ACCOUNTS[0]!.issuer }).locator('.code');
    await expect.poll(async () => codesAround(ACCOUNTS[0]!.secret).includes(digitsOf(await code.textContent())), { timeout: 20_000 }).toBe(true);
    await locked.close();
  }, 240_000);
});
