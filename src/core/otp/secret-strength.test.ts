import { describe, expect, test } from 'vitest';
import { isShortSecret, secretBits } from './secret-strength';

describe('secret length', () => {
  test.each<[string, number | null]>([
    ['JBSWY3DPEHPK3PXP', 80], // 16 characters: the classic demo key, 10 bytes
    ['jbsw y3dp ehpk 3pxp', 80],
    ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 160], // 32 characters: 20 bytes, RFC 6238's key
    ['GEZDGNBVGY3TQOJQGEZDGNBV========', 120], // 24 characters, padded: 15 bytes
    ['GEZDGNBVGY3TQOJQGEZDGNBVGY', 128], // 26 characters: 130 bits, 16 whole bytes
    ['GEZDGNBVGY3TQOJQGEZDGNBVGY3A', 136], // 28 characters: 17 bytes
    ['otpauth://totp/X:me?secret=JBSWY3DPEHPK3PXP&issuer=X', 80],
    ['otpauth://totp/X:me?issuer=X', null],
    ['not base32!', null],
    ['', null],
  ])('%s → %s bits', (input, bits) => {
    expect(secretBits(input)).toBe(bits);
  });

  test('warns below 128 bits only', () => {
    expect(isShortSecret('JBSWY3DPEHPK3PXP')).toBe(true);
    expect(isShortSecret('GEZDGNBVGY3TQOJQGEZDGNBVGY3A')).toBe(false);
    expect(isShortSecret('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toBe(false);
    expect(isShortSecret('')).toBe(false);
  });
});
