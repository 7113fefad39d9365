/**
 * Passphrase -> AES-256-GCM key. Argon2id (hash-wasm) by default, PBKDF2-SHA256 (WebCrypto) as
 * the fallback. The parameters travel with every vault and backup, so the reader checks them
 * against floors before spending any work: a file cannot ask for a weaker derivation.
 */
import { argon2id } from 'hash-wasm';
import { fromBase64, isObject, toBase64, utf8 } from './bytes';
import { VaultError } from './vault-error';

/** The derivation and every parameter it needs, as stored (salt in base64). */
export type KdfParams =
  | { alg: 'argon2id'; memoryKiB: number; iterations: number; parallelism: number; salt: string }
  | { alg: 'pbkdf2-sha256'; iterations: number; salt: string };

export type KdfAlg = KdfParams['alg'];

/** Bitwarden's Argon2id default (64 MiB, 3 passes, 4 lanes) with Aegis' 32-byte salt. */
export const DEFAULT_KDF = { alg: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4, saltBytes: 32 } as const;

/** The weakest parameters Tessera will read (security-bar A.1/A.2). */
export const KDF_FLOORS = {
  argon2id: { memoryKiB: 65536, iterations: 3, parallelism: 4 },
  pbkdf2: { iterations: 600_000 },
  saltBytes: 16,
} as const;

/**
 * Upper limits, so a hostile file cannot make the browser allocate gigabytes or spin for hours
 * (Bitwarden allows Argon2 up to 1 GiB / 10 passes / 16 lanes and PBKDF2 up to 2M; memory is
 * capped lower here, see below).
 */
export const KDF_CEILINGS = {
  // 256 MiB: four times the default, and what a browser extension can reliably allocate;
  // a file asking for more is refused before any work, not left to fail out of memory.
  argon2id: { memoryKiB: 262_144, iterations: 10, parallelism: 16 },
  pbkdf2: { iterations: 2_000_000 },
  saltBytes: 64,
} as const;

/** Test-only switch: lets unit tests derive with cheap parameters. Readers never pass it. */
export interface DeriveOptions {
  allowBelowFloor?: boolean;
}

/** Fresh parameters at today's default strength, with a new random salt. */
export function freshKdfParams(alg: KdfAlg = 'argon2id'): KdfParams {
  const salt = toBase64(crypto.getRandomValues(new Uint8Array(DEFAULT_KDF.saltBytes)));
  if (alg === 'pbkdf2-sha256') return { alg, iterations: KDF_FLOORS.pbkdf2.iterations, salt };
  const { memoryKiB, iterations, parallelism } = DEFAULT_KDF;
  return { alg, memoryKiB, iterations, parallelism, salt };
}

/** What is wrong with stored KDF parameters: 'malformed' is for the caller to name in its own terms. */
export interface KdfProblem {
  kind: 'malformed' | 'unsupported-kdf' | 'weak-kdf';
  message: string;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/**
 * Checks untrusted KDF parameters (shape, ceilings, floors) without deriving anything.
 * Returns a clean copy, or the first problem found.
 */
export function checkKdfParams(value: unknown): { params: KdfParams } | { problem: KdfProblem } {
  const malformed = (what: string) => ({ problem: { kind: 'malformed' as const, message: `The key settings are damaged: ${what}.` } });
  const weak = (what: string) => ({
    problem: { kind: 'weak-kdf' as const, message: `The file's key settings are weaker than Tessera accepts (${what}), so it was not opened. This protects against downgrade attacks.` },
  });
  if (!isObject(value)) return malformed('they are missing');
  const salt = typeof value.salt === 'string' ? fromBase64(value.salt) : null;
  if (!salt) return malformed('the salt is not valid base64');
  const unsupported = (what: string) => ({ problem: { kind: 'unsupported-kdf' as const, message: `The file uses key settings Tessera does not support (${what}).` } });
  if (salt.length > KDF_CEILINGS.saltBytes) return unsupported(`salt longer than ${KDF_CEILINGS.saltBytes} bytes`);
  const iterations = value.iterations;
  if (!isInt(iterations) || iterations < 1) return malformed('the iteration count is not a positive whole number');

  let params: KdfParams;
  if (value.alg === 'argon2id') {
    const { memoryKiB, parallelism } = value;
    if (!isInt(memoryKiB) || memoryKiB < 1) return malformed('the memory size is not a positive whole number');
    if (!isInt(parallelism) || parallelism < 1) return malformed('the parallelism is not a positive whole number');
    const max = KDF_CEILINGS.argon2id;
    if (memoryKiB > max.memoryKiB || iterations > max.iterations || parallelism > max.parallelism) {
      return unsupported(`Argon2id above ${max.memoryKiB / 1024} MiB, ${max.iterations} passes or ${max.parallelism} lanes`);
    }
    const min = KDF_FLOORS.argon2id;
    if (memoryKiB < min.memoryKiB) return weak(`Argon2id memory ${memoryKiB} KiB, minimum ${min.memoryKiB} KiB`);
    if (iterations < min.iterations) return weak(`Argon2id ${iterations} passes, minimum ${min.iterations}`);
    if (parallelism < min.parallelism) return weak(`Argon2id parallelism ${parallelism}, minimum ${min.parallelism}`);
    params = { alg: 'argon2id', memoryKiB, iterations, parallelism, salt: value.salt as string };
  } else if (value.alg === 'pbkdf2-sha256') {
    if (iterations > KDF_CEILINGS.pbkdf2.iterations) return unsupported(`PBKDF2 above ${KDF_CEILINGS.pbkdf2.iterations} iterations`);
    if (iterations < KDF_FLOORS.pbkdf2.iterations) return weak(`PBKDF2 ${iterations} iterations, minimum ${KDF_FLOORS.pbkdf2.iterations}`);
    params = { alg: 'pbkdf2-sha256', iterations, salt: value.salt as string };
  } else {
    return unsupported(`algorithm ${JSON.stringify(String(value.alg)).slice(0, 40)}`);
  }
  if (salt.length < KDF_FLOORS.saltBytes) return weak(`salt of ${salt.length} bytes, minimum ${KDF_FLOORS.saltBytes}`);
  return { params };
}

/** Throws VaultError('weak-kdf' | 'unsupported-kdf' | 'corrupt') unless the parameters are acceptable. */
export function assertKdfFloor(params: unknown): asserts params is KdfParams {
  const result = checkKdfParams(params);
  if ('problem' in result) {
    const { kind, message } = result.problem;
    throw new VaultError(kind === 'malformed' ? 'corrupt' : kind, message);
  }
}

/** True when acceptable parameters are still weaker than what `freshKdfParams()` would pick. */
export function isBelowCurrentDefault(params: KdfParams): boolean {
  const saltBytes = fromBase64(params.salt)?.length ?? 0;
  if (params.alg !== DEFAULT_KDF.alg || saltBytes < DEFAULT_KDF.saltBytes) return true;
  return params.memoryKiB < DEFAULT_KDF.memoryKiB || params.iterations < DEFAULT_KDF.iterations || params.parallelism < DEFAULT_KDF.parallelism;
}

/**
 * Derives a non-extractable AES-256-GCM key from a passphrase. It may wrap keys (vault) or
 * encrypt directly (backup). The passphrase is NFC-normalised so the same visible text typed
 * on different systems (composed or decomposed accents) gives the same key.
 */
export async function deriveWrappingKey(passphrase: string, params: KdfParams, options: DeriveOptions = {}): Promise<CryptoKey> {
  if (!options.allowBelowFloor) assertKdfFloor(params);
  const salt = fromBase64(params.salt);
  if (!salt) throw new VaultError('corrupt', 'The key settings are damaged: the salt is not valid base64.');
  const password = utf8(passphrase.normalize('NFC'));
  const usages: KeyUsage[] = ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'];
  if (params.alg === 'argon2id') {
    const raw = await argon2id({
      password,
      salt,
      parallelism: params.parallelism,
      iterations: params.iterations,
      memorySize: params.memoryKiB,
      hashLength: 32,
      outputType: 'binary',
    });
    return crypto.subtle.importKey('raw', new Uint8Array(raw), { name: 'AES-GCM' }, false, usages);
  }
  const base = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: params.iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    usages,
  );
}
