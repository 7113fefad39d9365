import { expect, test } from 'vitest';
import { originsFor } from './origins-for';

test('a domain covers itself and its subdomains over https only', () => {
  expect(originsFor('example.co.uk')).toEqual(['https://example.co.uk/*', 'https://*.example.co.uk/*']);
});
test('IP addresses and localhost are their own site, over http too (development)', () => {
  expect(originsFor('127.0.0.1')).toEqual(['http://127.0.0.1/*', 'https://127.0.0.1/*']);
  expect(originsFor('localhost')).toEqual(['http://localhost/*', 'https://localhost/*']);
  expect(originsFor('[::1]')).toEqual(['http://[::1]/*', 'https://[::1]/*']);
});
