/** The plaintext inside a vault, and its validation after decryption and before encryption. */
import type { Account } from '../otp/account';
import { checkAccount } from './account-check';
import { isObject } from './bytes';

/** Everything the vault protects. Settings are free-form; the background owns their meaning. */
export interface VaultData {
  accounts: Account[];
  settings?: Record<string, unknown>;
  meta: {
    /** Milliseconds since epoch of the last successful backup export, or null if never. */
    lastBackupAt: number | null;
    /** Milliseconds since epoch of the last change to the account list. */
    accountsChangedAt: number;
  };
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * Checks decrypted or about-to-be-encrypted vault data property by property.
 * Returns a clean copy, or a sentence naming the bad part (never a secret value).
 */
export function checkVaultData(value: unknown): { data: VaultData } | { problem: string } {
  if (!isObject(value)) return { problem: 'the vault contents are not a record' };
  if (!Array.isArray(value.accounts)) return { problem: 'the account list is missing' };
  const accounts: Account[] = [];
  for (const [i, item] of value.accounts.entries()) {
    const result = checkAccount(item);
    if ('problem' in result) return { problem: `account ${i + 1} (${result.problem.field}): ${result.problem.problem}` };
    accounts.push(result.account);
  }
  if (value.settings !== undefined && !isObject(value.settings)) return { problem: 'the settings are not a record' };
  const meta = value.meta;
  if (!isObject(meta)) return { problem: 'the vault bookkeeping (meta) is missing' };
  if (meta.lastBackupAt !== null && !isTime(meta.lastBackupAt)) return { problem: 'meta.lastBackupAt is not a valid time' };
  if (!isTime(meta.accountsChangedAt)) return { problem: 'meta.accountsChangedAt is not a valid time' };
  const data: VaultData = { accounts, meta: { lastBackupAt: meta.lastBackupAt, accountsChangedAt: meta.accountsChangedAt } };
  if (value.settings !== undefined) data.settings = structuredClone(value.settings);
  return { data };
}
