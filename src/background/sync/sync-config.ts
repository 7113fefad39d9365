/**
 * Sync's settings, kept inside the encrypted vault (settings.sync): the server password and the
 * sync key are secrets, so they never go to storage.local in plaintext, and `settingsOf` keeps
 * them out of what the popup receives.
 */
import { checkRecords, type SyncHeader, type SyncRecord } from '../../core/sync';
import { checkKdfParams } from '../../core/vault';
import type { VaultData } from '../../core/vault';

export interface SyncConfig {
  url: string;
  user: string;
  password: string;
  /** The raw sync key, base64 (it lives only in the encrypted vault). */
  key: string;
  /** The pointer's key part as this device knows it: a different one on the server is refused. */
  header: SyncHeader;
  /** What the server held after the last round: the base of the next three-way merge. */
  base: SyncRecord[];
  /** Set after a passphrase change here: the next round uploads `header` (the re-wrapped key). */
  pushHeader?: boolean;
}

const isStr = (v: unknown): v is string => typeof v === 'string';

/** The stored config, or null when sync is off (or the entry is damaged: then sync is off too). */
export function syncConfigOf(data: VaultData): SyncConfig | null {
  const raw = data.settings?.sync as Record<string, unknown> | undefined;
  if (!raw || typeof raw !== 'object') return null;
  const header = raw.header as Record<string, unknown> | undefined;
  const wrapped = header?.wrappedKey as Record<string, unknown> | undefined;
  if (!isStr(raw.url) || !isStr(raw.user) || !isStr(raw.password) || !isStr(raw.key) || !wrapped || !isStr(wrapped.iv) || !isStr(wrapped.ct)) return null;
  const kdf = checkKdfParams(header?.kdf);
  const base = checkRecords(raw.base);
  if ('problem' in kdf || !base) return null;
  const config: SyncConfig = { url: raw.url, user: raw.user, password: raw.password, key: raw.key, header: { kdf: kdf.params, wrappedKey: { iv: wrapped.iv, ct: wrapped.ct } }, base };
  if (raw.pushHeader === true) config.pushHeader = true;
  return config;
}

export function withSyncConfig(data: VaultData, config: SyncConfig | null): VaultData {
  const settings = { ...data.settings };
  if (config) settings.sync = config;
  else delete settings.sync;
  return { ...data, settings };
}
