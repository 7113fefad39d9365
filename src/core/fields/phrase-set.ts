/**
 * Finds the phrases of a word table in folded text (see normalize-text.ts). Phrases in spaced
 * scripts match whole words only ("pin" is not in "spinner"); phrases in scripts without word
 * spaces (Chinese, Japanese, Korean, Thai…) match as substrings.
 */
import { UNSPACED, foldText, joinUnspaced } from './normalize-text';

/** Where a phrase matched, in the coordinates of the text with unspaced runs joined. */
export interface Hit {
  start: number;
  end: number;
}

/** A text prepared once and matched against many phrase sets. */
export interface PreparedText {
  /** Folded, space-padded. */
  spaced: string;
  /** The same with spaces inside unspaced runs removed. */
  joined: string;
  /** joinedIndex[i]: the position in `joined` of position i in `spaced`. */
  joinedIndex: Int32Array;
}

export function prepare(text: string): PreparedText {
  const spaced = foldText(text);
  const joined = joinUnspaced(spaced);
  // Walk both strings together: `joined` only lacks some spaces of `spaced`.
  const joinedIndex = new Int32Array(spaced.length + 1);
  let j = 0;
  for (let i = 0; i < spaced.length; i++) {
    joinedIndex[i] = j;
    if (spaced[i] === joined[j]) j++;
  }
  joinedIndex[spaced.length] = j;
  return { spaced, joined, joinedIndex };
}

export class PhraseSet {
  /** Spaced-script phrases with a space before (whole words), and after unless open-ended. */
  private readonly words: string[] = [];
  /** Unspaced-script phrases (spaces inside removed). */
  private readonly runs: string[] = [];

  constructor(phrases: Iterable<string>) {
    const words = new Set<string>();
    const runs = new Set<string>();
    for (const p of phrases) {
      const folded = foldText(p);
      if (folded.trim() === '') continue;
      if (UNSPACED.test(folded)) runs.add(joinUnspaced(folded).trim());
      // Languages that inflect with suffixes (Hungarian "karakterek" → "karaktereket", Finnish,
      // Turkish): a last word of 5+ letters may go on; shorter ones ("pin", "app") must end there.
      else words.add(/\S{5,} $/u.test(folded) ? folded.slice(0, -1) : folded);
    }
    this.words = [...words];
    this.runs = [...runs];
  }

  /** Every match in `text` (overlaps included), in joined coordinates. */
  hits(text: PreparedText): Hit[] {
    const out: Hit[] = [];
    for (const w of this.words) {
      for (let at = text.spaced.indexOf(w); at >= 0; at = text.spaced.indexOf(w, at + 1)) {
        // The padding spaces are not part of the phrase (an open-ended phrase has none at the end).
        const end = w.endsWith(' ') ? at + w.length - 1 : at + w.length;
        out.push({ start: text.joinedIndex[at + 1]!, end: text.joinedIndex[end]! });
      }
    }
    for (const r of this.runs) {
      for (let at = text.joined.indexOf(r); at >= 0; at = text.joined.indexOf(r, at + 1)) {
        out.push({ start: at, end: at + r.length });
      }
    }
    return out;
  }

  get size(): number {
    return this.words.length + this.runs.length;
  }
}

/**
 * Drops the hits of `weaker` that lie inside a hit of `stronger` ("security code" inside
 * "card security code", "验证码" inside "短信验证码"): the longer, more specific phrase wins.
 */
export function outside(weaker: Hit[], stronger: Hit[]): Hit[] {
  return weaker.filter((w) => !stronger.some((s) => s.start <= w.start && w.end <= s.end && s.end - s.start > w.end - w.start));
}
