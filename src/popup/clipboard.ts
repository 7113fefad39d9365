/**
 * Copies a code; the background clears the clipboard after the configured delay, whether or
 * not the popup is still open then (it closes as soon as the person clicks into the page).
 *
 * Clearing without a click needs the optional "clipboardWrite" permission (Chromium and Firefox
 * refuse a copy command outside a gesture without it, even in an offscreen document), and it
 * carries a warning ("Modify data you copy and paste"), so it is asked for at the first Copy,
 * inside that click, never at install. Without it, the popup clears while it stays open.
 */
import browser from 'webextension-polyfill';
import { call } from '../ui/api';

const CLIPBOARD_WRITE = { permissions: ['clipboardWrite'] as browser.Manifest.OptionalPermission[] };
/** Not a secret: only whether the person was already asked once (a "no" is not asked again). */
const ASKED_KEY = 'tessera.clipboardPermissionAsked';

async function mayClearLater(): Promise<boolean> {
  if (await browser.permissions.contains(CLIPBOARD_WRITE)) return true;
  if (localStorage.getItem(ASKED_KEY)) return false;
  localStorage.setItem(ASKED_KEY, '1');
  return browser.permissions.request(CLIPBOARD_WRITE).catch(() => false);
}

export async function copyWithTimedClear(code: string, clearAfterSeconds: number): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(code);
  } catch {
    return false;
  }
  if (clearAfterSeconds > 0) {
    const scheduled = (await mayClearLater()) && (await call('clipboard/clear-later', {}).then((r) => r.scheduled, () => false));
    // Only if the background cannot: then at least while the popup stays open.
    if (!scheduled) window.setTimeout(() => void navigator.clipboard.writeText('').catch(() => undefined), clearAfterSeconds * 1000);
  }
  return true;
}
