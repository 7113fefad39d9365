/**
 * The unlocked vault, held by the background only.
 *
 * While unlocked, the vault key's raw bytes sit in `storage.session` (memory only, trusted
 * contexts only, cleared when the browser restarts) so that the service worker, which the
 * browser stops after ~30 s idle, can pick the session up again without a new prompt.
 * `storage.local` only ever receives the sealed record through the atomic VaultStore.
 *
 * Every operation that reads the session and writes the vault runs under one lock, so two
 * changes never race (one would be lost) and a passphrase change is never undone by a write
 * that started before it.
 */
import browser from './browser-api';
import { UserError } from './user-error';
import type { Account } from '../core/otp/account';
import type { Proof } from '../shared/messages';
import { clearCodeCache } from '../core/otp';
import { createSerialLock } from '../core/vault/serial-lock';
import {
  VaultStore,
  createVault,
  unlockVault,
  sealData,
  openData,
  changePassphrase,
  rotateVaultKey,
  exportVaultKey,
  importVaultKey,
  toBase64,
  fromBase64,
  VaultError,
  VAULT_VERSION,
  addPrfSlot,
  removePrfSlot,
  unlockWithPrf,
  prfSlots,
  type InterruptedWrite,
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
/** Bumped by every lock: a restore that started before a lock must not reopen the session. */
let generation = 0;
/** Set when the last unlock had to fall back to the previous copy; shown once, then cleared. */
let recoveredNotice = false;
/** Set when a write was cut short by a crash (a stopped worker, a killed browser): did it land? */
let interruptedNotice: InterruptedWrite | null = null;

/** Reads (and clears) the note of a write a crash interrupted; must run before the next write. */
async function noteInterruptedWrite(): Promise<void> {
  interruptedNotice = (await store.takeInterruptedWrite()) ?? interruptedNotice;
}
/** Callbacks that drop secrets other modules keep while unlocked (scan results, import previews). */
const onLock: (() => void)[] = [];
/** Callbacks run after a passphrase unlock (sync catches up then). */
const onUnlock: (() => void)[] = [];
/** Callbacks run after a passphrase change, once the new record is stored (sync re-wraps its key). */
const onPassphraseChange: ((next: string) => void)[] = [];

/** Registers a callback run after each passphrase change, with the new passphrase (background only). */
export function afterPassphraseChange(run: (next: string) => void): void {
  onPassphraseChange.push(run);
}

/** Runs operations that read and write the session one after another (no lost updates). */
const exclusive = createSerialLock();

/** True when any vault is stored, readable or not: a stored vault is never replaced by a new one. */
export async function hasVault(): Promise<boolean> {
  return store.exists();
}

/** The stored vault, or the real reason it cannot be read (never "no vault" for a damaged one). */
async function loadStored() {
  const loaded = await store.load();
  if (loaded) return loaded;
  const reason = await store.unreadableReason();
  if (reason) throw reason;
  throw new UserError('no-vault', 'There is no vault yet. Create one first.');
}

/** Re-opens the session after a service-worker restart, if the browser session still holds the key. */
async function restore(): Promise<void> {
  const started = generation;
  // One round of storage reads, side by side: this runs on every popup open after the worker
  // was stopped, so its latency is the cold start's (bench: within 1.3x of a warm open).
  const [stored, loaded] = await Promise.all([browser.storage.session.get(SESSION_KEY), store.load(), noteInterruptedWrite()]);
  const raw = stored[SESSION_KEY];
  const bytes = typeof raw === 'string' ? fromBase64(raw) : null;
  if (!bytes) return;
  // A version 1 record is never current while unlocked (the unlock upgrades it): stay locked.
  if (!loaded || loaded.record.version !== VAULT_VERSION) return;
  const key = await importVaultKey(bytes);
  const data = await openData(loaded.record, key);
  if (generation !== started || unlocked) return; // locked (or unlocked anew) meanwhile
  unlocked = { key, record: loaded.record as VaultRecord, data };
}

let restoring: Promise<void> | null = null;
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
  // Alarms fire no sooner than 30 s for packed extensions.
  await browser.alarms.create(AUTOLOCK_ALARM, { delayInMinutes: Math.max(0.5, minutes) });
}

export function create(passphrase: string): Promise<void> {
  return exclusive(async () => {
    if (await store.exists()) throw new UserError('vault-exists', 'A vault already exists. Unlock it instead.');
    const data: VaultData = { accounts: [], settings: {}, meta: { lastBackupAt: null, accountsChangedAt: 0 } };
    const { record, vaultKey } = await createVault(passphrase, data);
    await store.save(record);
    await startSession(vaultKey, record, data);
  });
}

export function unlock(passphrase: string): Promise<void> {
  return exclusive(async () => {
    await noteInterruptedWrite();
    // A passphrase change or key rotation cut short by a crash: finish scrubbing the old copy.
    await store.finishPendingReplace();
    const loaded = await loadStored();
    const result = await unlockVault(loaded.record, passphrase);
    let record = loaded.record;
    if (result.upgradedRecord) {
      // A version 1 vault moves to version 2, or stronger KDF parameters: save it now. The
      // previous copy stays in the other slot until the next write, as after any change.
      await store.save(result.upgradedRecord);
      record = result.upgradedRecord;
    }
    if (record.version !== VAULT_VERSION) throw new VaultError('corrupt', 'The vault could not be upgraded.');
    recoveredNotice = loaded.recoveredFromPrevious;
    await startSession(result.vaultKey, record, result.data);
    for (const run of onUnlock) run();
  });
}

/** Registers a callback run after each unlock (passphrase or passkey). */
export function afterUnlock(run: () => void): void {
  onUnlock.push(run);
}

/** Throws UserError('wrong-passphrase') unless `passphrase` opens the stored vault (one KDF). */
export async function verifyPassphrase(passphrase: string): Promise<void> {
  await isUnlocked();
  await checkPassphrase(requireUnlocked().record, passphrase);
}

export async function lock(): Promise<void> {
  generation += 1;
  unlocked = null;
  clearCodeCache();
  for (const drop of onLock) drop();
  await browser.storage.session.remove(SESSION_KEY);
  await browser.alarms.clear(AUTOLOCK_ALARM);
}

/** Registers a callback that forgets secrets kept outside the vault session when it locks. */
export function forgetOnLock(drop: () => void): void {
  onLock.push(drop);
}

/** Whether the last unlock fell back to the previous copy of the vault (reported once). */
export function takeRecoveredNotice(): boolean {
  const notice = recoveredNotice;
  recoveredNotice = false;
  return notice;
}

/**
 * What the person must hear once after an unlock: the previous copy had to be used, or a change
 * was cut short by a crash and either was saved whole ('change-saved') or not at all ('change-lost').
 */
export function takeNotice(): 'recovered' | 'change-saved' | 'change-lost' | null {
  if (takeRecoveredNotice()) return 'recovered';
  const interrupted = interruptedNotice;
  interruptedNotice = null;
  return interrupted === 'saved' ? 'change-saved' : interrupted === 'not-saved' ? 'change-lost' : null;
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
export function update(change: (draft: VaultData) => VaultData): Promise<VaultData> {
  return exclusive(async () => {
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
  });
}

export async function accounts(): Promise<Account[]> {
  return (await read()).accounts;
}

export function rewrapPassphrase(current: string, next: string): Promise<void> {
  return exclusive(async () => {
    await isUnlocked();
    const session = requireUnlocked();
    await unlockVault(session.record, current); // proves the current passphrase
    const record = await changePassphrase(session.record, session.key, next);
    // Both slots: the previous copy would still open with the old passphrase.
    await store.replaceEverywhere(record);
    session.record = record;
    // After this lock is released: the callbacks may write the vault themselves.
    for (const run of onPassphraseChange) queueMicrotask(() => run(next));
  });
}

/**
 * "Rotate vault key": a new vault key, the data re-encrypted, written to both slots so nothing
 * stored still opens with the old key (for a key that may have leaked from a past session).
 */
export function rotateKey(passphrase: string): Promise<void> {
  return exclusive(async () => {
    await isUnlocked();
    const session = requireUnlocked();
    const rotated = await rotateVaultKey(session.record, passphrase);
    await store.replaceEverywhere(rotated.record);
    session.key = rotated.vaultKey;
    session.record = rotated.record;
    session.data = rotated.data;
    await browser.storage.session.set({ [SESSION_KEY]: toBase64(await exportVaultKey(rotated.vaultKey)) });
  });
}

/**
 * Checks the vault passphrase (or a passkey) asked again before a secret leaves (plain export,
 * "Move to phone", revealing a secret, the encrypted export): re-derives the key and unwraps the
 * stored vault key. The page only forwards what the person typed or the authenticator answered;
 * a wrong one throws and nothing is done.
 */
export async function verifyProof(proof: Proof): Promise<void> {
  await isUnlocked();
  const session = requireUnlocked();
  if ('passkey' in proof) {
    await unlockWithPrf(session.record, proof.passkey.credentialId, prfBytes(proof.passkey.prfOutput));
    return;
  }
  await checkPassphrase(session.record, proof.passphrase);
}

async function checkPassphrase(record: VaultRecord, passphrase: string): Promise<void> {
  try {
    await unlockVault(record, passphrase);
  } catch (err) {
    if (err instanceof VaultError && err.code === 'wrong-passphrase') throw new UserError('wrong-passphrase', 'Wrong passphrase. Nothing was changed.');
    throw err;
  }
}

function prfBytes(b64: string): Uint8Array {
  const bytes = fromBase64(b64);
  if (!bytes) throw new UserError('bad-passkey', 'The passkey gave an answer Tessera cannot use.');
  return bytes;
}

/** A passkey as pages may see it: the public facts of its slot (the salt is the PRF input). */
export interface PasskeyEntry {
  credentialId: string;
  salt: string;
  label: string;
  createdAt: number;
}

/** The stored vault's passkeys; readable while locked (they are public), empty for a version 1 vault. */
export async function passkeys(): Promise<PasskeyEntry[]> {
  const loaded = unlocked ? { record: unlocked.record } : await store.load();
  if (!loaded || loaded.record.version !== VAULT_VERSION) return [];
  return prfSlots(loaded.record).map(({ credentialId, salt, label, createdAt }) => ({ credentialId, salt, label, createdAt }));
}

/** Unlocks with a passkey's PRF output; the passphrase stays the fallback. */
export function unlockWithPasskey(credentialId: string, prfOutput: string): Promise<void> {
  return exclusive(async () => {
    await noteInterruptedWrite();
    await store.finishPendingReplace();
    const loaded = await loadStored();
    const result = await unlockWithPrf(loaded.record, credentialId, prfBytes(prfOutput));
    recoveredNotice = loaded.recoveredFromPrevious;
    await startSession(result.vaultKey, loaded.record as VaultRecord, result.data);
    for (const run of onUnlock) run();
  });
}

/** Adds a passkey slot; the passphrase is needed (adding a way in needs the existing one). */
export function addPasskey(passphrase: string, passkey: { credentialId: string; salt: string; prfOutput: string; label: string }): Promise<void> {
  return exclusive(async () => {
    await isUnlocked();
    const session = requireUnlocked();
    await checkPassphrase(session.record, passphrase);
    const record = await addPrfSlot(session.record, session.key, { ...passkey, prfOutput: prfBytes(passkey.prfOutput), createdAt: Date.now() });
    await store.save(record);
    session.record = record;
  });
}

/** Removes a passkey's slot from both storage slots, so no stored copy still opens with it. */
export function removePasskey(passphrase: string, credentialId: string): Promise<void> {
  return exclusive(async () => {
    await isUnlocked();
    const session = requireUnlocked();
    await checkPassphrase(session.record, passphrase);
    const record = removePrfSlot(session.record, credentialId);
    await store.replaceEverywhere(record);
    session.record = record;
  });
}
