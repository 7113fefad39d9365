import type { Algorithm, OtpType } from './account';
import { OtpError } from './errors';

/**
 * Field validators shared by `newAccount` and the otpauth parser, so that a form, a QR code
 * and an import all refuse the same values with the same messages.
 */

/** Steam Guard's fixed parameters (Steam ignores whatever else a link says). */
export const STEAM = { digits: 5, algorithm: 'SHA1', period: 30 } as const;

/** Accepts `SHA1`, `sha1`, `SHA-256`, … and returns the canonical name. */
export function parseAlgorithm(value: unknown): Algorithm {
  const text = typeof value === 'string' ? value.trim() : String(value);
  const match = /^sha-?(1|256|512)$/i.exec(text);
  if (!match) {
    throw new OtpError(
      'bad-algorithm',
      `The algorithm "${text}" is not supported: use SHA1, SHA256 or SHA512.`,
    );
  }
  return `SHA${match[1]}` as Algorithm;
}

/** Accepts `totp`/`hotp` in any case. */
export function parseType(value: unknown): OtpType {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (text === 'totp' || text === 'hotp') return text;
  throw new OtpError(
    'bad-type',
    `The code type "${String(value)}" is not supported: use time-based (TOTP) or counter-based (HOTP).`,
  );
}

/** Digits must be 6–8 for standard codes; Steam codes are always 5 characters. */
export function checkDigits(value: unknown, steam: boolean): number {
  if (steam) {
    if (value !== STEAM.digits) {
      throw new OtpError('bad-digits', `Steam codes are always 5 characters long, not ${String(value)}.`);
    }
    return STEAM.digits;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 6 || value > 8) {
    throw new OtpError('bad-digits', `Codes must be 6, 7 or 8 digits long, not ${String(value)}.`);
  }
  return value;
}

/** The time step in whole seconds, at least 1. */
export function checkPeriod(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new OtpError(
      'bad-period',
      `The code period must be a whole number of seconds (1 or more), not ${String(value)}.`,
    );
  }
  return value;
}

/** The HOTP counter: a whole number from 0 up to 2^53 - 1 (JavaScript's exact integers). */
export function checkCounter(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new OtpError('bad-counter', `The counter must be a whole number of 0 or more, not ${String(value)}.`);
  }
  return value;
}

/** Parses a decimal integer from text (a URI parameter); NaN if it is not one. */
export function parseIntegerText(text: string): number {
  const trimmed = text.trim();
  return /^\+?\d{1,16}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Trims a label field; refuses non-strings (e.g. from a damaged import). */
export function checkLabel(value: unknown, field: 'issuer' | 'name' | 'note'): string {
  if (typeof value !== 'string') {
    throw new OtpError('bad-label', `The account's ${field} must be text.`);
  }
  return field === 'note' ? value : value.trim();
}
