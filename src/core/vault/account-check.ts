/**
 * Property-by-property validation of an account read back from storage or a backup file.
 * Decrypted data is authenticated, but it may come from an older or buggy writer, and one bad
 * account must be reported (entry number + field) instead of surfacing later as a crash.
 */
import type { Account } from '../otp/account';
import { isObject } from './bytes';

/** Where and why an account is invalid; the caller wraps it in its own error type. */
export interface AccountProblem {
  field: keyof Account | 'account';
  problem: string;
}

const BASE32_RE = /^[A-Z2-7]+$/;
const MAX_SECRET_CHARS = 1024;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** Returns a clean copy of a valid account (unknown properties dropped), or the first problem. */
export function checkAccount(value: unknown): { account: Account } | { problem: AccountProblem } {
  const bad = (field: AccountProblem['field'], problem: string) => ({ problem: { field, problem } });
  if (!isObject(value)) return bad('account', 'is not an account record');
  const v = value;
  if (typeof v.id !== 'string' || v.id.length === 0) return bad('id', 'the account id is missing');
  if (v.type !== 'totp' && v.type !== 'hotp') return bad('type', 'the type must be "totp" or "hotp"');
  if (typeof v.secret !== 'string' || !BASE32_RE.test(v.secret) || v.secret.length > MAX_SECRET_CHARS) {
    return bad('secret', 'the secret is not valid base32');
  }
  if (v.algorithm !== 'SHA1' && v.algorithm !== 'SHA256' && v.algorithm !== 'SHA512') {
    return bad('algorithm', 'the algorithm must be SHA1, SHA256 or SHA512');
  }
  if (v.encoder !== 'standard' && v.encoder !== 'steam') return bad('encoder', 'the code style must be "standard" or "steam"');
  if (v.encoder === 'steam' ? v.digits !== 5 : !isInt(v.digits) || v.digits < 6 || v.digits > 8) {
    return bad('digits', v.encoder === 'steam' ? 'Steam codes must have 5 characters' : 'the number of digits must be 6, 7 or 8');
  }
  if (!isInt(v.period) || v.period < 1) return bad('period', 'the period must be a whole number of seconds, at least 1');
  if (!isInt(v.counter) || v.counter < 0) return bad('counter', 'the counter must be a whole number, 0 or more');
  for (const field of ['issuer', 'name', 'note'] as const) {
    if (typeof v[field] !== 'string') return bad(field, `the ${field} must be text`);
  }
  if (!Array.isArray(v.backupCodes) || !v.backupCodes.every((c) => typeof c === 'string')) {
    return bad('backupCodes', 'the backup codes must be a list of text');
  }
  if (v.site !== null && typeof v.site !== 'string') return bad('site', 'the site must be a domain name or empty');
  if (typeof v.createdAt !== 'number' || !Number.isFinite(v.createdAt) || v.createdAt < 0) {
    return bad('createdAt', 'the creation date is not a valid time');
  }
  for (const field of ['autoSubmit', 'autoFill', 'copyAfterFill'] as const) {
    if (v[field] !== undefined && typeof v[field] !== 'boolean') return bad(field, `the ${field} option must be true or false`);
  }
  if (v.autoFillOrigins !== undefined && !(Array.isArray(v.autoFillOrigins) && v.autoFillOrigins.every((o) => typeof o === 'string'))) {
    return bad('autoFillOrigins', 'the automatic-fill origins must be a list of text');
  }
  return {
    account: {
      id: v.id,
      type: v.type,
      secret: v.secret,
      algorithm: v.algorithm,
      digits: v.digits as number,
      period: v.period,
      counter: v.counter,
      encoder: v.encoder,
      issuer: v.issuer as string,
      name: v.name as string,
      note: v.note as string,
      backupCodes: [...(v.backupCodes as string[])],
      site: v.site,
      createdAt: v.createdAt,
      // Optional per-account options: kept only when set, so older records read unchanged.
      ...(v.autoSubmit === true ? { autoSubmit: true } : {}),
      ...(v.autoFill === true ? { autoFill: true } : {}),
      ...(v.copyAfterFill === true ? { copyAfterFill: true } : {}),
      ...(Array.isArray(v.autoFillOrigins) && v.autoFillOrigins.length ? { autoFillOrigins: [...(v.autoFillOrigins as string[])] } : {}),
    },
  };
}
