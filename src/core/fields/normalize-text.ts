/**
 * Text folding shared by the word tables and the texts a page shows, so both sides compare
 * alike: Unicode-normalised (NFKC, so full-width "ＯＴＰ" is "otp"), case-folded, accents and
 * Hebrew/Arabic vowel points dropped, punctuation turned into spaces, and a space put between a
 * Latin word and an adjoining CJK run ("SMS验证码" → "sms 验证码").
 */

/** Combining accents, Hebrew points and Arabic harakat: optional marks people type either way. */
const MARKS = /[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670]/g;
/** Scripts written without spaces between words (or, for Hangul, with particles glued on). */
export const UNSPACED = /[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff\u0e00-\u0e7f\u0e80-\u0eff\u1780-\u17ff\uff66-\uff9f]/u;
const UNSPACED_G = new RegExp(UNSPACED.source, 'gu');
/** Anything that is not a letter, a digit or a combining mark of a script that needs it (Devanagari…). */
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/** Folds `text` for matching: lower case, no accents, single spaces, and padded with one space each side. */
export function foldText(text: string): string {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .normalize('NFC')
    .replace(NOT_WORD, ' ')
    // Space at every boundary between a spaced and an unspaced script.
    .replace(UNSPACED_G, (ch) => ` ${ch} `)
    .replace(/\s+/g, ' ')
    .trim();
  // The per-character spaces above let Latin words keep their boundaries; unspaced runs are
  // matched with spaces removed (see PhraseSet), so they do no harm there.
  return ` ${folded} `;
}

/** `folded` with the spaces inside unspaced-script runs removed again: "验 证 码" → "验证码". */
export function joinUnspaced(folded: string): string {
  return folded.replace(new RegExp(`(${UNSPACED.source}) (?=${UNSPACED.source})`, 'gu'), '$1');
}

/**
 * Splits a name/id/autocomplete attribute into lower-case tokens: camelCase, snake_case,
 * kebab-case, brackets and dots, and a letter followed by a digit ("otp1" → "otp", "1"; "2fa" stays).
 */
export function nameTokens(attr: string): string[] {
  return attr
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
