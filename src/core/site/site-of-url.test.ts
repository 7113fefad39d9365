import { describe, expect, it } from 'vitest';
import { isSecureForFill, issuerMatchesSite, siteLabel, siteOf } from './site-of-url';

describe('siteOf', () => {
  it.each<[string, string | null]>([
    ['https://www.example.co.uk/login', 'example.co.uk'],
    ['https://login.example.com/', 'example.com'],
    ['https://example.com.evil.net/example.com', 'evil.net'],
    ['HTTPS://WWW.Example.COM./path', 'example.com'],
    ['https://a.b.github.io/', 'b.github.io'],
    ['https://alice.github.io/repo', 'alice.github.io'],
    ['https://github.io/', 'github.io'],
    ['https://github.com/login', 'github.com'],
    ['http://127.0.0.1:8080/x', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://192.168.1.20/', '192.168.1.20'],
    ['http://localhost:3000/', 'localhost'],
    ['http://app.localhost:5173/', 'app.localhost'],
    ['http://[::1]:8080/', '[::1]'],
    ['https://[2001:db8::1]/', '[2001:db8::1]'],
    ['http://xn--bcher-kva.de/', 'xn--bcher-kva.de'],
    ['https://www.bücher.de/', 'xn--bcher-kva.de'],
    ['http://wiki/', 'wiki'],
    ['https://co.uk/', null],
    ['https://s3.amazonaws.com/bucket/setup', 's3.amazonaws.com'],
    ['https://mybucket.s3.amazonaws.com/', 'mybucket.s3.amazonaws.com'],
    ['https://blob.core.windows.net/', 'blob.core.windows.net'],
    ['https://acct.blob.core.windows.net/qr.html', 'acct.blob.core.windows.net'],
    ['https://amazonaws.com/', 'amazonaws.com'],
    ['chrome://extensions', null],
    ['file:///etc/passwd', null],
    ['about:blank', null],
    ['moz-extension://abc/popup.html', null],
    ['javascript:alert(1)', null],
    ['not a url', null],
    ['', null],
  ])('%s → %s', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });
});

describe('isSecureForFill', () => {
  it.each<[string, boolean]>([
    ['https://example.com/', true],
    ['https://127.0.0.1/', true],
    ['http://example.com/', false],
    ['http://localhost:3000/', true],
    ['http://dev.localhost/', true],
    ['http://127.0.0.1:8080/', true],
    ['http://127.8.9.10/', true],
    ['http://[::1]/', true],
    ['http://192.168.1.20/', true],
    ['http://10.0.0.8:8080/', true],
    ['http://172.16.0.1/', true],
    ['http://172.31.255.1/', true],
    ['http://[fd12:3456::1]/', true],
    ['http://8.8.8.8/', false],
    ['http://172.32.0.1/', false],
    ['http://11.0.0.1/', false],
    ['http://[2001:db8::1]/', false],
    ['http://[::ffff:8.8.8.8]/', false],
    ['http://s3.amazonaws.com/', false],
    ['http://localhost.example.com/', false],
    ['ftp://example.com/', false],
    ['chrome://settings', false],
    ['garbage', false],
  ])('%s → %s', (url, secure) => {
    expect(isSecureForFill(url)).toBe(secure);
  });
});

describe('siteLabel', () => {
  it('shows the site, keeping punycode so look-alike names stay visible', () => {
    expect(siteLabel('example.co.uk')).toBe('example.co.uk');
    expect(siteLabel('xn--bcher-kva.de')).toBe('xn--bcher-kva.de');
    expect(siteLabel('[::1]')).toBe('[::1]');
    expect(siteLabel(null)).toBe('Unknown site');
    expect(siteLabel('  ')).toBe('Unknown site');
  });
});

describe('issuerMatchesSite', () => {
  it.each<[string, string, boolean]>([
    ['GitHub', 'github.com', true],
    ['Example Corp', 'example.com', true],
    ['Example Corp', 'example.co.uk', true],
    ['Air Canada', 'aircanada.com', true],
    ['accounts.google.com', 'google.co.uk', true],
    ['Société Générale', 'societegenerale.fr', true],
    ['alice', 'alice.github.io', true],
    ['GitLab', 'github.com', false],
    ['Git', 'github.com', false],
    ['Applebees', 'apple.com', false],
    ['My Bank', 'my.com', false],
    ['', 'github.com', false],
    ['GitHub', '', false],
  ])('%s ~ %s → %s', (issuer, site, match) => {
    expect(issuerMatchesSite(issuer, site)).toBe(match);
  });
});
