import { describe, expect, it } from 'vitest';
import type { Account } from '../otp/account';
import { fromBase64 } from './bytes';
import { decodeMigrationUri, encodeMigrationPayloads, parseMigrationText } from './google-migration';
import { ImportError } from './import-error';
import { row, vector } from './test-support';

const text = (name: string) => new TextDecoder().decode(vector(name));
const links = (name: string) => text(name).split('\n').filter((l) => l.startsWith('otpauth-migration://'));
const SECRET = '7KSQL2JTUDIS5EF65KLMRQIIGY';

describe('decodeMigrationUri: example_export.txt (scito/extract_otp_secrets)', () => {
  // Batch ids read independently from the payloads (10-byte sign-extended varints).
  const batchIds = [-1320898453, -2094403140, -1822886384, -1558849573, -171198419];

  it('reads each link header: version 1, one QR code, index 0, negative batch id', () => {
    links('example_export.txt').forEach((uri, i) => {
      const batch = decodeMigrationUri(uri);
      expect({ v: batch.version, size: batch.batchSize, index: batch.batchIndex, id: batch.batchId })
        .toEqual({ v: 1, size: 1, index: 0, id: batchIds[i] });
    });
  });

  it('decodes the documented accounts, including the two-account payload, HOTP counter 4 and UTF-8', () => {
    const all = parseMigrationText(text('example_export.txt'));
    expect(all.skipped).toEqual([]);
    expect(all.entries.map(row)).toEqual([
      ['raspberrypi', 'pi@raspberrypi', 'totp', SECRET, 'SHA1', 6, 30],
      ['', 'pi@raspberrypi', 'totp', SECRET, 'SHA1', 6, 30],
      ['', 'pi@raspberrypi', 'totp', SECRET, 'SHA1', 6, 30],
      ['raspberrypi', 'pi@raspberrypi', 'totp', SECRET, 'SHA1', 6, 30],
      ['', 'hotp demo', 'hotp', SECRET, 'SHA1', 6, 4],
      // The stored name is "encoding: ¿äÄéÉ? (demo)" with no issuer; like Aegis we read the
      // part before the colon as the issuer.
      ['encoding', '¿äÄéÉ? (demo)', 'totp', SECRET, 'SHA1', 6, 30],
    ]);
    const third = decodeMigrationUri(links('example_export.txt')[2]!);
    expect(third.entries).toHaveLength(2);
  });

  it('keeps unescaped + and / in the base64 (test_plus_problem_export.txt)', () => {
    const batch = decodeMigrationUri(text('test_plus_problem_export.txt').trim());
    expect(batch.entries.map(row)).toEqual(
      ['A4RFDYMF4GSLUIBQV4ZP67OJEZ2XUQVM', 'SCDDZ7PW5MOZLE3PQCAZM7L4S35K3UDX', 'TR76272RVYO6EAEY2FX7W7R7KUDEGPJ4', 'N2ILWSXSJUQUB7S6NONPJSC62NPG7EXN']
        .map((s, i) => ['SerenityLabs', `test${i + 1}@serenitylabs.co.uk`, 'totp', s, 'SHA1', 6, 30]),
    );
  });

  it('numbers entries across links and names the damaged link', () => {
    const [a, b] = links('example_export.txt');
    expect(() => parseMigrationText(`${a}\n${b!.slice(0, 60)}`)).toThrow(/Transfer link 2/);
    expect(() => decodeMigrationUri('otpauth-migration://offline?data=%%%')).toThrow(ImportError);
    expect(() => decodeMigrationUri('otpauth://totp/x?secret=AAAA')).toThrow(ImportError);
  });

  it('skips MD5 accounts with a reason', () => {
    // Hand-built payload: otp_parameters{secret=0x01..0x0a, name "m", algorithm=4 (MD5)}.
    const otp = [0x0a, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0x12, 1, 0x6d, 0x20, 4];
    const payload = btoa(String.fromCharCode(0x0a, otp.length, ...otp));
    const batch = decodeMigrationUri(`otpauth-migration://offline?data=${payload}`);
    expect(batch.entries).toEqual([]);
    expect(batch.skipped).toEqual([{ index: 1, label: 'm', reason: 'MD5 accounts are not supported' }]);
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
  it('writes the same account bytes as Google Authenticator did in example_export.txt', () => {
    const [first, , , hotp] = links('example_export.txt');
    const ours = encodeMigrationPayloads([account({ issuer: 'raspberrypi', name: 'pi@raspberrypi' })])[0]!;
    // Field 1 (53 bytes) is the account; the rest is the batch header, whose id is random.
    expect(dataOf(ours).slice(0, 55)).toEqual(dataOf(first!).slice(0, 55));
    const ourHotp = encodeMigrationPayloads([account({ type: 'hotp', counter: 4, name: 'hotp demo' })])[0]!;
    expect(dataOf(ourHotp).slice(0, 39)).toEqual(dataOf(hotp!).slice(0, 39));
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
