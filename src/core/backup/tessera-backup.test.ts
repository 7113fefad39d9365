import { beforeAll, describe, expect, it, vi } from 'vitest';
import { exportBackup, readBackup } from './tessera-backup';
import { deriveWrappingKey, freshKdfParams } from '../vault';
import { flipBit, sampleAccounts } from '../vault/test-fixtures';

const PASS = 'backup passphrase';
const NOW = new Date('2025-06-01T12:00:00.000Z');
// PBKDF2 at its floor: the cheapest derivation a backup may use (readBackup always enforces floors).
let text: string;
beforeAll(async () => {
  text = await exportBackup(sampleAccounts(), PASS, { kdf: freshKdfParams('pbkdf2-sha256'), now: NOW });
});

type File = Record<string, unknown> & { kdf: Record<string, unknown>; kcv: { iv: string; ct: string }; iv: string; ct: string };
const edit = (fn: (f: File) => void): string => {
  const f = JSON.parse(text) as File;
  fn(f);
  return JSON.stringify(f);
};

describe('Tessera backup', () => {
  it('round-trips every field of every kind of account', async () => {
    const file = JSON.parse(text) as File;
    expect(Object.keys(file)).toEqual(['format', 'version', 'createdAt', 'kdf', 'kcv', 'iv', 'ct']);
    expect(file).toMatchObject({ format: 'tessera-backup', version: 1, createdAt: '2025-06-01T12:00:00.000Z' });
    expect(text).not.toContain('JBSWY3DPEHPK3PXP');
    expect(text).not.toContain('1111-2222');
    expect(await readBackup(text, PASS)).toEqual({ accounts: sampleAccounts(), exportedAt: NOW.getTime() });
  });

  it('uses the default Argon2id with a fresh salt when no KDF is given', async () => {
    const a = JSON.parse(await exportBackup([], PASS)) as File;
    expect(a.kdf).toMatchObject({ alg: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });
    expect(a.kdf.salt).not.toBe((JSON.parse(text) as File).kdf.salt);
  });

  it('tells a wrong passphrase apart from tampering', async () => {
    await expect(readBackup(text, 'backup passphrasE')).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await expect(readBackup(edit((f) => (f.ct = flipBit(f.ct, 10))), PASS)).rejects.toMatchObject({ code: 'tampered' });
    await expect(readBackup(edit((f) => (f.ct = flipBit(f.ct, -1))), PASS)).rejects.toMatchObject({ code: 'tampered' });
    await expect(readBackup(edit((f) => (f.createdAt = '2020-01-01T00:00:00.000Z')), PASS)).rejects.toMatchObject({ code: 'tampered' });
    await expect(readBackup(edit((f) => (f.iv = flipBit(f.iv, 0))), PASS)).rejects.toMatchObject({ code: 'tampered' });
  });

  it('edited KDF parameters decrypt nothing (they change the key: reported as wrong-passphrase)', async () => {
    await expect(readBackup(edit((f) => (f.kdf.iterations = 600_001)), PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await expect(readBackup(edit((f) => (f.kdf.salt = flipBit(f.kdf.salt as string, 4))), PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });

  it('refuses weak KDF parameters before deriving anything', async () => {
    const derive = vi.spyOn(crypto.subtle, 'deriveKey');
    try {
      await expect(readBackup(edit((f) => (f.kdf.iterations = 100_000)), PASS)).rejects.toMatchObject({ code: 'weak-kdf' });
      const argon = edit((f) => (f.kdf = { alg: 'argon2id', memoryKiB: 19456, iterations: 2, parallelism: 1, salt: f.kdf.salt }));
      await expect(readBackup(argon, PASS)).rejects.toMatchObject({ code: 'weak-kdf' });
      expect(derive).not.toHaveBeenCalled();
    } finally {
      derive.mockRestore();
    }
    await expect(exportBackup([], PASS, { kdf: { alg: 'pbkdf2-sha256', iterations: 1000, salt: freshKdfParams().salt } })).rejects.toMatchObject({ code: 'weak-kdf' });
  });

  it('recognises versions, foreign files and truncation', async () => {
    await expect(readBackup(edit((f) => (f.version = 2)), PASS)).rejects.toMatchObject({ code: 'unsupported-version' });
    await expect(readBackup(edit((f) => (f.version = 0)), PASS)).rejects.toMatchObject({ code: 'tampered' });
    await expect(readBackup('{"version":1,"header":{"slots":[]},"db":"x"}', PASS)).rejects.toMatchObject({ code: 'not-a-tessera-backup' });
    await expect(readBackup('otpauth://totp/x?secret=JBSWY3DP', PASS)).rejects.toMatchObject({ code: 'not-a-tessera-backup' });
    await expect(readBackup('[1,2]', PASS)).rejects.toMatchObject({ code: 'not-a-tessera-backup' });
    await expect(readBackup(text.slice(0, Math.floor(text.length * 0.7)), PASS)).rejects.toMatchObject({ code: 'truncated' });
    await expect(readBackup(text.slice(0, text.length - 3), PASS)).rejects.toMatchObject({ code: 'truncated' });
    await expect(readBackup(edit((f) => (f.ct = f.ct.slice(0, 12))), PASS)).rejects.toMatchObject({ code: 'truncated' });
  });

  it('validates every decrypted account and names the entry and field', async () => {
    // Build a correctly encrypted file by hand (documented layout) whose 3rd account is invalid.
    const f = JSON.parse(text) as File;
    const key = await deriveWrappingKey(PASS, f.kdf as never);
    const accounts: Record<string, unknown>[] = sampleAccounts() as never;
    accounts[2]!.algorithm = 'MD5';
    const { format, version, kdf, kcv, iv, createdAt } = f;
    const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
    const aad = JSON.stringify({ createdAt, format, iv, kcv: sorted(kcv), kdf: sorted(kdf), version });
    const ivBytes = Buffer.from(iv, 'base64');
    const ct = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: ivBytes, additionalData: new TextEncoder().encode(aad) },
      key,
      new TextEncoder().encode(JSON.stringify({ accounts, exportedAt: 0 })),
    );
    f.ct = Buffer.from(ct).toString('base64');
    await expect(readBackup(JSON.stringify(f), PASS)).rejects.toMatchObject({ code: 'invalid-account', entry: 3, field: 'algorithm', message: expect.stringContaining('Account 3') });
  });

  it('refuses to export invalid accounts or short passphrases', async () => {
    const bad = sampleAccounts();
    bad[1]!.counter = -1;
    await expect(exportBackup(bad, PASS)).rejects.toMatchObject({ code: 'invalid-account', entry: 2, field: 'counter' });
    await expect(exportBackup(sampleAccounts(), 'short')).rejects.toMatchObject({ code: 'passphrase-too-short' });
  });
});
