import { describe, expect, it } from 'vitest';
import { SAMPLE } from '../../../test/fixtures/accounts';
import { entePlainText, otpauthList } from '../../../test/fixtures/otpauth-text';
import type { AccountInput } from './account';
import { OtpError } from './errors';
import { newAccount } from './new-account';
import { formatOtpauthUri, parseOtpauthUri } from './otpauth-uri';

interface Expected {
  issuer: string;
  name: string;
  type: string;
  secret: string;
  algo: string;
  digits: number;
  period?: number;
  counter?: number;
}

/** The accounts of the generated sample lists (test/fixtures/accounts.ts), typed in by hand. */
const EXPECTED: Expected[] = [
  { issuer: 'Acme Mail', name: 'alice@example.com', type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 },
  { issuer: 'Büro Cloud', name: 'jörg', type: 'totp', secret: 'YYHJ4CBFDCF3M4P5UX7STKGTPCC2VF6D', algo: 'SHA256', digits: 7, period: 20 },
  { issuer: 'Orbit Bank', name: 'bob', type: 'totp', secret: '2RJF4TW462BTWBBWC2O6DEZS4YNYWUNI', algo: 'SHA512', digits: 8, period: 50 },
  { issuer: 'Gamma VPN', name: 'gus', type: 'hotp', secret: 'JWVZQPOSL5M4EMV6YP4HJZ7DOMQUJNDN', algo: 'SHA1', digits: 6, counter: 7 },
  { issuer: 'Air Delta', name: 'carol', type: 'hotp', secret: 'R24MFDVJU5ZUJALBQJ3GY6L5MS22KQGM', algo: 'SHA256', digits: 7, counter: 50 },
  { issuer: 'Zeta Forge', name: 'dan', type: 'hotp', secret: 'PDNOWJPKVX52D6PVV2M3363XFJ5E5DYF', algo: 'SHA512', digits: 8, counter: 70000 },
  { issuer: 'Steam', name: 'sophia', type: 'steam', secret: 'ZKMWOXEOO6VWGCJY5DIHA4YYS2BKB4BS', algo: 'SHA1', digits: 5, period: 30 },
];
const SAMPLE_TEXT: Record<string, string> = {
  'otpauth list ("+" for spaces)': otpauthList(SAMPLE, { plusSpaces: true }),
  'Ente plain export (codeDisplay)': entePlainText(SAMPLE, ['a note']),
};
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

function asExpected(input: AccountInput): Expected {
  const type = input.encoder === 'steam' ? 'steam' : (input.type as string);
  return {
    issuer: input.issuer ?? '',
    name: input.name ?? '',
    type,
    secret: input.secret,
    algo: input.algorithm as string,
    digits: input.digits as number,
    ...(type === 'hotp' ? { counter: input.counter as number } : { period: input.period as number }),
  };
}

function codeOf(uri: string): string | undefined {
  try {
    parseOtpauthUri(uri);
  } catch (error) {
    return error instanceof OtpError ? error.code : `not an OtpError: ${String(error)}`;
  }
  return undefined;
}

describe('parseOtpauthUri on generated sample lists', () => {
  it.each(Object.keys(SAMPLE_TEXT))('%s: all 7 lines give the expected accounts, in order', (what) => {
    expect(lines(SAMPLE_TEXT[what]!).map((line) => asExpected(parseOtpauthUri(line)))).toEqual(EXPECTED);
  });
});

describe('parseOtpauthUri on real-world forms', () => {
  const S = 'JBSWY3DPEHPK3PXP';
  it.each<[string, string, Partial<AccountInput>]>([
    ['plain', `otpauth://totp/ACME:alice?secret=${S}&issuer=ACME`, { issuer: 'ACME', name: 'alice', type: 'totp' }],
    ['spaces after colon', `otpauth://totp/ACME:%20%20alice?secret=${S}`, { issuer: 'ACME', name: 'alice' }],
    ['%3A separator', `otpauth://totp/ACME%3Aalice?secret=${S}`, { issuer: 'ACME', name: 'alice' }],
    ['%3a separator', `otpauth://totp/ACME%3aalice?secret=${S}`, { issuer: 'ACME', name: 'alice' }],
    ['empty issuer prefix', `otpauth://totp/:alice?secret=${S}`, { issuer: '', name: 'alice' }],
    ['issuer and empty name', `otpauth://totp/ACME:?secret=${S}`, { issuer: 'ACME', name: '' }],
    ['no issuer at all', `otpauth://totp/alice%40example.com?secret=${S}`, { issuer: '', name: 'alice@example.com' }],
    ['parameter wins', `otpauth://totp/Contoso%20Co:alice?secret=${S}&issuer=ACME%20Co`, { issuer: 'ACME Co', name: 'alice' }],
    ['empty issuer= falls back', `otpauth://totp/ACME:alice?secret=${S}&issuer=`, { issuer: 'ACME', name: 'alice' }],
    ['+ in issuer is a space', `otpauth://totp/x?secret=${S}&issuer=Air+Canada`, { issuer: 'Air Canada', name: 'x' }],
    ['+ in label is kept', `otpauth://totp/me+2fa@mail.com?secret=${S}`, { name: 'me+2fa@mail.com' }],
    ['lower-case padded spaced secret', `otpauth://totp/x?secret=jbsw%20y3dp%20ehpk%203pxp%3D%3D`, { secret: S }],
    ['surrounding whitespace', `  \notpauth://totp/x?secret=${S}\t `, { secret: S, name: 'x' }],
    ['upper-case keys and scheme', `OTPAUTH://TOTP/x?SECRET=${S}&ALGORITHM=sha1&DIGITS=8`, { algorithm: 'SHA1', digits: 8 }],
    ['lower-case sha512', `otpauth://totp/x?secret=${S}&algorithm=sha512`, { algorithm: 'SHA512' }],
    ['unknown parameters ignored', `otpauth://totp/x?secret=${S}&image=https%3A%2F%2Fa.b%2Fi.png&extra=0`, { name: 'x' }],
    ['period 60', `otpauth://totp/x?secret=${S}&period=60`, { period: 60 }],
    ['hotp ignores period', `otpauth://hotp/x?secret=${S}&counter=7&period=abc`, { type: 'hotp', counter: 7, period: 30 }],
    ['colon in issuer parameter', `otpauth://totp/A%3AB:c?secret=${S}&issuer=A%3AB`, { issuer: 'A:B', name: 'c' }],
    ['unencoded # in name', `otpauth://totp/Ex:team#1?secret=${S}&issuer=Ex`, { issuer: 'Ex', name: 'team#1' }],
    ['no label', `otpauth://totp?secret=${S}`, { issuer: '', name: '' }],
    [
      'steam host',
      `otpauth://steam/Steam:bob?secret=${S}&digits=6&algorithm=SHA256&period=60`,
      { encoder: 'steam', type: 'totp', digits: 5, algorithm: 'SHA1', period: 30, issuer: 'Steam' },
    ],
    ['encoder=steam', `otpauth://totp/Steam:bob?secret=${S}&encoder=steam&digits=5`, { encoder: 'steam', digits: 5 }],
    ['Bitwarden steam://', 'steam://jrzcl47cmxvoqmnpzr2f7j4rgi', { encoder: 'steam', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', digits: 5 }],
  ])('%s', (_label, uri, fields) => {
    expect(parseOtpauthUri(uri)).toMatchObject(fields);
  });
});

describe('parseOtpauthUri refuses bad links', () => {
  const S = 'JBSWY3DPEHPK3PXP';
  it.each([
    ['https://example.com/?secret=' + S, 'not-otpauth'],
    ['', 'not-otpauth'],
    ['otpauth-migration://offline?data=CjUKEPql', 'not-otpauth'],
    [`otpauth://motp/x?secret=${S}`, 'bad-type'],
    [`otpauth://hotp/x?secret=${S}&encoder=steam&counter=1`, 'bad-type'],
    ['otpauth://totp/x', 'missing-secret'],
    ['otpauth://totp/x?issuer=A&secret=', 'missing-secret'],
    ['steam://', 'missing-secret'],
    ['otpauth://totp/x?secret=JBSWY3DP1HPK3PXP', 'bad-secret'],
    ['otpauth://totp/x?secret=AB', 'bad-secret'],
    [`otpauth://totp/x?secret=${S}&digits=10`, 'bad-digits'],
    [`otpauth://totp/x?secret=${S}&digits=5`, 'bad-digits'],
    [`otpauth://totp/x?secret=${S}&digits=six`, 'bad-digits'],
    [`otpauth://totp/x?secret=${S}&period=0`, 'bad-period'],
    [`otpauth://totp/x?secret=${S}&period=-30`, 'bad-period'],
    [`otpauth://totp/x?secret=${S}&algorithm=MD5`, 'bad-algorithm'],
    [`otpauth://hotp/x?secret=${S}`, 'bad-counter'],
    [`otpauth://hotp/x?secret=${S}&counter=-1`, 'bad-counter'],
    [`otpauth://hotp/x?secret=${S}&counter=1.5`, 'bad-counter'],
  ])('%s → %s', (uri, code) => {
    expect(codeOf(uri)).toBe(code);
  });

  it('gives readable messages', () => {
    expect(() => parseOtpauthUri('otpauth://totp/x?secret=AB1CD')).toThrow("contains '1'");
    expect(() => parseOtpauthUri(`otpauth://hotp/x?secret=${S}`)).toThrow('has no counter');
  });

  it('does not leak raw errors on malformed escapes', () => {
    expect(parseOtpauthUri(`otpauth://totp/100%25%:x%ZZ?secret=${S}`)).toMatchObject({ issuer: '100%%', name: 'x%ZZ' });
  });
});

describe('formatOtpauthUri', () => {
  const roundTrip = (input: AccountInput): void => {
    const account = newAccount(input, 0);
    const uri = formatOtpauthUri(account);
    const back = newAccount(parseOtpauthUri(uri), 0);
    expect({ ...back, id: account.id }).toEqual(account);
  };

  it('writes the standard form', () => {
    const account = newAccount({ secret: 'kuvj jom7', issuer: 'Air Canada', name: 'Ben Jamin', type: 'hotp', counter: 50 });
    expect(formatOtpauthUri(account)).toBe(
      'otpauth://hotp/Air%20Canada:Ben%20Jamin?secret=KUVJJOM7&issuer=Air%20Canada&algorithm=SHA1&digits=6&counter=50',
    );
  });

  it.each<[string, AccountInput]>([
    ['totp', { secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', name: 'octo', algorithm: 'SHA256', digits: 8, period: 60 }],
    ['hotp', { secret: 'JBSWY3DPEHPK3PXP', type: 'hotp', counter: 9007199254740991, algorithm: 'SHA512', digits: 7 }],
    ['steam', { secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', encoder: 'steam', issuer: 'Steam', name: 'bob' }],
    ['colons everywhere', { secret: 'JBSWY3DPEHPK3PXP', issuer: 'A:B', name: 'c:d' }],
    ['colon in name without issuer', { secret: 'JBSWY3DPEHPK3PXP', name: 'encoding: ¿äÄéÉ? (demo)' }],
    ['issuer only', { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Only' }],
    ['nothing but a secret', { secret: 'JBSWY3DPEHPK3PXP' }],
    ['special characters', { secret: 'JBSWY3DPEHPK3PXP', issuer: 'A+B & C=D?', name: 'x#y/z%20 é' }],
  ])('round-trips %s', (_label, input) => {
    roundTrip(input);
  });

  it('round-trips every sample account', () => {
    for (const line of lines(SAMPLE_TEXT['otpauth list ("+" for spaces)']!)) {
      roundTrip(parseOtpauthUri(line));
    }
  });
});
