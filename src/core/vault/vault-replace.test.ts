/**
 * Issue 10: a passphrase change, a new vault key or a removed key slot leaves no copy behind
 * that still opens with what was replaced: both storage slots are rewritten, even after a crash
 * between the writes.
 */
import { describe, expect, it } from 'vitest';
import { VaultStore, type KeyValueArea } from './vault-store';
import { changePassphrase, createVault, exportVaultKey, openData, rotateVaultKey, sealData, unlockVault } from './vault-crypto';
import { freshKdfParams } from './kdf';
import { passphraseSlot, validateVaultRecord } from './vault-format';
import { sampleData } from './test-fixtures';

const OLD = 'old passphrase one';
const NEW = 'new passphrase two';

class CrashingArea implements KeyValueArea {
  items: Record<string, unknown> = {};
  setCalls = 0;
  crashOnSet: number | undefined;
  async get(keys: string[]) {
    return Object.fromEntries(keys.filter((k) => k in this.items).map((k) => [k, structuredClone(this.items[k])]));
  }
  async set(items: Record<string, unknown>) {
    if (++this.setCalls === this.crashOnSet) throw new Error('service worker stopped');
    Object.assign(this.items, structuredClone(items));
  }
  async remove(keys: string[]) {
    for (const k of keys) delete this.items[k];
  }
}

const slots = (area: CrashingArea) => [area.items['vault.a'], area.items['vault.b']].filter((v) => v !== undefined);

/** A store holding two generations of a vault under OLD (both slots filled, as after any edit). */
async function storedUnderOld() {
  const area = new CrashingArea();
  const store = new VaultStore(area);
  const { record, vaultKey } = await createVault(OLD, sampleData(), freshKdfParams('pbkdf2-sha256'));
  await store.save(record);
  await store.save(await sealData(record, vaultKey, sampleData()));
  return { area, store, record, vaultKey };
}

describe('a passphrase change rewrites both slots', () => {
  it('afterwards no stored copy opens with the old passphrase; both open with the new one', async () => {
    const { area, store, record, vaultKey } = await storedUnderOld();
    expect(slots(area)).toHaveLength(2);
    await store.replaceEverywhere(await changePassphrase(record, vaultKey, NEW, freshKdfParams('pbkdf2-sha256')));
    expect(slots(area)).toHaveLength(2);
    for (const copy of slots(area)) {
      await expect(unlockVault(copy, OLD)).rejects.toMatchObject({ code: 'wrong-passphrase' });
      expect((await unlockVault(copy, NEW)).data).toEqual(sampleData());
    }
    expect(area.items['vault.replacing']).toBeUndefined();
  });

  it('a crash after the new copy became current is finished on the next start', async () => {
    const { area, store, record, vaultKey } = await storedUnderOld();
    const changed = await changePassphrase(record, vaultKey, NEW, freshKdfParams('pbkdf2-sha256'));
    // set #1 marker, #2 new slot, #3 pointer, #4 overwrite of the previous copy: crash there.
    area.crashOnSet = area.setCalls + 4;
    await expect(store.replaceEverywhere(changed)).rejects.toThrow(/stopped/);
    const restarted = new VaultStore(area);
    const loaded = await restarted.load();
    expect(loaded?.recoveredFromPrevious).toBe(false);
    expect((await unlockVault(loaded!.record, NEW)).data).toEqual(sampleData());
    expect(await restarted.finishPendingReplace()).toBe(true);
    for (const copy of slots(area)) await expect(unlockVault(copy, OLD)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    expect(await restarted.finishPendingReplace()).toBe(false);
  });

  it('a crash before the new copy was written keeps the old vault whole and current', async () => {
    const { area, store, record, vaultKey } = await storedUnderOld();
    area.crashOnSet = area.setCalls + 2;
    await expect(store.replaceEverywhere(await changePassphrase(record, vaultKey, NEW, freshKdfParams('pbkdf2-sha256')))).rejects.toThrow();
    const restarted = new VaultStore(area);
    expect(await restarted.finishPendingReplace()).toBe(true);
    const loaded = await restarted.load();
    expect((await unlockVault(loaded!.record, OLD)).data).toEqual(sampleData());
  });
});

describe('rotate vault key', () => {
  it('makes a new key, re-encrypts the data, and the old key opens no stored copy', async () => {
    const { area, store, record, vaultKey } = await storedUnderOld();
    const rotated = await rotateVaultKey(record, OLD, freshKdfParams('pbkdf2-sha256'));
    expect(await exportVaultKey(rotated.vaultKey)).not.toEqual(await exportVaultKey(vaultKey));
    expect(rotated.record.data.ct).not.toBe(record.data.ct);
    expect(passphraseSlot(rotated.record).kdf.salt).not.toBe(passphraseSlot(record).kdf.salt);
    await store.replaceEverywhere(rotated.record);
    for (const copy of slots(area)) {
      await expect(openData(validateVaultRecord(copy), vaultKey)).rejects.toMatchObject({ code: 'corrupt' });
      expect(await openData(validateVaultRecord(copy), rotated.vaultKey)).toEqual(sampleData());
      expect((await unlockVault(copy, OLD)).data).toEqual(sampleData());
    }
  });

  it('refuses a wrong passphrase and changes nothing', async () => {
    const { record } = await storedUnderOld();
    await expect(rotateVaultKey(record, 'not the passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });
});
