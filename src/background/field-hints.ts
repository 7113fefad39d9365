/**
 * "This field", taught once per site: when the user fills a code into a field they right-clicked,
 * Tessera remembers which field that was for the site (its name and id, or its label when it has
 * neither; never anything the user typed) and prefers it on later fills there, auto-fill included.
 * Kept inside the encrypted vault, with the settings, and carried by encrypted backups. The rules
 * (shape, caps, merging) are in core/fields/field-hints.
 */
import type { FieldHint } from '../core/fields/field-description';
import { mergeFieldHints, storedHints, withHint, type FieldHints } from '../core/fields/field-hints';
import type { VaultData } from '../core/vault';
import * as vault from './vault-session';

const KEY = 'fieldHints';

const hintsOf = (data: VaultData): FieldHints => storedHints(data.settings?.[KEY]);

/** The field taught for `site`, if any. */
export async function hintFor(site: string): Promise<FieldHint | null> {
  const hints = hintsOf(await vault.read());
  return Object.hasOwn(hints, site) ? hints[site]! : null;
}

/** Every site's taught field, for an encrypted backup. */
export async function allHints(): Promise<FieldHints> {
  return hintsOf(await vault.read());
}

export async function rememberHint(site: string, hint: FieldHint): Promise<void> {
  if (!hint.name && !hint.id && !hint.label) return; // nothing that would find the field again
  await vault.update((d) => ({ ...d, settings: { ...d.settings, [KEY]: withHint(hintsOf(d), site, hint) } }));
}

/**
 * A vault change that adds a backup's hints for sites that have none (see mergeFieldHints),
 * to run inside the import's own write; unchanged data when nothing is new.
 */
export function mergeHintsInto(incoming: FieldHints): (d: VaultData) => VaultData {
  return (d) => {
    const { hints, added } = mergeFieldHints(hintsOf(d), incoming);
    return added === 0 ? d : { ...d, settings: { ...d.settings, [KEY]: hints } };
  };
}
