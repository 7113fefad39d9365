/**
 * The fields sites taught Tessera ("Fill two-factor code" from the context menu), as the vault
 * keeps them: one hint per site, in the order they were taught (the oldest first). Pure: the
 * background stores them in the vault's settings, backups carry them (core/backup/backup-hints).
 */
import type { FieldHint } from './field-description';

/** Site → the field taught there. */
export type FieldHints = Record<string, FieldHint>;

/** A bound on what pages can make us store (one hint per site, a few hundred sites). */
export const MAX_HINT_SITES = 500;
/** What `hintFor` in rank-fields keeps of a name, id or label. */
export const MAX_HINT_CHARS = 100;

/**
 * The hint in `value`, or null when it is not one: name, id and label must be text of at most
 * MAX_HINT_CHARS, and at least one must say something (an empty hint would match no field).
 * Other keys are ignored and not kept.
 */
export function checkFieldHint(value: unknown): FieldHint | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { name, id, label } = value as Record<string, unknown>;
  const ok = (s: unknown): s is string => typeof s === 'string' && s.length <= MAX_HINT_CHARS;
  if (!ok(name) || !ok(id) || !ok(label) || (name === '' && id === '' && label === '')) return null;
  return { name, id, label };
}

// Built through Map and Object.fromEntries: a key such as "__proto__" stays a plain own key.

/** The valid hints of a stored record (anything else in it is dropped). */
export function storedHints(raw: unknown): FieldHints {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const kept: [string, FieldHint][] = [];
  for (const [site, value] of Object.entries(raw).slice(-MAX_HINT_SITES)) {
    const hint = checkFieldHint(value);
    if (hint) kept.push([site, hint]);
  }
  return Object.fromEntries(kept);
}

/** `hints` with `hint` taught for `site` now: it moves to the end, and the oldest beyond the cap go. */
export function withHint(hints: FieldHints, site: string, hint: FieldHint): FieldHints {
  const next = new Map(Object.entries(hints));
  next.delete(site);
  next.set(site, hint);
  return Object.fromEntries([...next].slice(-MAX_HINT_SITES));
}

/**
 * Merges hints from a backup into the vault's: a site the vault already has a hint for keeps
 * its own (it was taught on this device, maybe after the backup was made); a site it has none
 * for gets the backup's. The vault's hints are never pushed out: past MAX_HINT_SITES, the rest
 * of the backup's are left out. `added` counts the sites that got a hint.
 */
export function mergeFieldHints(existing: FieldHints, incoming: FieldHints): { hints: FieldHints; added: number } {
  const hints = new Map(Object.entries(existing));
  let added = 0;
  for (const [site, hint] of Object.entries(incoming)) {
    if (hints.size >= MAX_HINT_SITES) break;
    if (hints.has(site)) continue;
    hints.set(site, hint);
    added++;
  }
  return { hints: Object.fromEntries(hints), added };
}
