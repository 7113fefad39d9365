/**
 * The field hints inside a Tessera backup's encrypted payload (optional key `fieldHints`, added in
 * backup version 1 without a version bump: every reader of version 1 ignores payload keys it does
 * not know). A list, oldest taught first: `[{ "site", "name", "id", "label" }, …]`.
 *
 * A hint only helps find a field again, so a damaged one is left out and nothing else changes:
 * the accounts of the file import as they would without it.
 */
import { checkFieldHint, MAX_HINT_SITES, type FieldHints } from '../fields/field-hints';
import type { FieldHint } from '../fields/field-description';
import { isSite } from '../site/is-site';

export interface BackupHint extends FieldHint {
  site: string;
}

/** A DNS name is at most 253 characters; checked before the Public Suffix List is consulted. */
const MAX_SITE_CHARS = 253;

function siteOk(site: unknown): site is string {
  return typeof site === 'string' && site.length > 0 && site.length <= MAX_SITE_CHARS && isSite(site);
}

/** The hints to write: only valid ones for real sites, the most recently taught MAX_HINT_SITES. */
export function hintsForBackup(hints: FieldHints): BackupHint[] {
  const list: BackupHint[] = [];
  for (const [site, value] of Object.entries(hints).slice(-MAX_HINT_SITES)) {
    const hint = checkFieldHint(value);
    if (hint && siteOk(site)) list.push({ site, ...hint });
  }
  return list;
}

/**
 * Reads the payload's `fieldHints`. Missing (a backup made before hints were saved) is no hints.
 * At most MAX_HINT_SITES entries are looked at; an entry that is not a hint (shape, lengths, a
 * site that is not a real one, a site seen before) is skipped. `skipped` counts what was left out
 * (a `fieldHints` that is not a list counts as one).
 */
export function readBackupHints(raw: unknown): { hints: FieldHints; skipped: number } {
  if (raw === undefined) return { hints: {}, skipped: 0 };
  if (!Array.isArray(raw)) return { hints: {}, skipped: 1 };
  const hints = new Map<string, FieldHint>();
  let skipped = Math.max(0, raw.length - MAX_HINT_SITES);
  for (const entry of raw.slice(0, MAX_HINT_SITES)) {
    const site = typeof entry === 'object' && entry !== null ? (entry as { site?: unknown }).site : undefined;
    const hint = checkFieldHint(entry);
    if (!hint || !siteOk(site) || hints.has(site)) {
      skipped++;
      continue;
    }
    hints.set(site, hint);
  }
  return { hints: Object.fromEntries(hints), skipped };
}
