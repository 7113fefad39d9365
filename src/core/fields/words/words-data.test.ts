/**
 * Shape checks for the field-word data files: every category covers every language the finder
 * claims to know, entries are matchable as written (lower case, NFC, trimmed), and no phrase
 * both marks a code field and rules one out in the same language.
 */
import { describe, expect, it } from 'vitest';
import codeWords from './code-words.json';
import lookAlikes from './look-alikes.json';
import delivery from './delivery.json';

/** The languages the README promises. Keep in step with the data files. */
const LANGUAGES = [
  'en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl', 'ru', 'uk', 'tr', 'sv', 'cs', 'da',
  'fi', 'nb', 'el', 'hu', 'ro', 'ja', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'id', 'hi', 'ar', 'he',
];

type Lists = Record<string, string[]>;
const { $comment: _c1, ...codeByLang } = codeWords as unknown as Lists & { $comment: string };
const { $comment: _c2, ...lookAlikeKinds } = lookAlikes as unknown as Record<string, Lists> & { $comment: string };
const { $comment: _c3, ...deliveryKinds } = delivery as unknown as Record<string, Lists> & { $comment: string };

const categories: [string, Lists][] = [
  ['code-words', codeByLang],
  ...Object.entries(lookAlikeKinds).map(([k, v]): [string, Lists] => [`look-alikes.${k}`, v]),
  ...Object.entries(deliveryKinds).map(([k, v]): [string, Lists] => [`delivery.${k}`, v]),
];

describe('field word data', () => {
  it('has the look-alike and delivery kinds the finder relies on', () => {
    expect(Object.keys(lookAlikeKinds).sort()).toEqual(
      ['backup-code', 'captcha', 'card-security', 'coupon', 'customer-number', 'pin', 'postal', 'referral'],
    );
    expect(Object.keys(deliveryKinds).sort()).toEqual(['app', 'email', 'sms']);
  });

  it.each(categories)('%s covers exactly the known languages', (_name, lists) => {
    expect(Object.keys(lists).sort()).toEqual([...LANGUAGES].sort());
    for (const lang of LANGUAGES) expect(lists[lang]?.length, lang).toBeGreaterThan(0);
  });

  it.each(categories)('%s entries are trimmed lower-case NFC strings without duplicates', (_name, lists) => {
    for (const [lang, words] of Object.entries(lists)) {
      expect(new Set(words).size, `duplicate in ${lang}`).toBe(words.length);
      for (const w of words) {
        expect(typeof w).toBe('string');
        expect(w.length, `${lang} empty entry`).toBeGreaterThan(0);
        expect(w, `${lang}: ${w}`).toBe(w.trim().normalize('NFC').toLowerCase());
        expect(w, `${lang}: ${w} has a curly apostrophe`).not.toMatch(/[\u2018\u2019]/);
        expect(w, `${lang}: ${w} has doubled spaces`).not.toMatch(/\s{2,}/);
        // Page text is matched with these marks stripped, so an entry carrying them never matches.
        expect(w, `${lang}: ${w} has Arabic tashkeel or Hebrew niqqud`).not.toMatch(
          /[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0640\u064B-\u065F\u0670]/,
        );
      }
    }
  });

  it('no phrase both names a code and rules a field out in the same language', () => {
    // delivery.app is a positive signal like code-words, so it may share phrases with them.
    const refusing = categories.filter(([name]) => name !== 'code-words' && name !== 'delivery.app');
    for (const lang of LANGUAGES) {
      const code = new Set(codeByLang[lang]);
      for (const [name, lists] of refusing) {
        const both = (lists[lang] ?? []).filter((w) => code.has(w));
        expect(both, `${lang}: in code-words and ${name}`).toEqual([]);
      }
    }
  });

  it('no code or app phrase contains a refusing phrase (the longer look-alike wins, so it would refuse a real code word)', () => {
    const refusing = categories.filter(([name]) => name !== 'code-words' && name !== 'delivery.app');
    for (const lang of LANGUAGES) {
      const positive = [...(codeByLang[lang] ?? []), ...(deliveryKinds.app?.[lang] ?? [])];
      for (const [name, lists] of refusing) {
        for (const w of lists[lang] ?? []) {
          const inside = positive.filter((p) => containsPhrase(p, w));
          expect(inside, `${lang}: ${name} "${w}" inside`).toEqual([]);
        }
      }
    }
  });

  it('no phrase sits in two refusing kinds that give different reasons (sms vs email)', () => {
    for (const lang of LANGUAGES) {
      const sms = new Set(deliveryKinds.sms?.[lang]);
      expect((deliveryKinds.email?.[lang] ?? []).filter((w) => sms.has(w)), lang).toEqual([]);
    }
  });
});

/** Short entries in spaced scripts match whole tokens only (see the files' $comment); others anywhere. */
function containsPhrase(text: string, phrase: string): boolean {
  const cjk = /[\u3040-\u30ff\u4e00-\u9fff]/u;
  if (phrase.length > 3 || cjk.test(phrase)) return text.includes(phrase);
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(text);
}
