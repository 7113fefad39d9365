/**
 * Applying a finished sync round to the vault. The round ran without holding the vault, so the
 * person may have changed accounts meanwhile: those changes are merged over the result (against
 * what the round started from) and go up with the next round; nothing typed is lost.
 */
import type { Account } from '../otp/account';
import { merge, type MergeOptions } from './merge';
import { accountsFrom, localRecords, sameAccount, toSynced, type SyncRecord } from './sync-records';

export interface Applied {
  accounts: Account[];
  /** What the server holds: the base of the next round. */
  base: SyncRecord[];
  /** True when the vault's account list differs from before. */
  changed: boolean;
}

export function applyRound(current: readonly Account[], startedFrom: readonly SyncRecord[], serverRecords: readonly SyncRecord[], options: MergeOptions): Applied {
  const nowLocal = localRecords(current, startedFrom, options.now);
  const records = merge(startedFrom, nowLocal, serverRecords, options).records;
  const accounts = accountsFrom(records, current);
  const changed = accounts.length !== current.length || accounts.some((a, i) => a.id !== current[i]!.id || !sameAccount(toSynced(a), toSynced(current[i]!)));
  return { accounts, base: [...serverRecords], changed };
}
