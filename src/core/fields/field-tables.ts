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
  /**
   * Every phrase table in one set, one pass per text, each phrase tagged: code (code words),
   * look:<kind> (postal, coupon, referral, captcha, card-security, pin, customer-number), sms,
   * email, app (delivery), weak (bare words for "code").
   */
  all: PhraseSet;
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
  const t = nameTokenData as Record<string, string[] | string>;
  const set = (key: string) => new Set(Array.isArray(t[key]) ? (t[key] as string[]) : []);
  const tagged: [string, string][] = [
    ...allLanguages(codeWords as ByLanguage).map((p): [string, string] => [p, 'code']),
    ...Object.entries(lookAlikeWords).flatMap(([kind, table]) =>
      kind.startsWith('$') || typeof table !== 'object' ? [] : allLanguages(table as ByLanguage).map((p): [string, string] => [p, `look:${kind}`]),
    ),
    ...(['sms', 'email', 'app'] as const).flatMap((k) => allLanguages(deliveryWords[k] as ByLanguage).map((p): [string, string] => [p, k])),
    ...[...set('weakWords')].map((p): [string, string] => [p, 'weak']),
  ];
  built = {
    all: new PhraseSet(tagged),
    tokens: { strong: set('strong'), ambiguous: set('ambiguous'), lookAlike: set('lookAlike'), otherField: set('otherField') },
  };
  return built;
}
