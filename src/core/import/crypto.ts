/**
 * Thin wrappers that compose WebCrypto (AES, PBKDF2, SHA-256) and hash-wasm (scrypt, Argon2id,
 * MD5) for the encrypted formats. Decryption helpers return null on authentication or padding
 * failure so callers can decide whether that means "wrong password" or "damaged file".
 */
import { argon2id, argon2Verify, createMD5, scrypt } from 'hash-wasm';
import { concatBytes, utf8 } from './bytes';

type Bytes = Uint8Array<ArrayBuffer>;

/** AES-GCM (no AAD) over ciphertext‖tag; null if the tag does not verify. */
export async function aesGcmOpen(key: Bytes, iv: Bytes, sealed: Bytes): Promise<Bytes | null> {
  try {
    const k = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['decrypt']);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, k, sealed));
  } catch {
    return null;
  }
}

/** AES-CBC with PKCS#7 padding; null if the padding is wrong (how CBC reveals a bad key). */
export async function aesCbcOpen(key: Bytes, iv: Bytes, data: Bytes): Promise<Bytes | null> {
  try {
    const k = await crypto.subtle.importKey('raw', key, 'AES-CBC', false, ['decrypt']);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, k, data));
  } catch {
    return null;
  }
}

/** PBKDF2 over the UTF-8 password, 256-bit output. */
export async function pbkdf2(password: string, salt: Bytes, iterations: number, hash: 'SHA-1' | 'SHA-256'): Promise<Bytes> {
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations, hash }, base, 256);
  return new Uint8Array(bits);
}

/** SHA-256 digest. */
export async function sha256(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

/** scrypt with a 32-byte output (Aegis password slots). */
export async function scryptKey(password: string, salt: Bytes, n: number, r: number, p: number): Promise<Bytes> {
  const out = await scrypt({ password: utf8(password), salt, costFactor: n, blockSize: r, parallelism: p, hashLength: 32, outputType: 'binary' });
  return new Uint8Array(out);
}

/** Argon2id in the PHC "encoded" form ($argon2id$v=19$m=..,t=..,p=..$salt$hash). */
export async function argon2idEncoded(password: string, salt: string, t: number, mKiB: number, p: number): Promise<string> {
  return argon2id({ password, salt, iterations: t, memorySize: mKiB, parallelism: p, hashLength: 32, outputType: 'encoded' });
}

/** Check a password against a PHC-encoded argon2 hash; false (not a throw) for unreadable hashes. */
export async function argon2Check(password: string, encoded: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash: encoded });
  } catch {
    return false;
  }
}

/**
 * OpenSSL EVP_BytesToKey with MD5 and one round, as CryptoJS uses for passphrase encryption:
 * D_i = MD5(D_{i-1} ‖ passphrase ‖ salt) until 48 bytes (AES-256 key + CBC IV).
 */
async function evpBytesToKey(passphrase: Bytes, salt: Bytes): Promise<{ key: Bytes; iv: Bytes }> {
  const md5 = await createMD5();
  let block: Uint8Array = new Uint8Array(0);
  let material: Bytes = new Uint8Array(0);
  while (material.length < 48) {
    md5.init();
    md5.update(block);
    md5.update(passphrase);
    md5.update(salt);
    block = md5.digest('binary');
    material = concatBytes(material, block);
  }
  return { key: material.slice(0, 32), iv: material.slice(32, 48) };
}

/**
 * Decrypt a CryptoJS `AES.encrypt(text, passphrase)` result: "Salted__" ‖ 8-byte salt ‖
 * AES-256-CBC ciphertext. Null when the layout or padding is wrong.
 */
export async function cryptoJsOpen(sealed: Bytes, passphrase: string): Promise<Bytes | null> {
  const magic = 'Salted__';
  if (sealed.length < 32 || (sealed.length - 16) % 16 !== 0) return null;
  for (let i = 0; i < magic.length; i++) if (sealed[i] !== magic.charCodeAt(i)) return null;
  const { key, iv } = await evpBytesToKey(utf8(passphrase), sealed.slice(8, 16));
  return aesCbcOpen(key, iv, sealed.slice(16));
}
