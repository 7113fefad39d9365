/**
 * Every string a person reads comes from _locales through the i18n API. Counts pick their
 * plural form with Intl.PluralRules (messages.json has no plurals of its own: a counted
 * message is a family of keys `<base>_one`, `<base>_few`, … `<base>_other`, one per CLDR
 * category of the locale), and numbers and dates are formatted with Intl for the same locale.
 */
import browser from 'webextension-polyfill';

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);
const languageOf = (tag: string) => tag.split('-')[0]!.toLowerCase();

let cached: { lang: string; dir: 'ltr' | 'rtl' } | null = null;

/**
 * The language of the messages on screen, as a BCP 47 tag ("pt_BR" → "pt-BR"), and its direction.
 * `@@ui_locale` is the browser's language; when Tessera does not ship it, chrome.i18n falls back
 * to another locale (its region-less parent, or English), which `localeTag` (written into each
 * messages.json by the build) names, so the page never claims a language it does not show.
 */
export function uiLocale(): { lang: string; dir: 'ltr' | 'rtl' } {
  if (cached) return cached;
  const ui = (browser.i18n.getMessage('@@ui_locale') || 'en').replace(/_/g, '-');
  const shown = browser.i18n.getMessage('localeTag') || ui;
  const same = languageOf(ui) === languageOf(shown);
  const lang = shown;
  const bidi = browser.i18n.getMessage('@@bidi_dir');
  const dir = same && (bidi === 'rtl' || bidi === 'ltr') ? bidi : RTL_LANGUAGES.has(languageOf(lang)) ? 'rtl' : 'ltr';
  cached = { lang, dir };
  return cached;
}

/** Sets `<html lang dir>` to the locale the browser picked, so fonts, hyphenation and RTL follow it. */
export function applyDocumentLocale(doc: Document = document): void {
  const { lang, dir } = uiLocale();
  doc.documentElement.lang = lang;
  doc.documentElement.dir = dir;
}

let rules: Intl.PluralRules | null = null;
let numbers: Intl.NumberFormat | null = null;

export function formatNumber(n: number): string {
  numbers ??= new Intl.NumberFormat(uiLocale().lang);
  return numbers.format(n);
}

/** A date (and time) as people of the locale write it. */
export function formatDate(date: Date | number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  return new Intl.DateTimeFormat(uiLocale().lang, options).format(date);
}

/** "25 s", "25 Sek.", "25秒": a short duration in seconds. */
export function formatSeconds(n: number): string {
  return new Intl.NumberFormat(uiLocale().lang, { style: 'unit', unit: 'second', unitDisplay: 'narrow' }).format(n);
}

/** The plural key for a count: `<base>_<category>`, falling back to `<base>_other`. */
export function pluralKey(base: string, n: number, has: (key: string) => boolean = (k) => browser.i18n.getMessage(k) !== ''): string {
  rules ??= new Intl.PluralRules(uiLocale().lang);
  const key = `${base}_${rules.select(n)}`;
  return has(key) ? key : `${base}_other`;
}

/**
 * A counted message: `tn('importN', 7)` reads `importN_other` ("Import 7 accounts"). The count is
 * the first placeholder ($N$), formatted for the locale; `rest` fills the following ones.
 */
export function tn(base: string, n: number, rest: string[] = []): string {
  return t(pluralKey(base, n), [formatNumber(n), ...rest]);
}
