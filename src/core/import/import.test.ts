import { describe, expect, it } from 'vitest';
import { pick, SAMPLE } from '../../../test/fixtures/accounts';
import { aegisEncrypted, aegisPlain } from '../../../test/fixtures/aegis';
import { andotpEncrypted, andotpEncryptedOld, andotpPlain } from '../../../test/fixtures/andotp';
import { extensionEncrypted, extensionPlain, extensionV1, extensionV2 } from '../../../test/fixtures/authenticator-extension';
import { bitwardenExport } from '../../../test/fixtures/bitwarden';
import { enteEncrypted } from '../../../test/fixtures/ente';
import { entePlainText, otpauthList } from '../../../test/fixtures/otpauth-text';
import { twofasEncrypted, twofasPlain } from '../../../test/fixtures/twofas';
import { decryptEnteExport } from './ente-encrypted';
import { detectFormat, ImportError, importFile, type ImportFormat } from './index';
import { row, type Row } from './test-support';

// What every generated file must import to, typed in by hand (not read from the fixtures'
// input), so a mistake in a reference writer cannot hide the same mistake in a reader.
const E: Record<number, Row> = {
  1: ['Acme Mail', 'alice@example.com', 'totp', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30],
  2: ['Büro Cloud', 'jörg', 'totp', 'YYHJ4CBFDCF3M4P5UX7STKGTPCC2VF6D', 'SHA256', 7, 20],
  3: ['Orbit Bank', 'bob', 'totp', '2RJF4TW462BTWBBWC2O6DEZS4YNYWUNI', 'SHA512', 8, 50],
  4: ['Gamma VPN', 'gus', 'hotp', 'JWVZQPOSL5M4EMV6YP4HJZ7DOMQUJNDN', 'SHA1', 6, 7],
  5: ['Air Delta', 'carol', 'hotp', 'R24MFDVJU5ZUJALBQJ3GY6L5MS22KQGM', 'SHA256', 7, 50],
  6: ['Zeta Forge', 'dan', 'hotp', 'PDNOWJPKVX52D6PVV2M3363XFJ5E5DYF', 'SHA512', 8, 70000],
  7: ['Steam', 'sophia', 'steam', 'ZKMWOXEOO6VWGCJY5DIHA4YYS2BKB4BS', 'SHA1', 5, 30],
};
const rows = (...n: number[]): Row[] => n.map((i) => E[i]!);
const ALL = [1, 2, 3, 4, 5, 6, 7];
const PASSWORD = 'pässwörd ☃ 2026';

interface Case { name: string; format: ImportFormat; encrypted: boolean; expected: Row[]; make: () => Promise<Uint8Array | string> | Uint8Array | string }
const enc = new TextEncoder();
const CASES: Case[] = [
  { name: 'Aegis plain, content v1', format: 'aegis', encrypted: false, expected: rows(...ALL), make: () => aegisPlain(SAMPLE, 1) },
  { name: 'Aegis plain, content v2', format: 'aegis', encrypted: false, expected: rows(...ALL), make: () => aegisPlain(SAMPLE, 2) },
  { name: 'Aegis plain, content v3', format: 'aegis', encrypted: false, expected: rows(...ALL), make: () => enc.encode(aegisPlain(SAMPLE, 3)) },
  // Aegis's own settings: scrypt N=32768, r=8, p=1.
  { name: 'Aegis encrypted', format: 'aegis', encrypted: true, expected: rows(...ALL), make: () => enc.encode(aegisEncrypted(SAMPLE, [{ password: PASSWORD }], { version: 3 })) },
  { name: '2FAS schema 4', format: '2fas', encrypted: false, expected: rows(...ALL), make: () => twofasPlain(SAMPLE, 4) },
  { name: '2FAS schema 3', format: '2fas', encrypted: false, expected: rows(...ALL), make: () => twofasPlain(SAMPLE, 3) },
  {
    // Schema 2 has no token type: every account is TOTP (HOTP counters are lost, period 30), as Aegis reads it.
    name: '2FAS schema 2', format: '2fas', encrypted: false, make: () => twofasPlain(pick(1, 3, 4), 2),
    expected: [E[1]!, E[3]!, ['Gamma VPN', 'gus', 'totp', 'JWVZQPOSL5M4EMV6YP4HJZ7DOMQUJNDN', 'SHA1', 6, 30]],
  },
  {
    // Schema 1 stores no settings at all: SHA1, 6 digits, 30 s.
    name: '2FAS schema 1', format: '2fas', encrypted: false, make: () => twofasPlain(pick(1, 2), 1),
    expected: [E[1]!, ['Büro Cloud', 'jörg', 'totp', 'YYHJ4CBFDCF3M4P5UX7STKGTPCC2VF6D', 'SHA1', 6, 30]],
  },
  { name: '2FAS schema 4 encrypted', format: '2fas', encrypted: true, expected: rows(...ALL), make: () => twofasEncrypted(SAMPLE, PASSWORD, 4) },
  { name: '2FAS schema 3 encrypted, no reference', format: '2fas', encrypted: true, expected: rows(1, 5, 7), make: () => twofasEncrypted(pick(1, 5, 7), PASSWORD, 3, { reference: false }) },
  { name: '2FAS schema 2 encrypted', format: '2fas', encrypted: true, expected: rows(1, 2, 3), make: () => twofasEncrypted(pick(1, 2, 3), PASSWORD, 2) },
  { name: 'andOTP plain', format: 'andotp', encrypted: false, expected: rows(...ALL), make: () => andotpPlain(SAMPLE) },
  { name: 'andOTP plain, old (no issuer field)', format: 'andotp', encrypted: false, expected: rows(...ALL), make: () => andotpPlain(SAMPLE, { old: true }) },
  { name: 'andOTP encrypted .bin', format: 'andotp', encrypted: true, expected: rows(...ALL), make: () => andotpEncrypted(SAMPLE, PASSWORD) },
  // An IV starting with a set high bit: it cannot pass for the new format's round count (see damaged.test.ts for one that can).
  { name: 'andOTP encrypted .bin, old format', format: 'andotp', encrypted: true, expected: rows(...ALL), make: () => andotpEncryptedOld(SAMPLE, PASSWORD, Buffer.from('f00dfeedbeefcafe01234567', 'hex')) },
  { name: 'otpauth list ("+" for spaces)', format: 'otpauth-list', encrypted: false, expected: rows(...ALL), make: () => otpauthList(SAMPLE, { plusSpaces: true }) },
  { name: 'otpauth list, CRLF', format: 'otpauth-list', encrypted: false, expected: rows(...ALL), make: () => enc.encode(otpauthList(SAMPLE, { crlf: true })) },
  { name: 'Ente plain text', format: 'ente', encrypted: false, expected: rows(...ALL), make: () => entePlainText(SAMPLE) },
  { name: 'Ente encrypted', format: 'ente', encrypted: true, expected: rows(...ALL), make: async () => JSON.stringify(await enteEncrypted(entePlainText(SAMPLE), PASSWORD)) },
  {
    // HOTP is not Bitwarden's (it computes every link as TOTP), so the export holds TOTP and Steam.
    // steam:// carries no label: the item's name and username become issuer and name.
    name: 'Bitwarden', format: 'bitwarden', encrypted: false, expected: rows(1, 2, 3, 7), make: () => bitwardenExport(pick(1, 2, 3, 7)),
  },
  { name: 'Authenticator extension plain', format: 'authenticator-extension', encrypted: false, expected: rows(...ALL), make: () => extensionPlain(SAMPLE) },
  { name: 'Authenticator extension encrypted (v3)', format: 'authenticator-extension', encrypted: true, expected: rows(...ALL), make: () => extensionEncrypted(SAMPLE, PASSWORD) },
  { name: 'Authenticator extension encrypted (v1)', format: 'authenticator-extension', encrypted: true, expected: rows(1, 4), make: () => extensionV1(pick(1, 4), PASSWORD) },
  { name: 'Authenticator extension encrypted (v2)', format: 'authenticator-extension', encrypted: true, expected: rows(2, 6), make: () => extensionV2(pick(2, 6), PASSWORD) },
];

describe('generated files of every format import to the accounts written into them', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const file = await c.make();
      expect(detectFormat(file)).toEqual({ format: c.format, encrypted: c.encrypted });
      const result = await importFile(file, c.encrypted ? PASSWORD : undefined, decryptEnteExport);
      expect(result.format).toBe(c.format);
      expect(result.entries.map(row)).toEqual(c.expected);
      expect(result.skipped).toEqual([]);
    });
  }

  it('keeps notes: Aegis (content v2 and later) and Ente', async () => {
    const aegis = await importFile(aegisPlain(SAMPLE, 2));
    expect(aegis.entries.map((e) => e.input.note)).toEqual(['recovery codes in the safe', '', '', '', '', '', '']);
    const ente = await importFile(entePlainText(pick(1, 2), ['desk drawer', '']));
    expect(ente.entries.map((e) => e.input.note)).toEqual(['desk drawer', '']);
  });
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    return (err as ImportError).code;
  }
  return 'resolved';
}

describe('passwords', () => {
  for (const c of CASES.filter((x) => x.encrypted)) {
    it(`${c.name}: no password → password-required, wrong one → wrong-password`, async () => {
      const file = await c.make();
      expect(await codeOf(importFile(file, undefined, decryptEnteExport))).toBe('password-required');
      expect(await codeOf(importFile(file, 'not-the-password', decryptEnteExport))).toBe('wrong-password');
    });
  }
});

describe('formats that are recognised but not read here', () => {
  it('Tessera backups are routed to readBackup', async () => {
    const file = JSON.stringify({ format: 'tessera-backup', version: 1 });
    expect(detectFormat(file).format).toBe('tessera');
    await expect(importFile(file)).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/readBackup/) });
  });

  it('unknown files give unknown-format', async () => {
    // The PNG signature (RFC 2083) followed by junk: a QR screenshot dropped by mistake.
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array<number>(40).fill(0xfe)]);
    for (const f of ['hello world', '{"a":1}', '', new Uint8Array([1, 2, 3]), png]) {
      expect(detectFormat(f).format).toBeNull();
      expect(await codeOf(importFile(f))).toBe('unknown-format');
    }
  });
});
