/**
 * What sync exchanges: one record per account id, live or deleted (a tombstone), each with the
 * time this account last changed as the device that changed it saw it. `autoFill` stays on
 * each device: it goes with a host permission and a content script that only that browser has.
 */
import type { Account } from '../otp/account';
import { checkAccount } from '../vault/account-check';
import { isObject } from '../vault/bytes';

export interface SyncRecord {
  id: string;
  /** Milliseconds since epoch (the injected clock of the device that made the change). */
  modifiedAt: number;
  /** Present for live accounts, absent for tombstones. */
  account?: SyncedAccount;
}

/** An account as it travels: without the device-local `autoFill`. */
export type SyncedAccount = Omit<Account, 'autoFill'>;

export function toSynced(account: Account): SyncedAccount {
  const { autoFill: _local, ...rest } = account;
  return rest;
}

/** Same content (a tombstone equals only a tombstone). */
export function sameContent(a: SyncRecord, b: SyncRecord): boolean {
  if (!a.account || !b.account) return !a.account && !b.account;
  return sameAccount(a.account, b.account);
}

export function sameAccount(a: SyncedAccount, b: SyncedAccount): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof SyncedAccount>;
  for (const k of keys) if (!sameValue(a[k], b[k])) return false;
  return true;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/**
 * This device's records: its vault's accounts, each keeping the time from `base` (the last
 * synced state) when unchanged since, or stamped `now` when new or changed; accounts that were
 * in `base` and are gone from the vault become tombstones stamped `now`.
 */
export function localRecords(accounts: readonly Account[], base: readonly SyncRecord[], now: number): SyncRecord[] {
  const byId = new Map(base.map((r) => [r.id, r]));
  const out: SyncRecord[] = [];
  const seen = new Set<string>();
  for (const account of accounts) {
    seen.add(account.id);
    const synced = toSynced(account);
    const before = byId.get(account.id);
    out.push(before?.account && sameAccount(before.account, synced) ? before : { id: account.id, modifiedAt: now, account: synced });
  }
  for (const record of base) {
    if (seen.has(record.id)) continue;
    out.push(record.account ? { id: record.id, modifiedAt: now } : record);
  }
  return out;
}

/** The vault's account list from merged records, in their order; `autoFill` kept from `current`. */
export function accountsFrom(records: readonly SyncRecord[], current: readonly Account[]): Account[] {
  const localFill = new Map(current.filter((a) => a.autoFill).map((a) => [a.id, true]));
  return records.flatMap((r) => (r.account ? [{ ...r.account, ...(localFill.has(r.id) ? { autoFill: true } : {}) }] : []));
}

const MAX_RECORDS = 100_000;

/** Checks records decrypted from the server (authenticated, but maybe from a buggy writer). */
export function checkRecords(value: unknown): SyncRecord[] | null {
  if (!Array.isArray(value) || value.length > MAX_RECORDS) return null;
  const ids = new Set<string>();
  const out: SyncRecord[] = [];
  for (const item of value) {
    if (!isObject(item) || typeof item.id !== 'string' || item.id.length === 0 || item.id.length > 200 || ids.has(item.id)) return null;
    if (typeof item.modifiedAt !== 'number' || !Number.isFinite(item.modifiedAt) || item.modifiedAt < 0) return null;
    ids.add(item.id);
    if (item.account === undefined) {
      out.push({ id: item.id, modifiedAt: item.modifiedAt });
      continue;
    }
    const checked = checkAccount(item.account);
    if ('problem' in checked || checked.account.id !== item.id) return null;
    out.push({ id: item.id, modifiedAt: item.modifiedAt, account: toSynced(checked.account) });
  }
  return out;
}
