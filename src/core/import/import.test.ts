import { decryptEnteExport } from './ente-encrypted';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile, type ImportFormat } from './index';
import { row, vector, type Row } from './test-support';

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

interface Case { file: string; format: ImportFormat; encrypted: boolean; expected: Row[] }
const CASES: Case[] = [
  { file: 'aegis_plain.json', format: 'aegis', encrypted: false, expected: pick(1, 2, 3, 4, 5, 6, 7) },
  { file: 'aegis_encrypted.json', format: 'aegis', encrypted: true, expected: pick(1, 2, 3, 4, 5, 6, 7) },
  { file: '2fas_authenticator_plain_v4.2fas', format: '2fas', encrypted: false, expected: pick(1, 4, 5, 6, 7) },
  { file: '2fas_authenticator_encrypted_v4.2fas', format: '2fas', encrypted: true, expected: pick(1, 4, 5, 6, 7) },
  {
    // Schema 2 has no tokenType: everything is TOTP (as Aegis imports it); Issuu/WWE have no period, so 30.
    file: '2fas_authenticator_encrypted.2fas', format: '2fas', encrypted: true,
    expected: [E[1]!, E[3]!, ['Issuu', 'James', 'totp', 'YOOMIXWS5GN6RTBPUFFWKTW5M4', 'SHA1', 6, 30], ['WWE', 'Mason', 'totp', '5VAML3X35THCEBVRLV24CGBKOY', 'SHA512', 8, 30]],
  },
  { file: 'andotp_plain.json', format: 'andotp', encrypted: false, expected: pick(1, 2, 3, 4, 5, 6, 7) },
  { file: 'andotp_encrypted.bin', format: 'andotp', encrypted: true, expected: pick(1, 2, 3, 4, 5, 6, 7) },
  { file: 'andotp_encrypted_old.bin', format: 'andotp', encrypted: true, expected: pick(1, 2, 3, 4, 5, 6) },
  { file: 'plain.txt', format: 'otpauth-list', encrypted: false, expected: pick(1, 2, 3, 4, 5, 6, 7) },
  // Ente's file lists the accounts alphabetically.
  { file: 'ente_auth.txt', format: 'ente', encrypted: false, expected: pick(5, 3, 7, 1, 4, 2, 6) },
  // The same lines, encrypted (Argon2id 64 MiB × 2 + XChaCha20-Poly1305 secretstream).
  { file: 'ente-auth-codes-encrypted-GENERATED.json', format: 'ente', encrypted: true, expected: pick(5, 3, 7, 1, 4, 2, 6) },
  {
    file: 'bitwarden.json', format: 'bitwarden', encrypted: false,
    // steam:// carries no label, so the item name ("Test Steam") is the issuer.
    expected: [...pick(1, 2, 3), ['Test Steam', '', 'steam', 'JRZCL47CMXVOQMNPZR2F7J4RGI', 'SHA1', 5, 30]],
  },
  { file: 'authenticator-extension-plain-GENERATED.json', format: 'authenticator-extension', encrypted: false, expected: pick(1, 2, 3, 4, 5, 6, 7) },
  { file: 'authenticator-extension-encrypted-GENERATED.json', format: 'authenticator-extension', encrypted: true, expected: pick(1, 2, 3, 4, 5, 6, 7) },
];

describe('sample files import to the entries SOURCES.md lists', () => {
  for (const c of CASES) {
    it(c.file, async () => {
      const bytes = vector(c.file);
      expect(detectFormat(bytes)).toEqual({ format: c.format, encrypted: c.encrypted });
      const result = await importFile(bytes, c.encrypted ? 'test' : undefined, decryptEnteExport);
      expect(result.format).toBe(c.format);
      expect(result.entries.map(row)).toEqual(c.expected);
      expect(result.skipped).toEqual([]);
    });
  }

  it('also accepts the file as text', async () => {
    const text = new TextDecoder().decode(vector('plain.txt'));
    expect((await importFile(text)).entries.map(row)).toEqual(pick(1, 2, 3, 4, 5, 6, 7));
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
    it(`${c.file}: no password → password-required, wrong one → wrong-password`, async () => {
      const bytes = vector(c.file);
      expect(await codeOf(importFile(bytes, undefined, decryptEnteExport))).toBe('password-required');
      expect(await codeOf(importFile(bytes, 'not-the-password', decryptEnteExport))).toBe('wrong-password');
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
