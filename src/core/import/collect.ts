import { EntrySkip } from './import-error';
import type { ImportEntry, ParsedEntries, SkippedEntry } from './types';

/**
 * Run `map` over a file's raw entries, numbering them from `firstIndex`. An EntrySkip becomes a
 * SkippedEntry labelled by `label`; any ImportError propagates (one bad entry fails the import,
 * so the user never ends up with a silently partial vault).
 */
export function collectEntries<T>(
  raws: readonly T[],
  map: (raw: T, index: number) => ImportEntry['input'],
  label: (raw: T) => string,
  firstIndex = 1,
): ParsedEntries {
  const entries: ImportEntry[] = [];
  const skipped: SkippedEntry[] = [];
  raws.forEach((raw, i) => {
    const index = firstIndex + i;
    try {
      entries.push({ input: map(raw, index) });
    } catch (err) {
      if (!(err instanceof EntrySkip)) throw err;
      skipped.push({ index, label: label(raw), reason: err.reason });
    }
  });
  return { entries, skipped };
}
