/**
 * Whether a stored or imported string is a site as Tessera binds accounts to them: a
 * registrable domain (by the Public Suffix List, private suffixes included), an IP address or
 * localhost. Refuses public suffixes ("com", "github.io"), wildcards, paths and anything else
 * that would widen a host permission or a fill beyond one site.
 */
import { parse } from 'tldts';
import { siteOf } from './site-of-url';

export function isSite(site: string): boolean {
  if (!/^[a-z0-9.\-[\]:]+$/.test(site)) return false;
  if (siteOf(`https://${site}/`) !== site) return false;
  const parsed = parse(site.replace(/^\[|\]$/g, ''), { allowPrivateDomains: true });
  return site === 'localhost' || parsed.isIp === true || parsed.domain === site;
}
