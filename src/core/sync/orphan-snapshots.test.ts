import { describe, expect, it } from 'vitest';
import { MAX_DELETIONS_PER_ROUND, orphanSnapshots, type ListedFile } from './orphan-snapshots';

const snap = (n: number) => `tessera/s-${n.toString(16).padStart(32, '0')}.json`;
const at = (iso: string) => Date.parse(iso);
const file = (name: string, iso: string | null, collection = false): ListedFile => ({ name, lastModified: iso === null ? null : at(iso), collection });

const CURRENT = snap(0xc0ffee);

describe('orphanSnapshots', () => {
  it('deletes snapshots older than the current one and keeps the current and newer ones', () => {
    const listing = [
      file('tessera/sync.json', '2026-12-02T00:10:00Z'),
      file(snap(1), '2026-12-01T23:00:00Z'),
      file(snap(2), '2026-12-02T00:04:59Z'),
      file(CURRENT, '2026-12-02T00:05:00Z'),
      file(snap(3), '2026-12-02T00:05:00Z'), // same second: may be a device mid-write
      file(snap(4), '2026-12-02T00:09:00Z'), // newer: a device may be about to name it
    ];
    expect(orphanSnapshots(listing, CURRENT)).toEqual([snap(1), snap(2)]);
  });

  it('never touches files that are not Tessera snapshots, folders, or files without a time', () => {
    const old = '2026-11-01T00:00:00Z';
    const listing = [
      file(CURRENT, '2026-12-02T00:05:00Z'),
      file('tessera/sync.json', old),
      file('tessera/notes.txt', old),
      file('tessera/s-1234.json', old), // too short for Tessera's names
      file(`tessera/s-${'A'.repeat(32)}.json`, old), // upper-case hex: not Tessera's
      file(`tessera/old/s-${'0'.repeat(32)}.json`, old), // deeper than the sync folder
      file(`other/s-${'0'.repeat(32)}.json`, old),
      file(`tessera/s-${'1'.repeat(32)}.json.bak`, old),
      file(snap(7), old, true), // a folder named like a snapshot
      file(snap(8), null),
    ];
    expect(orphanSnapshots(listing, CURRENT)).toEqual([]);
  });

  it('deletes nothing when the current snapshot is missing from the listing or has no time', () => {
    const orphans = [file(snap(1), '2026-11-01T00:00:00Z'), file(snap(2), '2026-11-02T00:00:00Z')];
    expect(orphanSnapshots(orphans, CURRENT)).toEqual([]);
    expect(orphanSnapshots([...orphans, file(CURRENT, null)], CURRENT)).toEqual([]);
    expect(orphanSnapshots([...orphans, file(CURRENT, '2026-12-02T00:00:00Z', true)], CURRENT)).toEqual([]);
    // A pointer naming something else than a snapshot (it cannot parse, but the rule holds alone).
    expect(orphanSnapshots([...orphans, file('tessera/notes.txt', '2026-12-02T00:00:00Z')], 'tessera/notes.txt')).toEqual([]);
  });

  it('respects the budget, oldest first', () => {
    const listing = [file(CURRENT, '2026-12-02T00:00:00Z')];
    for (let i = 10; i >= 1; i--) listing.push(file(snap(i), `2026-11-${String(i).padStart(2, '0')}T12:00:00Z`));
    expect(MAX_DELETIONS_PER_ROUND).toBe(4);
    expect(orphanSnapshots(listing, CURRENT)).toEqual([snap(1), snap(2), snap(3), snap(4)]);
    expect(orphanSnapshots(listing, CURRENT, 2)).toEqual([snap(1), snap(2)]);
    expect(orphanSnapshots(listing, CURRENT, 0)).toEqual([]);
  });
});
