import { beforeAll, describe, expect, it } from 'vitest';
import { VaultStore, type KeyValueArea } from './vault-store';
import { createVault, openData, sealData, unlockVault } from './vault-crypto';
import { freshKdfParams } from './kdf';
import type { VaultRecord } from './vault-format';
import { sampleData } from './test-fixtures';

const PASS = 'store passphrase';

/** An in-memory storage area that copies values like chrome.storage does and can be made to fail. */
class FakeArea implements KeyValueArea {
  items: Record<string, unknown> = {};
  setCalls = 0;
  /** 1-based number of the `set` call that throws; undefined means never. */
  failOnSet: number | undefined;
  failure = () => new Error('QUOTA_BYTES quota exceeded');

  async get(keys: string[]) {
    const out: Record<string, unknown> = {};
    for (const k of keys) if (k in this.items) out[k] = JSON.parse(JSON.stringify(this.items[k]));
    return out;
  }
  async set(items: Record<string, unknown>) {
    this.setCalls++;
    if (this.setCalls === this.failOnSet) throw this.failure();
    Object.assign(this.items, JSON.parse(JSON.stringify(items)));
  }
  async remove(keys: string[]) {
    for (const k of keys) delete this.items[k];
  }
}

let v1: VaultRecord;
let v2: VaultRecord;
let key: CryptoKey;
const data2 = () => ({ ...sampleData(), accounts: sampleData().accounts.slice(0, 1) });

beforeAll(async () => {
  ({ record: v1, vaultKey: key } = await createVault(PASS, sampleData(), freshKdfParams('pbkdf2-sha256')));
  v2 = await sealData(v1, key, data2());
});

async function storeWithV1(): Promise<{ area: FakeArea; store: VaultStore }> {
  const area = new FakeArea();
  const store = new VaultStore(area);
  await store.save(v1);
  return { area, store };
}

describe('VaultStore', () => {
  it('has no vault at first, then alternates slots and flips the pointer', async () => {
    const area = new FakeArea();
    const store = new VaultStore(area);
    expect(await store.load()).toBeNull();
    await store.save(v1);
    expect(area.items['vault.current']).toBe('a');
    await store.save(v2);
    expect(area.items['vault.current']).toBe('b');
    expect(area.items['vault.a']).toEqual(v1); // the previous copy is kept
    expect(await store.load()).toEqual({ record: v2, recoveredFromPrevious: false });
  });

  it('a quota error on the slot write leaves the previous vault, and a retry fully succeeds', async () => {
    const { area, store } = await storeWithV1();
    area.failOnSet = area.setCalls + 1;
    await expect(store.save(v2)).rejects.toThrow(/quota/);
    const loaded = await store.load();
    expect(loaded).toEqual({ record: v1, recoveredFromPrevious: false });
    expect((await unlockVault(loaded!.record, PASS)).data).toEqual(sampleData());
    await store.save(v2);
    expect(await store.load()).toEqual({ record: v2, recoveredFromPrevious: false });
  });

  it('a crash between the slot write and the pointer flip leaves the previous vault current', async () => {
    const { area, store } = await storeWithV1();
    area.failOnSet = area.setCalls + 2;
    area.failure = () => new Error('service worker terminated');
    await expect(store.save(v2)).rejects.toThrow(/terminated/);
    // A fresh store, as after a browser restart, reads the same storage.
    const loaded = await new VaultStore(area).load();
    expect(loaded).toEqual({ record: v1, recoveredFromPrevious: false });
    expect(await openData(loaded!.record, key)).toEqual(sampleData());
    await new VaultStore(area).save(v2);
    const after = await new VaultStore(area).load();
    expect(after).toEqual({ record: v2, recoveredFromPrevious: false });
    expect((await unlockVault(after!.record, PASS)).data).toEqual(data2());
  });

  it('falls back to the other slot when the current one is damaged, and says so', async () => {
    const { area, store } = await storeWithV1();
    await store.save(v2);
    area.items['vault.b'] = '{"format":"tessera-vault", trunc';
    expect(await store.load()).toEqual({ record: v1, recoveredFromPrevious: true });
    // The next write goes to the damaged slot, never over the one still readable.
    const v3 = await sealData(v1, key, data2());
    await store.save(v3);
    expect(area.items['vault.a']).toEqual(v1);
    expect(await store.load()).toEqual({ record: v3, recoveredFromPrevious: false });
  });

  it('finds a vault whose first pointer write never happened', async () => {
    const area = new FakeArea();
    area.failOnSet = 2;
    await expect(new VaultStore(area).save(v1)).rejects.toThrow();
    expect(await new VaultStore(area).load()).toEqual({ record: v1, recoveredFromPrevious: true });
  });

  it('refuses to save something that is not a valid vault record', async () => {
    const { area, store } = await storeWithV1();
    await expect(store.save({ ...v1, format: 'nope' } as unknown as VaultRecord)).rejects.toMatchObject({ code: 'not-a-vault' });
    expect(area.items['vault.b']).toBeUndefined();
    expect(await store.load()).toEqual({ record: v1, recoveredFromPrevious: false });
  });

  it('serialises overlapping saves so the last one wins and the other slot holds the previous', async () => {
    const { area, store } = await storeWithV1();
    const v3 = await sealData(v1, key, sampleData());
    await Promise.all([store.save(v2), store.save(v3)]);
    expect(await store.load()).toEqual({ record: v3, recoveredFromPrevious: false });
    expect(area.items['vault.b']).toEqual(v2);
  });
});

describe('a stored vault that cannot be read is never mistaken for no vault', () => {
  it('exists() is true and unreadableReason() names the problem; an empty area has neither', async () => {
    const area = new Map<string, unknown>();
    const kv = {
      get: async (keys: string[]) => Object.fromEntries(keys.filter((k) => area.has(k)).map((k) => [k, area.get(k)])),
      set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => area.set(k, v)),
      remove: async (keys: string[]) => void keys.forEach((k) => area.delete(k)),
    };
    const store = new VaultStore(kv);
    expect(await store.exists()).toBe(false);
    expect(await store.unreadableReason()).toBeNull();
    area.set('vault.a', { format: 'tessera-vault', version: 99 });
    area.set('vault.current', 'a');
    expect(await store.load()).toBeNull();
    expect(await store.exists()).toBe(true);
    expect((await store.unreadableReason())?.message).toMatch(/newer|version/i);
  });
});
