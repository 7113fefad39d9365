/**
 * "This field", taught once per site: when the user fills a code into a field they right-clicked,
 * Tessera remembers which field that was for the site (its name and id, or its label when it has
 * neither; never anything the user typed) and prefers it on later fills there, auto-fill included.
 * Kept inside the encrypted vault, with the settings.
 */
import type { FieldHint } from '../core/fields/field-description';
import * as vault from './vault-session';

const KEY = 'fieldHints';
/** A bound on what pages can make us store (one hint per site, a few hundred sites). */
const MAX_SITES = 500;

function isHint(v: unknown): v is FieldHint {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<string, unknown>;
  return typeof h.name === 'string' && typeof h.id === 'string' && typeof h.label === 'string';
}

function hintsOf(settings: Record<string, unknown> | undefined): Record<string, FieldHint> {
  const raw = settings?.[KEY];
  if (typeof raw !== 'object' || raw === null) return {};
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter(([, h]) => isHint(h))) as Record<string, FieldHint>;
}

/** The field taught for `site`, if any. */
export async function hintFor(site: string): Promise<FieldHint | null> {
  return hintsOf((await vault.read()).settings)[site] ?? null;
}

export async function rememberHint(site: string, hint: FieldHint): Promise<void> {
  if (!hint.name && !hint.id && !hint.label) return; // nothing that would find the field again
  await vault.update((d) => {
    const hints = hintsOf(d.settings);
    delete hints[site];
    hints[site] = hint;
    const kept = Object.entries(hints).slice(-MAX_SITES); // the most recently taught sites
    return { ...d, settings: { ...d.settings, [KEY]: Object.fromEntries(kept) } };
  });
}
