/**
 * Vault format version 2 (issue 13): key slots, each wrap bound to the header and its own slot;
 * a version 1 vault upgrades in place on unlock and loses nothing; passkey (PRF) slots.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { hkdfSync } from 'node:crypto';
import { changePassphrase, createVault, openData, rotateVaultKey, unlockVault } from './vault-crypto';
import { addPrfSlot, freshPrfSalt, listPasskeys, removePrfSlot, unlockWithPrf } from './prf-slot';
import { freshKdfParams } from './kdf';
import { passphraseSlot, prfSlots, validateVaultRecord, type PrfSlot, type VaultRecord } from './vault-format';
import { flipBit, sampleData } from './test-fixtures';

const V1_PASS = 'version one passphrase';
const PASS = 'version two passphrase';
/** A version 1 vault written by Tessera before key slots (PBKDF2 600,000, the sample data). */
const V1_FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/vault-v1.json', import.meta.url), 'utf8'));

const prfOutput = new Uint8Array(32).fill(7);
const otherOutput = new Uint8Array(32).fill(9);
const CRED = Buffer.from('credential-one').toString('base64');
let base: VaultRecord;
let withPasskey: VaultRecord;
let vaultKey: CryptoKey;

const clone = (r: VaultRecord): VaultRecord => structuredClone(r);
const prf = (r: VaultRecord): PrfSlot => prfSlots(r)[0]!;

beforeAll(async () => {
  ({ record: base, vaultKey } = await createVault(PASS, sampleData(), freshKdfParams('pbkdf2-sha256')));
  withPasskey = await addPrfSlot(base, vaultKey, { credentialId: CRED, salt: freshPrfSalt(), prfOutput, label: 'YubiKey 5', createdAt: 1_750_000_000_000 });
});

describe('a version 1 vault upgrades in place on unlock', () => {
  it('opens the committed v1 fixture and returns a v2 record with every account and setting intact', async () => {
    expect(V1_FIXTURE.version).toBe(1);
    const opened = await unlockVault(V1_FIXTURE, V1_PASS);
    expect(opened.data).toEqual(sampleData());
    expect(opened.data.accounts.map((a) => a.secret)).toEqual(['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'ONSWG4TFOQ', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPIYTEMZUGU3DOOBZ']);
    expect(opened.data.settings).toEqual({ autoLockMinutes: 15, theme: 'dark' });
    const upgraded = opened.upgradedRecord!;
    expect(upgraded).toMatchObject({ format: 'tessera-vault', version: 2, slots: [{ kind: 'passphrase' }] });
    expect('kdf' in upgraded || 'wrappedKey' in upgraded).toBe(false);
    // The stored JSON survives a round trip through storage and opens with the same passphrase.
    const again = await unlockVault(JSON.parse(JSON.stringify(upgraded)), V1_PASS);
    expect(again.data).toEqual(sampleData());
    expect(again.upgradedRecord).toBeUndefined();
    await expect(unlockVault(upgraded, PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });

  it('keeps the vault key: a session key from before the upgrade opens the upgraded data', async () => {
    const opened = await unlockVault(V1_FIXTURE, V1_PASS);
    expect(await openData(opened.upgradedRecord!, opened.vaultKey)).toEqual(sampleData());
  });

  it('a tampered v1 fixture is still refused', async () => {
    const edited = structuredClone(V1_FIXTURE);
    edited.kdf.iterations = 600_001;
    await expect(unlockVault(edited, V1_PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    const data = structuredClone(V1_FIXTURE);
    data.data.ct = flipBit(data.data.ct, 10);
    await expect(unlockVault(data, V1_PASS)).rejects.toMatchObject({ code: 'corrupt' });
  });
});

describe('tampering with any slot or header field is refused', () => {
  const passphraseEdits: [string, (r: VaultRecord) => void][] = [
    ['passphrase kdf.iterations', (r) => ((passphraseSlot(r).kdf as { iterations: number }).iterations = 600_001)],
    ['passphrase kdf.salt', (r) => (passphraseSlot(r).kdf.salt = flipBit(passphraseSlot(r).kdf.salt, 0))],
    ['passphrase kdf.alg', (r) => (passphraseSlot(r).kdf = { ...passphraseSlot(r).kdf, alg: 'scrypt' } as never)],
    ['passphrase wrap.iv', (r) => (passphraseSlot(r).wrap.iv = flipBit(passphraseSlot(r).wrap.iv, 0))],
    ['passphrase wrap.ct', (r) => (passphraseSlot(r).wrap.ct = flipBit(passphraseSlot(r).wrap.ct, 5))],
    ['passphrase wrap tag', (r) => (passphraseSlot(r).wrap.ct = flipBit(passphraseSlot(r).wrap.ct, -1))],
    ['passphrase slot extra field', (r) => Object.assign(passphraseSlot(r), { note: 'x' })],
    ['passphrase slot wrap swapped with the passkey wrap', (r) => ([passphraseSlot(r).wrap, prf(r).wrap] = [prf(r).wrap, passphraseSlot(r).wrap])],
  ];
  const prfEdits: [string, (r: VaultRecord) => void][] = [
    ['prf credentialId', (r) => (prf(r).credentialId = Buffer.from('credential-two').toString('base64'))],
    ['prf salt', (r) => (prf(r).salt = flipBit(prf(r).salt, 3))],
    ['prf label', (r) => (prf(r).label = 'Evil key')],
    ['prf createdAt', (r) => (prf(r).createdAt += 1)],
    ['prf wrap.iv', (r) => (prf(r).wrap.iv = flipBit(prf(r).wrap.iv, 2))],
    ['prf wrap.ct', (r) => (prf(r).wrap.ct = flipBit(prf(r).wrap.ct, 0))],
    ['prf kind', (r) => ((prf(r) as { kind: string }).kind = 'passphrase')],
  ];
  const headerEdits: [string, (r: VaultRecord) => void][] = [
    ['format', (r) => ((r as { format: string }).format = 'tessera-vault2')],
    ['version', (r) => ((r as { version: number }).version = 1)],
    ['data.iv', (r) => (r.data.iv = flipBit(r.data.iv, 0))],
    ['data.ct', (r) => (r.data.ct = flipBit(r.data.ct, 8))],
    ['two passphrase slots', (r) => r.slots.push(structuredClone(passphraseSlot(r)))],
    ['no slots', (r) => (r.slots = [])],
  ];

  for (const [name, edit] of [...passphraseEdits, ...headerEdits]) {
    it(`${name}: the passphrase no longer opens it`, async () => {
      const r = clone(withPasskey);
      edit(r);
      await expect(unlockVault(JSON.parse(JSON.stringify(r)), PASS)).rejects.toMatchObject({ code: expect.stringMatching(/^(wrong-passphrase|corrupt|not-a-vault|unsupported-kdf)$/) });
    });
  }
  for (const [name, edit] of [...prfEdits, ...headerEdits]) {
    it(`${name}: the passkey no longer opens it`, async () => {
      const r = clone(withPasskey);
      edit(r);
      await expect(unlockWithPrf(JSON.parse(JSON.stringify(r)), CRED, prfOutput)).rejects.toMatchObject({
        code: expect.stringMatching(/^(wrong-passkey|unknown-passkey|corrupt|not-a-vault)$/),
      });
    });
  }

  it('the untouched record opens both ways (so the refusals above come from the edits)', async () => {
    expect((await unlockVault(clone(withPasskey), PASS)).data).toEqual(sampleData());
    expect((await unlockWithPrf(clone(withPasskey), CRED, prfOutput)).data).toEqual(sampleData());
  });
});

describe('KDF floors and ceilings still hold on the passphrase slot', () => {
  const cases: [string, object, string][] = [
    ['Argon2id below 64 MiB', { alg: 'argon2id', memoryKiB: 19456, iterations: 3, parallelism: 4 }, 'weak-kdf'],
    ['Argon2id 2 passes', { alg: 'argon2id', memoryKiB: 65536, iterations: 2, parallelism: 4 }, 'weak-kdf'],
    ['PBKDF2 100,000', { alg: 'pbkdf2-sha256', iterations: 100_000 }, 'weak-kdf'],
    ['Argon2id 1 GiB', { alg: 'argon2id', memoryKiB: 1_048_576, iterations: 3, parallelism: 4 }, 'unsupported-kdf'],
    ['PBKDF2 3,000,000', { alg: 'pbkdf2-sha256', iterations: 3_000_000 }, 'unsupported-kdf'],
  ];
  for (const [name, kdf, code] of cases) {
    it(`${name} is refused with ${code} before any derivation`, async () => {
      const r = clone(base);
      passphraseSlot(r).kdf = { ...kdf, salt: passphraseSlot(base).kdf.salt } as never;
      const derive = vi.spyOn(crypto.subtle, 'deriveKey');
      try {
        await expect(unlockVault(r, PASS)).rejects.toMatchObject({ code });
        expect(() => validateVaultRecord(r)).toThrow(expect.objectContaining({ code }));
        expect(derive).not.toHaveBeenCalled();
      } finally {
        derive.mockRestore();
      }
    });
  }
});

describe('passkey slots', () => {
  it('wrap the vault key under HKDF-SHA-256(PRF output, slot salt) as documented', async () => {
    const slot = prf(withPasskey);
    const info = Buffer.from('tessera vault key wrap (passkey slot, format 2)');
    const raw = new Uint8Array(hkdfSync('sha256', prfOutput, Buffer.from(slot.salt, 'base64'), info, 32));
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['unwrapKey']);
    const aad = new TextEncoder().encode(
      JSON.stringify({ format: 'tessera-vault', slot: { createdAt: slot.createdAt, credentialId: slot.credentialId, kind: 'prf', label: slot.label, salt: slot.salt }, version: 2 }),
    );
    const unwrapped = await crypto.subtle.unwrapKey('raw', Buffer.from(slot.wrap.ct, 'base64'), key, { name: 'AES-GCM', iv: Buffer.from(slot.wrap.iv, 'base64'), additionalData: aad }, 'AES-GCM', true, ['decrypt']);
    expect(await openData(withPasskey, unwrapped)).toEqual(sampleData());
  });

  it('another authenticator\'s output, an unknown credential, or a removed passkey are refused', async () => {
    await expect(unlockWithPrf(withPasskey, CRED, otherOutput)).rejects.toMatchObject({ code: 'wrong-passkey' });
    await expect(unlockWithPrf(withPasskey, Buffer.from('nope').toString('base64'), prfOutput)).rejects.toMatchObject({ code: 'unknown-passkey' });
    await expect(unlockWithPrf(withPasskey, CRED, new Uint8Array(16))).rejects.toMatchObject({ code: 'bad-passkey' });
    await expect(unlockWithPrf(V1_FIXTURE, CRED, prfOutput)).rejects.toMatchObject({ code: 'unknown-passkey' });
    const removed = removePrfSlot(withPasskey, CRED);
    expect(listPasskeys(removed)).toEqual([]);
    await expect(unlockWithPrf(removed, CRED, prfOutput)).rejects.toMatchObject({ code: 'unknown-passkey' });
    expect((await unlockVault(removed, PASS)).data).toEqual(sampleData());
  });

  it('lists label and date only, and refuses a duplicate credential or an overlong label', async () => {
    expect(listPasskeys(withPasskey)).toEqual([{ credentialId: CRED, label: 'YubiKey 5', createdAt: 1_750_000_000_000 }]);
    expect(JSON.stringify(withPasskey)).not.toContain(Buffer.from(prfOutput).toString('base64'));
    await expect(addPrfSlot(withPasskey, vaultKey, { credentialId: CRED, salt: freshPrfSalt(), prfOutput, label: 'again', createdAt: 1 })).rejects.toMatchObject({ code: 'bad-passkey' });
    await expect(addPrfSlot(base, vaultKey, { credentialId: CRED, salt: freshPrfSalt(), prfOutput, label: 'x'.repeat(65), createdAt: 1 })).rejects.toMatchObject({ code: 'bad-passkey' });
  });

  it('a passphrase change keeps passkeys; a key rotation drops them (they cannot be re-wrapped)', async () => {
    const changed = await changePassphrase(withPasskey, vaultKey, 'another passphrase', freshKdfParams('pbkdf2-sha256'));
    expect((await unlockWithPrf(changed, CRED, prfOutput)).data).toEqual(sampleData());
    expect(prf(changed)).toEqual(prf(withPasskey));
    const rotated = await rotateVaultKey(withPasskey, PASS, freshKdfParams('pbkdf2-sha256'));
    expect(rotated.droppedPasskeys).toBe(1);
    expect(prfSlots(rotated.record)).toEqual([]);
    expect((await unlockVault(rotated.record, PASS)).data).toEqual(sampleData());
  });
});
