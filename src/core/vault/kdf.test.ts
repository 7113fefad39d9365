import { describe, expect, it } from 'vitest';
import { assertKdfFloor, checkKdfParams, deriveWrappingKey, freshKdfParams, isBelowCurrentDefault, type KdfParams } from './kdf';
import { VaultError } from './vault-error';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const SALT16 = Buffer.alloc(16, 7).toString('base64');
const SALT32 = Buffer.alloc(32, 9).toString('base64');
const argon = (over: Partial<Extract<KdfParams, { alg: 'argon2id' }>> = {}): KdfParams => ({
  alg: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4, salt: SALT32, ...over,
});

/** Proves a non-extractable key equals `expectedHex` by comparing AES-GCM outputs with a fixed IV. */
async function expectKeyBytes(key: CryptoKey, expectedHex: string): Promise<void> {
  const reference = await crypto.subtle.importKey('raw', Buffer.from(expectedHex, 'hex'), 'AES-GCM', false, ['encrypt']);
  const params = { name: 'AES-GCM', iv: new Uint8Array(12) };
  const plain = new TextEncoder().encode('known plaintext');
  const a = Buffer.from(await crypto.subtle.encrypt(params, key, plain)).toString('hex');
  const b = Buffer.from(await crypto.subtle.encrypt(params, reference, plain)).toString('hex');
  expect(a).toBe(b);
}

describe('KDF floors (checked on every read)', () => {
  it('accepts the default and the PBKDF2 floor', () => {
    expect(() => assertKdfFloor(argon())).not.toThrow();
    expect(() => assertKdfFloor({ alg: 'pbkdf2-sha256', iterations: 600_000, salt: SALT16 })).not.toThrow();
  });

  it.each([
    ['Argon2id 19 MiB (OWASP minimum)', argon({ memoryKiB: 19456 }), /memory 19456 KiB/],
    ['Argon2id 2 passes', argon({ iterations: 2 }), /2 passes/],
    ['Argon2id parallelism 1', argon({ parallelism: 1 }), /parallelism 1/],
    ['PBKDF2 599,999', { alg: 'pbkdf2-sha256', iterations: 599_999, salt: SALT32 }, /PBKDF2 599999/],
    ['15-byte salt', argon({ salt: Buffer.alloc(15).toString('base64') }), /salt of 15 bytes/],
  ])('refuses %s as weak-kdf', (_label, params, message) => {
    const err = (() => {
      try {
        assertKdfFloor(params);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).code).toBe('weak-kdf');
    expect((err as VaultError).message).toMatch(message);
  });

  it('refuses absurd costs and unknown algorithms as unsupported-kdf', () => {
    expect(() => assertKdfFloor(argon({ memoryKiB: 4_194_304 }))).toThrow(expect.objectContaining({ code: 'unsupported-kdf' }));
    expect(() => assertKdfFloor({ alg: 'pbkdf2-sha256', iterations: 1e9, salt: SALT32 })).toThrow(expect.objectContaining({ code: 'unsupported-kdf' }));
    expect(() => assertKdfFloor({ alg: 'scrypt', iterations: 3, salt: SALT32 })).toThrow(expect.objectContaining({ code: 'unsupported-kdf' }));
  });

  it('reports malformed parameters without throwing raw errors', () => {
    expect(checkKdfParams(null)).toEqual({ problem: expect.objectContaining({ kind: 'malformed' }) });
    expect(checkKdfParams(argon({ salt: 'not base64!' }))).toEqual({ problem: expect.objectContaining({ kind: 'malformed' }) });
    expect(checkKdfParams({ ...argon(), iterations: '3' })).toEqual({ problem: expect.objectContaining({ kind: 'malformed' }) });
    expect(checkKdfParams({ ...argon(), memoryKiB: 65536.5 })).toEqual({ problem: expect.objectContaining({ kind: 'malformed' }) });
  });

  it('deriveWrappingKey refuses sub-floor parameters unless the test switch is set', async () => {
    await expect(deriveWrappingKey('password', argon({ memoryKiB: 19456 }))).rejects.toMatchObject({ code: 'weak-kdf' });
  });
});

describe('fresh parameters and upgrade detection', () => {
  it('picks Argon2id 64 MiB / 3 / 4 with a new 32-byte salt each time', () => {
    const a = freshKdfParams();
    const b = freshKdfParams();
    expect(a).toMatchObject({ alg: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(32);
    expect(a.salt).not.toBe(b.salt);
    expect(freshKdfParams('pbkdf2-sha256')).toMatchObject({ alg: 'pbkdf2-sha256', iterations: 600_000 });
  });

  it('flags acceptable-but-older parameters for upgrade', () => {
    expect(isBelowCurrentDefault(argon())).toBe(false);
    expect(isBelowCurrentDefault(argon({ salt: SALT16 }))).toBe(true);
    expect(isBelowCurrentDefault({ alg: 'pbkdf2-sha256', iterations: 2_000_000, salt: SALT32 })).toBe(true);
  });
});

describe('deriveWrappingKey known answers', () => {
  // phc-winner-argon2 src/test.c, Argon2id v=0x13, "password" / "somesalt", t=2, m=256 KiB.
  it.each([
    [1, '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe'],
    [2, '6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037'],
  ])('Argon2id p=%i matches the reference vector', async (parallelism, hex) => {
    const params: KdfParams = { alg: 'argon2id', memoryKiB: 256, iterations: 2, parallelism, salt: b64('somesalt') };
    await expectKeyBytes(await deriveWrappingKey('password', params, { allowBelowFloor: true }), hex);
  });

  // RFC 7914 section 11: PBKDF2-HMAC-SHA256("passwd", "salt", c=1), first 32 bytes.
  it('PBKDF2-SHA256 matches RFC 7914', async () => {
    const key = await deriveWrappingKey('passwd', { alg: 'pbkdf2-sha256', iterations: 1, salt: b64('salt') }, { allowBelowFloor: true });
    await expectKeyBytes(key, '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc');
  });

  it('derives the same key for composed and decomposed accents (NFC)', async () => {
    const params: KdfParams = { alg: 'pbkdf2-sha256', iterations: 1, salt: SALT16 };
    const composed = await deriveWrappingKey('caf\u00e9 passphrase', params, { allowBelowFloor: true });
    const decomposed = await deriveWrappingKey('cafe\u0301 passphrase', params, { allowBelowFloor: true });
    const iv = new Uint8Array(12);
    const enc = async (k: CryptoKey) => Buffer.from(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, k, new Uint8Array(4))).toString('hex');
    expect(await enc(composed)).toBe(await enc(decomposed));
  });

  it('returns a non-extractable key', async () => {
    const key = await deriveWrappingKey('password', { alg: 'pbkdf2-sha256', iterations: 1, salt: SALT16 }, { allowBelowFloor: true });
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });
});
