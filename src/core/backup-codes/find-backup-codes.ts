/**
 * Finds the backup (recovery) codes a site shows once after 2FA setup, so that the popup can
 * offer to keep them with the account. Pure DOM; runs in the page-side agent, and what it
 * returns goes only to the extension (the codes are the user's, shown by the page itself).
 */

/** A code: 6–40 letters/digits, optionally grouped by spaces or dashes ("ABCD EFGH", "1234-5678"). */
const CODE = /^[A-Za-z0-9]{3,10}(?:[ -][A-Za-z0-9]{3,10}){0,5}$/;
// No trailing \b: textContent runs a heading into the next element's text ("Recovery codesa1b2").
const WORDS = /\b(backup|recovery|rescue|emergency|scratch)\b[^.]{0,30}?\bcodes?/i;
const MAX_CODES = 20;

function looksLikeCode(text: string): boolean {
  const t = text.trim();
  const compact = t.replace(/[ -]/g, '');
  // A code mixes digits in, or is long: this keeps words such as "Download" out.
  return CODE.test(t) && compact.length >= 6 && compact.length <= 40 && (/\d/.test(compact) || compact.length >= 12);
}

function textOf(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Codes shown on the page, in page order, without duplicates. */
export function findBackupCodes(root: Document): string[] {
  const found: string[] = [];
  const add = (text: string) => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (looksLikeCode(t) && !found.includes(t) && found.length < MAX_CODES) found.push(t);
  };
  // 1. Elements that say what they are (WHMCS: div.backup-code > span).
  for (const el of root.querySelectorAll('[class*="backup-code"], [class*="recovery-code"], [id*="backup-code"], [id*="recovery-code"], [data-backup-code]')) {
    const leaves = el.querySelectorAll('span, code, li, kbd, samp');
    if (leaves.length) leaves.forEach((l) => add(textOf(l)));
    else add(textOf(el));
  }
  if (found.length) return found;
  // 2. Monospace-looking elements in a block whose text talks about backup or recovery codes.
  for (const el of root.querySelectorAll('code, kbd, samp, li, strong, pre')) {
    const block = el.closest('section, article, form, .panel, .card, .modal, div') ?? root.body;
    if (block && WORDS.test(textOf(block))) {
      if (el.tagName === 'PRE') (el.textContent ?? '').split(/\s{2,}|\n/).forEach(add);
      else add(textOf(el));
    }
  }
  return found;
}
