import { describe, expect, it } from 'vitest';
import { createVault, unlockVault } from './vault-crypto';
import { freshKdfParams } from './kdf';
import { sampleData } from './test-fixtures';
import { passphraseSlot } from './vault-format';

const PASS = 'upgrade me please';

describe('upgrade on unlock (runs the real default Argon2id 64 MiB / 3 / 4)', () => {
  it('re-wraps an acceptable PBKDF2 vault under fresh Argon2id, keeps the data, and the result unlocks', async () => {
    const { record } = await createVault(PASS, sampleData(), freshKdfParams('pbkdf2-sha256'));
    const first = await unlockVault(record, PASS);
    expect(first.data).toEqual(sampleData());
    const upgraded = first.upgradedRecord;
    expect(passphraseSlot(upgraded!).kdf).toMatchObject({ alg: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });
    expect(upgraded?.data).toEqual(record.data);
    expect(passphraseSlot(upgraded!).wrap).not.toEqual(passphraseSlot(record).wrap);

    // The production read path: floors enforced, default Argon2id derivation, no further upgrade.
    const second = await unlockVault(JSON.parse(JSON.stringify(upgraded)), PASS);
    expect(second.data).toEqual(sampleData());
    expect(second.upgradedRecord).toBeUndefined();
    await expect(unlockVault(upgraded, 'upgrade me please?')).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });
});
