import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SAMPLE } from '../../../test/fixtures/accounts';
import { enteEncrypted as enteExport } from '../../../test/fixtures/ente';
import { entePlainText } from '../../../test/fixtures/otpauth-text';
import { checkEnteKdf, decryptEnteExport, deriveEnteKey, MAX_ENTE_KDF_WORK, MAX_ENTE_MEM_LIMIT } from './ente-encrypted';
import { importFile } from './index';

const GIB = 2 ** 30;
const MIB = 2 ** 20;
const plainText = () => entePlainText(SAMPLE);
/** A file as Ente's app writes it on a small device (Argon2id 64 MiB × 2), made once. */
let made: Record<string, unknown>;
beforeAll(async () => {
  made = await enteExport(plainText(), 'test', { memLimit: 64 * MIB, opsLimit: 2 });
});
const sample = () => structuredClone(made) as Record<string, any>;
/** Issuers of the generated plain export, in file order. */
const ISSUERS = ['Acme Mail', 'Büro Cloud', 'Orbit Bank', 'Gamma VPN', 'Air Delta', 'Zeta Forge', 'Steam'];
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** Resolves to the error code, failing the test if the import succeeds. */
async function codeOf(file: unknown, password?: string): Promise<{ code: string; message: string; field?: string }> {
  const err = await importFile(JSON.stringify(file), password, decryptEnteExport).then(() => null, (e: unknown) => e);
  expect(err, 'import should fail').not.toBeNull();
  return err as { code: string; message: string; field?: string };
}

afterEach(() => vi.restoreAllMocks());

describe('Ente key derivation', () => {
  it('matches the key the reference argon2 tool derives (argon2 -id -t 2 -k 65536 -p 1 -l 32, password "test")', async () => {
    const salt = new Uint8Array(Buffer.from('A/HgtOy22D6e59gkAjiS3Q==', 'base64'));
    const key = await deriveEnteKey('test', { memLimit: 64 * MIB, opsLimit: 2, salt });
    expect(Buffer.from(key).toString('hex')).toBe('b8fbbace755d9e1c539f196ba5debab0f141a2a9bd3f9a7e3a315875365b153d');
  });

  it('opens a file made with Ente\'s small-device settings (64 MiB × 2)', async () => {
    const r = await importFile(JSON.stringify(sample()), 'test', decryptEnteExport);
    expect(r.entries.map((e) => e.input.issuer)).toEqual(ISSUERS);
  });

  it("accepts every split Ente uses (1 GiB × 4, 256 MiB × 16, 64 MiB × 2) and libsodium's floor", () => {
    for (const [m, o] of [[GIB, 4], [256 * MIB, 16], [128 * MIB, 32], [64 * MIB, 2], [8192, 1]] as const) {
      expect(checkEnteKdf(m, o)).toEqual({ memLimit: m, opsLimit: o });
    }
    expect(MAX_ENTE_MEM_LIMIT).toBe(GIB);
    expect(MAX_ENTE_KDF_WORK).toBe(4 * GIB);
  });

  it('refuses memory over 1 GiB, work over 1 GiB × 4, and values under the floors or not integers', () => {
    const refused: Array<[unknown, unknown, string]> = [
      [GIB + 1024, 1, 'kdfParams.memLimit'], [2 * GIB, 1, 'kdfParams.memLimit'], [GIB, 5, 'kdfParams.opsLimit'], [256 * MIB, 17, 'kdfParams.opsLimit'],
      [8191, 1, 'kdfParams.memLimit'], [64 * MIB, 0, 'kdfParams.opsLimit'], [64 * MIB, 1.5, 'kdfParams.opsLimit'], [-1, 2, 'kdfParams.memLimit'],
      ['67108864', 2, 'kdfParams.memLimit'], [64 * MIB, null, 'kdfParams.opsLimit'], [2 ** 64, 2, 'kdfParams.memLimit'],
    ];
    for (const [m, o, field] of refused) {
      expect(() => checkEnteKdf(m, o), `${String(m)} × ${String(o)}`).toThrowError(expect.objectContaining({ code: 'malformed', field }));
    }
  });
});

describe('encrypted Ente exports', () => {
  it('refuses hostile KDF settings quickly, before deriving, with the amount in the message', async () => {
    const f = sample();
    f.kdfParams.memLimit = 2 * GIB;
    const started = Date.now();
    expect(await codeOf(f, 'test')).toMatchObject({ code: 'malformed', field: 'kdfParams.memLimit', message: expect.stringContaining('2,048 MiB') });
    f.kdfParams = { ...sample().kdfParams, memLimit: GIB, opsLimit: 1000 };
    expect(await codeOf(f, 'test')).toMatchObject({ code: 'malformed', message: expect.stringContaining('1,000 passes over 1,024 MiB') });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('reads a file at libsodium\'s floor settings (8 KiB, 1 pass) and an empty password', async () => {
    const r = await importFile(JSON.stringify(await enteExport(plainText(), '')), '', decryptEnteExport);
    expect(r.format).toBe('ente');
    expect(r.entries.map((e) => e.input.issuer)).toEqual(ISSUERS);
    await expect(importFile(JSON.stringify(await enteExport(plainText(), '')), undefined, decryptEnteExport)).rejects.toMatchObject({ code: 'password-required' });
  });

  it('accepts a plain message tag (as Ente\'s CLI does) but not a stream that expects more parts', async () => {
    const message = await enteExport(plainText(), 'pw', { tag: sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE });
    expect((await importFile(JSON.stringify(message), 'pw', decryptEnteExport)).entries).toHaveLength(7);
    for (const tag of [sodium.crypto_secretstream_xchacha20poly1305_TAG_PUSH, sodium.crypto_secretstream_xchacha20poly1305_TAG_REKEY]) {
      expect(await codeOf(await enteExport(plainText(), 'pw', { tag }), 'pw')).toMatchObject({ code: 'malformed', field: 'encryptedData', message: expect.stringMatching(/incomplete/) });
    }
  });

  it('a flipped bit in the data or header fails the check: wrong password (they look the same)', async () => {
    const f = await enteExport(plainText(), 'pw');
    for (const key of ['encryptedData', 'encryptionNonce'] as const) {
      const bytes = Buffer.from(f[key] as string, 'base64');
      bytes[5]! ^= 1;
      expect(await codeOf({ ...f, [key]: b64(bytes) }, 'pw')).toMatchObject({ code: 'wrong-password', message: expect.stringMatching(/damaged/) });
    }
  });

  it('right password but content that is not text: malformed', async () => {
    const f = await enteExport(new Uint8Array([0xff, 0xfe, 0x00, 0xc3]), 'pw');
    expect(await codeOf(f, 'pw')).toMatchObject({ code: 'malformed', message: expect.stringMatching(/password is right/) });
  });

  it('names the damaged field, checked before asking for the password', async () => {
    const f = sample();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...f, kdfParams: null }, 'kdfParams'],
      [{ ...f, kdfParams: { ...f.kdfParams, salt: b64(new Uint8Array(15)) } }, 'kdfParams.salt'],
      [{ ...f, encryptionNonce: b64(new Uint8Array(23)) }, 'encryptionNonce'],
      [{ ...f, encryptionNonce: 42 }, 'encryptionNonce'],
      [{ ...f, encryptedData: b64(new Uint8Array(16)) }, 'encryptedData'],
      [{ ...f, encryptedData: '%%%' }, 'encryptedData'],
      [{ ...f, version: undefined }, 'version'],
    ];
    for (const [file, field] of cases) {
      expect(await codeOf(file), field).toMatchObject({ code: 'malformed', field, message: expect.stringMatching(/^This Ente Auth export is damaged/) });
    }
    expect(await codeOf({ ...f, version: 2 })).toMatchObject({ code: 'unsupported', field: 'version' });
  });

  it('memory the browser will not grant becomes unsupported, naming the amount', async () => {
    vi.spyOn(sodium, 'crypto_pwhash').mockImplementation(() => {
      throw new Error('out of memory');
    });
    expect(await codeOf(sample(), 'test')).toMatchObject({ code: 'unsupported', message: expect.stringContaining('64 MiB') });
  });
});
