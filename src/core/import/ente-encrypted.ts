/**
 * Ente Auth's encrypted export (`ente-auth-codes-encrypted-*.json`): Argon2id (libsodium
 * crypto_pwhash) turns the password into a key, which opens one XChaCha20-Poly1305
 * secretstream message holding the same text as Ente's plain export. libsodium does both (see
 * sodium.ts); this file validates the file first, so bad settings never reach it.
 */
import { asRecord, fromBase64, fromUtf8, utf8 } from './bytes';
import { ImportError, malformedFile } from './import-error';
import { parseOtpauthList } from './otpauth-list';
import { loadSodium } from './sodium';
import type { ParsedEntries } from './types';

type Bytes = Uint8Array<ArrayBuffer>;

/** Argon2id settings as the file states them (libsodium units: memLimit in bytes, opsLimit = passes). */
export interface EnteKdfParams {
  memLimit: number;
  opsLimit: number;
  salt: Bytes;
}

const GIB = 1024 ** 3;
/** Largest Argon2 memory Tessera grants a file: Ente's own maximum ("sensitive", 1 GiB). */
export const MAX_ENTE_MEM_LIMIT = GIB;
/**
 * Largest memory × passes. Ente keeps this product fixed at 1 GiB × 4 and trades memory for
 * passes on small devices (256 MiB × 16, 128 MiB × 32 ...), so capping passes alone would refuse
 * genuine files; capping the product bounds the time whatever the split.
 */
export const MAX_ENTE_KDF_WORK = 4 * GIB;
/** libsodium's own floors (crypto_pwhash_MEMLIMIT_MIN / OPSLIMIT_MIN); below them it refuses. */
export const MIN_ENTE_MEM_LIMIT = 8192;
export const MIN_ENTE_OPS_LIMIT = 1;

const SALT_BYTES = 16; // crypto_pwhash_SALTBYTES
const HEADER_BYTES = 24; // crypto_secretstream_xchacha20poly1305_HEADERBYTES
const STREAM_OVERHEAD = 17; // crypto_secretstream_xchacha20poly1305_ABYTES: tag byte + MAC
const KEY_BYTES = 32;
const TAG_MESSAGE = 0;
const TAG_FINAL = 3;

const mib = (bytes: number) => Math.round(bytes / 1024 ** 2).toLocaleString('en-US');

function damaged(field: string, what: string): ImportError {
  return new ImportError('malformed', `This Ente Auth export is damaged: ${what}.`, { field });
}

function bytesField(value: unknown, field: string, what: string, check: (n: number) => boolean): Bytes {
  const bytes = typeof value === 'string' ? fromBase64(value) : null;
  if (!bytes || !check(bytes.length)) throw damaged(field, what);
  return bytes;
}

/** Check the KDF settings before any work: a damaged or hostile file must not freeze the browser. */
export function checkEnteKdf(memLimit: unknown, opsLimit: unknown): { memLimit: number; opsLimit: number } {
  if (typeof memLimit !== 'number' || !Number.isSafeInteger(memLimit) || memLimit < MIN_ENTE_MEM_LIMIT) {
    throw damaged('kdfParams.memLimit', 'its key setting "memLimit" is missing or not a valid amount of memory');
  }
  if (typeof opsLimit !== 'number' || !Number.isSafeInteger(opsLimit) || opsLimit < MIN_ENTE_OPS_LIMIT) {
    throw damaged('kdfParams.opsLimit', 'its key setting "opsLimit" is missing or not a whole number of at least 1');
  }
  if (memLimit > MAX_ENTE_MEM_LIMIT) {
    throw new ImportError('malformed', `This Ente Auth export asks for ${mib(memLimit)} MiB of memory to unlock; Ente never uses more than ${mib(MAX_ENTE_MEM_LIMIT)} MiB, so the file is probably damaged.`, { field: 'kdfParams.memLimit' });
  }
  if (memLimit * opsLimit > MAX_ENTE_KDF_WORK) {
    throw new ImportError('malformed', `This Ente Auth export asks for ${opsLimit.toLocaleString('en-US')} passes over ${mib(memLimit)} MiB to unlock, far more work than Ente ever uses, so the file is probably damaged.`, { field: 'kdfParams.opsLimit' });
  }
  return { memLimit, opsLimit };
}

/** The parts of the file, validated, before the password is asked for. */
function readFile(file: Record<string, unknown>): { kdf: EnteKdfParams; header: Bytes; sealed: Bytes } {
  if (typeof file.version === 'number' && file.version !== 1) {
    throw new ImportError('unsupported', 'This Ente Auth export was made by a newer version of Ente that Tessera cannot read yet.', { field: 'version' });
  }
  if (file.version !== 1) throw damaged('version', 'its version number is missing');
  const params = asRecord(file.kdfParams);
  if (!params) throw damaged('kdfParams', 'its key settings (kdfParams) are missing');
  const { memLimit, opsLimit } = checkEnteKdf(params.memLimit, params.opsLimit);
  const salt = bytesField(params.salt, 'kdfParams.salt', `its salt is not ${SALT_BYTES} bytes of base64`, (n) => n === SALT_BYTES);
  const header = bytesField(file.encryptionNonce, 'encryptionNonce', `its "encryptionNonce" is not ${HEADER_BYTES} bytes of base64`, (n) => n === HEADER_BYTES);
  const sealed = bytesField(file.encryptedData, 'encryptedData', 'its "encryptedData" is missing, cut off or not base64', (n) => n >= STREAM_OVERHEAD);
  return { kdf: { memLimit, opsLimit, salt }, header, sealed };
}

/**
 * The 32-byte key Ente derives from the password (crypto_pwhash, Argon2id v1.3). Exported for
 * tests, which compare it with a key computed by the reference argon2 tool.
 *
 * @throws ImportError('malformed') for settings `checkEnteKdf` refuses; ImportError('unsupported')
 *   when the browser cannot give the memory the file asks for.
 */
export async function deriveEnteKey(password: string, kdf: EnteKdfParams): Promise<Bytes> {
  const { memLimit, opsLimit } = checkEnteKdf(kdf.memLimit, kdf.opsLimit);
  if (kdf.salt.length !== SALT_BYTES) throw damaged('kdfParams.salt', `its salt is not ${SALT_BYTES} bytes`);
  const sodium = await loadSodium();
  try {
    const key = sodium.crypto_pwhash(KEY_BYTES, utf8(password), kdf.salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
    return new Uint8Array(key);
  } catch {
    // The only runtime failure left after checkEnteKdf is memory the browser would not grant.
    throw new ImportError('unsupported', `This Ente Auth export needs ${mib(memLimit)} MiB of memory to unlock, more than this browser allowed Tessera. Close other tabs and try again.`);
  }
}

/**
 * Read an encrypted Ente Auth export (already JSON-parsed): the accounts of its plain text.
 *
 * @throws ImportError: 'password-required' (no password given), 'wrong-password' (the stream's
 *   MAC does not verify, which is also what a damaged ciphertext looks like), 'malformed' (bad
 *   structure or refused KDF settings) or 'unsupported' (newer version, memory refused).
 */
export async function parseEnteEncrypted(file: Record<string, unknown>, password?: string): Promise<ParsedEntries> {
  return parseOtpauthList(await decryptEnteExport(file, password), true);
}

/**
 * The plain text inside an encrypted Ente Auth export (the same text as Ente's plain export).
 * Same errors as `parseEnteEncrypted`. The backup page calls this (see core/import/index.ts).
 */
export async function decryptEnteExport(file: Record<string, unknown>, password?: string): Promise<string> {
  const { kdf, header, sealed } = readFile(file);
  if (password === undefined) {
    throw new ImportError('password-required', 'This Ente Auth export is encrypted. Enter the password you chose when exporting it from Ente.');
  }
  const key = await deriveEnteKey(password, kdf);
  const sodium = await loadSodium();
  let pulled: { message: Uint8Array; tag: number } | false;
  try {
    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
    pulled = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed, null);
  } catch {
    throw malformedFile('This Ente Auth export is damaged: its encrypted data cannot be read.');
  } finally {
    key.fill(0);
  }
  if (pulled === false) {
    throw new ImportError('wrong-password', 'That password does not open this Ente Auth export. If you are sure it is right, the file is damaged.');
  }
  // Ente writes one final message; its own CLI also accepts a plain message tag.
  if (pulled.tag !== TAG_FINAL && pulled.tag !== TAG_MESSAGE) {
    throw damaged('encryptedData', 'the encrypted data is incomplete (more parts were expected)');
  }
  const text = fromUtf8(pulled.message);
  if (text === null) throw malformedFile('The password is right, but the accounts in this Ente Auth export are damaged.');
  return text;
}
