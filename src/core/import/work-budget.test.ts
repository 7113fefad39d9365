import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pick } from '../../../test/fixtures/accounts';
import { aegisEncrypted } from '../../../test/fixtures/aegis';
import { extensionEncrypted } from '../../../test/fixtures/authenticator-extension';
import { ImportError, importFile } from './index';
import { MAX_AEGIS_SCRYPT_WORK, MAX_EXTENSION_ARGON2_WORK, MAX_KDF_RUNS } from './work-budget';

// A file may ask for one key derivation per password slot or key record; each is capped, and
// these tests check the cap on the whole file (issue 10, "Import work budgets").
const PW = 'the right one';
type Json = Record<string, any>;
/** Aegis slots at a low scrypt cost, so building files with many of them stays quick. */
const slots = (passwords: string[]) => passwords.map((password) => ({ password, n: 1024 }));
const others = (n: number) => Array.from({ length: n }, (_, i) => `other password ${i}`);

async function failure(file: string, password = PW): Promise<ImportError> {
  const err = await importFile(file, password).then(() => null, (e: unknown) => e);
  expect(err, 'import should fail').toBeInstanceOf(ImportError);
  return err as ImportError;
}

describe('the limits', () => {
  it('are 8 slots or keys per file, 256 MiB of scrypt and 1 GiB × 1 pass of Argon2', () => {
    expect(MAX_KDF_RUNS).toBe(8);
    expect(MAX_AEGIS_SCRYPT_WORK).toBe(256 * 2 ** 20);
    expect(MAX_EXTENSION_ARGON2_WORK).toBe(2 ** 20);
  });

  it('the message people see names them', () => {
    const messages = JSON.parse(readFileSync(new URL('../../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Record<string, { message: string }>;
    expect(messages.err_too_much_work?.message).toMatch(/at most 8 password slots or keys/);
  });
});

describe('Aegis password slots', () => {
  it('opens with the password of the 8th slot (the last one tried)', async () => {
    const file = aegisEncrypted(pick(1), slots([...others(7), PW]));
    expect((await importFile(file, PW)).entries).toHaveLength(1);
  });

  it('a 9th slot is not tried: refused as too much work, naming the limit, not as a wrong password', async () => {
    const file = aegisEncrypted(pick(1), slots([...others(8), PW]));
    expect(await failure(file)).toMatchObject({ code: 'too-much-work', message: expect.stringMatching(/9 password slots.*the 8 tried.*at most 8 password slots/) });
  });

  it('a file of 1,000 slots costs no more than 8 derivations', async () => {
    const f: Json = JSON.parse(aegisEncrypted(pick(1), slots(others(1))));
    // Copies of one wrong slot: structurally valid, each would cost a full scrypt run.
    f.header.slots = Array.from({ length: 1000 }, () => ({ ...f.header.slots[0], n: 32768 }));
    const started = performance.now();
    expect(await failure(JSON.stringify(f), 'guess')).toMatchObject({ code: 'too-much-work' });
    // 8 runs at Aegis's settings take ~1 s in Node; 1,000 would take minutes.
    expect(performance.now() - started).toBeLessThan(8000);
  });

  it('slots whose scrypt work together exceeds the budget stop at the budget; one slot over it alone is refused before deriving', async () => {
    const f: Json = JSON.parse(aegisEncrypted(pick(1), slots(others(1))));
    // 128 MiB × 3 passes: inside the per-slot limits (128 MiB, p ≤ 4), above the file's 256 MiB.
    f.header.slots = [{ ...f.header.slots[0], n: 131072, r: 8, p: 3 }];
    const started = performance.now();
    expect(await failure(JSON.stringify(f))).toMatchObject({ code: 'too-much-work', message: expect.stringContaining('384 MiB of scrypt work') });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('all slots within the limits and none opening is still a wrong password', async () => {
    expect(await failure(aegisEncrypted(pick(1), slots(others(3))))).toMatchObject({ code: 'wrong-password' });
  });
});

describe('Authenticator extension key records', () => {
  /** A v3 file whose accounts name `n` different key records (copies of the real one, new ids). */
  async function withKeys(n: number, hashParams?: string): Promise<string> {
    const f: Json = JSON.parse(await extensionEncrypted(pick(1, 2), PW));
    const key = f['k3y-0001'];
    const account = f['uuid-0'];
    const out: Json = {};
    for (let i = 0; i < n; i++) {
      const hash = hashParams ? key.hash.replace(/m=\d+,t=\d+/, hashParams) : key.hash;
      out[`key-${i}`] = { ...key, id: `key-${i}`, hash };
      out[`acc-${i}`] = { ...account, keyId: `key-${i}`, index: i };
    }
    return JSON.stringify(out);
  }

  it('accounts sealed with more than 8 different keys are refused before any derivation', async () => {
    const started = performance.now();
    expect(await failure(await withKeys(9))).toMatchObject({ code: 'too-much-work', message: expect.stringMatching(/9 different keys.*at most 8/) });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('keys whose checks together ask for more than 1 GiB × 1 pass of Argon2 are refused before any derivation', async () => {
    // Two records at the largest check settings accepted (64 MiB × 10 passes each).
    expect(await failure(await withKeys(2, 'm=65536,t=10'))).toMatchObject({ code: 'too-much-work', message: expect.stringContaining('Argon2 work') });
  });

  it('two keys within the budget open as before', async () => {
    expect((await importFile(await withKeys(2), PW)).entries).toHaveLength(2);
  });
});
