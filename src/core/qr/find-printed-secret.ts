/**
 * Finds a base32 secret printed on a setup page for manual entry ("can't scan? enter this key"),
 * e.g. WHMCS `<strong>`, GitLab `code.two-factor-secret` in 4-character groups, Nextcloud
 * "Your new TOTP secret is: …", Jetstream "Setup Key: …", Gitea's image alt text.
 */

import { collectRoots } from '../fields/dom-roots';

/** Elements sites put secrets in; any of them still needs a keyword nearby unless named "secret". */
const SECRET_ELEMENTS = 'strong, b, code, samp, kbd, tt, pre, span, .secret, [id*=secret], [class*=secret]';
const SECRET_NAMED = /secret|setup-?key|totp-?key/i;
const KEYWORD = /secret|key|manual|schl[uü]ssel|clave|cl[eé]|chiave|sleutel|密钥|秘钥|キー|키/i;
/** A run of base32 in one letter case, contiguous or in groups separated by single spaces or dashes. */
const RUN =
  /(?<![A-Za-z0-9])((?:[A-Z2-7]{3,8}[ -]){2,31}[A-Z2-7]{1,8}|(?:[a-z2-7]{3,8}[ -]){2,31}[a-z2-7]{1,8}|[A-Za-z2-7]{16,128})(?![A-Za-z0-9])/g;
const MAX_TEXT = 200_000;

/**
 * Returns the first printed secret (upper case, no spaces or padding), or null.
 * Element-level matches (a whole `<code>`/`<strong>` holding only the key) win over free text.
 */
export function findPrintedSecret(root: Document): string | null {
  const roots = collectRoots(root).map((v) => v.root);
  for (const r of roots) {
    for (const el of Array.from(r.querySelectorAll(SECRET_ELEMENTS))) {
      const text = (el.textContent ?? '').trim();
      if (text.length > 200) continue;
      const secret = normalizeSecret(text);
      if (secret && (SECRET_NAMED.test(`${el.id} ${el.className}`) || KEYWORD.test(nearbyText(el)))) return secret;
    }
    for (const img of Array.from(r.querySelectorAll('img[alt]'))) {
      // Gitea puts the secret in the QR image's alt text.
      const secret = normalizeSecret(img.getAttribute('alt') ?? '');
      if (secret) return secret;
    }
  }
  for (const r of roots) {
    const text = pageText(r);
    for (const m of text.matchAll(RUN)) {
      const before = text.slice(Math.max(0, (m.index ?? 0) - 60), m.index);
      const secret = secretInRun(m[1] ?? '');
      if (secret && KEYWORD.test(`${before} ${m[1]}`)) return secret;
    }
  }
  return null;
}

/**
 * The canonical secret if `text` is entirely a plausible base32 TOTP secret, else null.
 * Rule: 16–128 base32 characters in one letter case, contiguous or in equal groups of 3–8;
 * at least one letter; and either at least two digits 2–7 (random base32 averages 3 in 16
 * characters), or — for the ~17 % of random 16-character keys with fewer — text that does not
 * read like words: at most 35 % vowels (random keys ~16 %, English ~40 %), no alphabet run, and
 * at least 8 distinct characters.
 */
export function normalizeSecret(text: string): string | null {
  const t = text.trim().replace(/=+$/, '');
  // One letter case throughout: real keys are printed all upper or all lower; prose mixes them.
  if (!/^[A-Z2-7]+(?:[ -][A-Z2-7]+)*$/.test(t) && !/^[a-z2-7]+(?:[ -][a-z2-7]+)*$/.test(t)) return null;
  const groups = t.split(/[ -]/);
  const size = groups[0]?.length ?? 0;
  // Grouped keys use one group size (usually 4), only the last group may be shorter.
  if (groups.length > 1 && (size < 3 || size > 8 || groups.some((g, i) => (i < groups.length - 1 ? g.length !== size : g.length > size)))) {
    return null;
  }
  const s = groups.join('').toUpperCase();
  if (s.length < 16 || s.length > 128) return null;
  if (!/[A-Z]/.test(s)) return null;
  if ((s.match(/[2-7]/g) ?? []).length >= 2) return s;
  const vowels = (s.match(/[AEIOU]/g) ?? []).length;
  let steps = 0;
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) === 1) steps++;
  const distinct = new Set(s).size;
  return vowels / s.length <= 0.35 && steps <= s.length / 4 && distinct >= 8 ? s : null;
}

/** A run may start with words in the same case ("KEY JBSW Y3DP …"): drop leading groups until it fits. */
function secretInRun(run: string): string | null {
  const groups = run.split(/[ -]/);
  for (let start = 0; start < groups.length; start++) {
    const secret = normalizeSecret(groups.slice(start).join(' '));
    if (secret) return secret;
  }
  return null;
}

function nearbyText(el: Element): string {
  let node: Element = el;
  for (let i = 0; i < 3 && node.parentElement; i++) {
    node = node.parentElement;
    if ((node.textContent ?? '').length > 300) break;
  }
  return `${el.id} ${el.className} ${(node.textContent ?? '').slice(0, 600)}`;
}

/** Text nodes joined with spaces, so "Key:</b><b>ABCD" does not glue words together. */
function pageText(r: Document | ShadowRoot): string {
  const doc = r.ownerDocument ?? (r as Document);
  const walker = doc.createTreeWalker(r, 4 /* NodeFilter.SHOW_TEXT */);
  const parts: string[] = [];
  let total = 0;
  for (let n = walker.nextNode(); n && total < MAX_TEXT; n = walker.nextNode()) {
    const parent = n.parentElement?.localName;
    if (parent === 'script' || parent === 'style' || parent === 'noscript') continue;
    const value = n.nodeValue ?? '';
    parts.push(value);
    total += value.length;
  }
  return parts.join(' ').replace(/\s+/g, ' ');
}
