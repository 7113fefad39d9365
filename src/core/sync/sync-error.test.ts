import { describe, expect, it } from 'vitest';
import { backoffMinutes, isTransient, SyncError } from './sync-error';

describe('retry policy', () => {
  it('backs off from 30 s, doubling to an hour, for failures a retry may cure', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffMinutes(n, true))).toEqual([0.5, 1, 2, 4, 8, 16, 32, 60, 60]);
    expect(backoffMinutes(1, false)).toBe(60);
  });

  it('retries a down, slow, full or busy server, not a refused password or damaged data', () => {
    for (const code of ['unreachable', 'timeout', 'connection-lost', 'server-error', 'busy', 'full'] as const) expect(isTransient(new SyncError(code))).toBe(true);
    for (const code of ['unauthorized', 'forbidden', 'wrong-passphrase', 'damaged', 'key-changed'] as const) expect(isTransient(new SyncError(code))).toBe(false);
    expect(isTransient(new Error('other'))).toBe(false);
  });

  it('says what happened in words, without the server’s own text', () => {
    expect(new SyncError('full', 507).message).toBe('The sync server is full.');
    expect(new SyncError('unauthorized', 401).message).toMatch(/refused the user name or password/);
  });
});
