/**
 * Copies a code; the background clears the clipboard after the configured delay, whether or
 * not the popup is still open then (it closes as soon as the person clicks into the page).
 *
 * Clearing without a click needs the optional "clipboardWrite" permission (Chromium and Firefox
 * refuse a copy command outside a gesture without it, even in an offscreen document), and it
 * carries a warning ("Modify data you copy and paste"), so it is never asked for at install.
 * Asking inside the Copy click was tried: Chromium's prompt takes the focus and closes the popup
 * mid-copy, so Settings asks for it ("Also clear it after the popup closes",
 * clipboard-permission.tsx). Without it, the popup clears while it stays open.
 */
import browser from 'webextension-polyfill';
import { call } from '../ui/api';

const CLIPBOARD_WRITE = { permissions: ['clipboardWrite'] as browser.Manifest.OptionalPermission[] };

export async function copyWithTimedClear(code: string, clearAfterSeconds: number): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(code);
  } catch {
    return false;
  }
  if (clearAfterSeconds > 0) {
    const granted = await browser.permissions.contains(CLIPBOARD_WRITE).catch(() => false);
    const scheduled = granted && (await call('clipboard/clear-later', {}).then((r) => r.scheduled, () => false));
    if (!scheduled) {
      // The background cannot: clear at least while the popup stays open.
      window.setTimeout(() => void navigator.clipboard.writeText('').catch(() => undefined), clearAfterSeconds * 1000);
    }
  }
  return true;
}
