import { decryptEnteExport } from './ente-encrypted';
import { describe, expect, it } from 'vitest';
import { ImportError, importFile, type ImportResult } from './index';
import { enteExport, vector } from './test-support';

/** mulberry32: small seeded PRNG so every run fuzzes the same inputs (failures reproduce). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODES = new Set(['unknown-format', 'password-required', 'wrong-password', 'malformed', 'unsupported']);
const PER_CALL_MS = 3000;

function checkResult(r: ImportResult): void {
  expect(typeof r.format).toBe('string');
  for (const { input: i } of r.entries) {
    expect(i.secret).toMatch(/^[A-Z2-7]{4,}$/);
    expect(['totp', 'hotp']).toContain(i.type);
    expect(['SHA1', 'SHA256', 'SHA512']).toContain(i.algorithm);
    expect(Number.isInteger(i.digits) && i.digits! >= 5 && i.digits! <= 8).toBe(true);
    expect(Number.isInteger(i.period) && i.period! >= 1).toBe(true);
    expect(Number.isSafeInteger(i.counter) && i.counter! >= 0).toBe(true);
    expect(typeof i.issuer === 'string' && typeof i.name === 'string').toBe(true);
  }
  for (const s of r.skipped) expect(typeof s.index === 'number' && typeof s.label === 'string' && typeof s.reason === 'string').toBe(true);
}

/** Every call must resolve to a valid ImportResult or reject with an ImportError, in bounded time. */
async function mustBehave(file: Uint8Array | string, password: string | undefined, what: string): Promise<void> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), PER_CALL_MS)));
  const outcome = await Promise.race([importFile(file, password, decryptEnteExport).then((r) => ({ r }), (e: unknown) => ({ e })), timeout]);
  clearTimeout(timer);
  expect(outcome, `${what} hung`).not.toBe('timeout');
  expect(performance.now() - started, `${what} too slow`).toBeLessThan(PER_CALL_MS);
  if (outcome === 'timeout') return;
  if ('e' in outcome) {
    if (!(outcome.e instanceof ImportError)) throw new Error(`${what}: threw ${String(outcome.e)}`, { cause: outcome.e });
    expect(CODES.has(outcome.e.code)).toBe(true);
    expect(outcome.e.message.length).toBeGreaterThan(0);
  } else {
    checkResult(outcome.r);
  }
}

type Rand = () => number;
const int = (rand: Rand, n: number) => Math.floor(rand() * n);
const JUNK: unknown[] = [null, 0, -1, 1.5, 2 ** 31, 2 ** 64, '', 'x', '=====', 'otpauth://totp/x', true, [], {}, [1, 'a'], { a: null }, 'ABC1!', '\u0000\uFFFF'];

function mutateBytes(rand: Rand, input: Uint8Array): Uint8Array {
  const b = input.slice();
  switch (int(rand, 4)) {
    case 0: // byte flips
      for (let k = 0, n = 1 + int(rand, 4); k < n && b.length; k++) { const at = int(rand, b.length); b[at] = b[at]! ^ (1 << int(rand, 8)); }
      return b;
    case 1: // truncation
      return b.slice(0, int(rand, b.length + 1));
    case 2: // random bytes spliced in
      return new Uint8Array([...b.slice(0, int(rand, b.length)), ...Array.from({ length: 1 + int(rand, 16) }, () => int(rand, 256)), ...b.slice(int(rand, b.length))]);
    default: // random printable string
      return new TextEncoder().encode(Array.from({ length: int(rand, 200) }, () => String.fromCharCode(32 + int(rand, 95))).join(''));
  }
}

/** Delete a random key or swap a random value for one of another type, anywhere in the tree. */
function mutateJson(rand: Rand, value: unknown): unknown {
  const copy = structuredClone(value);
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      containers.push(v as Record<string, unknown>);
      Object.values(v).forEach(walk);
    }
  };
  walk(copy);
  for (let k = 0, n = 1 + int(rand, 3); k < n; k++) {
    const c = containers[int(rand, containers.length)]!;
    const keys = Object.keys(c);
    if (!keys.length) continue;
    const key = keys[int(rand, keys.length)]!;
    if (rand() < 0.4 && !Array.isArray(c)) delete (c as Record<string, unknown>)[key];
    else (c as Record<string, unknown>)[key] = JUNK[int(rand, JUNK.length)];
  }
  return copy;
}

const PLAIN = ['aegis_plain.json', '2fas_authenticator_plain_v4.2fas', 'andotp_plain.json', 'plain.txt', 'ente_auth.txt', 'bitwarden.json',
  'authenticator-extension-plain-GENERATED.json', 'example_export.txt', 'test_plus_problem_export.txt'];
const JSON_FILES = PLAIN.filter((f) => /\.(json|2fas)$/.test(f));

describe('fuzz: mutated files never escape as non-ImportError or hang', () => {
  it('plain formats: byte flips, truncations, splices, random strings (2,700 cases)', async () => {
    const rand = prng(1);
    for (const name of PLAIN) {
      const base = vector(name);
      for (let i = 0; i < 300; i++) await mustBehave(mutateBytes(rand, base), rand() < 0.2 ? 'test' : undefined, `${name} #${i}`);
    }
  });

  it('JSON formats: field deletions and type swaps (3,000 cases)', async () => {
    const rand = prng(2);
    for (const name of JSON_FILES) {
      const base = JSON.parse(new TextDecoder().decode(vector(name))) as unknown;
      for (let i = 0; i < 600; i++) await mustBehave(JSON.stringify(mutateJson(rand, base)), undefined, `${name} json #${i}`);
    }
  });

  it('migration links: mutated base64 payloads (1,000 cases)', async () => {
    const rand = prng(3);
    const links = new TextDecoder().decode(vector('example_export.txt')).split('\n').filter((l) => l.startsWith('otpauth-migration'));
    for (let i = 0; i < 1000; i++) {
      const link = links[int(rand, links.length)]!;
      const bytes = Uint8Array.from(atob(decodeURIComponent(link.split('data=')[1]!)), (c) => c.charCodeAt(0));
      const mutated = mutateBytes(rand, bytes);
      await mustBehave(`otpauth-migration://offline?data=${encodeURIComponent(btoa(String.fromCharCode(...mutated)))}`, undefined, `migration #${i}`);
    }
  });

  it('encrypted formats, lightly (cheap KDFs often, expensive ones a few times)', async () => {
    const rand = prng(4);
    // The Ente sample costs 64 MiB × 2 of Argon2id per try, so most Ente cases use a copy made at
    // libsodium's floor settings (same structure, same text), password 'test'.
    const cheapEnte = new TextEncoder().encode(JSON.stringify(await enteExport(vector('ente_auth.txt'), 'test')));
    const plan: Array<[string, number, Uint8Array?]> = [
      ['2fas_authenticator_encrypted_v4.2fas', 60], ['andotp_encrypted_old.bin', 150], ['ente-cheap.json', 100, cheapEnte],
      ['andotp_encrypted.bin', 6], ['aegis_encrypted.json', 5], ['authenticator-extension-encrypted-GENERATED.json', 5],
      ['ente-auth-codes-encrypted-GENERATED.json', 4],
    ];
    for (const [name, count, bytes] of plan) {
      const base = bytes ?? vector(name);
      for (let i = 0; i < count; i++) {
        // Binary flips hit ciphertext/headers; JSON swaps hit KDF parameters and structure.
        const file = name.endsWith('.bin') || rand() < 0.5
          ? mutateBytes(rand, base)
          : JSON.stringify(mutateJson(rand, JSON.parse(new TextDecoder().decode(base))));
        await mustBehave(file, rand() < 0.8 ? 'test' : undefined, `${name} #${i}`);
      }
    }
  });
});
