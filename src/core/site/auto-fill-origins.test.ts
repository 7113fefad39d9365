import { describe, expect, test } from 'vitest';
import { homeOrigins, patternOf } from './auto-fill-origins';
import { hostOrigin, isOptInOrigin, mayAutoFill } from './auto-fill-check';

describe('Fill automatically covers exactly the origins opted in on', () => {
  test('an opt-in is the page’s scheme and host (patterns cannot name ports)', () => {
    expect(hostOrigin('https://login.example.com:8443/2fa?x')).toBe('https://login.example.com');
    expect(hostOrigin('http://127.0.0.1:8080/login')).toBe('http://127.0.0.1');
    expect(hostOrigin('http://example.com/')).toBeNull(); // plain http on the internet: never
    expect(hostOrigin('chrome-extension://abc/popup.html')).toBeNull();
    expect(patternOf('https://login.example.com')).toBe('https://login.example.com/*');
  });

  test('away from the site, only its own host: never a wildcard over its subdomains', () => {
    expect(homeOrigins('example.com')).toEqual(['https://example.com']);
    expect(homeOrigins('127.0.0.1')).toEqual(['http://127.0.0.1', 'https://127.0.0.1']);
    expect(homeOrigins('example.com').some((o) => o.includes('*'))).toBe(false);
  });

  test('only origins of the account’s own site may be opted in', () => {
    expect(isOptInOrigin('https://login.example.com', 'example.com')).toBe(true);
    expect(isOptInOrigin('https://example.com.evil.net', 'example.com')).toBe(false);
    expect(isOptInOrigin('https://*.example.com', 'example.com')).toBe(false);
    expect(isOptInOrigin('https://login.example.com/path', 'example.com')).toBe(false);
    expect(isOptInOrigin('http://login.example.com', 'example.com')).toBe(false);
  });

  test('a sibling subdomain the person never opted in on gets nothing', () => {
    const optedIn = ['https://login.example.com'];
    expect(mayAutoFill('https://login.example.com', 'https://login.example.com/2fa', optedIn)).toBe(true);
    expect(mayAutoFill('https://user-content.example.com', 'https://user-content.example.com/', optedIn)).toBe(false);
    expect(mayAutoFill('https://example.com', 'https://example.com/', optedIn)).toBe(false);
  });

  test('only a frame whose origin equals the top page’s, even within one site', () => {
    const optedIn = ['https://login.example.com', 'https://example.com'];
    // The opted-in origin framed by another page of the same site, or by another site.
    expect(mayAutoFill('https://login.example.com', 'https://example.com/', optedIn)).toBe(false);
    expect(mayAutoFill('https://login.example.com', 'https://evil.net/', optedIn)).toBe(false);
    // Same host, another port: another origin.
    expect(mayAutoFill('http://127.0.0.1:9000', 'http://127.0.0.1:8080/', ['http://127.0.0.1'])).toBe(false);
    expect(mayAutoFill('http://127.0.0.1:8080', 'http://127.0.0.1:8080/login', ['http://127.0.0.1'])).toBe(true);
    expect(mayAutoFill('https://login.example.com', 'not a url', optedIn)).toBe(false);
  });
});
