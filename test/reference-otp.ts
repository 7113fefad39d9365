/**
 * An independent reference implementation of RFC 4226/6238 for tests, on Node's own crypto
 * (not the otpauth library the product uses), so tests compare against a second computation.
 */
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error(`bad base32 char ${ch}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function referenceHotp(secretBase32: string, counter: number, digits = 6, algorithm = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, base32Decode(secretBase32)).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

export function referenceTotp(secretBase32: string, atMs = Date.now(), period = 30, digits = 6, algorithm = 'sha1'): string {
  return referenceHotp(secretBase32, Math.floor(atMs / 1000 / period), digits, algorithm);
}

/** Codes valid around now (previous, current, next step), for comparisons that straddle a step edge. */
export function codesAround(secretBase32: string, period = 30, digits = 6, algorithm = 'sha1'): string[] {
  const now = Date.now();
  return [-1, 0, 1].map((d) => referenceTotp(secretBase32, now + d * period * 1000, period, digits, algorithm));
}
