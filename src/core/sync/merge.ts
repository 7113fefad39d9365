/**
 * Three-way merge of sync records: `base` is what this device and the server last agreed on,
 * `local` this device's records now, `remote` the server's now. Pure: the clock and the id
 * source are parameters.
 *
 * Per account: a side that did not change since `base` takes the other side's version; when
 * both changed, fields merge one by one (a field changed on one side only takes that change;
 * an HOTP counter takes the higher value, so no code is ever shown twice). Fields changed on
 * both sides to different values go to the later change, and the other version is kept whole
 * as a new account (a visible conflict copy) so nothing typed on either device is lost. An
 * edit beats a concurrent deletion for the same reason. Tombstones older than
 * `TOMBSTONE_TTL_MS` are dropped.
 */
import { sameContent, sameValue, type SyncedAccount, type SyncRecord } from './sync-records';

export const TOMBSTONE_TTL_MS = 180 * 24 * 3600 * 1000;

export interface MergeOptions {
  now: number;
  /** A fresh account id for conflict copies. */
  newId: () => string;
  /** The issuer a conflict copy shows (the background passes a localized label). */
  conflictIssuer: (issuer: string) => string;
}

export interface MergeResult {
  records: SyncRecord[];
  conflicts: number;
}

function mergeFields(base: SyncedAccount | undefined, l: SyncRecord & { account: SyncedAccount }, r: SyncRecord & { account: SyncedAccount }) {
  const la = l.account;
  const ra = r.account;
  const localWins = l.modifiedAt > r.modifiedAt;
  const merged: Record<string, unknown> = {};
  let clash = false;
  const keys = new Set([...Object.keys(la), ...Object.keys(ra)]) as Set<keyof SyncedAccount>;
  for (const k of keys) {
    const lv = la[k];
    const rv = ra[k];
    let v: unknown;
    if (sameValue(lv, rv)) v = lv;
    else if (k === 'counter') v = Math.max(la.counter, ra.counter);
    else if (base && sameValue(lv, base[k])) v = rv;
    else if (base && sameValue(rv, base[k])) v = lv;
    else {
      clash = true;
      v = localWins ? lv : rv;
    }
    if (v !== undefined) merged[k] = v;
  }
  return { merged: merged as unknown as SyncedAccount, clash, loser: localWins ? ra : la };
}

export function merge(base: readonly SyncRecord[], local: readonly SyncRecord[], remote: readonly SyncRecord[], options: MergeOptions): MergeResult {
  const baseById = new Map(base.map((x) => [x.id, x]));
  const remoteById = new Map(remote.map((x) => [x.id, x]));
  const localIds = new Set(local.map((x) => x.id));
  const out: SyncRecord[] = [];
  let conflicts = 0;

  const resolve = (l: SyncRecord, r: SyncRecord | undefined): void => {
    const b = baseById.get(l.id);
    if (!r) {
      // The server had it at our last sync and no longer has it at all: a deletion whose
      // tombstone has since expired. Keep it only if it changed here meanwhile.
      if (b && sameContent(l, b)) return;
      out.push(l);
      return;
    }
    if (sameContent(l, r)) return void out.push(l.modifiedAt >= r.modifiedAt ? l : r);
    if (b && sameContent(l, b)) return void out.push(r);
    if (b && sameContent(r, b)) return void out.push(l);
    if (!l.account && !r.account) return void out.push(l.modifiedAt >= r.modifiedAt ? l : r);
    if (!l.account) return void out.push(r); // edited there, deleted here: keep the edit
    if (!r.account) return void out.push(l);
    const { merged, clash, loser } = mergeFields(b?.account, l as SyncRecord & { account: SyncedAccount }, r as SyncRecord & { account: SyncedAccount });
    out.push({ id: l.id, modifiedAt: Math.max(l.modifiedAt, r.modifiedAt, clash ? options.now : 0), account: merged });
    if (clash) {
      conflicts++;
      const id = options.newId();
      out.push({ id, modifiedAt: options.now, account: { ...loser, id, issuer: options.conflictIssuer(loser.issuer) } });
    }
  };

  for (const l of local) resolve(l, remoteById.get(l.id));
  for (const r of remote) if (!localIds.has(r.id)) out.push(r);

  const cutoff = options.now - TOMBSTONE_TTL_MS;
  return { records: out.filter((x) => x.account || x.modifiedAt >= cutoff), conflicts };
}

/** Same records in the same order with the same content and times. */
export function sameRecords(a: readonly SyncRecord[], b: readonly SyncRecord[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]!.id && x.modifiedAt === b[i]!.modifiedAt && sameContent(x, b[i]!));
}
