/**
 * What "Fill automatically" covers: exactly the origins the person opted in on, never a whole
 * site. Host match patterns cannot name a port, so an opt-in is kept as scheme + host
 * ("https://login.example.com"); the fill itself also requires the frame's full origin to equal
 * the top page's, so a framed page of another port or origin gets nothing.
 */
// No Public Suffix List here: the popup uses this file, and must stay small.

/**
 * Where to opt in when the person is not on a page of the site (the edit form opened elsewhere):
 * the site's own host only, never its subdomains. An IP address or localhost, over http and https.
 */
export function homeOrigins(site: string): string[] {
  const local = site === 'localhost' || /^[\d.]+$/.test(site) || site.startsWith('[');
  return local ? [`http://${site}`, `https://${site}`] : [`https://${site}`];
}

/** The host permission / content script match pattern of one opted-in origin. */
export function patternOf(origin: string): string {
  return `${origin}/*`;
}

