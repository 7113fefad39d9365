import { describe, expect, it } from 'vitest';
import { canonicalJson, fromBase64, fromUtf8, toBase64 } from './bytes';

describe('base64', () => {
  it('matches Node Buffer on every length mod 3, including 4 MB (a 10,000-account backup)', () => {
    for (const n of [0, 1, 2, 3, 31, 32, 33, 4_000_001]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 0xff);
      const b64 = toBase64(bytes);
      expect(b64).toBe(Buffer.from(bytes).toString('base64'));
      // Buffer.equals: a deep toEqual over megabytes is far too slow in vitest.
      expect(Buffer.from(fromBase64(b64) ?? []).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('rejects anything but standard padded base64', () => {
    for (const bad of ['abc', 'ab=c', 'ab c', 'ab-_', '====', 'YQ', 'YQ=', 'Y===']) expect(fromBase64(bad)).toBeNull();
    expect(fromBase64('YQ==')).toEqual(new Uint8Array([0x61]));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined, so key order does not change the bytes', () => {
    const a = canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 'é' }], c: null }, u: undefined });
    const b = canonicalJson({ a: { c: null, d: [2, { y: 'é', z: 1 }] }, b: 1 });
    expect(a).toBe('{"a":{"c":null,"d":[2,{"y":"é","z":1}]},"b":1}');
    expect(b).toBe(a);
  });
});

describe('fromUtf8', () => {
  it('refuses invalid UTF-8 instead of replacing characters', () => {
    expect(fromUtf8(new Uint8Array([0xc3, 0xa9]))).toBe('é');
    expect(fromUtf8(new Uint8Array([0xff, 0xfe]))).toBeNull();
  });
});

describe('base64Length', () => {
  it('gives the decoded length of strict base64 without decoding, and null for anything else', async () => {
    const { base64Length, toBase64 } = await import('./bytes');
    for (const n of [0, 1, 2, 3, 12, 48, 1000]) expect(base64Length(toBase64(new Uint8Array(n)))).toBe(n);
    expect(base64Length('abc')).toBeNull();
    expect(base64Length('ab$=')).toBeNull();
    expect(base64Length('a===')).toBeNull();
  });
});
