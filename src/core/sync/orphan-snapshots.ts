/**
 * Which snapshot files a sync round may delete: the orphans a cut connection leaves behind (a
 * snapshot uploaded, then the pointer never switched to it). Pure: given the folder's listing
 * and the name the pointer holds, it answers with names; the round does the deleting.
 *
 * The rule: a file is deleted only if
 * - its name is Tessera's own snapshot pattern inside the sync folder (`tessera/s-<32 hex>.json`),
 *   so the pointer and any file the person or another program put there are never touched;
 * - it is not the snapshot the pointer names;
 * - the server says it was last modified strictly before the snapshot the pointer names.
 *
 * Why "older than the current snapshot" is safe against a device writing at the same time: a
 * device uploads a snapshot only after reading the pointer, and the pointer then names a
 * snapshot that was already on the server. Its pointer switch carries `If-Match` on the ETag it
 * read, so it can succeed only while the pointer still names that older snapshot. Every
 * snapshot the pointer will ever name is therefore uploaded after the one it names now, and a
 * file older than that can never be named again. A file newer than the current snapshot may
 * belong to a device between its two PUTs: it is kept, and becomes deletable once a later
 * upload is named. This holds only where switches are guarded: on a server that sends no ETag
 * a pointer switch cannot carry `If-Match`, so a round there deletes nothing (sync-engine.ts).
 * Times come from the server alone (its clock for both files), never from
 * this device's clock; equal times (servers count whole seconds) are kept.
 */
import { isSnapshotName } from './sync-format';

/** One entry of the sync folder's listing (PROPFIND, Depth 1). */
export interface ListedFile {
  /** Relative to the server address, as the pointer names snapshots (`tessera/s-….json`). */
  name: string;
  /** Milliseconds since the epoch by the server's `getlastmodified`, or null when it gave none. */
  lastModified: number | null;
  collection: boolean;
}

/** At most this many deletions per round: a folder full of orphans is emptied over several rounds. */
export const MAX_DELETIONS_PER_ROUND = 4;

/** The orphans to delete now, oldest first, at most `budget` of them. */
export function orphanSnapshots(listing: readonly ListedFile[], current: string, budget = MAX_DELETIONS_PER_ROUND): string[] {
  if (!isSnapshotName(current)) return [];
  const named = listing.find((f) => f.name === current && !f.collection);
  // The current snapshot missing from the listing (switched and deleted meanwhile, or past the
  // listing's cap) or without a time: nothing to compare against, so nothing is deleted.
  const currentTime = named?.lastModified;
  if (currentTime === null || currentTime === undefined) return [];
  const older = listing.filter((f): f is ListedFile & { lastModified: number } => !f.collection && f.name !== current && isSnapshotName(f.name) && f.lastModified !== null && f.lastModified < currentTime);
  return older
    .sort((a, b) => a.lastModified - b.lastModified)
    .slice(0, Math.max(0, budget))
    .map((f) => f.name);
}
