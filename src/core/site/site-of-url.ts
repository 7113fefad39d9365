import { getDomain, getDomainWithoutSuffix } from 'tldts';

/**
 * Site identity: which "site" (registrable domain) a page belongs to. Accounts are bound to a
 * site, and a code is only ever offered for filling on pages of that same site, so the rules
 * here are the anti-phishing boundary: `login.example.com` and `example.com` are one site,
 * `example.com.evil.net` is `evil.net`, and `alice.github.io` is not `bob.github.io`.
 */

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

interface Host {
  protocol: string;
  /** Lower-case, punycode (WHATWG URL), without a trailing dot; IPv6 keeps its brackets. */
  hostname: string;
}

function hostOf(url: string): Host | null {
  let parsed: URL;
  try {
    parsed = new URL(typeof url === 'string' ? url.trim() : '');
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const hostname = parsed.hostname.replace(/\.$/, '');
  return hostname === '' ? null : { protocol: parsed.protocol, hostname };
}

function isIpLiteral(hostname: string): boolean {
  // WHATWG URL has already turned forms like "0x7f.1" into dotted IPv4.
  return hostname.startsWith('[') || IPV4.test(hostname);
}

function isLocalhost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost');
}

/**
 * The registrable domain of an http(s) URL by the Public Suffix List, private suffixes
 * included (so `foo.github.io` is its own site). IP addresses and localhost are their own
 * site (the hostname, IPv6 in brackets). Returns null for other schemes or unparsable URLs.
 */
export function siteOf(url: string): string | null {
  const host = hostOf(url);
  if (host === null) return null;
  const { hostname } = host;
  if (isIpLiteral(hostname) || isLocalhost(hostname)) return hostname;
  const domain = getDomain(hostname, { allowPrivateDomains: true });
  if (domain !== null) return domain;
  // The host is itself a private suffix (e.g. "github.io" is GitHub's own site): fall back to
  // the ICANN-only view. A bare ICANN suffix ("co.uk") has no site.
  const icann = getDomain(hostname, { allowPrivateDomains: false });
  if (icann !== null) return icann;
  // Single-label intranet hosts ("http://wiki/") are their own site.
  return hostname.includes('.') ? null : hostname;
}

/**
 * Whether a page may receive a filled code: https, or plain http only on addresses that are
 * clearly development machines (localhost, 127.0.0.0/8, [::1] and other IP literals).
 */
export function isSecureForFill(url: string): boolean {
  const host = hostOf(url);
  if (host === null) return false;
  if (host.protocol === 'https:') return true;
  return isLocalhost(host.hostname) || isIpLiteral(host.hostname);
}

/**
 * The site as shown to the user. Kept in its ASCII (punycode) form on purpose: decoding
 * internationalised names would let look-alike characters imitate another site.
 */
export function siteLabel(site: string | null): string {
  if (site === null || site.trim() === '') return 'Unknown site';
  return site.trim().toLowerCase();
}

/** Lower-case alphanumeric words, accents removed ("Société Générale" → ["societe", "generale"]). */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/**
 * Loose match between an account's issuer and a site, used only to *suggest* accounts
 * (never to fill): "GitHub" ~ github.com, "Example Corp" ~ example.com, "Air Canada" ~
 * aircanada.com, "accounts.google.com" ~ google.co.uk.
 */
export function issuerMatchesSite(issuer: string, site: string): boolean {
  if (typeof issuer !== 'string' || typeof site !== 'string') return false;
  const issuerWords = words(issuer);
  if (issuerWords.length === 0 || site.trim() === '') return false;
  const bare = site.trim().toLowerCase();
  const label = getDomainWithoutSuffix(bare, { allowPrivateDomains: true }) ?? bare;
  const siteName = words(label).join('');
  if (siteName === '') return false;
  if (issuerWords.join('') === siteName) return true;
  // A single word of the issuer naming the site; very short names ("x", "my") are too
  // ambiguous to match on one word alone.
  return siteName.length >= 3 && issuerWords.includes(siteName);
}
