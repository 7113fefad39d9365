import { parse } from 'tldts';

/**
 * The host-permission match patterns that cover one site: the registrable domain and its
 * subdomains over https; an IP address or localhost as it is, over http and https (the
 * development exception). A site that is itself a public suffix (s3.amazonaws.com) covers only
 * itself: its subdomains are other people's sites. Match patterns ignore ports.
 */
export function originsFor(site: string): string[] {
  const hostOnly = site === 'localhost' || /^[\d.]+$/.test(site) || site.startsWith('[');
  if (hostOnly) return [`http://${site}/*`, `https://${site}/*`];
  const parsed = parse(site, { allowPrivateDomains: true });
  if (parsed.isPrivate && parsed.publicSuffix === site) return [`https://${site}/*`];
  return [`https://${site}/*`, `https://*.${site}/*`];
}

/**
 * The match patterns for exactly one origin ("https://app.example.com:8443" → its host, any
 * port, as match patterns cannot name ports), or null for anything that is not an http(s) origin.
 */
export function patternsForOrigin(origin: string): string[] | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) return null;
  // A wildcard would widen the pattern to every subdomain.
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/.test(url.hostname)) return null;
  return [`${url.protocol}//${url.hostname}/*`];
}
