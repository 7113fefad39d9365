/**
 * Clearing a copied code from the clipboard after the person's delay, from the background: the
 * popup closes as soon as they click into the page to paste, and its timers die with it.
 * Chromium: the offscreen document (reason CLIPBOARD). Firefox: this background page itself.
 */
import type { PartialHandlers } from './types';
import * as vault from '../vault-session';
import { settingsOf } from './state';
import { askOffscreen, needsOffscreen } from '../chromium-offscreen';
import { OFFSCREEN_TARGET } from '../../offscreen/messages';
import { clearClipboardHere, scheduleClipboardClear } from '../clipboard-clear';
import browser from '../browser-api';

export const clipboardHandlers: PartialHandlers<'clipboard/clear-later'> = {
  'clipboard/clear-later': async () => {
    // Copying needs an unlocked vault, so its settings are there; the delay is the person's.
    const seconds = settingsOf((await vault.read()).settings).clipboardClearSeconds;
    if (!(seconds > 0)) return { scheduled: false };
    // A copy command outside a click needs the optional clipboardWrite (asked for at the first Copy).
    if (!(await browser.permissions.contains({ permissions: ['clipboardWrite'] }))) return { scheduled: false };
    const afterMs = seconds * 1000;
    if (needsOffscreen()) {
      await askOffscreen({ target: OFFSCREEN_TARGET, type: 'clipboard-clear', afterMs });
    } else {
      scheduleClipboardClear(afterMs, () => clearClipboardHere(document));
    }
    return { scheduled: true };
  },
};
