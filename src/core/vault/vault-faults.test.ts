/**
 * Issue 10, "nothing lost under faults": a crash (the service worker stopped, the browser
 * killed) after any storage write of a vault write, a passphrase change, an HOTP counter advance
 * or a 1,000-account import. After the restart the vault opens, holds the old or the new state
 * whole, and the store says which (`takeInterruptedWrite`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { VaultStore, type KeyValueArea } from './vault-store';
import { changePassphrase, createVault, openData, sealData, unlockVault } from './vault-crypto';
import { freshKdfParams } from './kdf';
import { validateVaultRecord, type VaultRecord } from './vault-format';
import { sampleData } from './test-fixtures';
import { newAccount } from '../otp/new-account';
import type { VaultData } from './vault-data';
import { isDeepStrictEqual } from 'node:util';

const OLD = 'fault test passphrase';
const NEW = 'fault test passphrase, new';

/** Storage that stops for good at the Nth `set` or `remove`, as a stopped worker does. */
class DyingArea implements KeyValueArea {
  items: Record<string, unknown> = {};
  calls = 0;
  dieAt = Infinity;
  private step() {
    if (++this.calls >= this.dieAt) throw new Error('service worker stopped');
  }
  async get(keys: string[]) {
    return Object.fromEntries(keys.filter((k) => k in this.items).map((k) => [k, structuredClone(this.items[k])]));
  }
  async set(items: Record<string, unknown>) {
    this.step();
    Object.assign(this.items, structuredClone(items));
  }
  async remove(keys: string[]) {
    this.step();
    for (const k of keys) delete this.items[k];
  }
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const secretFor = (i: number) => Array.from({ length: 16 }, (_, j) => BASE32[(i * 7 + j * 13 + (i >> j)) % 32]).join('') + BASE32[i % 32] + BASE32[(i >> 5) % 32] + BASE32[(i >> 10) % 32];

let record: VaultRecord;
let key: CryptoKey;
const oldData = sampleData();
beforeAll(async () => {
  ({ record, vaultKey: key } = await createVault(OLD, oldData, freshKdfParams('pbkdf2-sha256')));
});

/** Writes the old vault twice (both slots filled, as after any use), then counts the calls of `op`. */
async function storedOld() {
  const area = new DyingArea();
  const store = new VaultStore(area);
  await store.save(record);
  await store.save(await sealData(record, key, oldData));
  return { area, store };
}

async function crashSweep(name: string, op: (store: VaultStore) => Promise<void>, check: (current: unknown) => Promise<'old' | 'new'>) {
  const { area: dry, store: dryStore } = await storedOld();
  const before = dry.calls;
  await op(dryStore);
  const steps = dry.calls - before;
  expect(steps, `${name} makes storage calls`).toBeGreaterThan(1);
  const heard = new Set<string | null>();
  for (let k = 1; k <= steps + 1; k++) {
    const { area, store } = await storedOld();
    area.dieAt = area.calls + k;
    const crashed = await op(store).then(() => false, () => true);
    expect(crashed, `${name}: crash at call ${k}`).toBe(k <= steps);
    area.dieAt = Infinity;
    const restarted = new VaultStore(area);
    const said = await restarted.takeInterruptedWrite();
    await restarted.finishPendingReplace();
    const loaded = await restarted.load();
    expect(loaded, `${name}: a vault after a crash at call ${k}`).not.toBeNull();
    const state = await check(loaded!.record);
    // The store says which state survived: never 'saved' for the old one nor 'not-saved' for the
    // new one (nothing at all when the write never began, or had finished and only cleanup was cut).
    expect(said, `${name} at call ${k}: state ${state}`).not.toBe(state === 'new' ? 'not-saved' : 'saved');
    heard.add(said);
    if (k === 1) expect(state).toBe('old');
    if (k > steps) expect(state).toBe('new');
  }
  expect([...heard].sort(), `${name}: crashes before and after the commit point were both seen`).toEqual(expect.arrayContaining(['not-saved', 'saved']));
}

const sameData = async (current: unknown, next: VaultData): Promise<'old' | 'new'> => {
  const data = await openData(validateVaultRecord(current), key);
  if (isDeepStrictEqual(data, next)) return 'new';
  expect(data).toEqual(oldData);
  return 'old';
};

describe('a crash at any storage call leaves the old or the new state whole, and says which', () => {
  it('a vault write (an edited account)', async () => {
    const next = { ...oldData, accounts: oldData.accounts.map((a, i) => (i === 0 ? { ...a, issuer: 'GitHub (work)' } : a)) };
    const sealed = await sealData(record, key, next);
    await crashSweep('edit', (s) => s.save(sealed), (r) => sameData(r, next));
  });

  it('an HOTP counter advance', async () => {
    const next = { ...oldData, accounts: oldData.accounts.map((a) => (a.type === 'hotp' ? { ...a, counter: a.counter + 1 } : a)) };
    const sealed = await sealData(record, key, next);
    await crashSweep('hotp', (s) => s.save(sealed), async (r) => {
      const state = await sameData(r, next);
      const hotp = (await openData(validateVaultRecord(r), key)).accounts.find((a) => a.type === 'hotp')!;
      expect(hotp.counter).toBe(state === 'new' ? 43 : 42);
      return state;
    });
  });

  it('a 1,000-account import', async () => {
    const imported = Array.from({ length: 1000 }, (_, i) => newAccount({ secret: secretFor(i), issuer: `Imported ${i}`, name: 'me' }));
    const next = { ...oldData, accounts: [...oldData.accounts, ...imported] };
    const sealed = await sealData(record, key, next);
    await crashSweep('import', (s) => s.save(sealed), async (r) => {
      const count = (await openData(validateVaultRecord(r), key)).accounts.length;
      expect([4, 1004]).toContain(count); // never part of the import
      return sameData(r, next);
    });
  });

  it('a passphrase change (both slots rewritten): exactly one passphrase opens what is current', async () => {
    const changed = await changePassphrase(record, key, NEW, freshKdfParams('pbkdf2-sha256'));
    await crashSweep('passphrase', (s) => s.replaceEverywhere(changed), async (r) => {
      const withNew = await unlockVault(r, NEW).then((x) => x.data, () => null);
      const withOld = await unlockVault(r, OLD).then((x) => x.data, () => null);
      expect([withNew, withOld].filter(Boolean)).toEqual([oldData]);
      return withNew ? 'new' : 'old';
    });
  }, 120_000); // two PBKDF2 derivations per crash point
});
