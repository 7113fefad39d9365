/**
 * What a gesture (shortcut, context menu) did, told on the toolbar icon: the background has no
 * UI of its own, and the page gets none. Shared by the gestures and the fill that waited for an unlock.
 */
import browser from '../browser-api';
import type { FillResult } from '../../shared/messages';

/** A locale string for the toolbar's title. */
export function message(key: string, fallback = ''): string {
  return browser.i18n.getMessage(key) || fallback || key;
}

/** A short report on the toolbar icon for the tab, cleared after a few seconds. */
export async function badge(tabId: number, text: string, title: string): Promise<void> {
  await browser.action.setBadgeText({ tabId, text });
  await browser.action.setTitle({ tabId, title: browser.i18n.getMessage('badgeTitle', [title]) || `Tessera: ${title}` });
  setTimeout(() => void browser.action.setBadgeText({ tabId, text: '' }).catch(() => undefined), 8000);
}

/** A finished fill: ✓, or ! with the reason in words (a choice or confirmation is the popup's). */
export async function reportFill(tabId: number, result: FillResult): Promise<void> {
  if (result.kind === 'filled') await badge(tabId, '✓', message('badgeFilled'));
  else if (result.kind !== 'choose' && result.kind !== 'confirm-site') {
    await badge(tabId, '!', 'reason' in result ? message(`err_${result.reason.replace(/-/g, '_')}`, result.message) : message('err_internal'));
  }
}
