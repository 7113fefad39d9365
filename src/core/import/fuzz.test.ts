import { beforeAll, describe, expect, it } from 'vitest';
import { pick, SAMPLE } from '../../../test/fixtures/accounts';
import { aegisEncrypted, aegisPlain } from '../../../test/fixtures/aegis';
import { andotpEncrypted, andotpEncryptedOld, andotpPlain } from '../../../test/fixtures/andotp';
import { extensionEncrypted, extensionPlain } from '../../../test/fixtures/authenticator-extension';
import { bitwardenExport } from '../../../test/fixtures/bitwarden';
import { enteEncrypted } from '../../../test/fixtures/ente';
import { migrationLink, migrationPayload, paramsOf } from '../../../test/fixtures/google-migration';
import { entePlainText, otpauthList } from '../../../test/fixtures/otpauth-text';
import { twofasEncrypted, twofasPlain } from '../../../test/fixtures/twofas';
import { decryptEnteExport } from './ente-encrypted';
import { ImportError, importFile, type ImportResult } from './index';

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

const CODES = new Set(['unknown-format', 'password-required', 'wrong-password', 'malformed', 'unsupported', 'too-much-work']);
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

const enc = (s: string) => new TextEncoder().encode(s);
/** Migration links a phone could show: one account per link, and one link holding three. */
const LINKS = [
  migrationLink(migrationPayload([paramsOf(SAMPLE[0]!)])),
  migrationLink(migrationPayload([paramsOf(SAMPLE[3]!)], { id: 77 })),
  migrationLink(migrationPayload(pick(1, 2, 4).map((a) => paramsOf(a, { issuerInName: true })), { size: 2, index: 1 }), false),
];
/** Generated plain files of every format, the bases the mutations start from. */
const PLAIN: Record<string, Uint8Array> = {
  'aegis.json': enc(aegisPlain(SAMPLE, 3)), 'schema4.2fas': enc(twofasPlain(SAMPLE, 4)), 'schema2.2fas': enc(twofasPlain(pick(1, 2, 3), 2)),
  'andotp.json': enc(andotpPlain(SAMPLE)), 'plain.txt': enc(otpauthList(SAMPLE, { plusSpaces: true })), 'ente.txt': enc(entePlainText(SAMPLE)),
  'bitwarden.json': enc(bitwardenExport(pick(1, 2, 3, 7))), 'authenticator.json': enc(extensionPlain(SAMPLE)), 'migration.txt': enc(LINKS.join('\n')),
};
const JSON_FILES = Object.keys(PLAIN).filter((f) => /\.(json|2fas)$/.test(f));
/** Encrypted bases, password 'test'. KDF costs are as low as each format allows where it has a choice. */
const ENCRYPTED: Record<string, Uint8Array> = {};
beforeAll(async () => {
  Object.assign(ENCRYPTED, {
    '2fas-encrypted.2fas': enc(twofasEncrypted(SAMPLE, 'test')),
    'andotp-old.bin': andotpEncryptedOld(SAMPLE, 'test'),
    'ente-cheap.json': enc(JSON.stringify(await enteEncrypted(entePlainText(SAMPLE), 'test'))),
    'andotp.bin': andotpEncrypted(SAMPLE, 'test', 2000),
    'aegis-encrypted.json': enc(aegisEncrypted(SAMPLE, [{ password: 'test', n: 4096 }])),
    'authenticator-encrypted.json': enc(await extensionEncrypted(pick(1, 2, 3), 'test')),
  });
});

describe('fuzz: mutated files never escape as non-ImportError or hang', () => {
  it('plain formats: byte flips, truncations, splices, random strings (2,700 cases)', async () => {
    const rand = prng(1);
    for (const [name, base] of Object.entries(PLAIN)) {
      for (let i = 0; i < 300; i++) await mustBehave(mutateBytes(rand, base), rand() < 0.2 ? 'test' : undefined, `${name} #${i}`);
    }
  });

  it('JSON formats: field deletions and type swaps (3,600 cases)', async () => {
    const rand = prng(2);
    for (const name of JSON_FILES) {
      const base = JSON.parse(new TextDecoder().decode(PLAIN[name])) as unknown;
      for (let i = 0; i < 600; i++) await mustBehave(JSON.stringify(mutateJson(rand, base)), undefined, `${name} json #${i}`);
    }
  });

  it('migration links: mutated base64 payloads (1,000 cases)', async () => {
    const rand = prng(3);
    const links = LINKS;
    for (let i = 0; i < 1000; i++) {
      const link = links[int(rand, links.length)]!;
      const bytes = Uint8Array.from(atob(decodeURIComponent(link.split('data=')[1]!)), (c) => c.charCodeAt(0));
      const mutated = mutateBytes(rand, bytes);
      await mustBehave(`otpauth-migration://offline?data=${encodeURIComponent(btoa(String.fromCharCode(...mutated)))}`, undefined, `migration #${i}`);
    }
  });

  it('encrypted formats, lightly (cheap KDFs often, expensive ones a few times)', async () => {
    const rand = prng(4);
    // Ente's file is made at libsodium's floor settings (same structure, cheap to try).
    const plan: Array<[string, number]> = [
      ['2fas-encrypted.2fas', 60], ['andotp-old.bin', 150], ['ente-cheap.json', 100],
      ['andotp.bin', 20], ['aegis-encrypted.json', 20], ['authenticator-encrypted.json', 5],
    ];
    for (const [name, count] of plan) {
      const base = ENCRYPTED[name]!;
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
