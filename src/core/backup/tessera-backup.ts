/**
 * Tessera's own encrypted backup file: self-contained JSON carrying its KDF parameters, a
 * key-check value and one AES-256-GCM ciphertext of the accounts and the sites' field hints
 * (security-bar A.7).
 *
 * The key-check value (`kcv`) is a fixed block encrypted under the same key with its own IV.
 * It lets the reader say "wrong passphrase" (kcv fails) apart from "tampered" (kcv passes, body
 * fails). Edits to the KDF parameters change the derived key, so they read as a wrong passphrase.
 */
import type { Account } from '../otp/account';
import { canonicalJson, checkAccount, checkKdfParams, deriveWrappingKey, freshKdfParams, fromBase64, isPassphraseLongEnough, MIN_PASSPHRASE_LENGTH, toBase64, type KdfParams } from '../vault';
import { BackupError } from './backup-error';
import { hintsForBackup, readBackupHints } from './backup-hints';
import type { FieldHints } from '../fields/field-hints';

export const BACKUP_FORMAT = 'tessera-backup';
export const BACKUP_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KCV_PLAIN = 'tessera-keycheck';
/** Fixed AAD for the kcv: it must not cover editable header fields, or an edit would pass for a wrong passphrase. */
const KCV_AAD = new TextEncoder().encode('tessera-backup-kcv');
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The file as JSON. `ct` is written last so a cut-off file is always cut-off JSON. */
interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  kdf: KdfParams;
  kcv: { iv: string; ct: string };
  iv: string;
  ct: string;
}

/** Options for `exportBackup`; `kdf` must meet the floors (a weaker file could never be read). */
export interface ExportOptions {
  kdf?: KdfParams;
  /** Export time, for reproducible tests; defaults to now. */
  now?: Date;
  /** The fields sites taught Tessera (site → hint); invalid ones are not written. */
  fieldHints?: FieldHints;
}

/** What a backup holds once read and checked. */
export interface BackupContents {
  accounts: Account[];
  exportedAt: number | null;
  /** Valid field hints by site; none for a backup made before hints were saved. */
  fieldHints: FieldHints;
  /** Hint entries left out as damaged or beyond the cap (they change nothing else). */
  skippedHints: number;
}

function headerAad(file: Omit<BackupFile, 'ct'>): Uint8Array<ArrayBuffer> {
  const { format, version, kdf, kcv, iv, createdAt } = file;
  return encoder.encode(canonicalJson({ format, version, kdf, kcv, iv, createdAt }));
}

const randomIv = () => crypto.getRandomValues(new Uint8Array(IV_BYTES));

function validateAccounts(list: unknown[]): Account[] {
  return list.map((item, i) => {
    const result = checkAccount(item);
    if ('problem' in result) {
      const { field, problem } = result.problem;
      throw new BackupError('invalid-account', `Account ${i + 1} in the backup is invalid (${field}): ${problem}.`, { entry: i + 1, field });
    }
    return result.account;
  });
}

/** Encrypts all accounts (every field, secrets and backup codes included) and the field hints into backup file text. */
export async function exportBackup(accounts: Account[], passphrase: string, opts: ExportOptions = {}): Promise<string> {
  if (!isPassphraseLongEnough(passphrase)) {
    throw new BackupError('passphrase-too-short', `The backup passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`);
  }
  const clean = validateAccounts(accounts);
  const kdf = opts.kdf ?? freshKdfParams();
  const checked = checkKdfParams(kdf);
  if ('problem' in checked) throw new BackupError(checked.problem.kind === 'weak-kdf' ? 'weak-kdf' : 'unsupported-kdf', checked.problem.message);
  const now = opts.now ?? new Date();
  const key = await deriveWrappingKey(passphrase, checked.params);
  const kcvIv = randomIv();
  const kcvCt = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: kcvIv, additionalData: KCV_AAD }, key, encoder.encode(KCV_PLAIN));
  const iv = randomIv();
  const header = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: now.toISOString(),
    kdf: checked.params,
    kcv: { iv: toBase64(kcvIv), ct: toBase64(new Uint8Array(kcvCt)) },
    iv: toBase64(iv),
  } as const;
  const payload = { accounts: clean, exportedAt: now.getTime(), fieldHints: hintsForBackup(opts.fieldHints ?? {}) };
  const plain = encoder.encode(JSON.stringify(payload));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: headerAad(header) }, key, plain);
  const file: BackupFile = { ...header, ct: toBase64(new Uint8Array(ct)) };
  return JSON.stringify(file, null, 1);
}

const TAMPERED = 'The backup file was changed or damaged after it was made, so it was not imported.';

/** Parses and shape-checks the file without deriving anything (floors are checked here). */
function parseFile(text: string): BackupFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Our writer puts the format first: a file that starts like ours but does not parse was cut off.
    if (/^\s*\{\s*"format"\s*:\s*"tessera-backup"/.test(text)) {
      throw new BackupError('truncated', 'The backup file is incomplete (it was cut off), so it cannot be read.');
    }
    throw new BackupError('not-a-tessera-backup', 'This file is not a Tessera backup.');
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== BACKUP_FORMAT) {
    throw new BackupError('not-a-tessera-backup', 'This file is not a Tessera backup.');
  }
  const f = json as Record<string, unknown>;
  if (f.version !== BACKUP_VERSION) {
    if (typeof f.version === 'number' && f.version > BACKUP_VERSION) {
      throw new BackupError('unsupported-version', 'This backup was made by a newer version of Tessera. Update Tessera to import it.');
    }
    throw new BackupError('tampered', TAMPERED);
  }
  const kdf = checkKdfParams(f.kdf);
  if ('problem' in kdf) {
    const { kind, message } = kdf.problem;
    throw new BackupError(kind === 'malformed' ? 'tampered' : kind, message);
  }
  const kcv = f.kcv as Record<string, unknown> | null | undefined;
  const ivOk = (v: unknown) => typeof v === 'string' && fromBase64(v)?.length === IV_BYTES;
  if (typeof f.createdAt !== 'string' || !ivOk(f.iv) || typeof kcv !== 'object' || kcv === null || !ivOk(kcv.iv)) {
    throw new BackupError('tampered', TAMPERED);
  }
  if (typeof kcv.ct !== 'string' || fromBase64(kcv.ct)?.length !== KCV_PLAIN.length + TAG_BYTES) throw new BackupError('tampered', TAMPERED);
  const ct = typeof f.ct === 'string' ? fromBase64(f.ct) : null;
  if (!ct || ct.length < TAG_BYTES) {
    throw new BackupError('truncated', 'The backup file is incomplete (its encrypted part is cut off), so it cannot be read.');
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: f.createdAt,
    kdf: kdf.params,
    kcv: { iv: kcv.iv as string, ct: kcv.ct },
    iv: f.iv as string,
    ct: f.ct as string,
  };
}

async function decrypt(key: CryptoKey, iv: string, ct: string, aad: Uint8Array<ArrayBuffer>): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(iv)!, additionalData: aad }, key, fromBase64(ct)!));
  } catch {
    return null;
  }
}

/**
 * Decrypts backup text. KDF floors are always enforced, before any derivation.
 * Throws BackupError with a code for every failure; each account is validated.
 */
export async function readBackup(text: string, passphrase: string): Promise<BackupContents> {
  const file = parseFile(text);
  const key = await deriveWrappingKey(passphrase, file.kdf);
  const check = await decrypt(key, file.kcv.iv, file.kcv.ct, KCV_AAD);
  if (!check || new TextDecoder().decode(check) !== KCV_PLAIN) {
    throw new BackupError('wrong-passphrase', 'Wrong passphrase for this backup.');
  }
  const plain = await decrypt(key, file.iv, file.ct, headerAad(file));
  if (!plain) throw new BackupError('tampered', TAMPERED);
  let payload: unknown;
  try {
    payload = JSON.parse(decoder.decode(plain));
  } catch {
    throw new BackupError('tampered', TAMPERED);
  }
  const list = (payload as { accounts?: unknown } | null)?.accounts;
  if (!Array.isArray(list)) throw new BackupError('tampered', TAMPERED);
  const { exportedAt, fieldHints } = payload as { exportedAt?: unknown; fieldHints?: unknown };
  const accounts = validateAccounts(list);
  const hints = readBackupHints(fieldHints);
  return { accounts, exportedAt: typeof exportedAt === 'number' ? exportedAt : null, fieldHints: hints.hints, skippedHints: hints.skipped };
}
