/**
 * "Fill automatically on this site": an opt-in per account. Opting in asks the browser for
 * that site's host permission (from the popup, in the user's click) and registers a small
 * content script for that site only; opting out, or deleting the account, removes both.
 *
 * The content script decides nothing and holds nothing: it says "a page of mine has a code
 * field". The background checks the sender (its tab, frame and origin, from the browser),
 * that an opted-in account is bound to exactly that frame's site, and that the vault is
 * unlocked; then it fills that frame only, like any other fill.
 */
import browser, { type Runtime } from './browser-api';
import autoFillScript from '../content/auto-fill.iife.ts?script';
import * as vault from './vault-session';
import { originsFor, siteOf } from '../core/site';
import { fillAccount } from './flows/fill-flow';

const ID_PREFIX = 'tessera-autofill:';
export const AUTO_FILL_READY = 'tessera/auto-fill-ready';


export async function registerAutoFill(site: string): Promise<void> {
  const id = ID_PREFIX + site;
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length) return;
  await browser.scripting.registerContentScripts([
    { id, matches: originsFor(site), js: [autoFillScript], runAt: 'document_idle', allFrames: true, persistAcrossSessions: true },
  ]);
}

/** Removes the site's script and permission unless another opted-in account still needs them. */
export async function unregisterAutoFill(site: string): Promise<void> {
  const stillWanted = (await vault.isUnlocked()) && (await vault.accounts()).some((a) => a.site === site && a.autoFill);
  if (stillWanted) return;
  const id = ID_PREFIX + site;
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [id] });
  await browser.permissions.remove({ origins: originsFor(site) }).catch(() => false);
}

/** Answers the auto-fill script's single message, after checking everything about its sender. */
export function listenForAutoFill(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== AUTO_FILL_READY) return undefined;
    if (sender.id !== browser.runtime.id || sender.tab?.id === undefined || sender.frameId === undefined) return undefined;
    const origin = (sender as { origin?: string }).origin ?? (sender.url ? new URL(sender.url).origin : '');
    const site = siteOf(origin);
    // The page itself must be the opted-in site: a site framed by another page gets nothing,
    // so no page can set up an automatic fill (and a submit) of another site's code.
    if (!site || !sender.tab.url || siteOf(sender.tab.url) !== site) return undefined;
    void autoFill(sender.tab.id, sender.frameId, site);
    return undefined; // no reply: the content script learns nothing
  });
}

async function autoFill(tabId: number, frameId: number, site: string): Promise<void> {
  if (!(await vault.isUnlocked())) return; // never prompts: auto-fill is a convenience, not a gesture
  // Never HOTP: every fill uses up a counter value, and pages can be loaded at will.
  const accounts = (await vault.accounts()).filter((a) => a.site === site && a.autoFill && a.type === 'totp');
  if (accounts.length !== 1) return; // none, or ambiguous: the user picks in the popup
  await fillAccount(tabId, accounts[0]!, site, frameId).catch(() => undefined);
}
