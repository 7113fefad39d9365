import { describe, expect, it } from 'vitest';
import { pick, SAMPLE } from '../../../test/fixtures/accounts';
import { aegisEncrypted } from '../../../test/fixtures/aegis';
import { andotpEncrypted, andotpEncryptedOld } from '../../../test/fixtures/andotp';
import { extensionEncrypted } from '../../../test/fixtures/authenticator-extension';
import { flipBase64, flipByte, truncate, utf8 } from '../../../test/fixtures/damage';
import { enteEncrypted } from '../../../test/fixtures/ente';
import { entePlainText } from '../../../test/fixtures/otpauth-text';
import { twofasEncrypted } from '../../../test/fixtures/twofas';
import { decryptEnteExport } from './ente-encrypted';
import { ImportError, importFile } from './index';

// Damaged and tampered copies of generated encrypted files: each must fail with the code the
// backup page acts on (ask again for a password, or say the file is damaged), never succeed
// with wrong accounts and never throw anything but an ImportError.
const PW = 'open sesame';
type Json = Record<string, any>;

async function failure(file: Uint8Array | string, password: string | undefined = PW): Promise<{ code: string; message: string; field?: string; entry?: number }> {
  const err = await importFile(file, password, decryptEnteExport).then(() => null, (e: unknown) => e);
  expect(err, 'import should fail').toBeInstanceOf(ImportError);
  return err as ImportError;
}

describe('Aegis', () => {
  // Lower scrypt cost than Aegis's own (N=32768) keeps the many derivations here quick.
  const file = (): Json => JSON.parse(aegisEncrypted(pick(1, 4, 7), [{ password: PW, n: 1024 }]));

  it('a cut-off file is not recognised as an Aegis export', async () => {
    expect(await failure(truncate(utf8(JSON.stringify(file()))))).toMatchObject({ code: 'unknown-format' });
  });

  it('a changed byte in the sealed accounts, or their tag: password right, accounts damaged', async () => {
    const f = file();
    expect(await failure(JSON.stringify({ ...f, db: flipBase64(f.db, 10) }))).toMatchObject({ code: 'malformed', message: expect.stringMatching(/password is right.*damaged/) });
    f.header.params.tag = '00'.repeat(16);
    expect(await failure(JSON.stringify(f))).toMatchObject({ code: 'malformed', message: expect.stringMatching(/password is right/) });
  });

  it('a changed wrapped key cannot be told from a wrong password', async () => {
    const f = file();
    const key = Buffer.from(f.header.slots[0].key, 'hex');
    key[3]! ^= 1;
    f.header.slots[0].key = key.toString('hex');
    expect(await failure(JSON.stringify(f))).toMatchObject({ code: 'wrong-password' });
  });

  it('a slot with a short key or missing nonce is damage, found before any key derivation', async () => {
    const f = file();
    f.header.slots[0].key = 'abcd';
    expect(await failure(JSON.stringify(f), undefined)).toMatchObject({ code: 'malformed' });
  });
});

describe('2FAS', () => {
  const file = (withReference = true): Json => JSON.parse(twofasEncrypted(pick(1, 2), PW, 4, { reference: withReference }));
  const parts = (f: Json): string[] => f.servicesEncrypted.split(':');

  it('a cut-off file is not recognised; a cut-off or incomplete sealed field is named as damaged', async () => {
    expect(await failure(truncate(utf8(JSON.stringify(file()))))).toMatchObject({ code: 'unknown-format' });
    const f = file();
    const [ct, salt, iv] = parts(f);
    for (const bad of [[ct!.slice(0, 20), salt, iv], [ct, salt]]) {
      expect(await failure(JSON.stringify({ ...f, servicesEncrypted: bad.join(':') }), undefined)).toMatchObject({ code: 'malformed', message: 'This 2FAS file is damaged: its encrypted accounts cannot be read.' });
    }
  });

  it('a changed byte in the accounts, when the password check passed: damaged, not a wrong password', async () => {
    const f = file();
    const [ct, salt, iv] = parts(f);
    const tampered = JSON.stringify({ ...f, servicesEncrypted: [flipBase64(ct!, 5), salt, iv].join(':') });
    expect(await failure(tampered)).toMatchObject({ code: 'malformed', message: expect.stringMatching(/password is right.*damaged/) });
    expect(await failure(tampered, 'wrong')).toMatchObject({ code: 'wrong-password' });
  });

  it('without a password check (no reference), a changed byte reads as a wrong password', async () => {
    const f = file(false);
    const [ct, salt, iv] = parts(f);
    expect(await failure(JSON.stringify({ ...f, servicesEncrypted: [flipBase64(ct!, 5), salt, iv].join(':') }))).toMatchObject({ code: 'wrong-password' });
  });
});

describe('andOTP', () => {
  it('new format: cut-off, changed tag or changed salt fail as a wrong password (GCM cannot tell them apart)', async () => {
    const f = andotpEncrypted(pick(1, 2), PW, 1000);
    for (const bad of [truncate(f), flipByte(f, -3), flipByte(f, 6)]) expect(await failure(bad)).toMatchObject({ code: 'wrong-password' });
    // Shorter than any andOTP file could be: not taken for one.
    expect(await failure(f.slice(0, 20))).toMatchObject({ code: 'unknown-format' });
  });

  it('old format: cut-off or changed bytes fail as a wrong password', async () => {
    const f = andotpEncryptedOld(pick(1), PW, Buffer.from('f00dfeedbeefcafe01234567', 'hex'));
    for (const bad of [truncate(f), flipByte(f, 40)]) expect(await failure(bad)).toMatchObject({ code: 'wrong-password' });
  });

  it('old format whose IV reads as a huge round count: opens with the right password, names both causes with a wrong one', async () => {
    // 0x10000000 = 268,435,456 "rounds": too many for the new format, so only the old reading is tried.
    const f = andotpEncryptedOld(SAMPLE, PW, Buffer.from('10000000beefcafe01234567', 'hex'));
    expect((await importFile(f, PW)).entries).toHaveLength(7);
    expect(await failure(f, 'wrong')).toMatchObject({ code: 'malformed', message: expect.stringMatching(/268,435,456 key rounds.*or the password is wrong/) });
  });
});

describe('Authenticator extension (v3)', () => {
  it('a changed or cut account names that entry; a changed or missing key record fails the check', async () => {
    const f: Json = JSON.parse(await extensionEncrypted(pick(1, 2, 3), PW));
    expect(await failure(truncate(utf8(JSON.stringify(f))))).toMatchObject({ code: 'unknown-format' });
    for (const data of [flipBase64(f['uuid-2'].data, 30), f['uuid-2'].data.slice(0, 24)]) {
      expect(await failure(JSON.stringify({ ...f, 'uuid-2': { ...f['uuid-2'], data } }))).toMatchObject({ code: 'malformed', entry: 3, field: 'data' });
    }
    const key = f['k3y-0001'];
    expect(await failure(JSON.stringify({ ...f, 'k3y-0001': { ...key, hash: `${key.hash.slice(0, -4)}AAAA` } }))).toMatchObject({ code: 'wrong-password' });
    expect(await failure(JSON.stringify({ ...f, 'k3y-0001': { ...key, hash: key.hash.replace(/m=\d+/, 'm=9999999') } }))).toMatchObject({ code: 'malformed', message: expect.stringMatching(/settings Tessera refuses/) });
    const { 'k3y-0001': _gone, ...withoutKey } = f;
    expect(await failure(JSON.stringify(withoutKey))).toMatchObject({ code: 'malformed', message: expect.stringMatching(/key record .* missing/) });
  });
});

describe('Ente (encrypted)', () => {
  it('a cut-off file is not recognised; cut-off data fails the check, saying it may be damage', async () => {
    const f = await enteEncrypted(entePlainText(pick(1)), PW);
    expect(await failure(truncate(utf8(JSON.stringify(f))))).toMatchObject({ code: 'unknown-format' });
    expect(await failure(JSON.stringify({ ...f, encryptedData: (f.encryptedData as string).slice(0, 100) }))).toMatchObject({ code: 'wrong-password', message: expect.stringMatching(/damaged/) });
  });
});
