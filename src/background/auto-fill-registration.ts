/**
 * "Fill automatically": an opt-in per account and per origin. Opting in asks the browser for
 * that origin's host permission (from the popup, in the user's click) and registers a small
 * content script matching exactly the opted-in origins of the site (scheme + host, never
 * `*.site`); opting out, or deleting the account, removes both.
 *
 * The content script decides nothing and holds nothing: it says "a page of mine has a code
 * field". The background checks the sender (its tab, frame and origin, from the browser): the
 * frame's origin must equal the top page's and be one an opted-in account was opted in on,
 * and the vault must be unlocked; then it fills that frame only, like any other fill.
 */
import browser, { type Runtime } from './browser-api';
import autoFillScript from '../content/auto-fill.iife.ts?script';
import * as vault from './vault-session';
import { siteOf } from '../core/site';
import { homeOrigins, patternOf } from '../core/site/auto-fill-origins';
import { mayAutoFill } from '../core/site/auto-fill-check';
import type { Account } from '../core/otp/account';
import { fillAccount } from './flows/fill-flow';

const ID_PREFIX = 'tessera-autofill:';
export const AUTO_FILL_READY = 'tessera/auto-fill-ready';

/** The opted-in origins of every account of `site` (the union one script per site matches). */
function wantedOrigins(accounts: readonly Account[], site: string): string[] {
  const origins = accounts.filter((a) => a.site === site && a.autoFill && a.type === 'totp').flatMap((a) => a.autoFillOrigins ?? homeOrigins(site));
  return [...new Set(origins)].sort();
}

/**
 * Makes the site's script match exactly the origins still wanted, and gives back the host
 * permission of every origin in `released` that no account wants any more.
 */
export async function syncAutoFill(site: string, released: readonly string[] = []): Promise<void> {
  const accounts = (await vault.isUnlocked()) ? await vault.accounts() : [];
  const origins = wantedOrigins(accounts, site);
  const id = ID_PREFIX + site;
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [id] });
  if (origins.length) {
    await browser.scripting.registerContentScripts([
      { id, matches: origins.map(patternOf), js: [autoFillScript], runAt: 'document_idle', allFrames: true, persistAcrossSessions: true },
    ]);
  }
  const drop = released.filter((o) => !origins.includes(o));
  if (drop.length) await browser.permissions.remove({ origins: drop.map(patternOf) }).catch(() => false);
}

/** Answers the auto-fill script's single message, after checking everything about its sender. */
export function listenForAutoFill(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== AUTO_FILL_READY) return undefined;
    if (sender.id !== browser.runtime.id || sender.tab?.id === undefined || sender.frameId === undefined || !sender.tab.url) return undefined;
    // Chromium sets sender.origin; Firefox gives sender.url. Both come from the browser, not the page.
    let origin = (sender as { origin?: string }).origin;
    if (!origin && sender.url) {
      try {
        origin = new URL(sender.url).origin;
      } catch {
        return undefined;
      }
    }
    if (!origin) return undefined;
    void autoFill(sender.tab.id, sender.frameId, origin, sender.tab.url);
    return undefined; // no reply: the content script learns nothing
  });
}

async function autoFill(tabId: number, frameId: number, origin: string, topUrl: string): Promise<void> {
  if (!(await vault.isUnlocked())) return; // never prompts: auto-fill is a convenience, not a gesture
  const site = siteOf(origin);
  if (!site) return;
  // Never HOTP: every fill uses up a counter value, and pages can be loaded at will. Only a frame
  // that is the top page itself, on an origin this very account was opted in on.
  const accounts = (await vault.accounts()).filter(
    // Records from before per-origin opt-ins cover the site's own host only.
    (a) => a.site === site && a.autoFill && a.type === 'totp' && mayAutoFill(origin, topUrl, a.autoFillOrigins ?? homeOrigins(site)),
  );
  if (accounts.length !== 1) return; // none, or ambiguous: the user picks in the popup
  await fillAccount(tabId, accounts[0]!, site, frameId).catch(() => undefined);
}
