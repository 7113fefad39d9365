import { readFileSync } from 'node:fs';
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

const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
const headerAad = ({ format, version, kdf, kcv, iv, createdAt }: File) =>
  new TextEncoder().encode(JSON.stringify({ createdAt, format, iv, kcv: sorted(kcv), kdf: sorted(kdf), version }));

/** `text` with its payload replaced by `payload`, encrypted by hand after the documented layout. */
async function sealPayload(payload: unknown, base = text): Promise<string> {
  const f = JSON.parse(base) as File;
  const key = await deriveWrappingKey(PASS, f.kdf as never);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: Buffer.from(f.iv, 'base64'), additionalData: headerAad(f) },
    key,
    new TextEncoder().encode(JSON.stringify(payload)),
  );
  f.ct = Buffer.from(ct).toString('base64');
  return JSON.stringify(f);
}

/** The decrypted payload of backup text, read by hand after the documented layout. */
async function openPayload(backup: string): Promise<Record<string, unknown>> {
  const f = JSON.parse(backup) as File;
  const key = await deriveWrappingKey(PASS, f.kdf as never);
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: Buffer.from(f.iv, 'base64'), additionalData: headerAad(f) }, key, Buffer.from(f.ct, 'base64'));
  return JSON.parse(new TextDecoder().decode(plain)) as Record<string, unknown>;
}

describe('Tessera backup', () => {
  it('round-trips every field of every kind of account', async () => {
    const file = JSON.parse(text) as File;
    expect(Object.keys(file)).toEqual(['format', 'version', 'createdAt', 'kdf', 'kcv', 'iv', 'ct']);
    expect(file).toMatchObject({ format: 'tessera-backup', version: 1, createdAt: '2025-06-01T12:00:00.000Z' });
    expect(text).not.toContain('JBSWY3DPEHPK3PXP');
    expect(text).not.toContain('1111-2222');
    expect(await readBackup(text, PASS)).toEqual({ accounts: sampleAccounts(), exportedAt: NOW.getTime(), fieldHints: {}, skippedHints: 0 });
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
    const accounts: Record<string, unknown>[] = sampleAccounts() as never;
    accounts[2]!.algorithm = 'MD5';
    await expect(readBackup(await sealPayload({ accounts, exportedAt: 0 }), PASS)).rejects.toMatchObject({ code: 'invalid-account', entry: 3, field: 'algorithm', message: expect.stringContaining('Account 3') });
  });

  it('refuses to export invalid accounts or short passphrases', async () => {
    const bad = sampleAccounts();
    bad[1]!.counter = -1;
    await expect(exportBackup(bad, PASS)).rejects.toMatchObject({ code: 'invalid-account', entry: 2, field: 'counter' });
    await expect(exportBackup(sampleAccounts(), 'short')).rejects.toMatchObject({ code: 'passphrase-too-short' });
  });
});

describe('Tessera backup: field hints', () => {
  const hints = {
    'github.com': { name: 'app_otp', id: 'app_totp', label: '' },
    'example.com': { name: '', id: '', label: 'Authentication code' },
    'localhost': { name: 'otc', id: '', label: '' },
  };
  let withHints: string;
  beforeAll(async () => {
    withHints = await exportBackup(sampleAccounts(), PASS, { kdf: freshKdfParams('pbkdf2-sha256'), now: NOW, fieldHints: hints });
  });

  it('round-trips every hint, in the order taught, inside the ciphertext of a version 1 file', async () => {
    const file = JSON.parse(withHints) as File;
    expect(file).toMatchObject({ format: 'tessera-backup', version: 1 });
    expect(Object.keys(file)).toEqual(['format', 'version', 'createdAt', 'kdf', 'kcv', 'iv', 'ct']);
    expect(withHints).not.toContain('app_totp');
    expect(withHints).not.toContain('Authentication code');
    const read = await readBackup(withHints, PASS);
    expect(read).toEqual({ accounts: sampleAccounts(), exportedAt: NOW.getTime(), fieldHints: hints, skippedHints: 0 });
    expect(Object.keys(read.fieldHints)).toEqual(['github.com', 'example.com', 'localhost']);
  });

  it('adds hints as one optional payload key beside what version 1 readers already read', async () => {
    // Today's reader takes `accounts` and `exportedAt` and ignores other keys: it imports every account.
    const payload = await openPayload(withHints);
    expect(Object.keys(payload)).toEqual(['accounts', 'exportedAt', 'fieldHints']);
    expect(payload.accounts).toEqual(sampleAccounts());
    expect(payload.exportedAt).toBe(NOW.getTime());
    expect(payload.fieldHints).toEqual([
      { site: 'github.com', name: 'app_otp', id: 'app_totp', label: '' },
      { site: 'example.com', name: '', id: '', label: 'Authentication code' },
      { site: 'localhost', name: 'otc', id: '', label: '' },
    ]);
  });

  it('reads a committed backup written by the code before hints (no fieldHints key): every account, no hints', async () => {
    const old = readFileSync(new URL('./fixtures/backup-v1-before-hints.json', import.meta.url), 'utf8');
    expect(old).toContain('"version": 1');
    expect(Object.keys(await openPayload(old))).toEqual(['accounts', 'exportedAt']);
    expect(await readBackup(old, PASS)).toEqual({ accounts: sampleAccounts(), exportedAt: NOW.getTime(), fieldHints: {}, skippedHints: 0 });
  });

  it('reads a backup made before hints were saved: every account, no hints', async () => {
    const old = await sealPayload({ accounts: sampleAccounts(), exportedAt: 1_700_000_000_000 });
    expect(await readBackup(old, PASS)).toEqual({ accounts: sampleAccounts(), exportedAt: 1_700_000_000_000, fieldHints: {}, skippedHints: 0 });
  });

  it('skips damaged hint entries and keeps every account and every good hint', async () => {
    const long = 'x'.repeat(101);
    const fieldHints = [
      { site: 'github.com', name: 'app_otp', id: 'app_totp', label: '' },
      { site: 'com', name: 'otp', id: '', label: '' }, // a public suffix
      { site: '*.example.com', name: 'otp', id: '', label: '' }, // a wildcard
      { site: 'example.com/login', name: 'otp', id: '', label: '' }, // a path
      { site: 'www.example.com', name: 'otp', id: '', label: '' }, // a host, not its site
      { site: 'example.org', name: 7, id: '', label: '' },
      { site: 'example.org', name: long, id: '', label: '' },
      { site: 'example.org', name: '', id: '', label: '' }, // matches no field
      { name: 'otp', id: '', label: '' },
      'example.org',
      null,
      { site: 'github.com', name: 'other', id: '', label: '' }, // a second hint for a site
      { site: 'example.org', name: 'otp', id: 'otp', label: '', extra: 'ignored' },
    ];
    const read = await readBackup(await sealPayload({ accounts: sampleAccounts(), exportedAt: 0, fieldHints }), PASS);
    expect(read.accounts).toEqual(sampleAccounts());
    expect(read.fieldHints).toEqual({
      'github.com': { name: 'app_otp', id: 'app_totp', label: '' },
      'example.org': { name: 'otp', id: 'otp', label: '' },
    });
    expect(read.skippedHints).toBe(11);
  });

  it('a fieldHints that is not a list loses the hints only', async () => {
    for (const fieldHints of [{ 'github.com': { name: 'otp', id: '', label: '' } }, 'github.com', 3, null]) {
      const read = await readBackup(await sealPayload({ accounts: sampleAccounts(), exportedAt: 0, fieldHints }), PASS);
      expect(read).toMatchObject({ accounts: sampleAccounts(), fieldHints: {}, skippedHints: 1 });
    }
  });

  it('looks at no more than 500 hint entries', async () => {
    const fieldHints = Array.from({ length: 20_000 }, (_, i) => ({ site: `site${i}.example`, name: 'otp', id: '', label: '' }));
    const read = await readBackup(await sealPayload({ accounts: [], exportedAt: 0, fieldHints }), PASS);
    expect(Object.keys(read.fieldHints)).toHaveLength(500);
    expect(read.fieldHints['site499.example']).toEqual({ name: 'otp', id: '', label: '' });
    expect(read.fieldHints['site500.example']).toBeUndefined();
    expect(read.skippedHints).toBe(19_500);
  });

  it('writes only valid hints, the most recently taught 500', async () => {
    const many = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`site${i}.example`, { name: `n${i}`, id: '', label: '' }]));
    const bad = { 'co.uk': { name: 'otp', id: '', label: '' }, 'example.net': { name: '', id: '', label: '' } };
    const out = await exportBackup([], PASS, { kdf: freshKdfParams('pbkdf2-sha256'), fieldHints: { ...bad, ...many } });
    const list = (await openPayload(out)).fieldHints as { site: string }[];
    expect(list).toHaveLength(500);
    expect(list[0]!.site).toBe('site100.example');
    expect(list.at(-1)!.site).toBe('site599.example');
  });
});
