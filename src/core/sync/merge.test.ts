import { describe, expect, it } from 'vitest';
import { merge, TOMBSTONE_TTL_MS } from './merge';
import { accountsFrom, localRecords, toSynced, type SyncRecord } from './sync-records';
import { sampleAccounts } from '../vault/test-fixtures';
import type { Account } from '../otp/account';

const T0 = 1_800_000_000_000;
let n = 0;
const opts = (now: number) => ({ now, newId: () => `copy-${++n}`, conflictIssuer: (i: string) => `${i} (conflict)` });
const rec = (account: Account, modifiedAt = T0): SyncRecord => ({ id: account.id, modifiedAt, account: toSynced(account) });
const [gh, bank, steam] = sampleAccounts() as [Account, Account, Account, Account];

describe('localRecords', () => {
  it('keeps base times for unchanged accounts, stamps changes and turns removals into tombstones', () => {
    const base = [rec(gh), rec(bank), rec(steam)];
    const local = localRecords([{ ...gh }, { ...bank, note: 'edited' }], base, T0 + 5);
    expect(local).toEqual([
      { id: 'acc-1', modifiedAt: T0, account: toSynced(gh) },
      { id: 'acc-2', modifiedAt: T0 + 5, account: { ...toSynced(bank), note: 'edited' } },
      { id: 'acc-3', modifiedAt: T0 + 5 },
    ]);
  });

  it('leaves the device-local auto-fill option out of what syncs, and keeps it on apply', () => {
    const local = localRecords([{ ...gh, autoFill: true }], [rec(gh)], T0 + 5);
    expect(local[0]).toEqual(rec(gh)); // not a change
    expect(accountsFrom(local, [{ ...gh, autoFill: true }])[0]!.autoFill).toBe(true);
    expect(accountsFrom(local, [])[0]!.autoFill).toBeUndefined();
  });
});

describe('merge', () => {
  it('brings additions from both sides together, local order first', () => {
    const r = merge([], [rec(gh)], [rec(bank)], opts(T0));
    expect(r.records.map((x) => x.id)).toEqual(['acc-1', 'acc-2']);
    expect(r.conflicts).toBe(0);
  });

  it('takes the other side when one side did not change since base', () => {
    const base = [rec(gh), rec(bank)];
    const local = [rec(gh), rec(bank)];
    const remote = [rec({ ...gh, issuer: 'GitHub Inc' }, T0 + 10), { id: 'acc-2', modifiedAt: T0 + 10 }];
    const r = merge(base, local, remote, opts(T0 + 20));
    expect(r.records).toEqual([{ id: 'acc-1', modifiedAt: T0 + 10, account: { ...toSynced(gh), issuer: 'GitHub Inc' } }, { id: 'acc-2', modifiedAt: T0 + 10 }]);
    expect(accountsFrom(r.records, []).map((a) => a.issuer)).toEqual(['GitHub Inc']);
  });

  it('sends a local deletion as a tombstone', () => {
    const base = [rec(gh)];
    const r = merge(base, localRecords([], base, T0 + 3), base, opts(T0 + 3));
    expect(r.records).toEqual([{ id: 'acc-1', modifiedAt: T0 + 3 }]);
  });

  it('merges different fields of one account changed on two devices, without a copy', () => {
    const base = [rec(gh)];
    const local = [rec({ ...gh, name: 'alice@work.example' }, T0 + 5)];
    const remote = [rec({ ...gh, note: 'from the laptop' }, T0 + 7)];
    const r = merge(base, local, remote, opts(T0 + 9));
    expect(r.conflicts).toBe(0);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]!.account).toMatchObject({ name: 'alice@work.example', note: 'from the laptop', issuer: 'GitHub' });
  });

  it('keeps the later change of a field and the other version as a visible conflict copy', () => {
    const base = [rec(gh)];
    const local = [rec({ ...gh, issuer: 'Local name' }, T0 + 5)];
    const remote = [rec({ ...gh, issuer: 'Remote name', note: 'n' }, T0 + 7)];
    const r = merge(base, local, remote, opts(T0 + 9));
    expect(r.conflicts).toBe(1);
    expect(r.records).toHaveLength(2);
    expect(r.records[0]!.account).toMatchObject({ id: 'acc-1', issuer: 'Remote name', note: 'n' });
    expect(r.records[1]!.account).toMatchObject({ issuer: 'Local name (conflict)', secret: gh.secret, note: '' });
    expect(r.records[1]!.id).toBe(r.records[1]!.account!.id);
    expect(r.records[1]!.id).not.toBe('acc-1');
  });

  it('gives an HOTP counter the higher value instead of a conflict', () => {
    const base = [rec(bank)];
    const r = merge(base, [rec({ ...bank, counter: 50 }, T0 + 9)], [rec({ ...bank, counter: 45 }, T0 + 5)], opts(T0 + 10));
    expect(r.conflicts).toBe(0);
    expect(r.records[0]!.account!.counter).toBe(50);
  });

  it('keeps an edit made on one device over a deletion made on another', () => {
    const base = [rec(gh)];
    const edited = rec({ ...gh, note: 'keep me' }, T0 + 5);
    expect(merge(base, [{ id: 'acc-1', modifiedAt: T0 + 9 }], [edited], opts(T0 + 10)).records).toEqual([edited]);
    expect(merge(base, [edited], [{ id: 'acc-1', modifiedAt: T0 + 9 }], opts(T0 + 10)).records).toEqual([edited]);
  });

  it('drops an account the server no longer has at all (expired tombstone) unless it changed here', () => {
    const base = [rec(gh), rec(bank)];
    const local = [rec(gh), rec({ ...bank, note: 'changed here' }, T0 + 4)];
    const r = merge(base, local, [], opts(T0 + 5));
    expect(r.records.map((x) => x.id)).toEqual(['acc-2']);
  });

  it('forgets tombstones older than the retention time', () => {
    const old = { id: 'gone', modifiedAt: T0 };
    const fresh = { id: 'gone2', modifiedAt: T0 + TOMBSTONE_TTL_MS };
    const r = merge([old, fresh], [old, fresh], [old, fresh], opts(T0 + TOMBSTONE_TTL_MS + 1));
    expect(r.records).toEqual([fresh]);
  });

  it('is stable: merging the result again with itself changes nothing', () => {
    const base = [rec(gh), rec(bank)];
    const first = merge(base, [rec({ ...gh, issuer: 'A' }, T0 + 1), rec(bank)], [rec({ ...gh, issuer: 'B' }, T0 + 2), rec(bank), rec(steam)], opts(T0 + 3));
    const again = merge(first.records, first.records, first.records, opts(T0 + 4));
    expect(again.records).toEqual(first.records);
    expect(again.conflicts).toBe(0);
  });
});
