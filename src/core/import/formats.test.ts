import { describe, expect, it } from 'vitest';
import { importFile, MAX_ANDOTP_ITERATIONS } from './index';
import { pick, SAMPLE } from '../../../test/fixtures/accounts';
import { aegisEncrypted } from '../../../test/fixtures/aegis';
import { andotpEncrypted, andotpPlain } from '../../../test/fixtures/andotp';
import { twofasPlain } from '../../../test/fixtures/twofas';
import { row } from './test-support';

/** A generated encrypted Aegis file (low scrypt cost: these tests never derive with it). */
const aegisFile = () => JSON.parse(aegisEncrypted(pick(1), [{ password: 'test', n: 1024 }])) as Record<string, any>;
const aegisPlain = (entries: unknown[], version = 1) => JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version, entries } });
const aegisEntry = (type: string, secret = 'JBSWY3DPEHPK3PXP', extra: object = {}) =>
  ({ type, name: 'n', issuer: 'i', info: { secret, algo: 'SHA1', digits: 6, period: 30, ...extra } });

describe('Aegis specifics', () => {
  it('skips mOTP and Yandex with a reason, keeps the rest, reads notes and MD5→SHA1', async () => {
    const r = await importFile(aegisPlain([aegisEntry('motp'), { ...aegisEntry('totp', 'jbsw y3dp ehpk 3pxp', { algo: 'MD5' }), note: 'hi' }, aegisEntry('yandex')], 2));
    expect(r.entries.map((e) => [e.input.secret, e.input.algorithm, e.input.note])).toEqual([['JBSWY3DPEHPK3PXP', 'SHA1', 'hi']]);
    expect(r.skipped).toEqual([
      { index: 1, label: 'i (n)', reason: 'mOTP accounts are not supported' },
      { index: 3, label: 'i (n)', reason: 'Yandex accounts are not supported' },
    ]);
  });

  it('names the entry and field of a bad secret', async () => {
    const bad = aegisPlain([aegisEntry('totp'), aegisEntry('totp'), aegisEntry('totp', 'NOT-BASE32-1!')]);
    await expect(importFile(bad)).rejects.toMatchObject({ code: 'malformed', entry: 3, field: 'secret', message: expect.stringMatching(/^Entry 3: the secret key is not valid base32/) });
  });

  it('refuses out-of-range digits and an unknown content version', async () => {
    await expect(importFile(aegisPlain([aegisEntry('totp', undefined, { digits: 12 })]))).rejects.toMatchObject({ code: 'malformed', entry: 1, field: 'digits' });
    await expect(importFile(aegisPlain([], 9))).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('refuses scrypt settings that would exhaust memory, before deriving anything', async () => {
    const file = aegisFile();
    file.header.slots[0].n = 2 ** 30;
    const started = Date.now();
    await expect(importFile(JSON.stringify(file), 'test')).rejects.toMatchObject({ code: 'malformed' });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('a vault with only a fingerprint slot is unsupported', async () => {
    const file = aegisFile();
    file.header.slots[0].type = 2;
    await expect(importFile(JSON.stringify(file), 'test')).rejects.toMatchObject({ code: 'unsupported' });
  });
});

describe('2FAS specifics', () => {
  it('skips SHA224/SHA384 services with a reason and refuses newer schemas', async () => {
    const file = JSON.parse(twofasPlain(SAMPLE, 4)) as Record<string, any>;
    file.services[1].otp.algorithm = 'SHA384';
    const r = await importFile(JSON.stringify(file));
    expect(r.entries).toHaveLength(6);
    expect(r.skipped).toEqual([{ index: 2, label: 'Büro Cloud (jörg)', reason: expect.stringContaining('SHA384') }]);
    await expect(importFile(JSON.stringify({ ...file, schemaVersion: 5 }))).rejects.toMatchObject({ code: 'unsupported' });
  });
});

describe('andOTP specifics', () => {
  it('skips MOTP entries', async () => {
    const list = JSON.parse(andotpPlain(SAMPLE)) as Record<string, unknown>[];
    list[0]!.type = 'MOTP';
    const r = await importFile(JSON.stringify(list));
    expect(r.entries).toHaveLength(6);
    expect(r.skipped).toEqual([{ index: 1, label: 'Acme Mail (alice@example.com)', reason: 'mOTP accounts are not supported' }]);
  });

  it(`refuses a header claiming more than ${MAX_ANDOTP_ITERATIONS} rounds as malformed, quickly`, async () => {
    const bytes = andotpEncrypted(pick(1), 'test', 1000);
    new DataView(bytes.buffer).setInt32(0, 2_000_000_000, false);
    const started = Date.now();
    await expect(importFile(bytes, 'test')).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('2,000,000,000') });
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('Authenticator extension specifics', () => {
  // Secrets below were encrypted with `openssl enc -aes-256-cbc -md md5 -pass pass:…` (the
  // format CryptoJS writes), independently of our decoder.
  const v1 = { a: { encrypted: true, hash: 'a', index: 0, type: 'totp', issuer: 'Example', account: 'alice', secret: 'U2FsdGVkX19xVuQzijpWHbWV8rvV1tUFsdk61wFvgobfvBmxBfWTS5WNVnGOtg+B' } };
  const v2 = {
    key: { enc: 'U2FsdGVkX1+eZuI0MPzO8kD/OtZqiW/tGEadQf9mR6v3xo4u2v1gNcAb7tMPQBxQvek83+Oj85xpm8Tj08ZBug==', hash: 'x' },
    b: { encrypted: true, hash: 'b', index: 0, type: 'totp', issuer: 'Two', account: 'bob', secret: 'U2FsdGVkX19x3bNlqJBSJnnZ8XcLZuB0/a40Vq5KfnxZJ3XgGboSL25TfOFFvn3S' },
  };

  it('reads v1 (secret encrypted with the password) and v2 (with a wrapped key)', async () => {
    expect((await importFile(JSON.stringify(v1), 'test')).entries.map(row)).toEqual([['Example', 'alice', 'totp', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30]]);
    expect((await importFile(JSON.stringify(v2), 'test')).entries.map(row)).toEqual([['Two', 'bob', 'totp', 'GEZDGNBVGY3TQOJQ', 'SHA1', 6, 30]]);
    await expect(importFile(JSON.stringify(v1), 'nope')).rejects.toMatchObject({ code: 'wrong-password' });
    await expect(importFile(JSON.stringify(v2))).rejects.toMatchObject({ code: 'password-required' });
  });

  it('converts hex secrets, maps Battle.net to 8 digits and skips GOST', async () => {
    const file = {
      h: { encrypted: false, hash: 'h', index: 0, type: 'hhex', secret: '3132333435363738393031323334353637383930', counter: 3 },
      b: { encrypted: false, hash: 'b', index: 1, type: 'totp', secret: 'blz-JBSWY3DPEHPK3PXP' },
      g: { encrypted: false, hash: 'g', index: 2, type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'GOST3411_2012_256' },
    };
    const r = await importFile(JSON.stringify(file));
    // RFC 4226's key "12345678901234567890" in base32.
    expect(r.entries.map(row)).toEqual([
      ['', '', 'hotp', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'SHA1', 6, 3],
      ['', '', 'totp', 'JBSWY3DPEHPK3PXP', 'SHA1', 8, 30],
    ]);
    expect(r.skipped).toEqual([{ index: 3, label: 'Unnamed account', reason: expect.stringContaining('GOST3411_2012_256') }]);
  });
});

describe('Bitwarden specifics', () => {
  const export_ = (totp: string, username: string | null = 'me@x.org') =>
    JSON.stringify({ encrypted: false, items: [{ type: 2, name: 'Note' }, { type: 1, name: 'Site', login: { username, totp } }] });

  it('reads bare secrets the way Bitwarden does (non-alphabet characters and leftover bits dropped)', async () => {
    expect((await importFile(export_('wqiq 25br kzyc jvyp'))).entries.map(row)).toEqual([['Site', 'me@x.org', 'totp', 'WQIQ25BRKZYCJVYP', 'SHA1', 6, 30]]);
    expect((await importFile(export_('PIUDISEQYA======'))).entries[0]!.input.secret).toBe('PIUDISEQYA');
    expect((await importFile(export_('steam://HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ'))).entries.map(row))
      .toEqual([['Site', 'me@x.org', 'steam', 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ', 'SHA1', 5, 30]]);
  });

  it('refuses encrypted exports and unusable keys', async () => {
    await expect(importFile(JSON.stringify({ encrypted: true, items: [] }))).rejects.toMatchObject({ code: 'unsupported' });
    await expect(importFile(export_('!!!'))).rejects.toMatchObject({ code: 'malformed', entry: 1 });
  });
});

describe('otpauth lists and Ente text', () => {
  it('names the bad line, skips mOTP and prose lines', async () => {
    const text = 'otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP\nmotp://x?secret=abcd\nhello\n# comment\n';
    const r = await importFile(text);
    expect(r.format).toBe('otpauth-list');
    expect(r.entries).toHaveLength(1);
    expect(r.skipped.map((s) => [s.index, s.reason])).toEqual([[2, 'mOTP accounts are not supported'], [3, 'this line is not an authenticator link']]);
    await expect(importFile(`${text}otpauth://totp/B:b?secret=JBSWY3DPEHPK3PXP&digits=12`)).rejects.toMatchObject({ code: 'malformed', entry: 4 });
  });

  it("reads Ente notes, skips trashed codes and accepts comma separators", async () => {
    const display = (o: object) => encodeURIComponent(JSON.stringify(o));
    const text = `otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&codeDisplay=${display({ note: 'desk', trashed: false })},`
      + `otpauth://totp/B:b?secret=JBSWY3DPEHPK3PXP&codeDisplay=${display({ trashed: true })}`;
    const r = await importFile(text);
    expect(r.format).toBe('ente');
    expect(r.entries.map((e) => [e.input.issuer, e.input.note])).toEqual([['A', 'desk']]);
    expect(r.skipped).toEqual([{ index: 2, label: 'B:b', reason: "it is in Ente's trash" }]);
  });
});
