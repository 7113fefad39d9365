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
  /** Which table the phrase came from (see PhraseSet's constructor). */
  tag: string;
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

/** Phrases are looked up by their first characters at each word start: one pass per text, not one per phrase. */
const KEY = 3;

export class PhraseSet {
  /** Spaced-script phrases with a space before (whole words), and after unless open-ended, by their first KEY letters. */
  private readonly words = new Map<string, Entry[]>();
  /** Spaced-script phrases shorter than KEY letters ("qr"): few, found with indexOf. */
  private readonly shortWords: Entry[] = [];
  /** Unspaced-script phrases (spaces inside removed), by their first character. */
  private readonly runs = new Map<string, Entry[]>();
  private count = 0;

  /** `phrases`: plain phrases, or [phrase, tag] pairs so one set (one pass per text) serves several tables. */
  constructor(phrases: Iterable<string | readonly [string, string]>) {
    const seen = new Set<string>();
    for (const item of phrases) {
      const [p, tag] = typeof item === 'string' ? [item, ''] : item;
      const folded = foldText(p);
      if (folded.trim() === '') continue;
      let entry: string;
      if (UNSPACED.test(folded)) entry = joinUnspaced(folded).trim();
      // Languages that inflect with suffixes (Hungarian "karakterek" → "karaktereket", Finnish,
      // Turkish): a last word of 5+ letters may go on; shorter ones ("pin", "app") must end there.
      else entry = /\S{5,} $/u.test(folded) ? folded.slice(0, -1) : folded;
      if (seen.has(`${tag}\n${entry}`)) continue;
      seen.add(`${tag}\n${entry}`);
      this.count++;
      const e = { w: entry, tag };
      if (UNSPACED.test(folded)) push(this.runs, entry[0]!, e);
      else if (entry.trim().length < KEY) this.shortWords.push(e);
      else push(this.words, entry.slice(1, 1 + KEY), e);
    }
  }

  /** Every match in `text` (overlaps included), in joined coordinates. */
  hits(text: PreparedText): Hit[] {
    const out: Hit[] = [];
    const { spaced, joined, joinedIndex } = text;
    const add = (at: number, { w, tag }: Entry) => {
      // The padding spaces are not part of the phrase (an open-ended phrase has none at the end).
      const end = w.endsWith(' ') ? at + w.length - 1 : at + w.length;
      out.push({ start: joinedIndex[at + 1]!, end: joinedIndex[end]!, tag });
    };
    if (this.words.size > 0) {
      for (let at = spaced.indexOf(' '); at >= 0 && at < spaced.length - 1; at = spaced.indexOf(' ', at + 1)) {
        const list = this.words.get(spaced.slice(at + 1, at + 1 + KEY));
        if (list) for (const e of list) if (spaced.startsWith(e.w, at)) add(at, e);
      }
    }
    for (const e of this.shortWords) {
      for (let at = spaced.indexOf(e.w); at >= 0; at = spaced.indexOf(e.w, at + 1)) add(at, e);
    }
    if (this.runs.size > 0) {
      for (let j = 0; j < joined.length; j++) {
        const list = this.runs.get(joined[j]!);
        if (list) for (const r of list) if (joined.startsWith(r.w, j)) out.push({ start: j, end: j + r.w.length, tag: r.tag });
      }
    }
    return out;
  }

  get size(): number {
    return this.count;
  }
}

interface Entry {
  w: string;
  tag: string;
}

function push(map: Map<string, Entry[]>, key: string, value: Entry): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Drops the hits of `weaker` that lie inside a hit of `stronger` ("security code" inside
 * "card security code", "验证码" inside "短信验证码"): the longer, more specific phrase wins.
 */
export function outside(weaker: Hit[], stronger: Hit[]): Hit[] {
  return weaker.filter((w) => !stronger.some((s) => s.start <= w.start && w.end <= s.end && s.end - s.start > w.end - w.start));
}
