/**
 * The corpus sample both browsers run end to end (test/e2e/fields-corpus.e2e.ts in Chromium,
 * test/firefox/fields-corpus.firefox.mjs in Firefox), in plain JS so Node's Firefox runner can
 * import it too. One picking rule, so both run the same case ids: each script family, split boxes,
 * shadow DOM, a slot overlay, SMS and email prompts, a look-alike, an 8-digit code; then more
 * languages up to SAMPLE_SIZE.
 */
import { readFileSync, readdirSync } from 'node:fs';

const CASES_DIR = new URL('./cases/', import.meta.url);

/** Script families: the sample takes a filled field from each. */
export const FAMILIES = {
  latin: ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl', 'tr', 'sv', 'cs', 'da', 'fi', 'nb', 'hu', 'ro', 'vi', 'id'],
  cyrillic: ['ru', 'uk'],
  greek: ['el'],
  cjk: ['ja', 'zh-Hans', 'zh-Hant', 'ko'],
  arabic: ['ar'],
  hebrew: ['he'],
  devanagari: ['hi'],
};
const SAMPLE_SIZE = 18;

/** What the popup says in role "alert" for each reason nothing was filled (English locale). */
export const ALERTS = {
  sms: 'This page asks for a code sent by text message (SMS). Tessera’s codes are for authenticator apps.',
  email: 'This page asks for a code sent by email. Tessera’s codes are for authenticator apps.',
  'look-alike': 'This field is for something else (such as a postal code, coupon or card number), so Tessera left it alone.',
  'no-field': 'No two-factor code field was found on this page.',
  'does-not-fit': 'This account’s code does not fit the code field on this page, so nothing was filled.',
};

/** Every corpus case, file by file in name order (shadow roots are left to the browser). */
function readCases() {
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(new URL(f, CASES_DIR), 'utf8')));
}

/** @returns {import('./e2e-sample.d.mts').SampleCase[]} */
export function sampleCases(all = readCases()) {
  const chosen = new Map();
  const take = (pred) => {
    const c = all.find((x) => pred(x) && !chosen.has(x.id));
    if (c) chosen.set(c.id, c);
  };
  for (const langs of Object.values(FAMILIES)) take((c) => langs.includes(c.lang) && 'field' in c.expect);
  take((c) => 'boxes' in c.expect);
  take((c) => /shadowrootmode/.test(c.html) && !('none' in c.expect));
  take((c) => /opacity\s*:\s*0(\.0\d+)?\s*[;"]/.test(c.html) && 'field' in c.expect);
  take((c) => 'none' in c.expect && c.expect.none === 'sms');
  take((c) => 'none' in c.expect && c.expect.none === 'email');
  take((c) => 'none' in c.expect && c.expect.none === 'look-alike');
  take((c) => c.digits === 8);
  for (const c of all) {
    if (chosen.size >= SAMPLE_SIZE) break;
    if (![...chosen.values()].some((x) => x.lang === c.lang)) chosen.set(c.id, c);
  }
  return [...chosen.values()];
}
