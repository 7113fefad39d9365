import type { AccountInput, Algorithm, Encoder, OtpType } from '../otp/account';
import { OtpError } from '../otp/errors';
import { normalizeSecret } from '../otp/secret';
import { EntrySkip, malformedEntry } from './import-error';

/** Loosely typed fields as a parser lifted them from a file; `toInput` validates them. */
export interface RawAccount {
  secret: unknown;
  type?: OtpType;
  encoder?: Encoder;
  algorithm?: unknown;
  digits?: unknown;
  period?: unknown;
  counter?: unknown;
  issuer?: unknown;
  name?: unknown;
  note?: unknown;
}

/** Digits accepted for decimal codes: the same 6-8 that core/otp's newAccount accepts. */
export const MIN_DIGITS = 6;
/** Upper bound for decimal codes (see MIN_DIGITS). */
export const MAX_DIGITS = 8;
/** One day: anything longer is a corrupted value, not a real TOTP step. */
export const MAX_PERIOD = 86_400;

/**
 * Canonical base32 (upper case, no padding/spaces/dashes) via core/otp's rules, so an import
 * accepts exactly the secrets the rest of Tessera accepts. Returns the refusal text on failure.
 */
export function normalizeBase32(secret: string): { secret: string } | { problem: string } {
  try {
    return { secret: normalizeSecret(secret) };
  } catch (err) {
    if (!(err instanceof OtpError)) throw err;
    return { problem: err.message.charAt(0).toLowerCase() + err.message.slice(1).replace(/\.$/, '') };
  }
}

/** Map an algorithm name in any common spelling; unknown names skip the entry (can't compute codes). */
export function parseAlgorithm(value: unknown, entry: number): Algorithm {
  if (value === undefined || value === null || value === '') return 'SHA1';
  if (typeof value !== 'string') throw malformedEntry(entry, 'algorithm', 'the algorithm is not readable');
  const key = value.toUpperCase().replace(/[-_\s]/g, '');
  if (key === 'SHA1' || key === 'SHA256' || key === 'SHA512') return key;
  throw new EntrySkip(`it uses the ${value.slice(0, 40)} algorithm, which Tessera does not support`);
}

function toInteger(value: unknown, entry: number, field: string, label: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw malformedEntry(entry, field, `the ${label} must be a whole number from ${min} to ${max}`);
  }
  return n;
}

function toText(value: unknown, entry: number, field: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw malformedEntry(entry, field, `the ${field} is not text`);
  return value.trim();
}

/**
 * Validate and normalise one account. Throws ImportError('malformed') naming the entry and
 * field, or EntrySkip for features Tessera lacks. Steam accounts are always SHA1/5 digits.
 */
export function toInput(raw: RawAccount, entry: number): AccountInput {
  if (typeof raw.secret !== 'string' || raw.secret.trim() === '') {
    throw malformedEntry(entry, 'secret', 'the secret is missing');
  }
  const checked = normalizeBase32(raw.secret);
  if ('problem' in checked) throw malformedEntry(entry, 'secret', checked.problem);
  const secret = checked.secret;
  const type: OtpType = raw.type ?? 'totp';
  const encoder: Encoder = raw.encoder ?? 'standard';
  const steam = encoder === 'steam';
  const algorithm = steam ? 'SHA1' : parseAlgorithm(raw.algorithm, entry);
  const digits = steam ? 5 : toInteger(raw.digits, entry, 'digits', 'number of digits', MIN_DIGITS, MAX_DIGITS) ?? 6;
  const period = toInteger(raw.period, entry, 'period', 'period (seconds)', 1, MAX_PERIOD) ?? 30;
  const counter = type === 'hotp'
    ? toInteger(raw.counter, entry, 'counter', 'counter', 0, Number.MAX_SAFE_INTEGER) ?? 0
    : 0;
  return {
    secret,
    type,
    algorithm,
    digits,
    period,
    counter,
    encoder,
    issuer: toText(raw.issuer, entry, 'issuer'),
    name: toText(raw.name, entry, 'name'),
    note: toText(raw.note, entry, 'note'),
  };
}

/** "Issuer (name)" for skipped-entry lists; never includes the secret. */
export function entryLabel(issuer: unknown, name: unknown): string {
  const i = typeof issuer === 'string' ? issuer.trim() : '';
  const n = typeof name === 'string' ? name.trim() : '';
  if (i && n) return `${i} (${n})`;
  return i || n || 'Unnamed account';
}

/** Drop a leading "Issuer:" from a name when it repeats the issuer (Google, andOTP, 2FAS do this). */
export function stripIssuerPrefix(name: string, issuer: string): string {
  if (!issuer) return name;
  const prefix = `${issuer}:`;
  return name.startsWith(prefix) ? name.slice(prefix.length).trim() : name;
}
