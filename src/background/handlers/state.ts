/** Vault lifecycle and the popup's view of it. */
import browser from '../browser-api';
import * as vault from '../vault-session';
import { SCAN_REQUEST_KEY } from '../gestures/scan-request';
import { toView } from '../../core/otp/account';
import { codesFor } from './accounts';
import type { PopupState, Settings } from '../../shared/messages';
import type { PartialHandlers } from './types';
import { tabSite } from '../tab-site';
import { runPendingFill } from '../gestures/pending-fill';
import { UserError } from '../user-error';
import { correctedNow } from '../clock';

export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: vault.DEFAULT_AUTOLOCK_MINUTES, clipboardClearSeconds: 30 };
const MIN_PASSPHRASE = 8;

export function settingsOf(raw: Record<string, unknown> | undefined): Settings {
  // `sync` holds the sync server's password and key: it never leaves the background.
  const { sync: _secret, ...rest } = raw ?? {};
  return { ...DEFAULT_SETTINGS, ...(rest as Partial<Settings>) };
}

/** Whether a scan gesture (shortcut, context menu) is waiting for the popup on this tab; consumed once unlocked. */
async function scanRequested(tabId: number | undefined, consume: boolean): Promise<boolean> {
  if (tabId === undefined) return false;
  const { [SCAN_REQUEST_KEY]: wanted } = await browser.storage.session.get(SCAN_REQUEST_KEY);
  if (wanted !== tabId) return false;
  if (consume) await browser.storage.session.remove(SCAN_REQUEST_KEY);
  return true;
}

/** The popup's order: accounts bound to the tab's site first, then the rest, each in vault order. */
export function displayOrder<T extends { site: string | null }>(accounts: readonly T[], site: string | null): T[] {
  if (!site) return [...accounts];
  return [...accounts.filter((a) => a.site === site), ...accounts.filter((a) => a.site !== site)];
}

export async function popupState(tabId?: number, firstCodes = 0): Promise<PopupState> {
  const tab = tabId === undefined ? null : await tabSite(tabId);
  const tabInfo = tab ? { id: tab.id, site: tab.site, fillable: tab.fillable } : null;
  if (!(await vault.isUnlocked())) {
    const status = (await vault.hasVault()) ? 'locked' : 'no-vault';
    const openScan = await scanRequested(tabId, false);
    const passkeyUnlock = status === 'locked' && (await vault.passkeys()).length > 0;
    return { status, accounts: [], tab: tabInfo, settings: DEFAULT_SETTINGS, unsavedSinceBackup: 0, openScan, codes: [], notice: null, passkeyUnlock };
  }
  const data = await vault.read();
  const since = data.meta.lastBackupAt ?? 0;
  return {
    status: 'unlocked',
    accounts: data.accounts.map(toView),
    tab: tabInfo,
    settings: settingsOf(data.settings),
    unsavedSinceBackup: data.accounts.filter((a) => a.createdAt > since).length,
    openScan: await scanRequested(tabId, true),
    codes: firstCodes > 0 ? codesFor(displayOrder(data.accounts, tab?.site ?? null).slice(0, firstCodes), await correctedNow()) : [],
    notice: vault.takeNotice(),
  };
}

function checkNewPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE) {
    throw new UserError('passphrase-too-short', `The passphrase must be at least ${MIN_PASSPHRASE} characters long.`, [String(MIN_PASSPHRASE)]);
  }
}

export const stateHandlers: PartialHandlers<
  'state/get' | 'vault/create' | 'vault/unlock' | 'vault/lock' | 'vault/change-passphrase' | 'vault/rotate-key' | 'settings/set'
> = {
  'state/get': ({ tabId, firstCodes }) => popupState(tabId, Math.min(firstCodes ?? 0, 50)),
  'vault/create': async ({ passphrase }) => {
    checkNewPassphrase(passphrase);
    await vault.create(passphrase);
    return popupState();
  },
  'vault/unlock': async ({ passphrase }) => {
    await vault.unlock(passphrase);
    await runPendingFill();
    return popupState();
  },
  'vault/lock': async () => {
    await vault.lock();
    return popupState();
  },
  'vault/change-passphrase': async ({ current, next }) => {
    checkNewPassphrase(next);
    await vault.rewrapPassphrase(current, next);
    return { ok: true };
  },
  'vault/rotate-key': async ({ passphrase }) => {
    await vault.rotateKey(passphrase);
    return { ok: true };
  },
  'settings/set': async (changes) => {
    const { autoLockMinutes: lockAfter, clipboardClearSeconds: clearAfter } = changes;
    if (lockAfter !== undefined && !(Number.isInteger(lockAfter) && lockAfter >= 1 && lockAfter <= 1440)) {
      throw new UserError('bad-autolock', 'Choose an auto-lock time between 1 and 1440 minutes.');
    }
    if (clearAfter !== undefined && !(Number.isInteger(clearAfter) && clearAfter >= 0 && clearAfter <= 600)) {
      throw new UserError('bad-clipboard-delay', 'Choose a clipboard delay between 0 and 600 seconds.');
    }
    const data = await vault.update((d) => ({ ...d, settings: { ...d.settings, ...changes } }));
    await vault.touch();
    return settingsOf(data.settings);
  },
};
