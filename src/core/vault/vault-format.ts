/**
 * The stored vault record (what goes into storage.local) and its shape check.
 *
 * Version 2 (written today): a random vault key encrypts the data; the key is wrapped once per
 * key slot: one passphrase slot (Argon2id/PBKDF2) and any number of passkey slots (WebAuthn PRF
 * through HKDF). Every wrap has the header and its own slot's fields as associated data, so
 * editing any of them breaks that unwrap. Version 1 (one passphrase wrap) is still read, and is
 * upgraded to version 2 on unlock.
 */
import { checkKdfParams, type KdfParams } from './kdf';
import { base64Length, canonicalJson, fromBase64, isObject, utf8 } from './bytes';
import { CORRUPT_MESSAGE, VaultError } from './vault-error';

export const VAULT_FORMAT = 'tessera-vault';
export const VAULT_VERSION = 2;

/** An AES-GCM output: 96-bit IV and ciphertext with its 16-byte tag, both base64. */
export interface Sealed {
  iv: string;
  ct: string;
}

/** The vault key wrapped under a passphrase-derived key. Exactly one per vault. */
export interface PassphraseSlot {
  kind: 'passphrase';
  kdf: KdfParams;
  wrap: Sealed;
}

/**
 * The vault key wrapped under a key derived (HKDF-SHA-256, `salt`) from a WebAuthn credential's
 * PRF output for `salt`. Only public facts are stored: the credential id, a label, a date.
 */
export interface PrfSlot {
  kind: 'prf';
  /** base64 of the credential's raw id. */
  credentialId: string;
  /** base64 of 32 random bytes: the PRF input and the HKDF salt. */
  salt: string;
  label: string;
  /** Milliseconds since epoch. */
  createdAt: number;
  wrap: Sealed;
}

export type KeySlot = PassphraseSlot | PrfSlot;

/** JSON-serialisable vault record, version 2. */
export interface VaultRecord {
  format: typeof VAULT_FORMAT;
  version: typeof VAULT_VERSION;
  slots: KeySlot[];
  data: Sealed;
}

/** A version 1 record, as Tessera wrote them before key slots (read, never written). */
export interface VaultRecordV1 {
  format: typeof VAULT_FORMAT;
  version: 1;
  kdf: KdfParams;
  wrappedKey: Sealed;
  data: Sealed;
}

export type StoredVaultRecord = VaultRecord | VaultRecordV1;

export const IV_BYTES = 12;
export const TAG_BYTES = 16;
/** A wrapped 256-bit key: 32 bytes of key plus the tag. */
const WRAPPED_KEY_BYTES = 32 + TAG_BYTES;
export const PRF_SALT_BYTES = 32;
/** Limits on what a stored (untrusted) record may carry. */
export const MAX_PRF_SLOTS = 16;
export const MAX_LABEL_CHARS = 64;
const MAX_CREDENTIAL_ID_BYTES = 1023; // WebAuthn's own limit for a credential id

/** A slot without its wrap: what the wrap is bound to. */
export type SlotHeader = Omit<PassphraseSlot, 'wrap'> | Omit<PrfSlot, 'wrap'>;

export function slotHeader(slot: KeySlot): SlotHeader {
  const { wrap: _wrap, ...header } = slot;
  return header;
}

/** AAD of a version 2 key wrap: the header and every field of its own slot. */
export function slotAad(header: SlotHeader): Uint8Array<ArrayBuffer> {
  return utf8(canonicalJson({ format: VAULT_FORMAT, version: VAULT_VERSION, slot: header }));
}

/** AAD of the version 1 key wrap: the header and the KDF parameters. */
export function wrapAadV1(record: Pick<VaultRecordV1, 'format' | 'version' | 'kdf'>): Uint8Array<ArrayBuffer> {
  return utf8(canonicalJson({ format: record.format, version: record.version, kdf: record.kdf }));
}

/** AAD of the data: binds the ciphertext to this format and version. */
export function dataAad(record: Pick<StoredVaultRecord, 'format' | 'version'>): Uint8Array<ArrayBuffer> {
  return utf8(canonicalJson({ format: record.format, version: record.version }));
}

function checkSealed(value: unknown, minCtBytes: number, maxCtBytes: number): Sealed | null {
  if (!isObject(value) || typeof value.iv !== 'string' || typeof value.ct !== 'string') return null;
  // Lengths only: the data ciphertext of 10,000 accounts is megabytes, checked on every save and load.
  const iv = base64Length(value.iv);
  const ct = base64Length(value.ct);
  if (iv !== IV_BYTES || ct === null || ct < minCtBytes || ct > maxCtBytes) return null;
  return { iv: value.iv, ct: value.ct };
}

const corrupt = () => new VaultError('corrupt', CORRUPT_MESSAGE);

function checkKdf(value: unknown): KdfParams {
  const kdf = checkKdfParams(value);
  if ('problem' in kdf) {
    const { kind, message } = kdf.problem;
    throw new VaultError(kind === 'malformed' ? 'corrupt' : kind, message);
  }
  return kdf.params;
}

function hasOnlyKeys(value: Record<string, unknown>, keys: string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

function checkSlot(value: unknown): KeySlot {
  if (!isObject(value)) throw corrupt();
  const wrap = checkSealed(value.wrap, WRAPPED_KEY_BYTES, WRAPPED_KEY_BYTES);
  if (!wrap) throw corrupt();
  if (value.kind === 'passphrase') {
    if (!hasOnlyKeys(value, ['kind', 'kdf', 'wrap'])) throw corrupt();
    return { kind: 'passphrase', kdf: checkKdf(value.kdf), wrap };
  }
  if (value.kind !== 'prf' || !hasOnlyKeys(value, ['kind', 'credentialId', 'salt', 'label', 'createdAt', 'wrap'])) throw corrupt();
  const { credentialId, salt, label, createdAt } = value;
  const id = typeof credentialId === 'string' ? fromBase64(credentialId) : null;
  const saltBytes = typeof salt === 'string' ? fromBase64(salt) : null;
  if (!id || id.length === 0 || id.length > MAX_CREDENTIAL_ID_BYTES || saltBytes?.length !== PRF_SALT_BYTES) throw corrupt();
  if (typeof label !== 'string' || [...label].length > MAX_LABEL_CHARS) throw corrupt();
  if (typeof createdAt !== 'number' || !Number.isSafeInteger(createdAt) || createdAt < 0) throw corrupt();
  return { kind: 'prf', credentialId: credentialId as string, salt: salt as string, label, createdAt, wrap };
}

function checkSlots(value: unknown): KeySlot[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_PRF_SLOTS + 1) throw corrupt();
  const slots = value.map(checkSlot);
  if (slots.filter((s) => s.kind === 'passphrase').length !== 1) throw corrupt();
  const ids = slots.flatMap((s) => (s.kind === 'prf' ? [s.credentialId] : []));
  if (new Set(ids).size !== ids.length) throw corrupt();
  return slots;
}

/**
 * Checks the shape of an untrusted vault record of either version, including the KDF floors and
 * ceilings, before any work is spent on it. Returns a clean copy. Throws VaultError:
 * 'not-a-vault', 'unsupported-version', 'weak-kdf', 'unsupported-kdf', or 'corrupt'.
 */
export function validateVaultRecord(value: unknown): StoredVaultRecord {
  if (!isObject(value) || value.format !== VAULT_FORMAT) {
    throw new VaultError('not-a-vault', 'This is not a Tessera vault.');
  }
  if (typeof value.version === 'number' && value.version > VAULT_VERSION) {
    throw new VaultError('unsupported-version', 'This vault was made by a newer version of Tessera. Update Tessera to open it.');
  }
  const data = checkSealed(value.data, TAG_BYTES, Number.MAX_SAFE_INTEGER);
  if (value.version === 1) {
    const kdf = checkKdf(value.kdf);
    const wrappedKey = checkSealed(value.wrappedKey, WRAPPED_KEY_BYTES, WRAPPED_KEY_BYTES);
    if (!wrappedKey || !data) throw corrupt();
    return { format: VAULT_FORMAT, version: 1, kdf, wrappedKey, data };
  }
  if (value.version !== VAULT_VERSION) throw corrupt();
  const slots = checkSlots(value.slots);
  if (!data) throw corrupt();
  return { format: VAULT_FORMAT, version: VAULT_VERSION, slots, data };
}

/** The one passphrase slot of a version 2 record (validation guarantees there is exactly one). */
export function passphraseSlot(record: VaultRecord): PassphraseSlot {
  const slot = record.slots.find((s): s is PassphraseSlot => s.kind === 'passphrase');
  if (!slot) throw corrupt();
  return slot;
}

/** The record's passkey slots, in the order they were added. */
export function prfSlots(record: VaultRecord): PrfSlot[] {
  return record.slots.filter((s): s is PrfSlot => s.kind === 'prf');
}
