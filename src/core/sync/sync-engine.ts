/**
 * One sync round against a WebDAV folder: read the pointer and its snapshot, merge, and when
 * the merge differs from the server, upload a new snapshot whole and switch the pointer with
 * If-Match. A 412 (another device switched it first), or a snapshot deleted under our feet,
 * re-reads, re-merges and retries with growing pauses. After a successful round, orphan snapshots
 * a cut connection left behind are deleted within a budget. Nothing local is touched here: the
 * caller applies the result to its vault only after this returns.
 */
import { merge, sameRecords, type MergeOptions } from './merge';
import { SyncError } from './sync-error';
import { newSnapshotName, openSnapshot, openSyncKey, parsePointer, pointerText, POINTER_NAME, sameHeader, sealSnapshot, SYNC_FOLDER, createSyncKey, type SyncHeader } from './sync-format';
import { orphanSnapshots } from './orphan-snapshots';
import type { SyncRecord } from './sync-records';
import type { PutCondition, WebDavClient } from './webdav-client';

export interface RemoteState {
  header: SyncHeader;
  snapshot: string;
  etag: string | null;
  records: SyncRecord[];
}

export interface RoundOptions extends MergeOptions {
  sleep?: (ms: number) => Promise<void>;
  /** Attempts before giving up with SyncError('busy'). */
  attempts?: number;
  /** Upload `header` in place of the server's (this device changed the passphrase). */
  pushHeader?: boolean;
}

export interface RoundResult {
  /** What the server holds now: the new base. */
  records: SyncRecord[];
  uploaded: boolean;
  conflicts: number;
  /** Orphan snapshots deleted after the round (see orphan-snapshots.ts). */
  orphansRemoved: string[];
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The pointer and its snapshot, or null when the folder holds no sync data. */
export async function readRemote(dav: WebDavClient, key: CryptoKey | null, knownHeader?: SyncHeader): Promise<{ pointer: RemoteState | null; headerOnly?: SyncHeader }> {
  for (let tries = 0; tries < 3; tries++) {
    const fetched = await dav.get(POINTER_NAME, 64 * 1024);
    if (!fetched) return { pointer: null };
    const pointer = parsePointer(fetched.body);
    if (!key) return { pointer: null, headerOnly: pointer };
    const snap = await dav.get(pointer.snapshot);
    if (!snap) continue; // replaced and deleted between our two reads: read the pointer again
    let records: SyncRecord[];
    try {
      records = await openSnapshot(key, pointer.snapshot, snap.body);
    } catch (err) {
      // A snapshot our key cannot open under a header we do not know: someone turned sync on
      // afresh there with another key. Never overwrite it; say so.
      if (knownHeader && !sameHeader(knownHeader, pointer) && err instanceof SyncError && err.code === 'damaged') throw new SyncError('key-changed');
      throw err;
    }
    return { pointer: { header: { kdf: pointer.kdf, wrappedKey: pointer.wrappedKey }, snapshot: pointer.snapshot, etag: fetched.etag, records } };
  }
  throw new SyncError('busy');
}

/** Writes `records` as a new snapshot and switches the pointer; the old snapshot is removed after. Returns the new name. */
async function upload(dav: WebDavClient, key: CryptoKey, header: SyncHeader, records: readonly SyncRecord[], previous: RemoteState | null): Promise<string> {
  const name = newSnapshotName();
  await dav.put(name, await sealSnapshot(key, name, records), { ifNoneMatch: '*' });
  try {
    // No ETag (a server that sends none) cannot be guarded: If-None-Match covers the first upload.
    const condition: PutCondition = previous ? (previous.etag ? { ifMatch: previous.etag } : {}) : { ifNoneMatch: '*' };
    await dav.put(POINTER_NAME, pointerText(header, name), condition);
  } catch (err) {
    await dav.delete(name).catch(() => undefined);
    throw err;
  }
  // A server may check If-Match and write in two steps (apache's mod_dav does, without a lock):
  // two switches sent at the same moment can then both be accepted, the later one replacing the
  // earlier. Read the pointer back: if it names another snapshot, this switch was overwritten
  // and the round merges again, as after a 412. This narrows that window, it does not close it
  // (both read-backs can land between the two writes); a WebDAV LOCK around the switch would.
  // A read-back that fails proves nothing, so the switch stands (and our snapshot, which the
  // pointer may name, is kept).
  const named = await dav.get(POINTER_NAME, 64 * 1024).then((now) => (now ? parsePointer(now.body).snapshot : null), () => name);
  if (named !== name) {
    if (named !== null) await dav.delete(name).catch(() => undefined);
    throw new SyncError('conflict');
  }
  if (previous) await dav.delete(previous.snapshot).catch(() => undefined);
  return name;
}

/** A failure that says the server answered (a status), as opposed to a lost connection. */
const answered = (err: unknown) => err instanceof SyncError && err.status !== undefined;

/**
 * Deletes what a cut connection left behind: snapshots older than `current`, the one the
 * pointer names now (the rule and why it is safe: orphan-snapshots.ts). One PROPFIND of the
 * sync folder at Depth 1, then at most MAX_DELETIONS_PER_ROUND deletions. It never fails the
 * round: a refused DELETE (4xx/5xx) is skipped and tried again next round, a lost connection
 * ends the cleanup, and nothing it touches is ever read again.
 */
export async function removeOrphans(dav: WebDavClient, current: string): Promise<string[]> {
  let listing;
  try {
    listing = await dav.listFolder(SYNC_FOLDER);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of orphanSnapshots(listing, current)) {
    try {
      await dav.delete(name);
      removed.push(name);
    } catch (err) {
      if (!answered(err)) break;
    }
  }
  return removed;
}

async function ensureFolder(dav: WebDavClient): Promise<void> {
  await dav.mkcol(SYNC_FOLDER);
}

/**
 * Merges `local` (against `base`, the last agreed state) with the server and uploads the result
 * if it differs. `header` is this device's copy of the pointer's key part: a server whose
 * pointer holds another key is refused ('key-changed') rather than overwritten.
 */
export async function syncRound(dav: WebDavClient, key: CryptoKey, header: SyncHeader, base: readonly SyncRecord[], local: readonly SyncRecord[], options: RoundOptions): Promise<RoundResult> {
  const sleep = options.sleep ?? defaultSleep;
  const attempts = options.attempts ?? 6;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await sleep(Math.min(8000, 300 * 2 ** (attempt - 1)));
    const { pointer: remote } = await readRemote(dav, key, header);
    // No sync data at all (the folder was emptied): nothing from `base` was deleted there.
    const result = merge(remote ? base : [], local, remote?.records ?? [], options);
    if (remote && !options.pushHeader && sameRecords(result.records, remote.records)) {
      // Cleanup only where pointer switches are guarded (the server sends ETags): see orphan-snapshots.ts.
      const orphansRemoved = remote.etag ? await removeOrphans(dav, remote.snapshot) : [];
      return { records: remote.records, uploaded: false, conflicts: result.conflicts, orphansRemoved };
    }
    try {
      if (!remote) await ensureFolder(dav);
      // Otherwise the server's header wins: it may hold the key re-wrapped under a newer passphrase.
      const name = await upload(dav, key, options.pushHeader ? header : (remote?.header ?? header), result.records, remote);
      // This switch was guarded (If-Match, or If-None-Match for the first one); without an ETag it was not.
      const guarded = remote === null || remote.etag !== null;
      return { records: result.records, uploaded: true, conflicts: result.conflicts, orphansRemoved: guarded ? await removeOrphans(dav, name) : [] };
    } catch (err) {
      if (err instanceof SyncError && err.code === 'conflict') continue;
      throw err;
    }
  }
  throw new SyncError('busy');
}

/** Joining or turning on sync: the key from the server (opened with the passphrase), or a new one. */
export async function openOrCreate(dav: WebDavClient, passphrase: string, create: boolean): Promise<{ key: CryptoKey; header: SyncHeader; existing: boolean }> {
  const { headerOnly } = await readRemote(dav, null);
  if (headerOnly) return { key: await openSyncKey(headerOnly, passphrase), header: headerOnly, existing: true };
  if (!create) throw new SyncError('no-sync-data');
  const made = await createSyncKey(passphrase);
  return { ...made, existing: false };
}
