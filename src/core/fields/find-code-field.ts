/**
 * The whole finder in one call, for code that has both the DOM and the tables at hand (tests,
 * the corpus runner): describe the page's fields, rank them, and map the answer back to inputs.
 * In the extension the two halves run apart: describeFields in the page-side agent,
 * rankFields in the background (the word tables stay out of the page).
 */
import { describeFields } from './describe-fields';
import { rankFields, type RankOptions, type NoFieldReason } from './rank-fields';

/** Where to put a code: one input, or one-character boxes in order. */
export type FieldMatch =
  | { kind: 'single'; input: HTMLInputElement; score: number }
  | { kind: 'split'; inputs: HTMLInputElement[]; score: number };

export type FindResult = FieldMatch | { kind: 'none'; reason: NoFieldReason };

/** The best code field of `doc`, or why there is none. */
export function findCode(doc: Document, options: RankOptions = {}): FindResult {
  const { page, inputs } = describeFields(doc);
  const r = rankFields(page, options);
  if (r.kind === 'single') return { kind: 'single', input: inputs[r.index]!, score: r.score };
  if (r.kind === 'split') return { kind: 'split', inputs: r.indices.map((i) => inputs[i]!), score: r.score };
  return { kind: 'none', reason: r.reason };
}

/** The best code field of `doc`, or null. */
export function findCodeField(doc: Document, options: RankOptions = {}): FieldMatch | null {
  const r = findCode(doc, options);
  return r.kind === 'none' ? null : r;
}
