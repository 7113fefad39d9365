import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Account, AccountInput } from './account';
import { clearCodeCache, formatCodeForDisplay, generateCode, generateHotp } from './codes';
import { OtpError } from './errors';
import { newAccount } from './new-account';

/** RFC 4648 base32 encoding, written here so the vectors do not depend on the code under test. */
function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...text].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

const make = (input: AccountInput): Account => newAccount(input, 0);

describe('RFC 4226 Appendix D (HOTP)', () => {
  const account = make({ secret: base32(Buffer.from('12345678901234567890')), type: 'hotp' });
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

  it('uses the base32 form of the RFC seed', () => {
    expect(account.secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it.each(expected.map((code, counter) => [counter, code] as const))('counter %i → %s', (counter, code) => {
    expect(generateHotp(account, counter)).toBe(code);
  });

  it('generateCode on an HOTP account shows the code for its stored counter, with no expiry', () => {
    expect(generateCode({ ...account, counter: 3 }, 0)).toEqual({ code: '969429', remainingMs: 0, periodMs: 0 });
  });
});

describe('RFC 6238 Appendix B (TOTP, 8 digits, 30 s)', () => {
  const seeds = {
    SHA1: '12345678901234567890',
    SHA256: '12345678901234567890123456789012',
    SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
  } as const;
  // time (s), SHA1, SHA256, SHA512 — copied from the RFC's table.
  const table: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  const cases = table.flatMap(([time, sha1, sha256, sha512]) => [
    ['SHA1', time, sha1] as const,
    ['SHA256', time, sha256] as const,
    ['SHA512', time, sha512] as const,
  ]);

  it.each(cases)('%s at %i s → %s', (algorithm, time, code) => {
    const account = make({ secret: base32(Buffer.from(seeds[algorithm])), algorithm, digits: 8 });
    expect(generateCode(account, time * 1000).code).toBe(code);
  });
});

describe('TOTP timing', () => {
  const account = make({ secret: 'WQIQ25BRKZYCJVYP' });

  it('reports the time left in the current step', () => {
    expect(generateCode(account, 59_000)).toMatchObject({ remainingMs: 1_000, periodMs: 30_000 });
    expect(generateCode(account, 60_000)).toMatchObject({ remainingMs: 30_000, periodMs: 30_000 });
    expect(generateCode(account, 60_001)).toMatchObject({ remainingMs: 29_999 });
    expect(generateCode(make({ secret: 'WQIQ25BRKZYCJVYP', period: 60 }), 61_500).remainingMs).toBe(58_500);
  });

  // Values from Bitwarden's totp.rs tests at 2023-01-01T00:00:00Z.
  it.each<[string, AccountInput, string]>([
    ['SHA1/6/30', { secret: 'WQIQ25BRKZYCJVYP' }, '194506'],
    ['lower-case secret', { secret: 'wqiq25brkzycjvyp' }, '194506'],
    ['padded 10-char secret', { secret: 'PIUDISEQYA======' }, '829846'],
    ['period 60', { secret: 'WQIQ25BRKZYCJVYP', period: 60 }, '730364'],
    // vectors/README.md lists this one as "period=60 + SHA256"; recomputed with Node's HMAC it
    // is SHA256 with the default 30 s period (period 60 gives 912959).
    ['SHA256', { secret: 'WQIQ25BRKZYCJVYP', algorithm: 'SHA256' }, '842615'],
    ['Steam', { secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ', encoder: 'steam' }, '7W6CJ'],
  ])('Bitwarden vector %s', (_label, input, code) => {
    expect(generateCode(make(input), 1672531200_000).code).toBe(code);
  });
});

describe('Steam Guard codes', () => {
  const secret = 'JRZCL47CMXVOQMNPZR2F7J4RGI'; // Aegis sample entry 7 (Boeing / Sophia)
  const account = make({ secret, encoder: 'steam' });

  /** Steam's algorithm done independently with Node's HMAC. */
  function steamByHand(time: number): string {
    const message = Buffer.alloc(8);
    message.writeBigUInt64BE(BigInt(Math.floor(time / 30)));
    const mac = createHmac('sha1', base32Decode(secret)).update(message).digest();
    const offset = (mac[19] ?? 0) & 0x0f;
    let value = mac.readUInt32BE(offset) & 0x7fffffff;
    let code = '';
    for (let i = 0; i < 5; i += 1) {
      code += '23456789BCDFGHJKMNPQRTVWXY'[value % 26];
      value = Math.floor(value / 26);
    }
    return code;
  }

  it.each([0, 59, 1_608_146_877, 1_672_531_200, 2_000_000_000])('at %i s matches the hand computation', (time) => {
    const { code } = generateCode(account, time * 1000);
    expect(code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    expect(code).toBe(steamByHand(time));
  });
});

describe('errors and cache', () => {
  const account = make({ secret: 'JBSWY3DPEHPK3PXP' });

  it.each<[string, () => unknown, string]>([
    ['negative counter', () => generateHotp(account, -1), 'bad-counter'],
    ['fractional counter', () => generateHotp(account, 0.5), 'bad-counter'],
    ['NaN time', () => generateCode(account, Number.NaN), 'bad-time'],
    ['corrupt secret', () => generateCode({ ...account, id: 'x', secret: 'AB1!' }, 0), 'bad-secret'],
    ['corrupt period', () => generateCode({ ...account, period: 0 }, 0), 'bad-period'],
  ])('%s → %s', (_label, fn, code) => {
    expect(fn).toThrow(OtpError);
    try {
      fn();
    } catch (error) {
      expect((error as OtpError).code).toBe(code);
    }
  });

  it('uses the new secret when an account is edited under the same id', () => {
    const before = generateCode(account, 0).code;
    const edited = { ...account, secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', digits: 8 };
    expect(generateCode(edited, 59_000).code).toBe('94287082');
    expect(generateCode(account, 0).code).toBe(before);
    clearCodeCache();
    expect(generateCode(account, 0).code).toBe(before);
  });
});

describe('formatCodeForDisplay', () => {
  it.each([
    ['123456', '123 456'],
    ['1234567', '123 4567'],
    ['12345678', '1234 5678'],
    ['7W6CJ', '7W6CJ'],
  ])('%s → %s', (code, shown) => {
    expect(formatCodeForDisplay(code)).toBe(shown);
  });
});
