/**
 * The words that tell a one-time-code field apart from every other input, and the helpers that
 * gather those words from a field (its attributes and labels) and from the page around it.
 * Word lists follow what Bitwarden and KeePassXC-Browser learned in the field (see
 * shared/docs/real-world-2fa-pages.md §3), widened to common non-English labels.
 */

import { parentAcrossShadow } from './visibility';

/** Field words that rule an input out entirely: it is some other kind of field. */
export const NEGATIVE_FIELD =
  /pass(?:word|wd|wort)|contrase|mot de passe|parole|kennwort|user ?name|userid|login ?id|search|query|^q(?: |$)|keyword|suche|buscar|recherche|captcha|coupon|promo|voucher|discount|gift|rabatt|gutschein|cup[oó]n|postal|post ?code|zip|plz|card|credit|(?:^|[^a-z])cc(?:[^a-z]|$)|cvc|cvv|csc|iban|bank|backup|recover|rescue|invit|referral|sponsor|(?:first|last|full|nick|display) ?name|address|birth|comment|(?:en|de)cod(?:e|ing)|barcode|图形|短信/;

/** Field words meaning a phone number — unless the field also names a one-time code ("code from your phone"). */
export const PHONE_FIELD = /phone|mobile|t[eé]l[eé]fono|telefon|handy|(?:^|[^a-z])tel(?:[^a-z]|$)/;

/** Words that name a one-time code outright (in several languages). */
export const STRONG_FIELD =
  /one ?time|onetime|einmal|otp|totp|2fa|two ?fa|tfa|mfa|two ?factor|twofactor|second ?factor|2 ?step|two ?step|authenticator|auth ?code|authentication code|passcode|verification ?code|approvals? code|security code|bestätigungscode|sicherheitscode|verifizierungscode|authentifizierungscode|c[oó]digo de (?:verificaci[oó]n|seguridad|autenticaci[oó]n)|code de (?:v[eé]rification|s[eé]curit[eé]|confirmation)|codice di verifica|verificatiecode|kod weryfikacyjny|код подтверждения|验证码|驗證碼|动态码|動態碼|認証コード|確認コード|ワンタイム|인증 ?코드|인증번호/;

/** Words that often name a code field but also other things ("code", "key", "token"). */
export const MEDIUM_FIELD =
  /code|c[oó]digo|codice|kod|код|token|key|verif|v[eé]rif|bestätig|challenge|authenti|digit|ziffer|d[ií]gito|chiffre|cifra/;

/** "PIN" alone is a weak hint: also used for card PINs and parcel lockers. */
export const WEAK_FIELD = /(?:^|[^a-z])pin(?:[^a-z]|$)/;

/** Page words saying the code comes from a second factor (app or otherwise). */
export const TWO_FACTOR_PAGE =
  /two[- ]?factor|2fa|two[- ]?step|2[- ]?step|multi[- ]?factor|\bmfa\b|\btotp\b|zwei[- ]?faktor|doppelte|double authentification|deux facteurs|dos (?:factores|pasos)|双重|两步|二段階|2단계/;

/** Page words saying the code comes from an authenticator *app* — what Tessera is. */
export const APP_PAGE =
  /authenticator|authentication app|\bapp\b|anwendung|aplicaci[oó]n|application d'authentification|身份验证器|验证器|認証アプリ/;

/** Page words saying the code was delivered by email or SMS — filling a TOTP there is always wrong. */
export const DELIVERED_PAGE = /e-?mail|inbox|correo|courriel|\bsms\b|text message|texted|邮件|邮箱|短信/;

/** Lower-case words describing `input`: attributes, placeholders, labels, aria names. */
export function fieldWords(input: HTMLInputElement): string {
  const parts = [
    input.name,
    input.id,
    input.placeholder,
    input.title,
    input.getAttribute('aria-label') ?? '',
    input.getAttribute('autocomplete') ?? '',
    labelText(input),
  ];
  // camelCase → "camel case" and separators → spaces so word boundaries exist in identifiers.
  return parts
    .join(' | ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-[\].:]+/g, ' ')
    .toLowerCase();
}

function labelText(input: HTMLInputElement): string {
  const texts: string[] = [];
  for (const label of Array.from(input.labels ?? [])) texts.push(label.textContent ?? '');
  const ids = (input.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
  const root = input.getRootNode() as Document | ShadowRoot;
  for (const id of ids) {
    const el = typeof root.getElementById === 'function' ? root.getElementById(id) : null;
    if (el) texts.push(el.textContent ?? '');
  }
  return texts.join(' ');
}

/** How far up we look for the page's own words; beyond a few levels text stops describing the field. */
const CONTEXT_LEVELS_ABOVE_FORM = 3;
const CONTEXT_LEVELS_NO_FORM = 5;
const CONTEXT_MAX_CHARS = 6000;

/**
 * Lower-case text around `el`: its form and a few levels above (headings and help text usually
 * sit just outside the form), plus the document title.
 */
export function contextWords(el: Element): string {
  const form = el.closest('form');
  let node: Element = form ?? el;
  const levels = form ? CONTEXT_LEVELS_ABOVE_FORM : CONTEXT_LEVELS_NO_FORM;
  const top = el.ownerDocument.documentElement;
  for (let i = 0; i < levels; i++) {
    // Crossing shadow hosts: a web component's help text usually sits in the light DOM around it.
    const up = parentAcrossShadow(node);
    if (!up || up === top) break;
    node = up;
  }
  const text = (node.textContent ?? '').slice(0, CONTEXT_MAX_CHARS);
  return `${el.ownerDocument.title} ${text}`.replace(/\s+/g, ' ').toLowerCase();
}
