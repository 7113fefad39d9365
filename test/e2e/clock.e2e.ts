/**
 * Issue 13's clock check in a real Chromium: a portal whose clock runs ahead of the machine's
 * (as if the device clock were slow) accepts the codes Tessera fills, because the scan and the
 * fill read the portal's Date header and correct the codes; the popup says so. Beyond 5 minutes
 * the correction waits for the person's go-ahead in the popup.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';
import { startPortal } from '../../demo/portal.mjs';
import { createVault, filledValue, logIn, scanAndAdd, signUp } from './portal-helpers';

let h: Harness;
let page: Page;
const portals: Awaited<ReturnType<typeof startPortal>>[] = [];
/** A portal whose clock runs `seconds` ahead of this machine's. */
async function portalAhead(seconds: number) {
  const p = await startPortal({ now: () => Date.now() + seconds * 1000 });
  portals.push(p);
  return p;
}

beforeAll(async () => {
  h = await launch();
  page = await h.ctx.newPage();
  const first = await portalAhead(0);
  await page.goto(`${first.url}/login`);
  await createVault(h, page);
});
afterAll(async () => {
  await h?.close();
  for (const p of portals) await p.close();
});

/** The clock line of a freshly opened popup on the current page. */
async function clockLine(): Promise<string> {
  const popup = await h.openPopup(page);
  await popup.getByRole('searchbox').waitFor();
  const line = popup.locator('.clock');
  await line.first().waitFor({ timeout: 10_000 });
  const text = (await line.first().textContent()) ?? '';
  await popup.close();
  return text;
}

describe('a portal whose clock is 90 s ahead', () => {
  test('accepts the code Tessera fills at setup and at login; the popup says the clock is corrected', async () => {
    const portal = await portalAhead(90);
    const email = await signUp(page, portal.url);
    await page.goto(`${portal.url}/user/two-factor/setup?style=svg`);
    await scanAndAdd(h, page);
    expect(await filledValue(page, 'input[name=verifykey]')).toMatch(/^\d{6}$/);
    await page.getByRole('button', { name: 'Submit' }).click();
    // The portal checks codes by its own clock, ±1 step: a code for the machine's time would be refused.
    await page.getByText('Two-Factor Authentication is now enabled').first().waitFor({ timeout: 10_000 });

    // The Date header has whole seconds, so the measured difference is 90 s ± 1.
    expect(await clockLine()).toMatch(/^Your clock is (89|90|91) s slow: codes are corrected\.$/);

    // The portal refuses a replayed step: log in once its step (by its clock) is over.
    await page.waitForTimeout(30_000 - ((Date.now() + 90_000) % 30_000) + 300);
    await logIn(page, portal.url, email);
    const popup = await h.openPopup(page);
    await popup.getByRole('listitem').filter({ hasText: email }).getByRole('button', { name: /^Fill/ }).click();
    await popup.waitForEvent('close', { timeout: 35_000 }).catch(() => undefined);
    expect(await filledValue(page, '#frmTwoFactorChallenge input[name=key]')).toMatch(/^\d{6}$/);
    await page.locator('#frmTwoFactorChallenge').getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(/clientarea/, { timeout: 10_000 });
  });
});

describe('a portal whose clock is 10 min ahead', () => {
  test('codes are not corrected until the person says so in the popup; then the filled code is accepted', async () => {
    const portal = await portalAhead(600);
    const email = await signUp(page, portal.url);
    await page.goto(`${portal.url}/user/two-factor/setup?style=svg`);
    await scanAndAdd(h, page);
    expect(await filledValue(page, 'input[name=verifykey]')).toMatch(/^\d{6}$/);
    await page.getByRole('button', { name: 'Submit' }).click();
    // Uncorrected (device time): refused; the portal shows the same setup again.
    await page.getByText('Incorrect code. Please try again.').first().waitFor({ timeout: 10_000 });

    const popup = await h.openPopup(page);
    const notice = popup.getByRole('region', { name: 'Clock check' });
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/Your clock seems 10 min slow, going by the server of 127\.0\.0\.1\./);
    await notice.getByRole('button', { name: 'Correct codes' }).click();
    await expect.poll(() => popup.locator('.clock').first().textContent()).toMatch(/^Your clock is (599|600|601) s slow: codes are corrected\.$/);
    // Both portals are on the site 127.0.0.1: fill the account of this one.
    await popup.getByRole('listitem').filter({ hasText: email }).getByRole('button', { name: /^Fill/ }).click();
    await popup.waitForEvent('close', { timeout: 35_000 }).catch(() => undefined);
    expect(await filledValue(page, 'input[name=verifykey]')).toMatch(/^\d{6}$/);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('Two-Factor Authentication is now enabled').first().waitFor({ timeout: 10_000 });
  });
});
