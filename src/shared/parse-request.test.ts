import { describe, expect, test } from 'vitest';
import { parseRequest } from './parse-request';

describe('parseRequest: the background acts only on messages that match the contract exactly', () => {
  test('accepts well-formed requests', () => {
    expect(parseRequest({ type: 'vault/unlock', payload: { passphrase: 'x' } })).toEqual({ type: 'vault/unlock', payload: { passphrase: 'x' } });
    expect(parseRequest({ type: 'vault/lock', payload: {} })).not.toBeNull();
    expect(parseRequest({ type: 'fill/run', payload: { tabId: 3, accountId: 'a', confirmSite: true } })).not.toBeNull();
    expect(parseRequest({ type: 'account/update', payload: { id: 'a', changes: { site: null, backupCodes: ['1'] } } })).not.toBeNull();
  });

  const refused: [string, unknown][] = [
    ['not an object', 'fill/run'],
    ['null', null],
    ['unknown type', { type: 'vault/dump', payload: {} }],
    ['prototype key as type', { type: 'constructor', payload: {} }],
    ['missing payload', { type: 'vault/unlock' }],
    ['wrong field type', { type: 'vault/unlock', payload: { passphrase: 42 } }],
    ['extra field', { type: 'vault/lock', payload: { force: true } }],
    ['tab id not an integer', { type: 'fill/run', payload: { tabId: 1.5 } }],
    ['nested extra field', { type: 'account/update', payload: { id: 'a', changes: { secret: 'AAAA' } } }],
    ['array payload', { type: 'vault/lock', payload: [] }],
    ['an extra key named like a prototype member', { type: 'vault/lock', payload: { constructor: 1 } }],
    ['a nested extra key named like a prototype member', { type: 'account/update', payload: { id: 'a', changes: { toString: 'x' } } }],
    ['enum out of range', { type: 'account/add', payload: { secretOrUri: 'x', algorithm: 'MD5' } }],
  ];
  for (const [name, message] of refused) {
    test(`refuses ${name}`, () => expect(parseRequest(message)).toBeNull());
  }
});

describe('passkey requests', () => {
  test('take exactly their fields', () => {
    const ok = (type: string, payload: unknown) => parseRequest({ type, payload }) !== null;
    expect(ok('passkey/list', {})).toBe(true);
    expect(ok('passkey/add', { passphrase: 'p', credentialId: 'c', salt: 's', prfOutput: 'o', label: 'l' })).toBe(true);
    expect(ok('passkey/add', { passphrase: 'p', credentialId: 'c', salt: 's', prfOutput: 'o' })).toBe(false);
    expect(ok('passkey/remove', { credentialId: 'c' })).toBe(false);
    expect(ok('vault/unlock-passkey', { credentialId: 'c', prfOutput: 'o' })).toBe(true);
    expect(ok('vault/unlock-passkey', { credentialId: 'c', prfOutput: 'o', tabId: 1 })).toBe(false);
    expect(ok('vault/rotate-key', { passphrase: 'p' })).toBe(true);
    expect(ok('vault/verify', { proof: { passphrase: 'p' } })).toBe(true);
  });
});

describe('re-authentication proofs', () => {
  test('accept exactly a passphrase or a passkey PRF output, never both, nothing else', () => {
    const ok = (proof: unknown) => parseRequest({ type: 'backup/export-plain', payload: { proof } }) !== null;
    expect(ok({ passphrase: 'x' })).toBe(true);
    expect(ok({ passkey: { credentialId: 'abc', prfOutput: 'AAAA' } })).toBe(true);
    expect(ok({ passphrase: 'x', passkey: { credentialId: 'abc', prfOutput: 'AAAA' } })).toBe(false);
    expect(ok({ passkey: { credentialId: 'abc' } })).toBe(false);
    expect(ok({})).toBe(false);
    expect(parseRequest({ type: 'backup/export-plain', payload: {} })).toBeNull();
    expect(parseRequest({ type: 'account/reveal', payload: { id: 'a' } })).toBeNull();
  });
});
