/**
 * RFC 4226/6238 reference on Node's own crypto, for the Firefox smoke test. It mirrors
 * test/reference-otp.ts (which plain Node cannot import, being TypeScript) so the code the
 * extension shows is compared with a second, independent computation rather than otpauth's.
 */
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** @param {string} text */
function base32Decode(text) {
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/[\s=]/g, '').toUpperCase()) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error(`bad base32 character ${ch}`);
    value = ((value << 5) | idx) & 0xffff; // only the last few bits are ever needed
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/**
 * @param {string} secret base32
 * @param {number} counter
 * @param {number} [digits]
 */
export function referenceHotp(secret, counter, digits = 6) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits).padStart(digits, '0');
}

/**
 * SHA-1 TOTP codes of the previous, current and next step, so a comparison that straddles a
 * step boundary still holds.
 * @param {string} secret base32
 * @param {number} [period]
 */
export function codesAround(secret, period = 30) {
  const step = Math.floor(Date.now() / 1000 / period);
  return [step - 1, step, step + 1].map((c) => referenceHotp(secret, c));
}
