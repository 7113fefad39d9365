/**
 * The stored vault record (what goes into storage.local) and its shape check.
 * Layout: a random vault key wrapped under the passphrase-derived key, and the data encrypted
 * under the vault key, both AES-256-GCM with the header in the associated data.
 */
import { checkKdfParams, type KdfParams } from './kdf';
import { canonicalJson, fromBase64, isObject, utf8 } from './bytes';
import { CORRUPT_MESSAGE, VaultError } from './vault-error';

export const VAULT_FORMAT = 'tessera-vault';
export const VAULT_VERSION = 1;

/** An AES-GCM output: 96-bit IV and ciphertext with its 16-byte tag, both base64. */
export interface Sealed {
  iv: string;
  ct: string;
}

/** JSON-serialisable vault record. */
export interface VaultRecord {
  format: typeof VAULT_FORMAT;
  version: typeof VAULT_VERSION;
  kdf: KdfParams;
  wrappedKey: Sealed;
  data: Sealed;
}

export const IV_BYTES = 12;
export const TAG_BYTES = 16;
/** A wrapped 256-bit key: 32 bytes of key plus the tag. */
const WRAPPED_KEY_BYTES = 32 + TAG_BYTES;

/** AAD of the key wrap: any edit to the header or the KDF parameters breaks the unwrap. */
export function wrapAad(record: Pick<VaultRecord, 'format' | 'version' | 'kdf'>): Uint8Array<ArrayBuffer> {
  return utf8(canonicalJson({ format: record.format, version: record.version, kdf: record.kdf }));
}

/** AAD of the data: binds the ciphertext to this format and version. */
export function dataAad(record: Pick<VaultRecord, 'format' | 'version'>): Uint8Array<ArrayBuffer> {
  return utf8(canonicalJson({ format: record.format, version: record.version }));
}

function checkSealed(value: unknown, minCtBytes: number, maxCtBytes: number): Sealed | null {
  if (!isObject(value) || typeof value.iv !== 'string' || typeof value.ct !== 'string') return null;
  const iv = fromBase64(value.iv);
  const ct = fromBase64(value.ct);
  if (!iv || iv.length !== IV_BYTES || !ct || ct.length < minCtBytes || ct.length > maxCtBytes) return null;
  return { iv: value.iv, ct: value.ct };
}

/**
 * Checks the shape of an untrusted vault record, including the KDF floors, before any work is
 * spent on it. Returns a clean copy. Throws VaultError: 'not-a-vault', 'unsupported-version',
 * 'weak-kdf', 'unsupported-kdf', or 'corrupt' (a recognisable vault with damaged fields).
 */
export function validateVaultRecord(value: unknown): VaultRecord {
  if (!isObject(value) || value.format !== VAULT_FORMAT) {
    throw new VaultError('not-a-vault', 'This is not a Tessera vault.');
  }
  if (value.version !== VAULT_VERSION) {
    if (typeof value.version === 'number' && value.version > VAULT_VERSION) {
      throw new VaultError('unsupported-version', 'This vault was made by a newer version of Tessera. Update Tessera to open it.');
    }
    throw new VaultError('corrupt', CORRUPT_MESSAGE);
  }
  const kdf = checkKdfParams(value.kdf);
  if ('problem' in kdf) {
    const { kind, message } = kdf.problem;
    throw new VaultError(kind === 'malformed' ? 'corrupt' : kind, message);
  }
  const wrappedKey = checkSealed(value.wrappedKey, WRAPPED_KEY_BYTES, WRAPPED_KEY_BYTES);
  const data = checkSealed(value.data, TAG_BYTES, Number.MAX_SAFE_INTEGER);
  if (!wrappedKey || !data) throw new VaultError('corrupt', CORRUPT_MESSAGE);
  return { format: VAULT_FORMAT, version: VAULT_VERSION, kdf: kdf.params, wrappedKey, data };
}
