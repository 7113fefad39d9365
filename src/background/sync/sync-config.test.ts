import { describe, expect, it } from 'vitest';
import { syncConfigOf, withSyncConfig, type SyncConfig } from './sync-config';
import { sampleData } from '../../core/vault/test-fixtures';

const config: SyncConfig = {
  url: 'https://dav.example.org/files/alice/',
  user: 'alice',
  password: 'app password',
  key: 'a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=',
  header: { kdf: { alg: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4, salt: 'c29tZXNhbHRzb21lc2FsdHNvbWVzYWx0c29tZXNhbHQ=' }, wrappedKey: { iv: 'aXZpdml2aXZpdml2', ct: 'x' } },
  base: [{ id: 'acc-1', modifiedAt: 5 }],
};

describe('sync settings inside the vault', () => {
  it('round-trips through the vault data and is removed again', () => {
    const data = withSyncConfig(sampleData(), config);
    expect(syncConfigOf(data)).toEqual(config);
    expect(data.settings?.theme).toBe('dark'); // other settings kept
    const off = withSyncConfig(data, null);
    expect(syncConfigOf(off)).toBeNull();
    expect(off.settings && 'sync' in off.settings).toBe(false);
  });

  it('keeps the pending re-wrapped header flag', () => {
    expect(syncConfigOf(withSyncConfig(sampleData(), { ...config, pushHeader: true }))?.pushHeader).toBe(true);
  });

  it('reads a damaged entry as sync off instead of failing later', () => {
    const broken = (patch: Record<string, unknown>) => ({ ...sampleData(), settings: { sync: { ...config, ...patch } } });
    expect(syncConfigOf(broken({ password: 3 }))).toBeNull();
    expect(syncConfigOf(broken({ base: [{ id: 'x' }] }))).toBeNull();
    expect(syncConfigOf(broken({ header: { ...config.header, kdf: { alg: 'pbkdf2-sha256', iterations: 10, salt: config.header.kdf.salt } } }))).toBeNull();
  });
});
