import { describe, expect, it } from 'vitest';
import { SAMPLE } from '../../../test/fixtures/accounts';
import { bytesField, migrationLink, migrationPayload, otpParameters, paramsOf } from '../../../test/fixtures/google-migration';
import type { Account } from '../otp/account';
import { fromBase64 } from './bytes';
import { decodeMigrationUri, encodeMigrationPayloads, parseMigrationText } from './google-migration';
import { ImportError } from './import-error';
import { row } from './test-support';

const SECRET = 'JBSWY3DPEHPK3PXP';
/** "Hello!\xde\xad\xbe\xef" as raw bytes: the secret above, before base32. */
const SECRET_BYTES = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];

/** A file of transfer links as a phone's export tool writes it: comments, then one link per line. */
const EXPORT = [
  '# exported links',
  migrationLink(migrationPayload([paramsOf(SAMPLE[0]!)], { id: -1_320_898_453 })),
  // Two accounts in one payload, the second of three QR codes, a positive batch id.
  migrationLink(migrationPayload([paramsOf(SAMPLE[2]!), paramsOf(SAMPLE[3]!)], { size: 3, index: 1, id: 123_456 })),
  // Every setting left UNSPECIFIED (0), a UTF-8 name holding the issuer, no issuer field.
  migrationLink(migrationPayload([{ secret: SECRET_BYTES, name: 'encoding: ¿äÄéÉ? (demo)', algorithm: 0, digits: 0, type: 0 }], { id: -2 })),
  '',
].join('\n');
const links = (text: string) => text.split('\n').filter((l) => l.startsWith('otpauth-migration://'));

describe('decodeMigrationUri: links written byte by byte from the MigrationPayload schema', () => {
  it('reads each link header: version, batch size and index, and a negative batch id (a 10-byte varint)', () => {
    expect(links(EXPORT).map((uri) => {
      const b = decodeMigrationUri(uri);
      return [b.version, b.batchSize, b.batchIndex, b.batchId];
    })).toEqual([[1, 1, 0, -1_320_898_453], [1, 3, 1, 123_456], [1, 1, 0, -2]]);
  });

  it('decodes every account: settings, the two-account payload, HOTP counter, unspecified values and UTF-8', () => {
    const all = parseMigrationText(EXPORT);
    expect(all.skipped).toEqual([]);
    expect(all.entries.map(row)).toEqual([
      ['Acme Mail', 'alice@example.com', 'totp', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30],
      // Google Authenticator has no period field: always 30 s.
      ['Orbit Bank', 'bob', 'totp', '2RJF4TW462BTWBBWC2O6DEZS4YNYWUNI', 'SHA512', 8, 30],
      ['Gamma VPN', 'gus', 'hotp', 'JWVZQPOSL5M4EMV6YP4HJZ7DOMQUJNDN', 'SHA1', 6, 7],
      // No issuer: like Aegis, the part of the name before the colon is read as the issuer.
      ['encoding', '¿äÄéÉ? (demo)', 'totp', SECRET, 'SHA1', 6, 30],
    ]);
    expect(decodeMigrationUri(links(EXPORT)[1]!).entries).toHaveLength(2);
  });

  it('strips an "Issuer:" prefix that repeats the issuer field, and reads counters past 2^32', () => {
    const link = migrationLink(migrationPayload([
      paramsOf(SAMPLE[4]!, { issuerInName: true }),
      { ...paramsOf(SAMPLE[5]!), counter: 2 ** 40 + 3 },
    ]));
    expect(decodeMigrationUri(link).entries.map(row)).toEqual([
      ['Air Delta', 'carol', 'hotp', 'R24MFDVJU5ZUJALBQJ3GY6L5MS22KQGM', 'SHA256', 6, 50],
      ['Zeta Forge', 'dan', 'hotp', 'PDNOWJPKVX52D6PVV2M3363XFJ5E5DYF', 'SHA512', 8, 2 ** 40 + 3],
    ]);
  });

  it('keeps unescaped + and / in the base64 (a "+" read as a space would break the payload)', () => {
    // Secret bytes chosen so the base64 of the payload holds both "+" and "/".
    const secret = [0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff, 0xe0, 0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70];
    const link = migrationLink(migrationPayload([{ secret, name: 'plus@example.com', issuer: 'Plus', algorithm: 1, digits: 1, type: 2 }]), false);
    expect(link).toMatch(/data=[^&]*\+/);
    expect(link).toMatch(/data=[^&]*\//);
    expect(decodeMigrationUri(link).entries.map(row)).toEqual([['Plus', 'plus@example.com', 'totp', '7PX3577777QPX35677776EBAGBAFAYDQ', 'SHA1', 6, 30]]);
  });

  it('numbers entries across links and names the damaged link', () => {
    const [a, b] = links(EXPORT);
    expect(() => parseMigrationText(`${a}\n${b!.slice(0, 60)}`)).toThrow(/Transfer link 2/);
    expect(() => decodeMigrationUri('otpauth-migration://offline?data=%%%')).toThrow(ImportError);
    expect(() => decodeMigrationUri('otpauth://totp/x?secret=AAAA')).toThrow(ImportError);
  });

  it('skips MD5 accounts and unknown digit or type values with a reason', () => {
    const link = migrationLink(migrationPayload([
      { secret: SECRET_BYTES, name: 'm', algorithm: 4 },
      { secret: SECRET_BYTES, name: 'd', digits: 3 },
      { secret: SECRET_BYTES, name: 't', type: 9 },
      { secret: SECRET_BYTES, name: 'ok' },
    ]));
    const batch = decodeMigrationUri(link);
    expect(batch.entries.map(row)).toEqual([['', 'ok', 'totp', SECRET, 'SHA1', 6, 30]]);
    expect(batch.skipped).toEqual([
      { index: 1, label: 'm', reason: 'MD5 accounts are not supported' },
      { index: 2, label: 'd', reason: 'it uses a number of digits Tessera does not know' },
      { index: 3, label: 't', reason: 'it uses a code type Tessera does not know' },
    ]);
  });

  it('a cut-off payload or a secret-less account is reported, not guessed', () => {
    const payload = migrationPayload([paramsOf(SAMPLE[0]!)]);
    expect(() => decodeMigrationUri(migrationLink(payload.slice(0, 20)))).toThrow(expect.objectContaining({ code: 'malformed' }));
    const noSecret = migrationLink(Uint8Array.from([...bytesField(1, otpParameters({ secret: [], name: 'x' }))]));
    expect(() => decodeMigrationUri(noSecret)).toThrow(expect.objectContaining({ code: 'malformed', field: 'secret' }));
  });
});

function account(over: Partial<Account>): Account {
  return {
    id: 'x', type: 'totp', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, encoder: 'standard',
    issuer: '', name: '', note: '', backupCodes: [], site: null, createdAt: 0, ...over,
  };
}

/** The otp_parameters bytes inside a link (the payload minus its header fields). */
function dataOf(uri: string): Uint8Array {
  return fromBase64(decodeURIComponent(uri.split('data=')[1]!))!;
}

describe('encodeMigrationPayloads', () => {
  it('writes the same account bytes as the MigrationPayload schema gives (as Google Authenticator does)', () => {
    // Field 1 of the payload is the account; the rest is the batch header, whose id is random.
    const expected = (p: Parameters<typeof otpParameters>[0]) => Uint8Array.from(bytesField(1, otpParameters(p)));
    const ours = dataOf(encodeMigrationPayloads([account({ secret: SECRET, issuer: 'Acme Mail', name: 'alice@example.com' })])[0]!);
    const want = expected({ secret: SECRET_BYTES, name: 'alice@example.com', issuer: 'Acme Mail', algorithm: 1, digits: 1, type: 2 });
    expect(ours.slice(0, want.length)).toEqual(want);
    const ourHotp = dataOf(encodeMigrationPayloads([account({ secret: SECRET, type: 'hotp', counter: 4, name: 'hotp demo', algorithm: 'SHA512', digits: 8 })])[0]!);
    // No issuer: the field is left out, not written empty.
    const wantHotp = expected({ secret: SECRET_BYTES, name: 'hotp demo', algorithm: 3, digits: 2, type: 1, counter: 4 });
    expect(ourHotp.slice(0, wantHotp.length)).toEqual(wantHotp);
  });

  it('round-trips through the decoder, batched like the app', () => {
    const accounts = Array.from({ length: 23 }, (_, i) => account({
      issuer: `Issuer ${i} ☃`, name: `user${i}@example.com`, algorithm: (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3],
      digits: i % 2 ? 8 : 6, type: i % 4 === 0 ? 'hotp' : 'totp', counter: i % 4 === 0 ? 2 ** 40 + i : 0,
      secret: ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', SECRET][i % 3]!,
    }));
    const uris = encodeMigrationPayloads(accounts, 10);
    expect(uris).toHaveLength(3);
    const batches = uris.map((u) => decodeMigrationUri(u));
    expect(batches.map((b) => [b.version, b.batchSize, b.batchIndex])).toEqual([[1, 3, 0], [1, 3, 1], [1, 3, 2]]);
    expect(new Set(batches.map((b) => b.batchId)).size).toBe(1);
    expect(batches.map((b) => b.entries.length)).toEqual([10, 10, 3]);
    const back = batches.flatMap((b) => b.entries.map((e) => e.input));
    expect(back.map((i) => [i.issuer, i.name, i.secret, i.algorithm, i.digits, i.type, i.counter])).toEqual(
      accounts.map((a) => [a.issuer, a.name, a.secret, a.algorithm, a.digits, a.type, a.type === 'hotp' ? a.counter : 0]),
    );
  });

  it('refuses accounts Google Authenticator cannot hold, naming them', () => {
    for (const bad of [account({ encoder: 'steam', digits: 5 }), account({ digits: 7 }), account({ period: 60 })]) {
      expect(() => encodeMigrationPayloads([account({}), { ...bad, issuer: 'Bad' }])).toThrow(
        expect.objectContaining({ code: 'unsupported', entry: 2, message: expect.stringContaining('Bad') }),
      );
    }
    expect(encodeMigrationPayloads([])).toEqual([]);
  });
});
