/**
 * Tessera sync format, version 1: what the server stores (see README "Sync format").
 *
 * - `tessera/sync.json`, the pointer: format, version, KDF parameters, the random sync key
 *   wrapped under the passphrase-derived key (AES-256-GCM, header as AAD), and the name of the
 *   current snapshot. Nothing in it depends on the accounts.
 * - `tessera/s-<random>.json`, one snapshot: every record (accounts and tombstones) as one
 *   AES-256-GCM ciphertext under the sync key, fresh IV, its own name in the AAD, the plaintext
 *   padded to a power of two so the size tells nothing but a rough total.
 *
 * A new snapshot is written whole under a new name, then the pointer is switched with If-Match:
 * the server always holds one complete, consistent state, old or new.
 */
import { canonicalJson, checkKdfParams, deriveWrappingKey, freshKdfParams, fromBase64, toBase64, type DeriveOptions, type KdfParams } from '../vault';
import { fromUtf8, isObject, utf8 } from '../vault/bytes';
import { SyncError } from './sync-error';
import { checkRecords, type SyncRecord } from './sync-records';

export const SYNC_FORMAT = 'tessera-sync';
export const SNAPSHOT_FORMAT = 'tessera-sync-snapshot';
export const SYNC_VERSION = 1;
export const SYNC_FOLDER = 'tessera/';
export const POINTER_NAME = `${SYNC_FOLDER}sync.json`;
const IV_BYTES = 12;
const KEY_ALG = { name: 'AES-GCM', length: 256 } as const;
const MIN_PADDED = 4096;
const SNAPSHOT_NAME_RE = /^tessera\/s-[0-9a-f]{32}\.json$/;

/** The part of the pointer that stays the same from upload to upload. */
export interface SyncHeader {
  kdf: KdfParams;
  wrappedKey: { iv: string; ct: string };
}

export interface Pointer extends SyncHeader {
  format: typeof SYNC_FORMAT;
  version: typeof SYNC_VERSION;
  snapshot: string;
}

const headerAad = (kdf: KdfParams) => utf8(canonicalJson({ format: SYNC_FORMAT, version: SYNC_VERSION, kdf }));
const snapshotAad = (name: string) => utf8(canonicalJson({ format: SNAPSHOT_FORMAT, version: SYNC_VERSION, name }));
const randomHex = (bytes: number) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Whether `name` has the shape of a snapshot Tessera writes (`tessera/s-<32 hex>.json`). */
export function isSnapshotName(name: string): boolean {
  return SNAPSHOT_NAME_RE.test(name);
}

export function newSnapshotName(): string {
  return `${SYNC_FOLDER}s-${randomHex(16)}.json`;
}

/** Wraps the sync key under a passphrase with fresh KDF parameters (one derivation); also after a passphrase change. */
export async function wrapSyncKey(key: CryptoKey, passphrase: string, kdf: KdfParams = freshKdfParams(), options?: DeriveOptions): Promise<SyncHeader> {
  const wrapping = await deriveWrappingKey(passphrase, kdf, options);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = await crypto.subtle.wrapKey('raw', key, wrapping, { name: 'AES-GCM', iv, additionalData: headerAad(kdf) });
  return { kdf, wrappedKey: { iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) } };
}

/** A fresh random sync key, wrapped under the passphrase. */
export async function createSyncKey(passphrase: string, kdf: KdfParams = freshKdfParams(), options?: DeriveOptions): Promise<{ key: CryptoKey; header: SyncHeader }> {
  const key = await crypto.subtle.generateKey(KEY_ALG, true, ['encrypt', 'decrypt']);
  return { key, header: await wrapSyncKey(key, passphrase, kdf, options) };
}

/** Opens the sync key with the passphrase (floors enforced); a failed unwrap is a wrong passphrase. */
export async function openSyncKey(header: SyncHeader, passphrase: string): Promise<CryptoKey> {
  const wrapping = await deriveWrappingKey(passphrase, header.kdf);
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      fromBase64(header.wrappedKey.ct)!,
      wrapping,
      { name: 'AES-GCM', iv: fromBase64(header.wrappedKey.iv)!, additionalData: headerAad(header.kdf) },
      KEY_ALG,
      true,
      ['encrypt', 'decrypt'],
    );
  } catch {
    throw new SyncError('wrong-passphrase');
  }
}

export async function exportSyncKey(key: CryptoKey): Promise<string> {
  return toBase64(new Uint8Array(await crypto.subtle.exportKey('raw', key)));
}

export async function importSyncKey(raw: string): Promise<CryptoKey> {
  const bytes = fromBase64(raw);
  if (!bytes || bytes.length !== 32) throw new SyncError('damaged');
  return crypto.subtle.importKey('raw', bytes, KEY_ALG, true, ['encrypt', 'decrypt']);
}

/** Parses the pointer file. Throws SyncError('damaged' | 'unsupported-version' | …) */
export function parsePointer(text: string): Pointer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SyncError('damaged');
  }
  if (!isObject(json) || json.format !== SYNC_FORMAT) throw new SyncError('damaged');
  if (json.version !== SYNC_VERSION) throw new SyncError(typeof json.version === 'number' && json.version > SYNC_VERSION ? 'unsupported-version' : 'damaged');
  const kdf = checkKdfParams(json.kdf);
  // Floors are enforced here, before any work: a server cannot ask for a weaker derivation.
  if ('problem' in kdf) throw new SyncError('damaged');
  const w = json.wrappedKey;
  if (!isObject(w) || typeof w.iv !== 'string' || typeof w.ct !== 'string' || fromBase64(w.iv)?.length !== IV_BYTES || fromBase64(w.ct)?.length !== 48) {
    throw new SyncError('damaged');
  }
  if (typeof json.snapshot !== 'string' || !SNAPSHOT_NAME_RE.test(json.snapshot)) throw new SyncError('damaged');
  return { format: SYNC_FORMAT, version: SYNC_VERSION, kdf: kdf.params, wrappedKey: { iv: w.iv, ct: w.ct }, snapshot: json.snapshot };
}

export function pointerText(header: SyncHeader, snapshot: string): string {
  const pointer: Pointer = { format: SYNC_FORMAT, version: SYNC_VERSION, kdf: header.kdf, wrappedKey: header.wrappedKey, snapshot };
  return JSON.stringify(pointer);
}

export function sameHeader(a: SyncHeader, b: SyncHeader): boolean {
  return a.wrappedKey.ct === b.wrappedKey.ct && a.wrappedKey.iv === b.wrappedKey.iv && canonicalJson(a.kdf) === canonicalJson(b.kdf);
}

function paddedLength(n: number): number {
  let size = MIN_PADDED;
  while (size < n) size *= 2;
  return size;
}

/** Encrypts the records as the snapshot file `name`. */
export async function sealSnapshot(key: CryptoKey, name: string, records: readonly SyncRecord[]): Promise<string> {
  const json = JSON.stringify({ records });
  const plain = utf8(json);
  // JSON allows trailing whitespace: pad with spaces to the bucket size.
  const padded = new Uint8Array(paddedLength(plain.length)).fill(0x20);
  padded.set(plain);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: snapshotAad(name) }, key, padded);
  return JSON.stringify({ format: SNAPSHOT_FORMAT, version: SYNC_VERSION, iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) });
}

/** Decrypts and checks a snapshot file read under `name`. */
export async function openSnapshot(key: CryptoKey, name: string, text: string): Promise<SyncRecord[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SyncError('damaged');
  }
  if (!isObject(json) || json.format !== SNAPSHOT_FORMAT) throw new SyncError('damaged');
  if (json.version !== SYNC_VERSION) throw new SyncError(typeof json.version === 'number' && json.version > SYNC_VERSION ? 'unsupported-version' : 'damaged');
  const iv = typeof json.iv === 'string' ? fromBase64(json.iv) : null;
  const ct = typeof json.ct === 'string' ? fromBase64(json.ct) : null;
  if (!iv || iv.length !== IV_BYTES || !ct) throw new SyncError('damaged');
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: snapshotAad(name) }, key, ct);
  } catch {
    throw new SyncError('damaged');
  }
  const text2 = fromUtf8(new Uint8Array(plain));
  let body: unknown;
  try {
    body = text2 === null ? null : JSON.parse(text2);
  } catch {
    body = null;
  }
  const records = isObject(body) ? checkRecords(body.records) : null;
  if (!records) throw new SyncError('damaged');
  return records;
}
