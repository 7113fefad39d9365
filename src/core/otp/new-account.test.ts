import { describe, expect, it } from 'vitest';
import type { AccountInput } from './account';
import { OtpError } from './errors';
import { newAccount } from './new-account';

const SECRET = 'JBSWY3DPEHPK3PXP';

function codeOf(input: AccountInput): string | undefined {
  try {
    newAccount(input, 0);
  } catch (error) {
    return error instanceof OtpError ? error.code : `not an OtpError: ${String(error)}`;
  }
  return undefined;
}

describe('newAccount', () => {
  it('fills defaults, trims labels and stamps the creation time', () => {
    const account = newAccount({ secret: 'jbsw y3dp ehpk 3pxp', issuer: '  GitHub ', name: ' octo\t' }, 1234);
    expect(account).toMatchObject({
      type: 'totp',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      encoder: 'standard',
      issuer: 'GitHub',
      name: 'octo',
      note: '',
      backupCodes: [],
      site: null,
      createdAt: 1234,
    });
    expect(account.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives every account a different random id', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newAccount({ secret: SECRET }).id));
    expect(ids.size).toBe(50);
  });

  it('accepts lower-case and dashed algorithm names', () => {
    expect(newAccount({ secret: SECRET, algorithm: 'sha256' as never }).algorithm).toBe('SHA256');
    expect(newAccount({ secret: SECRET, algorithm: 'SHA-512' as never }).algorithm).toBe('SHA512');
  });

  it('keeps HOTP counters and 7/8 digit codes', () => {
    const account = newAccount({ secret: SECRET, type: 'hotp', counter: 10300, digits: 8 });
    expect([account.type, account.counter, account.digits]).toEqual(['hotp', 10300, 8]);
    expect(newAccount({ secret: SECRET, digits: 7 }).digits).toBe(7);
  });

  it('gives Steam accounts their fixed parameters', () => {
    const account = newAccount({ secret: SECRET, encoder: 'steam' });
    expect([account.type, account.digits, account.algorithm, account.period]).toEqual(['totp', 5, 'SHA1', 30]);
  });

  it.each<[string, AccountInput, string]>([
    ['no secret', { secret: '' }, 'missing-secret'],
    ['bad secret', { secret: 'not a secret!' }, 'bad-secret'],
    ['5 digits without Steam', { secret: SECRET, digits: 5 }, 'bad-digits'],
    ['9 digits', { secret: SECRET, digits: 9 }, 'bad-digits'],
    ['6.5 digits', { secret: SECRET, digits: 6.5 }, 'bad-digits'],
    ['6 digits for Steam', { secret: SECRET, encoder: 'steam', digits: 6 }, 'bad-digits'],
    ['period 0', { secret: SECRET, period: 0 }, 'bad-period'],
    ['period 1.5', { secret: SECRET, period: 1.5 }, 'bad-period'],
    ['Steam period 60', { secret: SECRET, encoder: 'steam', period: 60 }, 'bad-period'],
    ['counter -1', { secret: SECRET, type: 'hotp', counter: -1 }, 'bad-counter'],
    ['counter 2.5', { secret: SECRET, type: 'hotp', counter: 2.5 }, 'bad-counter'],
    ['MD5', { secret: SECRET, algorithm: 'MD5' as never }, 'bad-algorithm'],
    ['Steam SHA256', { secret: SECRET, encoder: 'steam', algorithm: 'SHA256' }, 'bad-algorithm'],
    ['type motp', { secret: SECRET, type: 'motp' as never }, 'bad-type'],
    ['Steam HOTP', { secret: SECRET, encoder: 'steam', type: 'hotp' }, 'bad-type'],
    ['issuer not text', { secret: SECRET, issuer: 42 as never }, 'bad-label'],
  ])('refuses %s', (_label, input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it('explains the problem in words', () => {
    expect(() => newAccount({ secret: SECRET, digits: 9 })).toThrow('Codes must be 6, 7 or 8 digits long, not 9.');
  });
});

describe('per-account options', () => {
  it('keeps "press submit" but never "fill automatically", which needs this browser\'s permission', () => {
    const a = newAccount({ secret: 'JBSWY3DPEHPK3PXP', autoSubmit: true, autoFill: true });
    expect(a.autoSubmit).toBe(true);
    expect('autoFill' in a).toBe(false);
    expect('autoSubmit' in newAccount({ secret: 'JBSWY3DPEHPK3PXP' })).toBe(false);
  });
});
