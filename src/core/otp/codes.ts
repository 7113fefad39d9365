import { HOTP, Secret } from 'otpauth';
import type { Account } from './account';
import { OtpError } from './errors';

/**
 * One-time code generation (RFC 4226 HOTP, RFC 6238 TOTP, Steam Guard) on top of otpauth.
 * The clock is a parameter so callers and tests control time.
 */

/** The fields code generation needs; a full {@link Account} satisfies it. */
export type CodeParams = Pick<Account, 'id' | 'type' | 'secret' | 'algorithm' | 'digits' | 'period' | 'encoder'>;

/** A code plus how long it stays valid (both 0 for HOTP, whose codes do not expire). */
export interface CodeResult {
  code: string;
  remainingMs: number;
  periodMs: number;
}

const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
const STEAM_LENGTH = 5;
/** 10 decimal digits exceed 2^31, so otpauth's `value mod 10^10` is the whole truncated value. */
const FULL_TRUNCATION_DIGITS = 10;

/**
 * Decoded secrets, keyed by account id + secret, so listing many accounts every second does
 * not re-decode base32. Small and clearable so keys do not outlive a vault lock.
 */
const secretCache = new Map<string, Secret>();
const CACHE_LIMIT = 256;

function secretFor(params: CodeParams): Secret {
  const key = `${params.id}\n${params.secret}`;
  let secret = secretCache.get(key);
  if (secret === undefined) {
    try {
      secret = Secret.fromBase32(params.secret);
    } catch {
      throw new OtpError('bad-secret', 'The secret key of this account is not valid base32, so no code can be made.');
    }
    if (secret.bytes.length < 2) {
      throw new OtpError('bad-secret', 'The secret key is too short to make codes.');
    }
    if (secretCache.size >= CACHE_LIMIT) secretCache.clear();
    secretCache.set(key, secret);
  }
  return secret;
}

/** Forgets every decoded secret (call when the vault locks). */
export function clearCodeCache(): void {
  secretCache.clear();
}

/** Steam Guard: base-26 digits of the 31-bit truncated HMAC value, least significant first. */
function steamCode(fullValue: number): string {
  let value = fullValue;
  let out = '';
  for (let i = 0; i < STEAM_LENGTH; i += 1) {
    out += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return out;
}

function codeAt(params: CodeParams, counter: number): string {
  const secret = secretFor(params);
  if (params.encoder === 'steam') {
    const full = HOTP.generate({ secret, algorithm: params.algorithm, digits: FULL_TRUNCATION_DIGITS, counter });
    return steamCode(Number(full));
  }
  if (!Number.isInteger(params.digits) || params.digits < 1 || params.digits > 10) {
    throw new OtpError('bad-digits', `Codes must be 6, 7 or 8 digits long, not ${params.digits}.`);
  }
  return HOTP.generate({ secret, algorithm: params.algorithm, digits: params.digits, counter });
}

/**
 * The HOTP code for `counter` (RFC 4226). Does not change the account: the caller advances
 * and stores `account.counter` after showing the code.
 */
export function generateHotp(account: CodeParams, counter: number): string {
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new OtpError('bad-counter', `The counter must be a whole number of 0 or more, not ${counter}.`);
  }
  return codeAt(account, counter);
}

/**
 * The current code. For TOTP (and Steam) also the time left in this step; for HOTP, the code
 * for `account.counter` with `remainingMs` and `periodMs` set to 0.
 *
 * @param now Time in ms since epoch.
 */
export function generateCode(account: CodeParams & Pick<Account, 'counter'>, now: number = Date.now()): CodeResult {
  if (account.type === 'hotp') {
    return { code: generateHotp(account, account.counter), remainingMs: 0, periodMs: 0 };
  }
  if (!Number.isFinite(now) || now < 0) {
    throw new OtpError('bad-time', "The device's clock gives an impossible time, so no code can be made.");
  }
  if (!Number.isSafeInteger(account.period) || account.period < 1) {
    throw new OtpError('bad-period', `The code period must be 1 second or more, not ${account.period}.`);
  }
  const periodMs = account.period * 1000;
  const counter = Math.floor(now / periodMs);
  return { code: codeAt(account, counter), remainingMs: periodMs - (now % periodMs), periodMs };
}

/**
 * Groups a code for reading: 6 → "123 456", 7 → "123 4567", 8 → "1234 5678"; 5 and shorter
 * (Steam) unchanged. Never more than one space.
 */
export function formatCodeForDisplay(code: string): string {
  if (code.length < 6) return code;
  const half = Math.floor(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}
