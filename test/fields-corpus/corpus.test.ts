/**
 * Runs the field finder (describe in the page, rank with the word tables) over every corpus
 * case and checks the expected answer: the field, the split boxes in order, or none and why.
 */
import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { findCode } from '../../src/core/fields/find-code-field';
import { collectRoots } from '../../src/core/fields/dom-roots';
import { KNOWN_LANGUAGES } from '../../src/core/fields/field-tables';
import { attachDeclarativeShadowRoots, loadCases, type CorpusCase } from './load-cases';

const cases = loadCases();

/** The page of a case, in a window of its own (https, so nothing about the origin differs from a real site). */
function pageOf(c: CorpusCase): { doc: Document; close: () => void } {
  const window = new Window({ url: 'https://corpus.example/' });
  window.document.write(c.html);
  const doc = window.document as unknown as Document;
  attachDeclarativeShadowRoots(doc);
  return { doc, close: () => void window.happyDOM.close() };
}

/** querySelectorAll across the document and its open shadow roots (the expected field may sit in one). */
function selectAll(doc: Document, selector: string): Element[] {
  return collectRoots(doc).flatMap(({ root }) => Array.from(root.querySelectorAll(selector)));
}

describe('field-finder corpus', () => {
  it('has at least 80 cases in at least 20 languages, each with a known language and a unique id', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    expect(new Set(cases.map((c) => c.lang)).size).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) expect(KNOWN_LANGUAGES, c.id).toContain(c.lang);
  });

  it.each(cases.map((c) => [`${c.lang} ${c.id}`, c] as const))('%s', (_name, c) => {
    const { doc, close } = pageOf(c);
    try {
      const result = findCode(doc, { code: { length: c.digits ?? 6, alphabet: 'digits' } });
      const e = c.expect;
      if ('none' in e) {
        // The corpus's "no-field" covers a field too small for the code (the finder's 'does-not-fit').
        const reason = result.kind === 'none' ? (result.reason === 'does-not-fit' ? 'no-field' : result.reason) : describeResult(result);
        expect(reason, c.source).toBe(e.none);
      } else if ('field' in e) {
        const want = selectAll(doc, e.field);
        expect(want, `selector ${e.field} matches one element`).toHaveLength(1);
        expect(result.kind, c.source).toBe('single');
        expect(result.kind === 'single' && result.input === want[0], `picked ${describeResult(result)}`).toBe(true);
      } else {
        const want = selectAll(doc, e.boxes);
        expect(want.length, `selector ${e.boxes} matches the boxes`).toBeGreaterThanOrEqual(4);
        expect(result.kind, c.source).toBe('split');
        expect(result.kind === 'split' && result.inputs.length === want.length && result.inputs.every((el, i) => el === want[i])).toBe(true);
      }
    } finally {
      close();
    }
  });
});

function describeResult(r: ReturnType<typeof findCode>): string {
  if (r.kind === 'none') return `none (${r.reason})`;
  const el = r.kind === 'single' ? r.input : r.inputs[0]!;
  return `${r.kind} ${el.outerHTML.slice(0, 120)}`;
}
