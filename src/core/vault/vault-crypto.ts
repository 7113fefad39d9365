/**
 * Envelope encryption of the vault: a random 256-bit vault key encrypts the data; the
 * passphrase-derived key only wraps the vault key, so a passphrase change re-wraps 48 bytes
 * and leaves the data ciphertext untouched (security-bar A.4).
 */
import { deriveWrappingKey, freshKdfParams, isBelowCurrentDefault, type DeriveOptions, type KdfParams } from './kdf';
import { fromBase64, fromUtf8, toBase64, utf8 } from './bytes';
import { checkVaultData, type VaultData } from './vault-data';
import { dataAad, IV_BYTES, validateVaultRecord, VAULT_FORMAT, VAULT_VERSION, wrapAad, type Sealed, type VaultRecord } from './vault-format';
import { CORRUPT_MESSAGE, isPassphraseLongEnough, MIN_PASSPHRASE_LENGTH, VaultError, WRONG_PASSPHRASE_MESSAGE } from './vault-error';

const VAULT_KEY_ALG = { name: 'AES-GCM', length: 256 } as const;

function freshIv(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(IV_BYTES));
}

/** Decodes a Sealed pair already checked by validateVaultRecord; a failure here means damage. */
function decodeSealed(sealed: Sealed): { iv: Uint8Array<ArrayBuffer>; ct: Uint8Array<ArrayBuffer> } {
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

async function wrap(vaultKey: CryptoKey, passphrase: string, kdf: KdfParams, options?: DeriveOptions): Promise<Sealed> {
  const wrappingKey = await deriveWrappingKey(passphrase, kdf, options);
  const iv = freshIv();
  const aad = wrapAad({ format: VAULT_FORMAT, version: VAULT_VERSION, kdf });
  const ct = await crypto.subtle.wrapKey('raw', vaultKey, wrappingKey, { name: 'AES-GCM', iv, additionalData: aad });
  return { iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
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

/** Decrypts and validates the data. Throws VaultError('corrupt') if it fails authentication. */
export async function openData(record: VaultRecord, vaultKey: CryptoKey): Promise<VaultData> {
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
 * Creates a vault with a new random key. `kdf` defaults to fresh Argon2id parameters;
 * `options.allowBelowFloor` exists for unit tests only.
 */
export async function createVault(
  passphrase: string,
  data: VaultData,
  kdf: KdfParams = freshKdfParams(),
  options?: DeriveOptions,
): Promise<{ record: VaultRecord; vaultKey: CryptoKey }> {
  assertPassphrase(passphrase);
  const vaultKey = await crypto.subtle.generateKey(VAULT_KEY_ALG, true, ['encrypt', 'decrypt']);
  const wrappedKey = await wrap(vaultKey, passphrase, kdf, options);
  const header = { format: VAULT_FORMAT, version: VAULT_VERSION, kdf, wrappedKey, data: { iv: '', ct: '' } } as const;
  return { record: await sealData(header, vaultKey, data), vaultKey };
}

/**
 * Unlocks a stored record. Floors are always enforced here (no test switch): a record below
 * them fails with 'weak-kdf' before any derivation. A failed unwrap reports 'wrong-passphrase';
 * an edited KDF header or wrapped key cannot be told apart from a wrong passphrase (the derived
 * key changes) and also reports 'wrong-passphrase'. Data that fails with the right key: 'corrupt'.
 * `upgradedRecord` is set when the KDF is acceptable but below today's default: the same vault
 * key re-wrapped under fresh default parameters, for the caller to save.
 */
export async function unlockVault(
  stored: unknown,
  passphrase: string,
): Promise<{ vaultKey: CryptoKey; data: VaultData; upgradedRecord?: VaultRecord }> {
  const record = validateVaultRecord(stored);
  const wrappingKey = await deriveWrappingKey(passphrase, record.kdf);
  const { iv, ct } = decodeSealed(record.wrappedKey);
  let vaultKey: CryptoKey;
  try {
    vaultKey = await crypto.subtle.unwrapKey('raw', ct, wrappingKey, { name: 'AES-GCM', iv, additionalData: wrapAad(record) }, VAULT_KEY_ALG, true, [
      'encrypt',
      'decrypt',
    ]);
  } catch {
    throw new VaultError('wrong-passphrase', WRONG_PASSPHRASE_MESSAGE);
  }
  const data = await openData(record, vaultKey);
  if (!isBelowCurrentDefault(record.kdf)) return { vaultKey, data };
  const kdf = freshKdfParams();
  const upgradedRecord: VaultRecord = { ...record, kdf, wrappedKey: await wrap(vaultKey, passphrase, kdf) };
  return { vaultKey, data, upgradedRecord };
}

/**
 * Re-wraps the vault key under a new passphrase with fresh default KDF parameters.
 * The data ciphertext is kept byte for byte. The caller must have verified the old passphrase.
 */
export async function changePassphrase(
  record: VaultRecord,
  vaultKey: CryptoKey,
  newPassphrase: string,
  kdf: KdfParams = freshKdfParams(),
  options?: DeriveOptions,
): Promise<VaultRecord> {
  assertPassphrase(newPassphrase);
  return { ...record, kdf, wrappedKey: await wrap(vaultKey, newPassphrase, kdf, options) };
}

/**
 * "Rotate vault key": a new random vault key, the data re-encrypted under it and the key wrapped
 * under the passphrase with fresh KDF parameters. Proves the passphrase on `record` first. The
 * caller must store the result in both storage slots (VaultStore.replaceEverywhere): the old
 * copy would still open with the old key.
 */
export async function rotateVaultKey(
  record: VaultRecord,
  passphrase: string,
  kdf: KdfParams = freshKdfParams(),
  options?: DeriveOptions,
): Promise<{ record: VaultRecord; vaultKey: CryptoKey; data: VaultData }> {
  const { data } = await unlockVault(record, passphrase);
  const vaultKey = await crypto.subtle.generateKey(VAULT_KEY_ALG, true, ['encrypt', 'decrypt']);
  const wrappedKey = await wrap(vaultKey, passphrase, kdf, options);
  return { record: await sealData({ ...record, kdf, wrappedKey }, vaultKey, data), vaultKey, data };
}
