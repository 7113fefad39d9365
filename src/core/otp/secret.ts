import { OtpError } from './errors';

/**
 * Base32 secret handling. Sites print and encode secrets in many loose ways (lower case,
 * groups of four separated by spaces or dashes, `=` padding); the vault stores one canonical
 * form so that equality checks, exports and code generation all see the same string.
 */

const BASE32_CHARS = /^[A-Z2-7]*$/;
/** Anything over this is not a real OTP key; refusing it keeps garbage out of the vault. */
const MAX_SECRET_CHARS = 1024;
/** 4 base32 characters carry 20 bits, i.e. 2 whole bytes: the smallest key we accept (16 bits). */
const MIN_SECRET_CHARS = 4;

/**
 * Returns the canonical form of a base32 secret: upper case, no spaces, dashes or padding.
 *
 * Leftover bits at the end (lengths that are not a whole number of bytes) are tolerated, as
 * Google Authenticator and the otpauth library do, because real QR codes contain such keys.
 *
 * @throws OtpError `bad-secret` if empty, too short (< 16 bits), too long or not base32.
 */
export function normalizeSecret(input: string): string {
  if (typeof input !== 'string') {
    throw new OtpError('bad-secret', 'The secret key is missing.');
  }
  const compact = input.replace(/[\s-]+/g, '').toUpperCase();
  const unpadded = compact.replace(/=+$/, '');
  if (unpadded.length === 0) {
    throw new OtpError('bad-secret', 'The secret key is empty.');
  }
  if (!BASE32_CHARS.test(unpadded)) {
    const bad = [...unpadded].find((ch) => !/[A-Z2-7]/.test(ch)) ?? '?';
    throw new OtpError(
      'bad-secret',
      `The secret key is not valid base32: it contains '${bad}'. ` +
        'A secret key uses only the letters A to Z and the digits 2 to 7.',
    );
  }
  if (unpadded.length < MIN_SECRET_CHARS) {
    throw new OtpError(
      'bad-secret',
      `The secret key is too short (${unpadded.length} characters): it must be at least ${MIN_SECRET_CHARS} characters long.`,
    );
  }
  if (unpadded.length > MAX_SECRET_CHARS) {
    throw new OtpError(
      'bad-secret',
      `The secret key is too long (${unpadded.length} characters): at most ${MAX_SECRET_CHARS} are allowed.`,
    );
  }
  return unpadded;
}

/**
 * Heuristic for text printed on a 2FA setup page ("Can't scan? Enter JBSW Y3DP EHPK 3PXP"):
 * true when `text` looks like a base32 secret rather than ordinary words.
 *
 * Only used to *suggest* a secret; requires 16 to 128 base32 characters, a single letter case,
 * at least one digit 2-7 (plain words never contain them) and, when grouped, equal-size groups.
 */
export function isLikelyBase32Secret(text: string): boolean {
  if (typeof text !== 'string') return false;
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 200) return false;
  if (!/^[A-Za-z2-7]+(?:[ -][A-Za-z2-7]+)*=*$/.test(trimmed)) return false;
  const body = trimmed.replace(/=+$/, '');
  const letters = body.replace(/[^A-Za-z]/g, '');
  if (letters !== letters.toUpperCase() && letters !== letters.toLowerCase()) return false;
  const groups = body.split(/[ -]/);
  if (groups.length > 1) {
    const size = groups[0]?.length ?? 0;
    // Every group but the last has the same size; the last may be shorter.
    const regular = groups.every((g, i) => (i === groups.length - 1 ? g.length <= size : g.length === size));
    if (!regular || size < 3) return false;
  }
  const compact = groups.join('');
  if (compact.length < 16 || compact.length > 128) return false;
  return /[2-7]/.test(compact);
}
