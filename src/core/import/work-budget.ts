/**
 * Work budgets for files that make Tessera derive keys once per slot or key record (Aegis
 * password slots, Authenticator key records). Each derivation is capped on its own; these caps
 * bound a whole file, so one with a thousand slots cannot keep the browser busy for minutes.
 * Real exports stay far below them (Aegis: one or two slots; Authenticator: one key).
 */
import { ImportError } from './import-error';

/** Password slots or key records tried (derived) per file, at most. */
export const MAX_KDF_RUNS = 8;
/**
 * scrypt work of all Aegis slots tried, in bytes × passes (128·N·r·p each): 8 slots at Aegis's
 * own settings (N=32768, r=8, p=1: 32 MiB each), about 4 s in a browser.
 */
export const MAX_AEGIS_SCRYPT_WORK = MAX_KDF_RUNS * 128 * 32768 * 8;
/**
 * Argon2id work of all Authenticator key records, in KiB × passes (derivation plus the check
 * against the record's hash): 1 GiB × 1, room for 8 keys at the extension's settings or one at
 * the largest check settings accepted.
 */
export const MAX_EXTENSION_ARGON2_WORK = 1024 * 1024;

/** The refusal, naming the limit. The UI shows the `err_too_much_work` locale text for it. */
export function tooMuchWork(app: string, detail: string): ImportError {
  return new ImportError('too-much-work', `Tessera stopped opening this ${app} file: ${detail} Tessera tries at most ${MAX_KDF_RUNS} password slots or keys per file, within a fixed total of key-derivation work.`);
}

/** Whole MiB, for messages. */
export const mib = (bytes: number): string => Math.round(bytes / 1024 ** 2).toLocaleString('en-US');
