import { describe, expect, test } from 'vitest';
import { parseRequest } from './parse-request';

const server = { url: 'https://dav.example.org/files/', user: 'alice', password: 'app-pw' };

describe('parseRequest: sync requests', () => {
  test('accepts the sync requests as the popup sends them', () => {
    expect(parseRequest({ type: 'sync/enable', payload: { ...server, passphrase: 'pp' } })).not.toBeNull();
    expect(parseRequest({ type: 'sync/join', payload: { ...server, passphrase: 'pp' } })).not.toBeNull();
    for (const type of ['sync/status', 'sync/now', 'sync/disable']) expect(parseRequest({ type, payload: {} })).not.toBeNull();
  });

  test('refuses missing, extra and oversized fields', () => {
    expect(parseRequest({ type: 'sync/enable', payload: server })).toBeNull();
    expect(parseRequest({ type: 'sync/join', payload: { ...server, passphrase: 'pp', key: 'x' } })).toBeNull();
    expect(parseRequest({ type: 'sync/enable', payload: { ...server, url: 'x'.repeat(5000), passphrase: 'pp' } })).toBeNull();
    expect(parseRequest({ type: 'sync/now', payload: { force: true } })).toBeNull();
  });
});
