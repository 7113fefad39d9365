/**
 * The host-permission match patterns that cover one site: the registrable domain and its
 * subdomains over https; an IP address or localhost as it is, over http and https (the
 * development exception). Match patterns ignore ports.
 */
export function originsFor(site: string): string[] {
  const hostOnly = site === 'localhost' || /^[\d.]+$/.test(site) || site.startsWith('[');
  if (hostOnly) return [`http://${site}/*`, `https://${site}/*`];
  return [`https://${site}/*`, `https://*.${site}/*`];
}
