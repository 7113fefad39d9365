/**
 * The background side of the finder: ranks the fields the agent described (field-description.ts)
 * with the word tables, and decides where a code goes, or why nowhere. Pure: no DOM, no browser.
 *
 * Rules, in order of precedence:
 * - A look-alike (postal code, coupon, referral, captcha, card code, PIN, customer number) never
 *   gets a code, whatever asked for it.
 * - A prompt for a code sent by SMS or email is refused with that reason: its own label decides
 *   first; an explicit one-time-code field that names an authenticator app outranks SMS/email
 *   wording elsewhere; then the text next to the field; then the page, unless it names an app.
 * - The field decides how much it takes: maxlength, minlength, pattern and type=number must all
 *   accept the code; split boxes take one character each, as many boxes as characters.
 * - Otherwise the highest score wins: the field's own hints (autocomplete, name/id tokens, code
 *   words in its label) and the page's words (two-factor wording nearby).
 */
import type { FieldDescription, FieldHint, PageDescription } from './field-description';
import { fieldTables, type FieldTables } from './field-tables';
import { foldText, nameTokens } from './normalize-text';
import { outside, prepare, type Hit, type PreparedText } from './phrase-set';
import { acceptsValue } from './code-fit';

export { acceptsValue };

/** The code to place: its length and alphabet (Steam Guard uses letters). */
export interface CodeShape {
  length: number;
  alphabet: 'digits' | 'steam';
}

export interface RankOptions {
  code?: CodeShape;
  /** The field the user taught for this site: preferred when it is on the page. */
  hint?: FieldHint | null;
  /** The field the user right-clicked: only it (or its row of boxes) is considered. */
  target?: number | null;
}

export type NoFieldReason = 'no-field' | 'look-alike' | 'sms' | 'email' | 'does-not-fit';

export type RankResult =
  | { kind: 'single'; index: number; score: number }
  | { kind: 'split'; indices: number[]; score: number }
  | { kind: 'none'; reason: NoFieldReason; score: number };

/** Below this total nothing is returned: a lone text field on an unrelated page stays "none". */
export const MIN_SCORE = 35;
/** The field itself must carry some hint; page words alone never qualify a field. */
export const MIN_OWN_SCORE = 15;
const HINT_BONUS = 100;
const MIN_BOXES = 4;
const MAX_BOXES = 8;

type Delivery = 'sms' | 'email' | null;

interface Assessed {
  d: FieldDescription;
  own: number;
  page: number;
  /** Never fill. */
  lookAlike: boolean;
  /** Another kind of field (username, phone, search…): skipped unless taught or right-clicked. */
  other: boolean;
  delivered: Delivery;
  isBox: boolean;
  hinted: boolean;
}

interface Candidate {
  indices: number[];
  score: number;
  own: number;
  lookAlike: boolean;
  other: boolean;
  delivered: Delivery;
  hinted: boolean;
  fields: FieldDescription[];
}

const DEFAULT_CODE: CodeShape = { length: 6, alphabet: 'digits' };

/** Ranks one frame's fields. */
export function rankFields(page: PageDescription, options: RankOptions = {}): RankResult {
  const tables = fieldTables();
  const code = options.code ?? DEFAULT_CODE;
  const texts = new TextCache(tables, page);
  // The agent caps what it sends; the background does not rely on that (work budget).
  const assessed = page.fields.slice(0, 200).map((d) => assess(d, tables, texts, options.hint ?? null));
  let candidates = [...singles(assessed), ...groups(assessed)];
  const targeted = options.target !== undefined && options.target !== null;
  if (targeted) candidates = candidates.filter((c) => c.indices.includes(options.target!));

  const none = (reason: NoFieldReason, score = 0): RankResult => ({ kind: 'none', reason, score });
  const usable = candidates.filter((c) => !c.lookAlike && qualifies(c, targeted));
  // Nothing else to fill, and a look-alike was there: say so (a right-click on one, a coupon page).
  if (usable.length === 0 && candidates.some((c) => c.lookAlike)) return none('look-alike');
  usable.sort((a, b) => b.score - a.score || a.indices[0]! - b.indices[0]!);
  const best = usable[0];
  if (!best) return none('no-field');
  // A page may offer several ways (Binance: phone, email and app codes side by side): the app's
  // field is Tessera's. Only when every code field here is for an SMS or email code, say so.
  const own = usable.filter((c) => !c.delivered);
  if (own.length === 0) return none(best.delivered!, best.score);
  const fitting = own.find((c) => fits(c, code));
  if (!fitting) return none('does-not-fit', best.score);
  return fitting.indices.length === 1
    ? { kind: 'single', index: fitting.indices[0]!, score: fitting.score }
    : { kind: 'split', indices: fitting.indices, score: fitting.score };
}

function qualifies(c: Candidate, targeted: boolean): boolean {
  if (targeted || c.hinted) return true;
  return !c.other && c.own >= MIN_OWN_SCORE && c.score >= MIN_SCORE;
}

function singles(all: Assessed[]): Candidate[] {
  return all
    .filter((a) => !a.isBox)
    .map((a) => ({
      indices: [a.d.index],
      score: a.own + a.page + (a.hinted ? HINT_BONUS : 0),
      own: a.own,
      lookAlike: a.lookAlike,
      other: a.other,
      delivered: a.delivered,
      hinted: a.hinted,
      fields: [a.d],
    }));
}

/** Rows of 4–8 one-character boxes sharing a container (Authelia, PayPal, React OTP widgets). */
function groups(all: Assessed[]): Candidate[] {
  const rows: Assessed[][] = [];
  let row: Assessed[] = [];
  for (const a of all) {
    if (a.isBox && row.length > 0 && a.d.joinsPrevious) row.push(a);
    else {
      if (row.length) rows.push(row);
      row = a.isBox ? [a] : [];
    }
  }
  if (row.length) rows.push(row);
  return rows
    .filter((r) => r.length >= MIN_BOXES && r.length <= MAX_BOXES)
    .map((r) => {
      // The row takes the best box's own score (typically the labelled one) plus a bonus for
      // being a row of boxes; the page score of its weakest box (an emailed-code row stays out).
      const own = Math.max(0, ...r.map((b) => b.own)) + (r.length === 6 ? 35 : 25);
      const page = Math.min(...r.map((b) => b.page));
      const hinted = r[0]!.hinted;
      return {
        indices: r.map((b) => b.d.index),
        score: own + page + (hinted ? HINT_BONUS : 0),
        own,
        lookAlike: r.some((b) => b.lookAlike),
        other: r.some((b) => b.other),
        delivered: r.find((b) => b.delivered)?.delivered ?? null,
        hinted,
        fields: r.map((b) => b.d),
      };
    });
}

/** Matches of each table in one text, with the longer, more specific phrase winning overlaps. */
interface TextHits {
  code: boolean;
  /** Look-alike kinds found (after overlaps with code words are settled). */
  lookAlike: Set<string>;
  sms: number;
  email: number;
  app: boolean;
  weak: boolean;
}

class TextCache {
  private readonly contexts = new Map<number, TextHits>();
  readonly heading: TextHits;
  constructor(
    private readonly tables: FieldTables,
    private readonly page: PageDescription,
  ) {
    this.heading = this.of(page.heading);
  }
  context(i: number): TextHits {
    let hits = this.contexts.get(i);
    if (!hits) {
      hits = this.of(this.page.contexts[i] ?? '');
      this.contexts.set(i, hits);
    }
    return hits;
  }
  of(text: string): TextHits {
    return matchText(this.tables, prepare(String(text).slice(0, 4000)));
  }
}

function matchText(t: FieldTables, text: PreparedText): TextHits {
  if (text.spaced.trim() === '') return { code: false, lookAlike: new Set(), sms: 0, email: 0, app: false, weak: false };
  const all = t.all.hits(text);
  const rawCode: Hit[] = [];
  const app: Hit[] = [];
  const sms: Hit[] = [];
  const email: Hit[] = [];
  const allLooks: Hit[] = [];
  let weak = false;
  for (const h of all) {
    if (h.tag === 'code') rawCode.push(h);
    else if (h.tag === 'app') app.push(h);
    else if (h.tag === 'sms') sms.push(h);
    else if (h.tag === 'email') email.push(h);
    else if (h.tag === 'weak') weak = true;
    else allLooks.push(h);
  }
  // "security code" inside "card security code", "验证码" inside "短信验证码": the longer phrase wins.
  const code = outside(rawCode, [...allLooks, ...sms, ...email]);
  const lookAlike = new Set(outside(allLooks, [...rawCode, ...app]).map((h) => h.tag.slice('look:'.length)));
  return {
    code: code.length > 0 || app.length > 0,
    lookAlike,
    sms: outside(sms, rawCode).length,
    email: outside(email, rawCode).length,
    app: app.length > 0,
    weak,
  };
}

const AUTOCOMPLETE_LOOK_ALIKE = /^(postal-code|cc-.*|transaction-.*)$/;
const AUTOCOMPLETE_OTHER = /^(email|tel.*|username|current-password|new-password|name|given-name|family-name|nickname|street-address|address-.*|country.*|bday.*|organization.*|url|photo|sex|language)$/;

/** True when a token of any attribute (or 2–3 adjacent tokens of one attribute, or a long word inside one token) is in `set`. */
function tokenHits(attrs: string[][], set: Set<string>, substringFrom: number): boolean {
  return attrs.some((tokens) => attributeHits(tokens, set, substringFrom));
}

function attributeHits(tokens: string[], set: Set<string>, substringFrom: number): boolean {
  if (tokens.some((tok) => set.has(tok))) return true;
  // Adjacent tokens joined ("idv"+"pin", "one"+"time"+"code"), and long words inside one token.
  for (let i = 0; i < tokens.length; i++) {
    if (set.has(tokens[i]! + (tokens[i + 1] ?? ''))) return true;
    if (set.has(tokens[i]! + (tokens[i + 1] ?? '') + (tokens[i + 2] ?? ''))) return true;
  }
  for (const word of set) if (word.length >= substringFrom && tokens.some((tok) => tok.length > word.length && tok.includes(word))) return true;
  return false;
}

function assess(d: FieldDescription, t: FieldTables, texts: TextCache, hint: FieldHint | null): Assessed {
  const attrs = [nameTokens(d.name), nameTokens(d.id)];
  const tokens = attrs.flat();
  const autocomplete = d.autocomplete.toLowerCase().split(/\s+/).filter(Boolean);
  const otpHint = autocomplete.includes('one-time-code');
  const own = texts.of([d.label, d.placeholder, d.ariaLabel, d.title].join(' \n '));
  const near = texts.of(d.near);
  const context = texts.context(d.context);

  const strongTok = tokenHits(attrs, t.tokens.strong, 6);
  const ambiguousTok = tokenHits(attrs, t.tokens.ambiguous, 99);
  const ownCode = own.code || strongTok || otpHint;
  const lookAlike =
    tokenHits(attrs, t.tokens.lookAlike, 5) ||
    autocomplete.some((a) => AUTOCOMPLETE_LOOK_ALIKE.test(a)) ||
    (d.cardForm && !otpHint) ||
    [...own.lookAlike].some((kind) => kind !== 'pin' || !ownCode) ||
    // Help text naming a look-alike ("Enter your ZIP code") rules out a field that says nothing itself.
    (!ownCode && !near.code && near.lookAlike.size > 0);
  const other =
    !strongTok && !otpHint && !own.code && (tokenHits(attrs, t.tokens.otherField, 5) || autocomplete.some((a) => AUTOCOMPLETE_OTHER.test(a)));

  let score = otpHint ? 40 : 0;
  if (strongTok || own.code) score += 35;
  if (strongTok && own.code) score += 10;
  if (!strongTok && !own.code && (ambiguousTok || own.weak)) score += 15;
  if (d.inputMode === 'numeric' || d.inputMode === 'decimal') score += 10;
  if (d.type === 'number' || d.type === 'tel') score += 5;
  if (/\[0-9|\\d/.test(d.pattern)) score += 5;
  if (d.maxLength >= 6 && d.maxLength <= 8) score += 10;
  else if (d.maxLength >= 9 && d.maxLength <= 10) score += 5;
  else if (d.maxLength >= 2 && d.maxLength <= 5) score -= 15;
  else if (d.maxLength > 20) score -= 10;
  if (d.autofocus) score += 3;

  const twoFactorPage = near.code || context.code || texts.heading.code;
  const page = twoFactorPage ? 20 : 0;

  const isBox =
    d.maxLength === 1 ||
    (d.maxLength === -1 && (tokens.includes('digit') || /\bdigit\b|\d\s*$/.test(foldText(d.ariaLabel).trim()) || (d.width > 0 && d.width < 60)));

  return {
    d,
    own: score,
    page,
    lookAlike,
    other,
    delivered: delivery(tokens, otpHint, own, near, context, texts.heading),
    isBox,
    hinted: hint !== null && matchesHint(d, hint),
  };
}

/** Whether the field asks for a code sent by SMS or email (see the rules at the top). */
function delivery(tokens: string[], otpHint: boolean, own: TextHits, near: TextHits, context: TextHits, heading: TextHits): Delivery {
  const kind = (h: TextHits): Delivery => (h.email > h.sms ? 'email' : h.sms > 0 ? 'sms' : h.email > 0 ? 'email' : null);
  const ownKind = kind(own) ?? tokenDelivery(tokens);
  if (ownKind && !own.app) return ownKind;
  if (own.app || (otpHint && near.app)) return null;
  const nearKind = kind(near);
  if (nearKind && !near.app) return nearKind;
  if (near.app || context.app || heading.app) return null;
  return kind(context) ?? kind(heading);
}

/** name/id saying where the code was sent: smsCode, mobileCode, phone_otp, emailCode. */
function tokenDelivery(tokens: string[]): Delivery {
  if (tokens.some((t) => t === 'sms' || t === 'mobile' || t === 'phone')) return 'sms';
  if (tokens.some((t) => t === 'email' || t === 'mail')) return 'email';
  return null;
}

export function matchesHint(d: FieldDescription, hint: FieldHint): boolean {
  if (hint.name || hint.id) return d.name === hint.name && d.id === hint.id;
  return hint.label !== '' && foldText(d.label) === foldText(hint.label);
}

/** The hint to remember for a field the user chose: its name and id, or its label when it has neither. */
export function hintFor(d: FieldDescription): FieldHint {
  return { name: d.name.slice(0, 100), id: d.id.slice(0, 100), label: d.name || d.id ? '' : d.label.slice(0, 100) };
}

/** A stand-in code of the right shape, for checking maxlength and pattern before the real code exists. */
function sampleCode(code: CodeShape): string {
  const chars = code.alphabet === 'steam' ? 'BCDFGHJKMN' : '1234567890';
  return Array.from({ length: code.length }, (_, i) => chars[i % chars.length]).join('');
}

function fits(c: Candidate, code: CodeShape): boolean {
  const sample = sampleCode(code);
  if (c.fields.length === 1) return acceptsValue(c.fields[0]!, sample);
  if (c.fields.length !== sample.length) return false;
  return c.fields.every((f, i) => acceptsValue(f, sample[i]!));
}
