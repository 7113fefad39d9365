/**
 * Envelope encryption of the vault: a random 256-bit vault key encrypts the data; each key slot
 * only wraps the vault key, so a passphrase change re-wraps 48 bytes and leaves the data
 * ciphertext untouched (security-bar A.4), and a passkey adds a slot without touching the rest.
 */
import { deriveWrappingKey, freshKdfParams, isBelowCurrentDefault, type DeriveOptions, type KdfParams } from './kdf';
import { fromBase64, fromUtf8, toBase64, utf8 } from './bytes';
import { checkVaultData, type VaultData } from './vault-data';
import {
  dataAad,
  IV_BYTES,
  passphraseSlot,
  slotAad,
  slotHeader,
  validateVaultRecord,
  wrapAadV1,
  VAULT_FORMAT,
  VAULT_VERSION,
  type KeySlot,
  type PassphraseSlot,
  type Sealed,
  type SlotHeader,
  type StoredVaultRecord,
  type VaultRecord,
  type VaultRecordV1,
} from './vault-format';
import { CORRUPT_MESSAGE, isPassphraseLongEnough, MIN_PASSPHRASE_LENGTH, VaultError, WRONG_PASSPHRASE_MESSAGE } from './vault-error';

export const VAULT_KEY_ALG = { name: 'AES-GCM', length: 256 } as const;

export function freshIv(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(IV_BYTES));
}

/** Decodes a Sealed pair already checked by validateVaultRecord; a failure here means damage. */
export function decodeSealed(sealed: Sealed): { iv: Uint8Array<ArrayBuffer>; ct: Uint8Array<ArrayBuffer> } {
  const iv = fromBase64(sealed.iv);
  const ct = fromBase64(sealed.ct);
  if (!iv || !ct) throw new VaultError('corrupt', CORRUPT_MESSAGE);
  return { iv, ct };
}

function assertPassphrase(passphrase: string): void {
  if (!isPassphraseLongEnough(passphrase)) {
    throw new VaultError('passphrase-too-short', `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`);
  }
}

/** Raw 32 bytes of the vault key, for storage.session (memory only). */
export async function exportVaultKey(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('raw', key));
}

/** Rebuilds the vault key from `exportVaultKey` bytes. */
export async function importVaultKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== 32) throw new VaultError('corrupt', 'The saved session key is damaged. Lock and unlock Tessera again.');
  return crypto.subtle.importKey('raw', new Uint8Array(raw), VAULT_KEY_ALG, true, ['encrypt', 'decrypt']);
}

function newVaultKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey(VAULT_KEY_ALG, true, ['encrypt', 'decrypt']);
}

/** Wraps the vault key for one slot, bound to that slot's header. */
export async function wrapForSlot(vaultKey: CryptoKey, wrappingKey: CryptoKey, header: SlotHeader): Promise<Sealed> {
  const iv = freshIv();
  const ct = await crypto.subtle.wrapKey('raw', vaultKey, wrappingKey, { name: 'AES-GCM', iv, additionalData: slotAad(header) });
  return { iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
}

/** Unwraps a slot's vault key; null when the wrapping key is not the slot's (or the slot was edited). */
export async function unwrapSlot(slot: KeySlot, wrappingKey: CryptoKey): Promise<CryptoKey | null> {
  const { iv, ct } = decodeSealed(slot.wrap);
  try {
    return await crypto.subtle.unwrapKey('raw', ct, wrappingKey, { name: 'AES-GCM', iv, additionalData: slotAad(slotHeader(slot)) }, VAULT_KEY_ALG, true, [
      'encrypt',
      'decrypt',
    ]);
  } catch {
    return null;
  }
}

async function passphraseSlotFor(vaultKey: CryptoKey, passphrase: string, kdf: KdfParams, options?: DeriveOptions): Promise<PassphraseSlot> {
  const header = { kind: 'passphrase' as const, kdf };
  return { ...header, wrap: await wrapForSlot(vaultKey, await deriveWrappingKey(passphrase, kdf, options), header) };
}

/**
 * Encrypts `data` under the vault key with a fresh IV, returning the record with only `data`
 * replaced. Throws VaultError('invalid-data') rather than writing something unreadable.
 */
export async function sealData(record: VaultRecord, vaultKey: CryptoKey, data: VaultData): Promise<VaultRecord> {
  const checked = checkVaultData(data);
  if ('problem' in checked) throw new VaultError('invalid-data', `Tessera refused to save invalid vault contents: ${checked.problem}.`);
  const iv = freshIv();
  const plain = utf8(JSON.stringify(checked.data));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: dataAad(record) }, vaultKey, plain);
  return { ...record, data: { iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) } };
}

/** Decrypts and validates the data (either version). Throws VaultError('corrupt') if it fails authentication. */
export async function openData(record: StoredVaultRecord, vaultKey: CryptoKey): Promise<VaultData> {
  const { iv, ct } = decodeSealed(record.data);
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: dataAad(record) }, vaultKey, ct);
  } catch {
    throw new VaultError('corrupt', CORRUPT_MESSAGE);
  }
  const text = fromUtf8(new Uint8Array(plain));
  let parsed: unknown;
  try {
    parsed = text === null ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const checked = checkVaultData(parsed);
  if ('problem' in checked) throw new VaultError('corrupt', `The vault data is damaged (${checked.problem}); it was not changed.`);
  return checked.data;
}

/**
 * Creates a vault with a new random key and one passphrase slot. `kdf` defaults to fresh
 * Argon2id parameters; `options.allowBelowFloor` exists for unit tests only.
 */
export async function createVault(
  passphrase: string,
  data: VaultData,
  kdf: KdfParams = freshKdfParams(),
  options?: DeriveOptions,
): Promise<{ record: VaultRecord; vaultKey: CryptoKey }> {
  assertPassphrase(passphrase);
  const vaultKey = await newVaultKey();
  const slots = [await passphraseSlotFor(vaultKey, passphrase, kdf, options)];
  const header: VaultRecord = { format: VAULT_FORMAT, version: VAULT_VERSION, slots, data: { iv: '', ct: '' } };
  return { record: await sealData(header, vaultKey, data), vaultKey };
}

const wrongPassphrase = () => new VaultError('wrong-passphrase', WRONG_PASSPHRASE_MESSAGE);

/** Opens a version 1 record: its single wrap has the v1 header as associated data. */
async function unwrapV1(record: VaultRecordV1, wrappingKey: CryptoKey): Promise<CryptoKey> {
  const { iv, ct } = decodeSealed(record.wrappedKey);
  try {
    return await crypto.subtle.unwrapKey('raw', ct, wrappingKey, { name: 'AES-GCM', iv, additionalData: wrapAadV1(record) }, VAULT_KEY_ALG, true, [
      'encrypt',
      'decrypt',
    ]);
  } catch {
    throw wrongPassphrase();
  }
}

/**
 * Unlocks a stored record with the passphrase. Floors are always enforced here (no test switch):
 * a record below them fails with 'weak-kdf' before any derivation. A failed unwrap reports
 * 'wrong-passphrase'; an edited KDF or slot header cannot be told apart from a wrong passphrase
 * (the derived key or the associated data changes) and also reports it. Data that fails with the
 * right key: 'corrupt'.
 *
 * `upgradedRecord` is set when the record should be saved again: a version 1 record (moved to
 * version 2 in place: same vault key, same data, the data re-sealed under the version 2 header),
 * or KDF parameters below today's default (the passphrase slot re-wrapped under fresh ones).
 */
export async function unlockVault(
  stored: unknown,
  passphrase: string,
): Promise<{ vaultKey: CryptoKey; data: VaultData; upgradedRecord?: VaultRecord }> {
  const record = validateVaultRecord(stored);
  if (record.version === 1) {
    const vaultKey = await unwrapV1(record, await deriveWrappingKey(passphrase, record.kdf));
    const data = await openData(record, vaultKey);
    const kdf = isBelowCurrentDefault(record.kdf) ? freshKdfParams() : record.kdf;
    const slots = [await passphraseSlotFor(vaultKey, passphrase, kdf)];
    const upgradedRecord = await sealData({ format: VAULT_FORMAT, version: VAULT_VERSION, slots, data: record.data }, vaultKey, data);
    return { vaultKey, data, upgradedRecord };
  }
  const slot = passphraseSlot(record);
  const vaultKey = await unwrapSlot(slot, await deriveWrappingKey(passphrase, slot.kdf));
  if (!vaultKey) throw wrongPassphrase();
  const data = await openData(record, vaultKey);
  if (!isBelowCurrentDefault(slot.kdf)) return { vaultKey, data };
  return { vaultKey, data, upgradedRecord: withPassphraseSlot(record, await passphraseSlotFor(vaultKey, passphrase, freshKdfParams())) };
}

function withPassphraseSlot(record: VaultRecord, slot: PassphraseSlot): VaultRecord {
  return { ...record, slots: record.slots.map((s) => (s.kind === 'passphrase' ? slot : s)) };
}

/**
 * Re-wraps the vault key under a new passphrase with fresh default KDF parameters. Passkey slots
 * and the data ciphertext are kept byte for byte. The caller must have verified the old passphrase.
 */
export async function changePassphrase(
  record: VaultRecord,
  vaultKey: CryptoKey,
  newPassphrase: string,
  kdf: KdfParams = freshKdfParams(),
  options?: DeriveOptions,
): Promise<VaultRecord> {
  assertPassphrase(newPassphrase);
  return withPassphraseSlot(record, await passphraseSlotFor(vaultKey, newPassphrase, kdf, options));
}

/**
 * "Rotate vault key": a new random vault key, the data re-encrypted under it and the key wrapped
 * under the passphrase with fresh KDF parameters. Proves the passphrase on `record` first.
 * Passkey slots cannot be re-wrapped without each authenticator, so they are dropped
 * (`droppedPasskeys` says how many). The caller must store the result in both storage slots
 * (VaultStore.replaceEverywhere): the old copy would still open with the old key.
 */
export async function rotateVaultKey(
  stored: StoredVaultRecord,
  passphrase: string,
  kdf: KdfParams = freshKdfParams(),
  options?: DeriveOptions,
): Promise<{ record: VaultRecord; vaultKey: CryptoKey; data: VaultData; droppedPasskeys: number }> {
  const { data } = await unlockVault(stored, passphrase);
  const vaultKey = await newVaultKey();
  const slots = [await passphraseSlotFor(vaultKey, passphrase, kdf, options)];
  const record = await sealData({ format: VAULT_FORMAT, version: VAULT_VERSION, slots, data: stored.data }, vaultKey, data);
  const droppedPasskeys = stored.version === 1 ? 0 : stored.slots.length - 1;
  return { record, vaultKey, data, droppedPasskeys };
}
