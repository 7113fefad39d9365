/**
 * The word tables the ranker reads, built once from the data files in words/ (one per concern).
 * They live in the background only: the page-side agent describes fields, it never matches words.
 */
import codeWords from './words/code-words.json';
import lookAlikeWords from './words/look-alikes.json';
import deliveryWords from './words/delivery.json';
import nameTokenData from './words/name-tokens.json';
import { PhraseSet } from './phrase-set';

type ByLanguage = Record<string, string[] | string>;

/** Every language's phrases of one table, merged: a page's language is not known in advance. */
function allLanguages(table: ByLanguage): string[] {
  return Object.entries(table).flatMap(([key, list]) => (key.startsWith('$') || !Array.isArray(list) ? [] : list));
}

export interface FieldTables {
  code: PhraseSet;
  /** Look-alike kinds (postal, coupon, referral, captcha, card-security, pin, customer-number). */
  lookAlike: Map<string, PhraseSet>;
  sms: PhraseSet;
  email: PhraseSet;
  app: PhraseSet;
  /** Bare words for "code" in page texts: a weak hint. */
  weak: PhraseSet;
  tokens: {
    strong: Set<string>;
    ambiguous: Set<string>;
    lookAlike: Set<string>;
    otherField: Set<string>;
  };
}

/** The languages the tables cover (keys of code-words.json). */
export const KNOWN_LANGUAGES: string[] = Object.keys(codeWords).filter((k) => !k.startsWith('$'));

let built: FieldTables | null = null;

export function fieldTables(): FieldTables {
  if (built) return built;
  const lookAlike = new Map<string, PhraseSet>();
  for (const [kind, table] of Object.entries(lookAlikeWords)) {
    if (!kind.startsWith('$') && typeof table === 'object') lookAlike.set(kind, new PhraseSet(allLanguages(table as ByLanguage)));
  }
  const t = nameTokenData as Record<string, string[] | string>;
  const set = (key: string) => new Set(Array.isArray(t[key]) ? (t[key] as string[]) : []);
  built = {
    code: new PhraseSet(allLanguages(codeWords as ByLanguage)),
    lookAlike,
    sms: new PhraseSet(allLanguages(deliveryWords.sms as ByLanguage)),
    email: new PhraseSet(allLanguages(deliveryWords.email as ByLanguage)),
    app: new PhraseSet(allLanguages(deliveryWords.app as ByLanguage)),
    weak: new PhraseSet(set('weakWords')),
    tokens: { strong: set('strong'), ambiguous: set('ambiguous'), lookAlike: set('lookAlike'), otherField: set('otherField') },
  };
  return built;
}
