/**
 * The keyboard shortcut and the context menu: trusted UI gestures that grant activeTab.
 * Each fills or scans the tab it came from; when a choice or a confirmation is needed (or the
 * vault is locked) it opens the popup, the only place Tessera asks the user anything.
 */
import browser, { type Tabs } from '../browser-api';
import { fillTab, tabNavigated } from '../flows/fill-flow';
import { deferFill, pendingTabNavigated } from './pending-fill';
import { badge, message, reportFill } from './toolbar-report';
import * as vault from '../vault-session';
import { SCAN_REQUEST_KEY } from './scan-request';

export const MENU_FILL = 'tessera-fill';
export const MENU_SCAN = 'tessera-scan';

export function installMenus(): void {
  void browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({ id: MENU_FILL, title: browser.i18n.getMessage('menuFill'), contexts: ['editable'] });
    browser.contextMenus.create({ id: MENU_SCAN, title: browser.i18n.getMessage('menuScan'), contexts: ['page', 'image', 'frame'] });
  });
}

async function openPopup(tabId: number, fallback: string): Promise<void> {
  try {
    await (browser.action as unknown as { openPopup(): Promise<void> }).openPopup();
  } catch {
    await badge(tabId, '…', fallback);
  }
}

/** `frameId`: set by the context menu, whose entry fills the very field right-clicked in that frame. */
export async function fillGesture(tab: Tabs.Tab | undefined, frameId?: number): Promise<string> {
  if (tab?.id === undefined) return 'no-tab';
  const tabId = tab.id;
  if (!(await vault.isUnlocked())) {
    await deferFill(tabId, frameId);
    await openPopup(tabId, message('badgeUnlockToFill'));
    return 'locked';
  }
  const result = await fillTab(tabId, undefined, false, false, frameId === undefined ? undefined : { frameId });
  if (result.kind === 'choose' || result.kind === 'confirm-site') await openPopup(tabId, message('badgeChooseAccount'));
  else await reportFill(tabId, result);
  return result.kind;
}

export async function scanGesture(tab: Tabs.Tab | undefined): Promise<void> {
  if (tab?.id === undefined) return;
  // Scanning needs a confirmation: the popup opens on its scan view.
  await browser.storage.session.set({ [SCAN_REQUEST_KEY]: tab.id });
  await openPopup(tab.id, message('badgeOpenToScan'));
}

/** The context menu's click handler (also what the e2e tests call). */
export async function onMenuClick(info: { menuItemId: string | number; frameId?: number }, tab: Tabs.Tab | undefined): Promise<string> {
  if (info.menuItemId === MENU_FILL) return fillGesture(tab, info.frameId ?? 0);
  if (info.menuItemId === MENU_SCAN) await scanGesture(tab);
  return 'scan';
}

export function listenForGestures(): void {
  browser.commands.onCommand.addListener((command: string, tab?: Tabs.Tab) => {
    if (command === 'fill-code') void fillGesture(tab);
    if (command === 'scan-qr') void scanGesture(tab);
  });
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(info, tab));
  // A right-clicked field kept for later is gone once its tab loads another address or closes
  // (a frame that navigated is caught at the fill: its agent holds a new document token).
  const forget = (tabId: number) => {
    tabNavigated(tabId);
    pendingTabNavigated(tabId);
  };
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url !== undefined) forget(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => forget(tabId));
}
