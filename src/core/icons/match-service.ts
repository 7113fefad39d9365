/**
 * Which service an account belongs to, for its icon. Issuers are free text ("GitHub",
 * "github.com", "Google Account", "ACME Inc."), so both sides are normalised the same way, and
 * the account's bound site (already a registrable domain) is tried first: it cannot be mistyped.
 */

/** The shipped index (service-icons/index.json): normalised names and registrable domains → icon slug. */
export interface ServiceIndex {
  names: Record<string, string>;
  domains: Record<string, string>;
}

/** Words issuers add around a service's name that never tell services apart. */
const FILLER = new Set(['inc', 'llc', 'ltd', 'gmbh', 'corp', 'account', 'accounts', 'login', 'id', 'sso', 'auth', '2fa', 'mfa', 'totp', 'otp', 'the']);

/** "Ubisoft Connect" → "ubisoftconnect"; accents and punctuation dropped, case folded. */
export function serviceKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}.]+/u)
    .filter(Boolean);
}

/** "a.b.github.com" → ["a.b.github.com", "b.github.com", "github.com"]: the index holds registrable domains. */
function domainSuffixes(host: string): string[] {
  const labels = host.toLowerCase().replace(/^\.+|\.+$/g, '').split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) out.push(labels.slice(i).join('.'));
  return out;
}

const looksLikeDomain = (w: string) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(w);

export function matchService(index: ServiceIndex, account: { issuer: string; site: string | null }): string | null {
  if (account.site) {
    for (const d of domainSuffixes(account.site)) if (index.domains[d]) return index.domains[d]!;
  }
  const issuer = account.issuer.trim();
  if (!issuer) return null;
  const whole = index.names[serviceKey(issuer)];
  if (whole) return whole;
  const ws = words(issuer);
  for (const w of ws.filter(looksLikeDomain)) {
    for (const d of domainSuffixes(w)) if (index.domains[d]) return index.domains[d]!;
  }
  const meaningful = ws.filter((w) => !FILLER.has(w)).map((w) => (looksLikeDomain(w) ? w.split('.').slice(-2, -1)[0]! : w));
  const joined = index.names[serviceKey(meaningful.join(' '))];
  if (joined) return joined;
  // "Google (Work)" or "GitHub Enterprise": the first word alone, if it is a known service and
  // long enough not to be a common word of another name ("X", "EA", "Box").
  const first = meaningful[0];
  return (first && first.length >= 4 && index.names[serviceKey(first)]) || null;
}
