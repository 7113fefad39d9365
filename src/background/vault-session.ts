/**
 * The unlocked vault, held by the background only.
 *
 * While unlocked, the vault key's raw bytes sit in `storage.session` (memory only, trusted
 * contexts only, cleared when the browser restarts) so that the service worker, which the
 * browser stops after ~30 s idle, can pick the session up again without a new prompt.
 * `storage.local` only ever receives the sealed record through the atomic VaultStore.
 */
import browser from './browser-api';
import { UserError } from './user-error';
import type { Account } from '../core/otp/account';
import {
  VaultStore,
  createVault,
  unlockVault,
  sealData,
  openData,
  changePassphrase,
  exportVaultKey,
  importVaultKey,
  type VaultData,
  type VaultRecord,
} from '../core/vault';

const SESSION_KEY = 'session.vaultKey';
export const AUTOLOCK_ALARM = 'tessera-autolock';
export const DEFAULT_AUTOLOCK_MINUTES = 15;

const store = new VaultStore(browser.storage.local);

interface Unlocked {
  key: CryptoKey;
  record: VaultRecord;
  data: VaultData;
}
let unlocked: Unlocked | null = null;
/** One restore at a time: concurrent requests after a worker restart share it. */
let restoring: Promise<void> | null = null;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export async function hasVault(): Promise<boolean> {
  return (await store.load()) !== null;
}

/** Re-opens the session after a service-worker restart, if the browser session still holds the key. */
async function restore(): Promise<void> {
  if (unlocked) return;
  const stored = await browser.storage.session.get(SESSION_KEY);
  const raw = stored[SESSION_KEY];
  if (typeof raw !== 'string') return;
  const loaded = await store.load();
  if (!loaded) return;
  const key = await importVaultKey(fromBase64(raw));
  unlocked = { key, record: loaded.record, data: await openData(loaded.record, key) };
}

export async function isUnlocked(): Promise<boolean> {
  if (!unlocked) {
    restoring ??= restore().finally(() => (restoring = null));
    await restoring;
  }
  return unlocked !== null;
}

async function startSession(key: CryptoKey, record: VaultRecord, data: VaultData): Promise<void> {
  unlocked = { key, record, data };
  await browser.storage.session.set({ [SESSION_KEY]: toBase64(await exportVaultKey(key)) });
  await touch();
}

/** Pushes the auto-lock alarm forward: the vault locks after this many idle minutes. */
export async function touch(): Promise<void> {
  if (!unlocked) return;
  const minutes = Number(unlocked.data.settings?.autoLockMinutes ?? DEFAULT_AUTOLOCK_MINUTES);
  // Alarms fire no sooner than 30 s for packed extensions; a value of 0 means "never".
  if (minutes > 0) await browser.alarms.create(AUTOLOCK_ALARM, { delayInMinutes: Math.max(0.5, minutes) });
  else await browser.alarms.clear(AUTOLOCK_ALARM);
}

export async function create(passphrase: string): Promise<void> {
  if (await hasVault()) throw new UserError('vault-exists', 'A vault already exists. Unlock it instead.');
  const data: VaultData = { accounts: [], settings: {}, meta: { lastBackupAt: null, accountsChangedAt: 0 } };
  const { record, vaultKey } = await createVault(passphrase, data);
  await store.save(record);
  await startSession(vaultKey, record, data);
}

export async function unlock(passphrase: string): Promise<void> {
  const loaded = await store.load();
  if (!loaded) throw new UserError('no-vault', 'There is no vault yet. Create one first.');
  const result = await unlockVault(loaded.record, passphrase);
  let record = loaded.record;
  if (result.upgradedRecord) {
    // Stronger KDF parameters than the vault was made with: re-wrap the key now.
    await store.save(result.upgradedRecord);
    record = result.upgradedRecord;
  }
  await startSession(result.vaultKey, record, result.data);
}

export async function lock(): Promise<void> {
  unlocked = null;
  await browser.storage.session.remove(SESSION_KEY);
  await browser.alarms.clear(AUTOLOCK_ALARM);
}

function requireUnlocked(): Unlocked {
  if (!unlocked) throw new UserError('locked', 'The vault is locked. Unlock it first.');
  return unlocked;
}

/** A read-only view of the unlocked data. Callers must not mutate it: use `update`. */
export async function read(): Promise<VaultData> {
  await isUnlocked();
  return requireUnlocked().data;
}

/**
 * Applies a change and persists it atomically. The in-memory copy changes only after the
 * sealed record is safely stored, so a failed write leaves both memory and disk as before.
 */
export async function update(change: (draft: VaultData) => VaultData): Promise<VaultData> {
  await isUnlocked();
  const session = requireUnlocked();
  const next = change(structuredClone(session.data));
  const record = await sealData(session.record, session.key, next);
  try {
    await store.save(record);
  } catch {
    throw new UserError('write-failed', 'Tessera could not save the change (browser storage refused it). Nothing was lost; try again.');
  }
  session.record = record;
  session.data = next;
  return next;
}

export async function accounts(): Promise<Account[]> {
  return (await read()).accounts;
}

export async function rewrapPassphrase(current: string, next: string): Promise<void> {
  await isUnlocked();
  const session = requireUnlocked();
  await unlockVault(session.record, current); // proves the current passphrase
  const record = await changePassphrase(session.record, session.key, next);
  await store.save(record);
  session.record = record;
}
