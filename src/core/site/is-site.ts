/**
 * Whether a stored or imported string is a site as Tessera binds accounts to them: a
 * registrable domain (by the Public Suffix List, private suffixes included), a host that is itself
 * a private-section suffix (as browsers treat s3.amazonaws.com), an IP address or localhost.
 * Refuses ICANN suffixes ("com", "co.uk"), wildcards, paths and anything else
 * that would widen a host permission or a fill beyond one site.
 */
import { parse } from 'tldts';
import { siteOf } from './site-of-url';

export function isSite(site: string): boolean {
  if (!/^[a-z0-9.\-[\]:]+$/.test(site)) return false;
  if (siteOf(`https://${site}/`) !== site) return false;
  const parsed = parse(site.replace(/^\[|\]$/g, ''), { allowPrivateDomains: true });
  // A host that is itself a private-section public suffix (s3.amazonaws.com) is its own site.
  return site === 'localhost' || parsed.isIp === true || parsed.domain === site || (parsed.isPrivate === true && parsed.publicSuffix === site);
}
