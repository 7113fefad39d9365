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
    expect(all.filter((c) => c.html.includes('shadowrootmode')).length).toBeGreaterThanOrEqual(5);
    expect(all.filter((c) => c.html.includes('opacity:0.01')).length).toBeGreaterThanOrEqual(5);
  });
});
