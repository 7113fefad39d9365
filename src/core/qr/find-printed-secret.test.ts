// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { findPrintedSecret, normalizeSecret } from './find-printed-secret';

afterEach(() => {
  document.body.innerHTML = '';
});

function secretOf(html: string): string | null {
  document.body.innerHTML = html;
  return findPrintedSecret(document);
}

describe('findPrintedSecret on real page shapes', () => {
  it.each([
    ['WHMCS <strong> inside the instructions', '<p>If you cannot scan the code, enter this key manually: <strong>JBSWY3DPEHPK3PXP</strong></p>', 'JBSWY3DPEHPK3PXP'],
    ['GitLab code.two-factor-secret in groups', '<p><code class="two-factor-secret">KRUG S4ZA NFZS AYJA</code></p>', 'KRUGS4ZANFZSAYJA'],
    ['Discourse older lowercase groups', '<p>Or enter this key: <code>gezd gnbv gy3t qojq gezd gnbv</code></p>', 'GEZDGNBVGY3TQOJQGEZDGNBV'],
    ['Nextcloud plain paragraph', '<p>Your new TOTP secret is: OFSWG3TUMVZXIZLSOVZWK4RT</p>', 'OFSWG3TUMVZXIZLSOVZWK4RT'],
    ['Jetstream "Setup Key"', '<div><p class="font-semibold">Setup Key: <span>MFRGGZDFMZTWQ2LK</span></p></div>', 'MFRGGZDFMZTWQ2LK'],
    ['Keycloak manual mode span with id', '<span id="kc-totp-secret-key">MZXW 6YTB OJRG C4TV</span><input type="hidden" id="totpSecret" value="a1B2c3D4e5F6g7H8i9J0">', 'MZXW6YTBOJRGC4TV'],
    ['phpMyAdmin text node after "Secret/key:"', '<p>Secret/key: JBSWY3DPEHPK3PXPJBSWY3DP</p>', 'JBSWY3DPEHPK3PXPJBSWY3DP'],
    ['Gitea image alt', '<img src="data:image/png;base64,AAAA" alt="KVKFKRCPNZQUYMLX">', 'KVKFKRCPNZQUYMLX'],
    ['padding is dropped', '<p>Secret: <code>JBSWY3DPEHPK3PXP====</code></p>', 'JBSWY3DPEHPK3PXP'],
    ['upper-case words before the groups are not part of it', '<p>ENTER KEY JBSW Y3DP EHPK 3PXP</p>', 'JBSWY3DPEHPK3PXP'],
  ])('%s', (_name, html, expected) => {
    expect(secretOf(html)).toBe(expected);
  });
});

describe('findPrintedSecret rejects text that is not a key', () => {
  it.each([
    ['an ordinary word in <strong>', '<p>Secret key: <strong>AUTHENTICATION</strong></p>'],
    ['the alphabet', '<p>Example key: <code>ABCDEFGHIJKLMNOP</code></p>'],
    ['a long capitalised phrase without digits', '<p>Key: <strong>TWOFACTORAUTHENTICATIONSETUP</strong></p>'],
    ['a key-like string with no keyword nearby', '<p>Order reference <strong>JBSWY3DPEHPK3PXP</strong> shipped.</p>'],
    ['instructions only', '<p>Enter your secret key manually into your authenticator app</p>'],
    ['a hex string (0, 1, 8, 9 are not base32)', '<p>Secret: <code>3f2a8b9c0d1e4f5a6b7c8d9e</code></p>'],
    ['mixed-case raw secret (Keycloak totpSecret)', '<p>Secret: <code>aB2cD3eF4gH5iJ6kL7mN</code></p>'],
    ['too short', '<p>Secret: <code>JBSWY3DP</code></p>'],
    ['digits only', '<p>Key: <code>2345 6723 4567 2345</code></p>'],
    ['a capitalised phrase with one digit', '<p>Key: <strong>AUTHENTICATION2FACTOR</strong></p>'],
    ['prose in groups of unequal size', '<p>Key: <code>SCAN WITH YOUR PHONE APP 2345</code></p>'],
  ])('%s', (_name, html) => {
    expect(secretOf(html)).toBeNull();
  });
});

describe('normalizeSecret', () => {
  it('accepts a letters-only random-looking key', () => {
    expect(normalizeSecret('QWRTPLKJHGFDSZXC')).toBe('QWRTPLKJHGFDSZXC');
  });
  it('rejects unequal groups', () => {
    expect(normalizeSecret('JBSW Y3DPEH PK3P XP')).toBeNull();
  });
  it('accepts a key with a single digit (common for 16-character keys)', () => {
    expect(normalizeSecret('KRUG S4ZA NFZS AYJA')).toBe('KRUGS4ZANFZSAYJA');
  });
  it('accepts nearly all random keys (seeded generator, independent of the code under test)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * 32);
    };
    const key = (n: number): string => Array.from({ length: n }, () => alphabet[next()]).join('');
    const rate = (n: number): number => {
      let ok = 0;
      for (let i = 0; i < 400; i++) if (normalizeSecret(key(n))) ok++;
      return ok / 400;
    };
    expect(rate(16)).toBeGreaterThanOrEqual(0.95);
    expect(rate(32)).toBeGreaterThanOrEqual(0.99);
  });
  it('accepts equal groups of 8', () => {
    expect(normalizeSecret('JBSWY3DP EHPK3PXP')).toBe('JBSWY3DPEHPK3PXP');
  });
});
