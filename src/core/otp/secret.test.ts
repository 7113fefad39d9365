import { describe, expect, it } from 'vitest';
import { OtpError } from './errors';
import { isLikelyBase32Secret, normalizeSecret } from './secret';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof OtpError ? error.code : `not an OtpError: ${String(error)}`;
  }
  return undefined;
}

describe('normalizeSecret', () => {
  it.each([
    ['JBSWY3DPEHPK3PXP', 'JBSWY3DPEHPK3PXP'],
    ['jbswy3dpehpk3pxp', 'JBSWY3DPEHPK3PXP'],
    ['jbsw y3dp ehpk 3pxp', 'JBSWY3DPEHPK3PXP'],
    ['JBSW-Y3DP-EHPK-3PXP', 'JBSWY3DPEHPK3PXP'],
    ['  JBSWY3DPEHPK3PXP\n', 'JBSWY3DPEHPK3PXP'],
    ['4SJHB4GSD43FZBAI7C2HLRJGPQ======', '4SJHB4GSD43FZBAI7C2HLRJGPQ'],
    ['PIUDISEQYA======', 'PIUDISEQYA'],
    ['GEZA', 'GEZA'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeSecret(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['====', 'empty'],
    ['JBSWY3DP1HPK3PXP', "'1'"],
    ['JBSWY3DP0HPK', "'0'"],
    ['JBSW=Y3DP', "'='"],
    ['JBSW_Y3DP', "'_'"],
    ['GEZ', 'too short'],
    ['A'.repeat(1025), 'too long'],
  ])('refuses %j with bad-secret (%s)', (input, hint) => {
    expect(codeOf(() => normalizeSecret(input))).toBe('bad-secret');
    expect(() => normalizeSecret(input)).toThrow(hint);
  });

  it('names the offending character in the message', () => {
    expect(() => normalizeSecret('ABCD1EFG')).toThrow("The secret key is not valid base32: it contains '1'.");
  });
});

describe('isLikelyBase32Secret', () => {
  it.each([
    'JBSWY3DPEHPK3PXP',
    'jbsw y3dp ehpk 3pxp',
    'JBSW-Y3DP-EHPK-3PXP',
    '4SJHB4GSD43FZBAI7C2HLRJGPQ',
    'GEZDGNBVGY3TQOJQ GEZDGNBVGY3TQOJQ',
    '4SJH B4GS D43F ZBAI 7C2H LRJG PQ',
  ])('accepts %j', (text) => {
    expect(isLikelyBase32Secret(text)).toBe(true);
  });

  it.each([
    'Enter this code in your app',
    'AUTHENTICATIONCODES',
    'JBSWY3DP',
    'JbswY3DPehpk3pxp',
    'JBSWY3DPEHPK3PX1',
    'JBS WY3DPEHP K3PXP',
    '',
    'https://example.com/JBSWY3DPEHPK3PXP',
  ])('rejects %j', (text) => {
    expect(isLikelyBase32Secret(text)).toBe(false);
  });
});
