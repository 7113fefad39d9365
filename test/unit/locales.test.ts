/**
 * Every shipped locale is complete: each English key, with the same placeholders, translated
 * (not left in English), and each counted message in every plural form its language has.
 * Expectations come from the English file and from Intl.PluralRules, never from the generator.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const dir = new URL('../../public/_locales/', import.meta.url);
const read = (folder: string): Messages => JSON.parse(readFileSync(new URL(`${folder}/messages.json`, dir), 'utf8'));
const english = read('en');

const REQUIRED = ['de', 'es', 'fr', 'it', 'ja', 'ko', 'nl', 'pl', 'pt_BR', 'ru', 'tr', 'zh_CN', 'ar'];
const shipped = readdirSync(dir).filter((f) => f !== 'en').sort();

/** Messages that are legitimately the same as English: brand names and pure placeholder patterns. */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  '*': ['extName', 'badgeTitle', 'notIncludedEntry'],
  de: ['passphrase'],
  fr: ['type', 'note'],
  it: ['passphrase', 'accountToShow'],
  nl: ['accounts', 'accountToShow'],
};

const CATEGORY = /_(zero|one|two|few|many|other)$/;
const englishPlain = Object.keys(english).filter((k) => !CATEGORY.test(k) && k !== 'localeTag');
const englishFamilies = [...new Set(Object.keys(english).filter((k) => CATEGORY.test(k)).map((k) => k.replace(CATEGORY, '')))];
const names = (m: string) => [...m.matchAll(/\$([A-Z_]+)\$/g)].map((x) => x[1]!.toLowerCase()).sort();

describe('English source', () => {
  it('has no "(s)" plurals: counted messages are key families', () => {
    for (const [key, { message }] of Object.entries(english)) expect(message, key).not.toMatch(/\w\(s\)/);
  });
  it('gives every counted family its "one" and "other" form', () => {
    expect(englishFamilies.length).toBeGreaterThan(5);
    for (const base of englishFamilies) {
      expect(english[`${base}_one`], base).toBeDefined();
      expect(english[`${base}_other`], base).toBeDefined();
    }
  });
  it('declares each placeholder a message names, and no other', () => {
    for (const [key, entry] of Object.entries(english)) {
      expect(Object.keys(entry.placeholders ?? {}).sort(), key).toEqual(names(entry.message));
    }
  });
});

describe('locales', () => {
  it('ships every required locale', () => {
    for (const folder of REQUIRED) expect(existsSync(new URL(`${folder}/messages.json`, dir)), folder).toBe(true);
  });

  for (const folder of shipped) {
    describe(folder, () => {
      const messages = read(folder);
      const lang = folder.replace('_', '-');
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;

      it('names its own locale in localeTag', () => {
        expect(messages.localeTag?.message).toBe(lang);
      });

      it('has every English key with the same placeholders', () => {
        for (const key of englishPlain) {
          expect(messages[key], `${folder}.${key}`).toBeDefined();
          expect(messages[key]!.placeholders ?? {}, `${folder}.${key}`).toEqual(english[key]!.placeholders ?? {});
          expect(names(messages[key]!.message), `${folder}.${key}`).toEqual(names(english[key]!.message));
        }
      });

      it(`has every counted message in each plural form of ${lang} (${categories.join(', ')})`, () => {
        for (const base of englishFamilies) {
          for (const cat of categories) {
            const entry = messages[`${base}_${cat}`];
            expect(entry, `${folder}.${base}_${cat}`).toBeDefined();
            expect(entry!.placeholders, `${folder}.${base}_${cat}`).toEqual(english[`${base}_other`]!.placeholders);
            // Only a form for one exact number ("zero", "one", "two") may write the count in words.
            const want = names(english[`${base}_other`]!.message);
            const got = names(entry!.message);
            if (got.join() !== want.join()) expect(['zero', 'one', 'two'].includes(cat) && got.join() === want.filter((n) => n !== 'n').join(), `${folder}.${base}_${cat}`).toBe(true);
          }
        }
      });

      it('has no key English does not have', () => {
        for (const key of Object.keys(messages)) {
          const known = key in english || (CATEGORY.test(key) && englishFamilies.includes(key.replace(CATEGORY, '')));
          expect(known, `${folder}.${key}`).toBe(true);
        }
      });

      it('leaves nothing in English', () => {
        const allowed = new Set([...SAME_AS_ENGLISH['*']!, ...(SAME_AS_ENGLISH[folder] ?? [])]);
        const untranslated = Object.keys(messages).filter((k) => k !== 'localeTag' && !allowed.has(k) && messages[k]!.message === english[k]?.message);
        expect(untranslated).toEqual([]);
        // The allowlist stays honest: each entry is really identical to English in this locale.
        for (const key of SAME_AS_ENGLISH[folder] ?? []) expect(messages[key]?.message, `${folder}.${key}`).toBe(english[key]?.message);
      });
    });
  }
});
