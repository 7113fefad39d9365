import { getDomainWithoutSuffix, parse } from 'tldts';

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
  const parsed = parse(hostname, { allowPrivateDomains: true });
  if (parsed.domain) return parsed.domain;
  // A host that is itself a public suffix from the list's private section (s3.amazonaws.com,
  // blob.core.windows.net, github.io) is its own site, as browsers treat it: never the ICANN
  // domain above it, which would make every bucket or blog there one site with its owner.
  if (parsed.publicSuffix === hostname && parsed.isPrivate) return hostname;
  // A bare ICANN suffix ("co.uk") has no site; single-label intranet hosts ("http://wiki/") are their own.
  return hostname.includes('.') ? null : hostname;
}

/**
 * Whether a page may receive a filled code: https, or plain http only where no network
 * attacker sits between the browser and the page: localhost, loopback (127.0.0.0/8, [::1]) and
 * private-range addresses (10/8, 172.16/12, 192.168/16, IPv6 fc00::/7), i.e. development machines
 * and home routers. A public IP address over http is as exposed as any http site.
 */
export function isSecureForFill(url: string): boolean {
  const host = hostOf(url);
  if (host === null) return false;
  if (host.protocol === 'https:') return true;
  return isLocalhost(host.hostname) || isLoopbackOrPrivate(host.hostname);
}

function isLoopbackOrPrivate(hostname: string): boolean {
  if (IPV4.test(hostname)) {
    const [a, b] = hostname.split('.').map(Number) as [number, number];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (!hostname.startsWith('[')) return false;
  // WHATWG URL gives IPv6 in its shortest lower-case form, so loopback is exactly "[::1]".
  const v6 = hostname.slice(1, -1);
  return v6 === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(v6);
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
