// Which keys a locale needs, given the English messages: every plain key, and for each counted
// family (<base>_one … <base>_other, see src/ui/i18n.ts tn) one key per plural category that
// Intl.PluralRules reports for that locale (Japanese needs only _other, Arabic all six).
const CATEGORY = /_(zero|one|two|few|many|other)$/;

/** "importN_one" → "importN"; null for a key outside a counted family. */
export function pluralBase(key) {
  return CATEGORY.test(key) ? key.replace(CATEGORY, '') : null;
}

/** messages.json folder name → BCP 47 tag ("pt_BR" → "pt-BR"). */
export const bcp47 = (folder) => folder.replace(/_/g, '-');

export function pluralCategories(folder) {
  return new Intl.PluralRules(bcp47(folder)).resolvedOptions().pluralCategories;
}

/** The keys `folder` must have, each with the English key whose placeholders it shares. */
export function expectedKeys(english, folder) {
  const out = new Map();
  for (const key of Object.keys(english)) {
    const base = pluralBase(key);
    if (!base) out.set(key, key);
    else for (const cat of pluralCategories(folder)) out.set(`${base}_${cat}`, `${base}_other`);
  }
  out.delete('localeTag'); // written by the generator, not translated
  return out;
}

/** The English key a translated key takes its placeholders from, or null if English has none like it. */
export function englishSource(english, key) {
  if (key in english) return key;
  const base = pluralBase(key);
  return base && `${base}_other` in english ? `${base}_other` : null;
}
