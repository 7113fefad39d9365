/** Portal steps shared by the enrollment and login e2e tests (a person's clicks, not HTTP shortcuts). */
import type { Page } from 'playwright-core';
import type { Harness } from './harness';

export const PASSPHRASE = 'e2e vault passphrase';
export const PORTAL_PASSWORD = 'portal password 1';
let counter = 0;

export async function createVault(h: Harness, page: Page): Promise<void> {
  const popup = await h.openPopup(page);
  await popup.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await popup.getByLabel('Confirm passphrase').fill(PASSPHRASE);
  await popup.getByRole('button', { name: 'Create vault' }).click();
  await popup.getByRole('button', { name: 'Scan QR code' }).waitFor({ timeout: 20_000 });
  await popup.close();
}

/** Signs up a fresh user on the portal at `base`; returns the email. */
export async function signUp(page: Page, base: string): Promise<string> {
  const email = `user${Date.now()}-${++counter}@example.com`;
  await page.goto(`${base}/logout`);
  await page.goto(`${base}/register`);
  await page.getByLabel('First Name').fill('Test');
  await page.getByLabel('Email Address').fill(email);
  await page.getByLabel('Password').fill(PORTAL_PASSWORD);
  await page.getByRole('button', { name: 'Register' }).click();
  await page.waitForURL(/clientarea/);
  return email;
}

export async function logIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/logout`);
  await page.goto(`${base}/login`);
  await page.getByLabel('Email Address').fill(email);
  await page.getByLabel('Password').fill(PORTAL_PASSWORD);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(/two-factor/);
}

/** Waits until `selector`'s value is a whole code (fills are asynchronous: the background may wait for a fresh step). */
export async function filledValue(page: Page, selector: string, timeoutMs = 35_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.locator(selector).first().inputValue();
    if (/^\d{6}$/.test(value) || Date.now() > deadline) return value;
    await page.waitForTimeout(100);
  }
}

/** Scans the page with the popup and confirms every account found; returns the popup's texts seen. */
export async function scanAndAdd(h: Harness, page: Page): Promise<string> {
  const popup = await h.openPopup(page);
  await popup.getByRole('button', { name: 'Scan QR code' }).click();
  const add = popup.getByRole('button', { name: /^Add( all|$| \d+ accounts)/ });
  await add.first().waitFor({ timeout: 20_000 });
  const text = (await popup.textContent('body')) ?? '';
  await add.first().click();
  // The popup closes itself once the code is filled; otherwise it returns to the list.
  await Promise.race([popup.waitForEvent('close'), popup.getByRole('searchbox').waitFor()]).catch(() => undefined);
  if (!popup.isClosed()) await popup.close();
  return text;
}
