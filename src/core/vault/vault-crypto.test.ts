import { beforeAll, describe, expect, it, vi } from 'vitest';
import { changePassphrase, createVault, exportVaultKey, importVaultKey, openData, sealData, unlockVault } from './vault-crypto';
import { freshKdfParams } from './kdf';
import { passphraseSlot, validateVaultRecord, type VaultRecord } from './vault-format';
import { CHEAP_KDF, flipBit, sampleData } from './test-fixtures';

const PASS = 'correct horse battery';
// PBKDF2 at its 600,000 floor is the cheapest derivation a stored vault may use (~0.15 s).
let record: VaultRecord;
let vaultKey: CryptoKey;

beforeAll(async () => {
  ({ record, vaultKey } = await createVault(PASS, sampleData(), freshKdfParams('pbkdf2-sha256')));
});

const clone = (r: VaultRecord): VaultRecord => JSON.parse(JSON.stringify(r)) as VaultRecord;
const pp = (r: VaultRecord) => passphraseSlot(r);

describe('create / unlock', () => {
  it('stores a JSON record in the documented shape and unlocks with the passphrase', async () => {
    expect(validateVaultRecord(clone(record))).toEqual(record);
    expect(record).toMatchObject({ format: 'tessera-vault', version: 2, slots: [{ kind: 'passphrase', kdf: { alg: 'pbkdf2-sha256', iterations: 600_000 } }] });
    expect(JSON.stringify(record)).not.toContain('JBSWY3DPEHPK3PXP');
    const opened = await unlockVault(clone(record), PASS);
    expect(opened.data).toEqual(sampleData());
    expect(await exportVaultKey(opened.vaultKey)).toEqual(await exportVaultKey(vaultKey));
  });

  it('reports a wrong passphrase as wrong-passphrase', async () => {
    await expect(unlockVault(record, 'correct horse battery!')).rejects.toMatchObject({ code: 'wrong-passphrase', message: 'Wrong passphrase.' });
  });

  it('refuses passphrases under 8 characters at creation and change', async () => {
    await expect(createVault('1234567', sampleData(), CHEAP_KDF, { allowBelowFloor: true })).rejects.toMatchObject({ code: 'passphrase-too-short' });
    await expect(changePassphrase(record, vaultKey, 'short')).rejects.toMatchObject({ code: 'passphrase-too-short' });
    // 8 emoji are 8 characters even though they are 16 UTF-16 units; 7 are still too short.
    await expect(changePassphrase(record, vaultKey, '🙂'.repeat(7))).rejects.toMatchObject({ code: 'passphrase-too-short' });
  });

  it('rejects non-vaults and newer versions before deriving', async () => {
    await expect(unlockVault({ hello: 'world' }, PASS)).rejects.toMatchObject({ code: 'not-a-vault' });
    await expect(unlockVault('tessera-vault', PASS)).rejects.toMatchObject({ code: 'not-a-vault' });
    await expect(unlockVault({ ...clone(record), version: 3 }, PASS)).rejects.toMatchObject({ code: 'unsupported-version' });
    await expect(unlockVault({ ...clone(record), version: 0 }, PASS)).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('refuses a sub-floor record (Argon2id 19 MiB) with weak-kdf before any derivation', async () => {
    const weak = clone(record);
    pp(weak).kdf = { alg: 'argon2id', memoryKiB: 19456, iterations: 2, parallelism: 1, salt: pp(record).kdf.salt };
    const derive = vi.spyOn(crypto.subtle, 'deriveKey');
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    try {
      await expect(unlockVault(weak, PASS)).rejects.toMatchObject({ code: 'weak-kdf' });
      expect(derive).not.toHaveBeenCalled();
      expect(importKey).not.toHaveBeenCalled();
    } finally {
      derive.mockRestore();
      importKey.mockRestore();
    }
  });
});

describe('tampering: nothing decrypts', () => {
  it('edited kdf.iterations or salt reads as wrong-passphrase (the derived key changes)', async () => {
    const iter = clone(record);
    (pp(iter).kdf as { iterations: number }).iterations = 600_001;
    await expect(unlockVault(iter, PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    const salt = clone(record);
    pp(salt).kdf.salt = flipBit(pp(salt).kdf.salt, 0);
    await expect(unlockVault(salt, PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });

  it('a bit flip in the wrapped key reads as wrong-passphrase', async () => {
    const r = clone(record);
    pp(r).wrap.ct = flipBit(pp(r).wrap.ct, 3);
    await expect(unlockVault(r, PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });

  it('a bit flip in the data ciphertext, tag or IV is corrupt', async () => {
    for (const edit of [(r: VaultRecord) => (r.data.ct = flipBit(r.data.ct, 0)), (r: VaultRecord) => (r.data.ct = flipBit(r.data.ct, -1)), (r: VaultRecord) => (r.data.iv = flipBit(r.data.iv, 5))]) {
      const r = clone(record);
      edit(r);
      await expect(openData(r, vaultKey)).rejects.toMatchObject({ code: 'corrupt', message: 'The vault data is damaged or was tampered with; it was not changed.' });
    }
  });

  it('truncated fields are corrupt before any decryption', () => {
    const r = clone(record);
    r.data.ct = r.data.ct.slice(0, 12);
    expect(() => validateVaultRecord(r)).toThrow(expect.objectContaining({ code: 'corrupt' }));
    const w = clone(record);
    pp(w).wrap.ct = pp(w).wrap.ct.slice(0, 40);
    expect(() => validateVaultRecord(w)).toThrow(expect.objectContaining({ code: 'corrupt' }));
  });

  it('authenticated but invalid contents are corrupt and name the account and field', async () => {
    const bad = sampleData() as unknown as { accounts: Record<string, unknown>[] };
    bad.accounts[1]!.digits = 12;
    // Encrypt by hand with the documented AAD, bypassing sealData's own check.
    const iv = new Uint8Array(12);
    const aad = new TextEncoder().encode('{"format":"tessera-vault","version":2}');
    const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, vaultKey, new TextEncoder().encode(JSON.stringify(bad)));
    const r = { ...clone(record), data: { iv: Buffer.from(iv).toString('base64'), ct: Buffer.from(ct).toString('base64') } };
    await expect(openData(r, vaultKey)).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('account 2 (digits)') });
  });
});

describe('sealing data', () => {
  it('uses a fresh IV on every write, and both seals open to the same data', async () => {
    const a = await sealData(record, vaultKey, sampleData());
    const b = await sealData(record, vaultKey, sampleData());
    expect(a.data.iv).not.toBe(b.data.iv);
    expect(a.data.ct).not.toBe(b.data.ct);
    expect(a.slots).toEqual(record.slots);
    expect(await openData(a, vaultKey)).toEqual(await openData(b, vaultKey));
  });

  it('refuses to seal invalid contents, naming the entry and field', async () => {
    const data = sampleData();
    data.accounts[2]!.secret = 'not base32!';
    await expect(sealData(record, vaultKey, data)).rejects.toMatchObject({ code: 'invalid-data', message: expect.stringContaining('account 3 (secret)') });
  });

  it('exports and re-imports the vault key as 32 raw bytes', async () => {
    const raw = await exportVaultKey(vaultKey);
    expect(raw).toHaveLength(32);
    const again = await importVaultKey(raw);
    expect(await openData(record, again)).toEqual(sampleData());
    await expect(importVaultKey(raw.slice(0, 16))).rejects.toMatchObject({ code: 'corrupt' });
  });
});

describe('changing the passphrase', () => {
  it('keeps the data ciphertext and unlocks only with the new passphrase', async () => {
    const changed = await changePassphrase(record, vaultKey, 'a brand new passphrase', freshKdfParams('pbkdf2-sha256'));
    expect(changed.data).toEqual(record.data);
    expect(pp(changed).kdf.salt).not.toBe(pp(record).kdf.salt);
    await expect(unlockVault(changed, PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    expect((await unlockVault(changed, 'a brand new passphrase')).data).toEqual(sampleData());
  });
});

describe('optional account options survive a seal and open', () => {
  it('autoSubmit and autoFill are kept when set and absent when not', async () => {
    const { checkAccount } = await import('./account-check');
    const base = {
      id: 'a', type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', encoder: 'standard', digits: 6, period: 30,
      counter: 0, issuer: 'I', name: 'N', note: '', backupCodes: [], site: 'example.com', createdAt: 1,
    };
    const withOptions = checkAccount({ ...base, autoSubmit: true, autoFill: true });
    expect('account' in withOptions && withOptions.account.autoSubmit).toBe(true);
    expect('account' in withOptions && withOptions.account.autoFill).toBe(true);
    const without = checkAccount(base);
    expect('account' in without && 'autoFill' in without.account).toBe(false);
    const bad = checkAccount({ ...base, autoFill: 'yes' });
    expect('problem' in bad && bad.problem.field).toBe('autoFill');
  });

  it('copyAfterFill is kept when set, and refused when not a boolean', async () => {
    const { checkAccount } = await import('./account-check');
    const base = {
      id: 'a', type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', encoder: 'standard', digits: 6, period: 30,
      counter: 0, issuer: 'I', name: 'N', note: '', backupCodes: [], site: 'example.com', createdAt: 1,
    };
    const kept = checkAccount({ ...base, copyAfterFill: true });
    expect('account' in kept && kept.account.copyAfterFill).toBe(true);
    const bad = checkAccount({ ...base, copyAfterFill: 1 });
    expect('problem' in bad && bad.problem.field).toBe('copyAfterFill');
  });
});
