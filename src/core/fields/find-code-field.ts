/**
 * Finds the input where a one-time code belongs on the current page, or reports that there is
 * none. Scoring follows shared/docs/real-world-2fa-pages.md §2–3: autocomplete and input hints,
 * the field's own words, then the page's words; anything that looks like another kind of field
 * (password, backup code, card, captcha, coupon…) is never returned.
 */

import { collectRoots } from './dom-roots';
import { isVisible } from './visibility';
import {
  APP_PAGE,
  DELIVERED_PAGE,
  MEDIUM_FIELD,
  NEGATIVE_FIELD,
  PHONE_FIELD,
  STRONG_FIELD,
  TWO_FACTOR_PAGE,
  WEAK_FIELD,
  contextWords,
  fieldWords,
} from './field-words';
import { findSplitGroups, type BoxInfo } from './find-split-boxes';

/** Where to put a code: one input, or one-character boxes in order. */
export type FieldMatch =
  | { kind: 'single'; input: HTMLInputElement; score: number }
  | { kind: 'split'; inputs: HTMLInputElement[]; score: number };

/** Below this total nothing is returned: a lone text field on an unrelated page stays "none". */
export const MIN_SCORE = 35;
/** The field itself must carry some hint; page words alone never qualify a field. */
export const MIN_OWN_SCORE = 15;

/** Input types a code can be typed into. `password` is deliberately absent (never fill a code there). */
const CODE_TYPES = new Set(['text', 'number', 'tel']);

/**
 * Scans the document, its open shadow roots and same-origin iframes for the best code field.
 * Returns null when nothing scores at least {@link MIN_SCORE}.
 */
export function findCodeField(root: Document): FieldMatch | null {
  const boxes: BoxInfo[] = [];
  for (const { root: r } of collectRoots(root)) {
    for (const input of Array.from(r.querySelectorAll('input'))) {
      const info = describe(input);
      if (info) boxes.push(info);
    }
  }
  let best: FieldMatch | null = null;
  const consider = (m: FieldMatch): void => {
    if (m.score >= MIN_SCORE && (!best || m.score > best.score)) best = m;
  };
  for (const b of boxes) {
    if (b.isBox || b.own < MIN_OWN_SCORE) continue;
    consider({ kind: 'single', input: b.input, score: b.own + b.page });
  }
  for (const group of findSplitGroups(boxes)) {
    if (group.own >= MIN_OWN_SCORE) consider({ kind: 'split', inputs: group.inputs, score: group.own + group.page });
  }
  return best;
}

/** Scores one input, or returns null when it can never hold a code. */
function describe(input: HTMLInputElement): BoxInfo | null {
  if (!CODE_TYPES.has(input.type) || input.disabled || input.readOnly) return null;
  const inputMode = (input.getAttribute('inputmode') ?? '').toLowerCase();
  if (inputMode === 'email' || inputMode === 'search' || inputMode === 'url') return null;
  const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase();
  const otpHint = autocomplete.split(/\s+/).includes('one-time-code');
  const words = fieldWords(input);
  if (NEGATIVE_FIELD.test(words)) return null;
  const strong = STRONG_FIELD.test(words);
  if (PHONE_FIELD.test(words) && !strong && !otpHint) return null;
  if (DELIVERED_PAGE.test(words) && !APP_PAGE.test(words)) return null;
  if (!otpHint && inCardForm(input)) return null;
  if (!isVisible(input)) return null;

  const maxLength = input.maxLength;
  let own = otpHint ? 40 : 0;
  if (strong) own += 35;
  else if (MEDIUM_FIELD.test(words)) own += 15;
  if (WEAK_FIELD.test(words)) own += 8;
  if (inputMode === 'numeric' || inputMode === 'decimal') own += 10;
  if (input.type === 'number' || input.type === 'tel') own += 5;
  if (/\[0-9\]|\\d/.test(input.pattern)) own += 5;
  if (maxLength >= 6 && maxLength <= 8) own += 10;
  else if (maxLength >= 9 && maxLength <= 10) own += 5;
  else if (maxLength >= 2 && maxLength <= 5) own -= 15;
  else if (maxLength > 20) own -= 10;
  if (input.autofocus) own += 3;

  const page = contextWords(input);
  const app = APP_PAGE.test(page);
  let pageScore = app || TWO_FACTOR_PAGE.test(page) ? 20 : 0;
  // Emailed and texted codes use the very same markup as TOTP fields (WordPress, Authelia);
  // only the page's words tell them apart, so without any app wording we stay out of the way.
  if (!app && DELIVERED_PAGE.test(page)) pageScore = -1000;

  const isBox = maxLength === 1 || (maxLength < 0 && /digit|ziffer|d[ií]gito|chiffre|cifra/.test(words));
  return { input, own, page: pageScore, isBox };
}

/** True when the input's form also asks for a card number or card code (CVC "security code"). */
function inCardForm(input: HTMLInputElement): boolean {
  const form = input.form;
  if (!form) return false;
  for (const other of Array.from(form.querySelectorAll('input'))) {
    const ac = (other.getAttribute('autocomplete') ?? '').toLowerCase();
    if (ac.startsWith('cc-') || /card ?(number|num|no)|cc ?(number|num)/.test(fieldWords(other))) return true;
  }
  return false;
}
