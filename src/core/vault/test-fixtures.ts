/** Sample data for the vault and backup tests (test-only; not exported from index.ts). */
import type { Account } from '../otp/account';
import type { VaultData } from './vault-data';

/** One account of every kind: TOTP/HOTP, each algorithm, Steam, unicode labels, codes, sites. */
export function sampleAccounts(): Account[] {
  return [
    {
      id: 'acc-1', type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
      encoder: 'standard', issuer: 'GitHub', name: 'alice@example.com', note: '', backupCodes: [], site: 'github.com', createdAt: 1_700_000_000_000,
    },
    {
      id: 'acc-2', type: 'hotp', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA256', digits: 8, period: 30, counter: 42,
      encoder: 'standard', issuer: 'Bänk — «Zürich»', name: 'ünïcödé 🙂', note: 'line 1\nline 2 "quoted"', backupCodes: ['1111-2222', '3333-4444'],
      site: null, createdAt: 1_700_000_100_000,
    },
    {
      id: 'acc-3', type: 'totp', secret: 'ONSWG4TFOQ', algorithm: 'SHA1', digits: 5, period: 30, counter: 0,
      encoder: 'steam', issuer: 'Steam', name: 'gamer', note: 'steam guard', backupCodes: ['R12345'], site: 'steampowered.com', createdAt: 1_700_000_200_000,
    },
    {
      id: 'acc-4', type: 'totp', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPIYTEMZUGU3DOOBZ', algorithm: 'SHA512', digits: 7, period: 60, counter: 0,
      encoder: 'standard', issuer: '', name: '', note: '', backupCodes: [], site: 'accounts.example.co.uk', createdAt: 0,
    },
  ];
}

export function sampleData(): VaultData {
  return { accounts: sampleAccounts(), settings: { autoLockMinutes: 15, theme: 'dark' }, meta: { lastBackupAt: null, accountsChangedAt: 1_700_000_200_000 } };
}

/** Cheap Argon2id parameters for tests that never read a stored record (needs allowBelowFloor). */
export const CHEAP_KDF = { alg: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1, salt: 'c29tZXNhbHRzb21lc2FsdA==' } as const;

/** Flips one bit of a base64 value at byte `index` (negative counts from the end). */
export function flipBit(b64: string, index: number): string {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const i = index < 0 ? bytes.length + index : index;
  bytes[i] = (bytes[i] ?? 0) ^ 0x01;
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
