/** Test-only helpers: reading the shared sample files and summarising entries for comparison. */
import { readFileSync } from 'node:fs';
import type { ImportEntry } from './types';

/** Bytes of a sample in /work/shared/vectors (resolved relative to this file, never copied). */
export function vector(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../../shared/vectors/${name}`, import.meta.url)));
}

/** [issuer, name, kind, secret, algorithm, digits, period-or-counter] as in SOURCES.md's table. */
export type Row = [string, string, 'totp' | 'hotp' | 'steam', string, string, number, number];

/** The comparable summary of an imported entry (kind 'steam' for Steam-encoded TOTP). */
export function row(e: ImportEntry): Row {
  const i = e.input;
  const kind = i.encoder === 'steam' ? 'steam' : i.type === 'hotp' ? 'hotp' : 'totp';
  return [i.issuer ?? '', i.name ?? '', kind, i.secret, i.algorithm ?? '', i.digits ?? 0, kind === 'hotp' ? i.counter ?? -1 : i.period ?? -1];
}

/**
 * An Ente-style encrypted export made with libsodium's own push side (as Ente's app does), for
 * cases the sample file does not cover. Defaults are libsodium's floors so tests stay fast.
 */
export async function enteExport(plain: Uint8Array | string, password: string, opts: { memLimit?: number; opsLimit?: number; tag?: number } = {}): Promise<Record<string, unknown>> {
  const { default: sodium } = await import('libsodium-wrappers-sumo');
  await sodium.ready;
  const memLimit = opts.memLimit ?? sodium.crypto_pwhash_MEMLIMIT_MIN;
  const opsLimit = opts.opsLimit ?? sodium.crypto_pwhash_OPSLIMIT_MIN;
  const salt = sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES);
  const key = sodium.crypto_pwhash(32, password, salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const tag = opts.tag ?? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
  const data = sodium.crypto_secretstream_xchacha20poly1305_push(state, plain, null, tag);
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
  return { version: 1, kdfParams: { memLimit, opsLimit, salt: b64(salt) }, encryptedData: b64(data), encryptionNonce: b64(header) };
}
