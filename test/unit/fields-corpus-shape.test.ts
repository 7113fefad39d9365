// @vitest-environment happy-dom
/**
 * Shape checks for the field-finder corpus (test/fields-corpus/cases/<lang>.json): every case is
 * well formed and its expectation points at real elements of its own markup, so a finder test
 * that fails on a case fails because of the finder, not because of a typo in the corpus.
 * (The finder itself is run over the corpus by the finder's own tests.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import codeWords from '../../src/core/fields/words/code-words.json';
import lookAlikes from '../../src/core/fields/words/look-alikes.json';
import delivery from '../../src/core/fields/words/delivery.json';

// vitest runs from the project root (import.meta.url is not a file URL under happy-dom).
const DIR = resolve(process.cwd(), 'test/fields-corpus/cases') + '/';
const LANGUAGES = [
  'en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl', 'ru', 'uk', 'tr', 'sv', 'cs', 'da',
  'fi', 'nb', 'el', 'hu', 'ro', 'ja', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'id', 'hi', 'ar', 'he',
];
const REASONS = ['no-field', 'look-alike', 'sms', 'email'];

interface Case {
  id: string;
  lang: string;
  source: string;
  kind: 'login' | 'setup';
  html: string;
  expect: { field: string } | { boxes: string } | { none: string };
  digits?: number;
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const byFile = files.map((f) => [f, JSON.parse(readFileSync(DIR + f, 'utf8')) as Case[]] as const);
const all = byFile.flatMap(([, cases]) => cases);

/** Elements matching `selector` in the markup and inside its declarative open shadow roots. */
function matches(html: string, selector: string): Element[] {
  const host = document.createElement('div');
  host.innerHTML = html;
  const found = Array.from(host.querySelectorAll(selector));
  for (const tpl of Array.from(host.querySelectorAll('template[shadowrootmode="open"]'))) {
    found.push(...Array.from((tpl as HTMLTemplateElement).content.querySelectorAll(selector)));
  }
  return found;
}

describe('field-finder corpus', () => {
  it('has one file per known language and enough cases', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...LANGUAGES].sort());
    expect(all.length).toBeGreaterThanOrEqual(80);
    for (const [f, cases] of byFile) expect(cases.length, f).toBeGreaterThanOrEqual(3);
  });

  it('ids are unique and say language and kind', () => {
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const c of all) {
      expect(c.id.startsWith(`${c.lang}-`), c.id).toBe(true);
      expect(c.id.endsWith(`-${c.kind}`), c.id).toBe(true);
    }
  });

  it.each(byFile)('%s: every case is well formed', (file, cases) => {
    for (const c of cases) {
      expect(c.lang, c.id).toBe(file.replace(/\.json$/, ''));
      expect(Object.keys(c).filter((k) => !['id', 'lang', 'source', 'kind', 'html', 'expect', 'digits'].includes(k)), c.id).toEqual([]);
      expect(c.source, c.id).toMatch(/^restated from /);
      expect(['login', 'setup'], c.id).toContain(c.kind);
      expect(c.html.length, c.id).toBeGreaterThan(20);
      expect(Object.keys(c.expect), c.id).toHaveLength(1);
      if (c.digits !== undefined) expect([6, 7, 8], c.id).toContain(c.digits);
    }
  });

  it.each(byFile)('%s: every expectation points at its own markup', (_file, cases) => {
    for (const c of cases) {
      const e = c.expect;
      if ('field' in e) {
        const found = matches(c.html, e.field);
        expect(found, `${c.id}: ${e.field}`).toHaveLength(1);
        expect(found[0]?.tagName, c.id).toBe('INPUT');
      } else if ('boxes' in e) {
        const found = matches(c.html, e.boxes);
        expect(found.length, `${c.id}: ${e.boxes}`).toBeGreaterThanOrEqual(4);
        expect(found.length, `${c.id}: ${e.boxes}`).toBeLessThanOrEqual(8);
        // One box per digit: the code must fit exactly.
        expect(found.length, c.id).toBe(c.digits ?? 6);
      } else {
        expect(REASONS, c.id).toContain(e.none);
        expect(matches(c.html, 'input').length, `${c.id}: a "none" case still needs an input to refuse`).toBeGreaterThan(0);
      }
    }
  });

  it('covers every kind of answer in many languages', () => {
    const langsWith = (pred: (c: Case) => boolean) => new Set(all.filter(pred).map((c) => c.lang)).size;
    expect(langsWith((c) => 'field' in c.expect)).toBe(LANGUAGES.length);
    expect(langsWith((c) => 'none' in c.expect)).toBe(LANGUAGES.length);
    expect(langsWith((c) => 'boxes' in c.expect)).toBeGreaterThanOrEqual(10);
    for (const reason of REASONS) {
      expect(langsWith((c) => 'none' in c.expect && c.expect.none === reason), reason).toBeGreaterThanOrEqual(reason === 'no-field' ? 5 : 10);
    }
    for (const lang of LANGUAGES) {
      const mine = all.filter((c) => c.lang === lang);
      const refused = (reason: string) => mine.filter((c) => 'none' in c.expect && c.expect.none === reason).length;
      expect(mine.filter((c) => !('none' in c.expect)).length, `${lang}: cases to fill`).toBeGreaterThanOrEqual(2);
      expect(refused('sms'), `${lang}: SMS prompts`).toBeGreaterThanOrEqual(1);
      expect(refused('email'), `${lang}: email prompts`).toBeGreaterThanOrEqual(1);
      expect(refused('look-alike'), `${lang}: look-alikes`).toBeGreaterThanOrEqual(2);
    }
    expect(all.filter((c) => c.html.includes('shadowrootmode')).length).toBeGreaterThanOrEqual(5);
    expect(all.filter((c) => c.html.includes('opacity:0.01')).length).toBeGreaterThanOrEqual(5);
  });

  // The corpus and the word lists must tell the same story: each expectation is explained by
  // words of the case's own language that the lists hold (a plain substring test, no matcher).
  it.each(byFile)('%s: every expectation is explained by the word lists', (_file, cases) => {
    type ByLang = Record<string, string[]>;
    const codes = codeWords as unknown as ByLang;
    const kinds = lookAlikes as unknown as Record<string, ByLang>;
    const sent = delivery as unknown as Record<string, ByLang>;
    for (const c of cases) {
      const text = visibleWords(c.html);
      const hits = (list: string[] | undefined) => (list ?? []).filter((w) => text.includes(w));
      const lookAlike = Object.keys(kinds).filter((k) => k !== '$comment').flatMap((k) => hits(kinds[k]?.[c.lang]));
      const e = c.expect;
      if ('none' in e) {
        if (e.none === 'sms') expect(hits(sent.sms?.[c.lang]), `${c.id}: no SMS phrase`).not.toEqual([]);
        if (e.none === 'email') expect(hits(sent.email?.[c.lang]), `${c.id}: no email phrase`).not.toEqual([]);
        if (e.none === 'look-alike') expect(lookAlike, `${c.id}: no look-alike phrase`).not.toEqual([]);
      } else {
        expect([...hits(codes[c.lang]), ...hits(sent.app?.[c.lang])], `${c.id}: no code or app word`).not.toEqual([]);
        expect(lookAlike, `${c.id}: a look-alike phrase on a page whose field must be filled`).toEqual([]);
      }
    }
  });
});

/** Lower-case text a person reads or a screen reader announces: text nodes, placeholders, aria-labels, button values. */
function visibleWords(html: string): string {
  return html
    .replace(/<[^>]*?(?:placeholder|aria-label|value)="([^"]*)"[^>]*>/g, ' $1 ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/\u2019/g, "'")
    // The word lists are written without Arabic tashkeel and Hebrew niqqud; pages often carry them.
    .replace(/[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0640\u064B-\u065F\u0670]/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}
