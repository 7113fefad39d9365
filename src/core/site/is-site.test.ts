import { expect, test } from 'vitest';
import { isSite } from './is-site';

test.each(['example.com', 'example.co.uk', 'foo.github.io', '127.0.0.1', 'localhost', '[::1]', 's3.amazonaws.com', 'github.io'])('%s is a site', (site) => {
  expect(isSite(site)).toBe(true);
});
test.each(['com', 'co.uk', '*', '*.example.com', 'example.com/path', 'https://example.com', 'www.example.com', '', 'exa mple.com'])(
  '%s is not a site',
  (site) => expect(isSite(site)).toBe(false),
);
