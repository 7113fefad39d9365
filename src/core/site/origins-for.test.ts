import { expect, test } from 'vitest';
import { originsFor, patternsForOrigin } from './origins-for';

test('a domain covers itself and its subdomains over https only', () => {
  expect(originsFor('example.co.uk')).toEqual(['https://example.co.uk/*', 'https://*.example.co.uk/*']);
});
test('IP addresses and localhost are their own site, over http too (development)', () => {
  expect(originsFor('127.0.0.1')).toEqual(['http://127.0.0.1/*', 'https://127.0.0.1/*']);
  expect(originsFor('localhost')).toEqual(['http://localhost/*', 'https://localhost/*']);
  expect(originsFor('[::1]')).toEqual(['http://[::1]/*', 'https://[::1]/*']);
});

test('a site that is itself a public suffix covers only itself, never its customers’ subdomains', () => {
  expect(originsFor('s3.amazonaws.com')).toEqual(['https://s3.amazonaws.com/*']);
  expect(originsFor('blob.core.windows.net')).toEqual(['https://blob.core.windows.net/*']);
});

test('one origin becomes one host pattern; anything else is refused', () => {
  expect(patternsForOrigin('https://app.example.com')).toEqual(['https://app.example.com/*']);
  expect(patternsForOrigin('http://127.0.0.1:8080')).toEqual(['http://127.0.0.1/*']);
  expect(patternsForOrigin('https://example.com/path')).toBeNull();
  expect(patternsForOrigin('chrome-extension://abc')).toBeNull();
  expect(patternsForOrigin('null')).toBeNull();
  expect(patternsForOrigin('https://*.example.com')).toBeNull();
});
