/**
 * Cross-check against real exports of other apps (../shared/vectors: public test files of Aegis
 * and extract_otp_secrets, plus files made with the apps' own crypto; see its SOURCES.md). They
 * exist only on machines that have them; the project's own tests build their samples
 * (test/fixtures) and need nothing outside the repository. Absent, this file says so in one line
 * and passes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { vectorFile, vectorsDir, vectorText } from '../../../test/fixtures/vectors';
import type { Account } from '../otp/account';
import { parseOtpauthUri } from '../otp/otpauth-uri';
import { fromBase64 } from './bytes';
import { decryptEnteExport } from './ente-encrypted';
import { decodeMigrationUri, encodeMigrationPayloads, parseMigrationText } from './google-migration';
import { detectFormat, ImportError, importFile, type ImportFormat } from './index';
import { row, type Row } from './test-support';

// SOURCES.md "Shared expected entries set" (Aegis VaultEntries.java), typed in by hand.
const E: Record<number, Row> = {
  1: ['Deno', 'Mason', 'totp', '4SJHB4GSD43FZBAI7C2HLRJGPQ', 'SHA1', 6, 30],
  2: ['SPDX', 'James', 'totp', '5OM4WOOGPLQEF6UGN3CPEOOLWU', 'SHA256', 7, 20],
  3: ['Airbnb', 'Elijah', 'totp', '7ELGJSGXNCCTV3O6LKJWYFV2RA', 'SHA512', 8, 50],
  4: ['Issuu', 'James', 'hotp', 'YOOMIXWS5GN6RTBPUFFWKTW5M4', 'SHA1', 6, 1],
  5: ['Air Canada', 'Benjamin', 'hotp', 'KUVJJOM753IHTNDSZVCNKL7GII', 'SHA256', 7, 50],
  6: ['WWE', 'Mason', 'hotp', '5VAML3X35THCEBVRLV24CGBKOY', 'SHA512', 8, 10300],
  7: ['Boeing', 'Sophia', 'steam', 'JRZCL47CMXVOQMNPZR2F7J4RGI', 'SHA1', 5, 30],
};
const pick = (...n: number[]): Row[] => n.map((i) => E[i]!);
const ALL = pick(1, 2, 3, 4, 5, 6, 7);

interface Case { file: string; format: ImportFormat; encrypted: boolean; expected: Row[] }
const CASES: Case[] = [
  { file: 'aegis_plain.json', format: 'aegis', encrypted: false, expected: ALL },
  { file: 'aegis_encrypted.json', format: 'aegis', encrypted: true, expected: ALL },
  { file: '2fas_authenticator_plain_v4.2fas', format: '2fas', encrypted: false, expected: pick(1, 4, 5, 6, 7) },
  { file: '2fas_authenticator_encrypted_v4.2fas', format: '2fas', encrypted: true, expected: pick(1, 4, 5, 6, 7) },
  {
    // Schema 2 has no tokenType: everything is TOTP (as Aegis imports it); Issuu/WWE have no period, so 30.
    file: '2fas_authenticator_encrypted.2fas', format: '2fas', encrypted: true,
    expected: [E[1]!, E[3]!, ['Issuu', 'James', 'totp', 'YOOMIXWS5GN6RTBPUFFWKTW5M4', 'SHA1', 6, 30], ['WWE', 'Mason', 'totp', '5VAML3X35THCEBVRLV24CGBKOY', 'SHA512', 8, 30]],
  },
  { file: 'andotp_plain.json', format: 'andotp', encrypted: false, expected: ALL },
  { file: 'andotp_encrypted.bin', format: 'andotp', encrypted: true, expected: ALL },
  { file: 'andotp_encrypted_old.bin', format: 'andotp', encrypted: true, expected: pick(1, 2, 3, 4, 5, 6) },
  { file: 'plain.txt', format: 'otpauth-list', encrypted: false, expected: ALL },
  // Ente's file lists the accounts alphabetically.
  { file: 'ente_auth.txt', format: 'ente', encrypted: false, expected: pick(5, 3, 7, 1, 4, 2, 6) },
  { file: 'ente-auth-codes-encrypted-GENERATED.json', format: 'ente', encrypted: true, expected: pick(5, 3, 7, 1, 4, 2, 6) },
  // steam:// carries no label, so the item name ("Test Steam") is the issuer.
  { file: 'bitwarden.json', format: 'bitwarden', encrypted: false, expected: [...pick(1, 2, 3), ['Test Steam', '', 'steam', 'JRZCL47CMXVOQMNPZR2F7J4RGI', 'SHA1', 5, 30]] },
  { file: 'authenticator-extension-plain-GENERATED.json', format: 'authenticator-extension', encrypted: false, expected: ALL },
  { file: 'authenticator-extension-encrypted-GENERATED.json', format: 'authenticator-extension', encrypted: true, expected: ALL },
];

const dir = vectorsDir();
const checked = new Set<string>();
/** Bytes of a sample file, counted for the summary line. */
const sample = (name: string) => {
  checked.add(name);
  return vectorFile(name);
};
const text = (name: string) => {
  checked.add(name);
  return vectorText(name);
};

async function codeOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ImportError);
  return (err as ImportError).code;
}

if (dir === null) {
  describe('real sample files (../shared/vectors)', () => {
    it('are not on this machine: the cross-check is skipped, nothing else depends on them', () => {
      console.log('../shared/vectors not present: cross-check skipped');
      expect(vectorsDir()).toBeNull();
    });
  });
} else {
  describe('real sample files (../shared/vectors) import to the entries SOURCES.md lists', () => {
    afterAll(() => console.log(`vectors cross-check: ${checked.size} files checked`));

    for (const c of CASES) {
      it(c.file, async () => {
        const bytes = sample(c.file);
        expect(detectFormat(bytes)).toEqual({ format: c.format, encrypted: c.encrypted });
        const result = await importFile(bytes, c.encrypted ? 'test' : undefined, decryptEnteExport);
        expect(result.entries.map(row)).toEqual(c.expected);
        expect(result.skipped).toEqual([]);
        if (c.encrypted) {
          expect(await codeOf(importFile(bytes, undefined, decryptEnteExport))).toBe('password-required');
          expect(await codeOf(importFile(bytes, 'not-the-password', decryptEnteExport))).toBe('wrong-password');
        }
      });
    }

    it('plain.txt and ente_auth.txt parse line by line to the same seven accounts', () => {
      for (const file of ['plain.txt', 'ente_auth.txt']) {
        const lines = text(file).split('\n').filter((l) => l.trim() !== '');
        const rows = lines.map((l) => row({ input: parseOtpauthUri(l) })).sort((a, b) => a[0].localeCompare(b[0]));
        expect(rows).toEqual([...ALL].sort((a, b) => a[0].localeCompare(b[0])));
      }
    });

    const SECRET = '7KSQL2JTUDIS5EF65KLMRQIIGY';
    const links = (name: string) => text(name).split('\n').filter((l) => l.startsWith('otpauth-migration://'));

    it('example_export.txt (extract_otp_secrets): headers, accounts, HOTP counter 4 and UTF-8', () => {
      // Batch ids read independently from the payloads (10-byte sign-extended varints).
      const batchIds = [-1320898453, -2094403140, -1822886384, -1558849573, -171198419];
      expect(links('example_export.txt').map((u) => decodeMigrationUri(u)).map((b) => [b.version, b.batchSize, b.batchIndex, b.batchId]))
        .toEqual(batchIds.map((id) => [1, 1, 0, id]));
      const all = parseMigrationText(text('example_export.txt'));
      expect(all.entries.map(row)).toEqual([
        ['raspberrypi', 'pi@raspberrypi', 'totp', SECRET, 'SHA1', 6, 30],
        ['', 'pi@raspberrypi', 'totp', SECRET, 'SHA1', 6, 30],
        ['', 'pi@raspberrypi', 'totp', SECRET, 'SHA1', 6, 30],
        ['raspberrypi', 'pi@raspberrypi', 'totp', SECRET, 'SHA1', 6, 30],
        ['', 'hotp demo', 'hotp', SECRET, 'SHA1', 6, 4],
        ['encoding', '¿äÄéÉ? (demo)', 'totp', SECRET, 'SHA1', 6, 30],
      ]);
    });

    it('test_plus_problem_export.txt: unescaped + and / in the base64', () => {
      expect(decodeMigrationUri(text('test_plus_problem_export.txt').trim()).entries.map(row)).toEqual(
        ['A4RFDYMF4GSLUIBQV4ZP67OJEZ2XUQVM', 'SCDDZ7PW5MOZLE3PQCAZM7L4S35K3UDX', 'TR76272RVYO6EAEY2FX7W7R7KUDEGPJ4', 'N2ILWSXSJUQUB7S6NONPJSC62NPG7EXN']
          .map((s, i) => ['SerenityLabs', `test${i + 1}@serenitylabs.co.uk`, 'totp', s, 'SHA1', 6, 30]),
      );
    });

    it('the encoder writes the same account bytes as Google Authenticator did in example_export.txt', () => {
      const account = (over: Partial<Account>): Account => ({
        id: 'x', type: 'totp', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, encoder: 'standard',
        issuer: '', name: '', note: '', backupCodes: [], site: null, createdAt: 0, ...over,
      });
      const dataOf = (uri: string) => fromBase64(decodeURIComponent(uri.split('data=')[1]!))!;
      const [first, , , hotp] = links('example_export.txt');
      expect(dataOf(encodeMigrationPayloads([account({ issuer: 'raspberrypi', name: 'pi@raspberrypi' })])[0]!).slice(0, 55)).toEqual(dataOf(first!).slice(0, 55));
      expect(dataOf(encodeMigrationPayloads([account({ type: 'hotp', counter: 4, name: 'hotp demo' })])[0]!).slice(0, 39)).toEqual(dataOf(hotp!).slice(0, 39));
    });
  });
}
