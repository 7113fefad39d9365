/**
 * How many bits a TOTP/HOTP secret carries, for the "short secret" warning. RFC 4226 §4
 * requires 128 bits and recommends 160; some sites still hand out 80-bit keys. Short keys
 * still work, so this only informs: nothing is refused for it.
 */

/** RFC 4226's minimum shared-secret length. */
export const RECOMMENDED_SECRET_BITS = 128;

/**
 * The bits of the base32 secret in `secretOrUri` (a bare secret, loosely written, or the
 * `secret` of an otpauth:// URI), or null when there is nothing base32 to measure.
 */
export function secretBits(secretOrUri: string): number | null {
  let secret = secretOrUri.trim();
  if (/^otpauth:/i.test(secret)) {
    const query = secret.indexOf('?');
    secret = query < 0 ? '' : (new URLSearchParams(secret.slice(query + 1)).get('secret') ?? '');
  }
  const compact = secret.replace(/[\s-]+/g, '').replace(/=+$/, '').toUpperCase();
  if (compact === '' || !/^[A-Z2-7]+$/.test(compact)) return null;
  // Each base32 character carries 5 bits; trailing bits short of a byte are not key material.
  return Math.floor((compact.length * 5) / 8) * 8;
}

/** Whether to warn that a secret is shorter than 128 bits (null input: nothing to warn about). */
export function isShortSecret(secretOrUri: string): boolean {
  const bits = secretBits(secretOrUri);
  return bits !== null && bits < RECOMMENDED_SECRET_BITS;
}
