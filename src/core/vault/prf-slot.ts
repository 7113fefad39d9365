/**
 * Passkey key slots: a WebAuthn credential's PRF output (for the slot's random salt) goes
 * through HKDF-SHA-256 with that salt to an AES-256-GCM key, which wraps the vault key. The PRF
 * output never leaves the authenticator's ceremony page and the background; the record stores
 * only the credential id, salt, label and date, all bound to the wrap as associated data.
 */
import { fromBase64, toBase64, utf8 } from './bytes';
import { openData, unwrapSlot, wrapForSlot } from './vault-crypto';
import type { VaultData } from './vault-data';
import { MAX_LABEL_CHARS, MAX_PRF_SLOTS, PRF_SALT_BYTES, prfSlots, validateVaultRecord, type PrfSlot, type VaultRecord } from './vault-format';
import { VaultError } from './vault-error';

/** Binds the derived key to its purpose, so the same PRF output could never serve another use. */
const HKDF_INFO = utf8('tessera vault key wrap (passkey slot, format 2)');
/** WebAuthn PRF outputs are 32 bytes (HMAC-SHA-256); anything else is not one. */
const PRF_OUTPUT_BYTES = 32;

/** A passkey as the UI may show it: no key material. */
export interface PasskeyInfo {
  credentialId: string;
  label: string;
  createdAt: number;
}

/** A new random salt for a slot (base64): the PRF input of the ceremony and the HKDF salt. */
export function freshPrfSalt(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(PRF_SALT_BYTES)));
}

/** HKDF-SHA-256(PRF output, salt) → a non-extractable AES-256-GCM key that only wraps and unwraps. */
export async function derivePrfWrappingKey(prfOutput: Uint8Array, salt: string): Promise<CryptoKey> {
  const saltBytes = fromBase64(salt);
  if (prfOutput.length !== PRF_OUTPUT_BYTES) throw new VaultError('bad-passkey', 'The passkey gave an answer Tessera cannot use.');
  if (!saltBytes || saltBytes.length !== PRF_SALT_BYTES) throw new VaultError('corrupt', 'The passkey slot is damaged.');
  const base = await crypto.subtle.importKey('raw', new Uint8Array(prfOutput), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: saltBytes, info: HKDF_INFO }, base, { name: 'AES-GCM', length: 256 }, false, [
    'wrapKey',
    'unwrapKey',
  ]);
}

export function listPasskeys(record: VaultRecord): PasskeyInfo[] {
  return prfSlots(record).map(({ credentialId, label, createdAt }) => ({ credentialId, label, createdAt }));
}

export interface NewPasskey {
  credentialId: string;
  salt: string;
  prfOutput: Uint8Array;
  label: string;
  createdAt: number;
}

/**
 * Adds a passkey slot wrapping `vaultKey`. The caller must have verified the passphrase (adding
 * a way in needs the existing one). Refuses a credential already present, a label over 64
 * characters, and more than 16 passkeys.
 */
export async function addPrfSlot(record: VaultRecord, vaultKey: CryptoKey, passkey: NewPasskey): Promise<VaultRecord> {
  const existing = prfSlots(record);
  if (existing.some((s) => s.credentialId === passkey.credentialId)) throw new VaultError('bad-passkey', 'This passkey is already set up.');
  if (existing.length >= MAX_PRF_SLOTS) throw new VaultError('bad-passkey', `Tessera keeps at most ${MAX_PRF_SLOTS} passkeys. Remove one first.`);
  const label = passkey.label.trim() || 'Passkey';
  if ([...label].length > MAX_LABEL_CHARS) throw new VaultError('bad-passkey', `A passkey's name may have at most ${MAX_LABEL_CHARS} characters.`);
  const header = { kind: 'prf' as const, credentialId: passkey.credentialId, salt: passkey.salt, label, createdAt: Math.floor(passkey.createdAt) };
  const wrap = await wrapForSlot(vaultKey, await derivePrfWrappingKey(passkey.prfOutput, passkey.salt), header);
  const next: VaultRecord = { ...record, slots: [...record.slots, { ...header, wrap }] };
  validateVaultRecord(next); // the stored shape's own limits (credential id, salt) apply before saving
  return next;
}

/** Removes a passkey's slot. The caller must have verified the passphrase and must write both storage slots. */
export function removePrfSlot(record: VaultRecord, credentialId: string): VaultRecord {
  if (!prfSlots(record).some((s) => s.credentialId === credentialId)) throw new VaultError('unknown-passkey', 'That passkey is not set up for Tessera.');
  return { ...record, slots: record.slots.filter((s) => s.kind !== 'prf' || s.credentialId !== credentialId) };
}

/**
 * Unlocks with a passkey's PRF output. 'unknown-passkey' when no slot names the credential (a
 * version 1 vault has none); 'wrong-passkey' when the output does not unwrap the slot (another
 * authenticator's answer, or an edited slot); 'corrupt' when the data fails with the right key.
 */
export async function unlockWithPrf(stored: unknown, credentialId: string, prfOutput: Uint8Array): Promise<{ vaultKey: CryptoKey; data: VaultData; slot: PrfSlot }> {
  const record = validateVaultRecord(stored);
  const slot = record.version === 1 ? undefined : prfSlots(record).find((s) => s.credentialId === credentialId);
  if (!slot) throw new VaultError('unknown-passkey', 'That passkey is not set up for Tessera. Use your vault passphrase.');
  const vaultKey = await unwrapSlot(slot, await derivePrfWrappingKey(prfOutput, slot.salt));
  if (!vaultKey) throw new VaultError('wrong-passkey', 'That passkey did not unlock Tessera. Use your vault passphrase.');
  return { vaultKey, data: await openData(record, vaultKey), slot };
}
