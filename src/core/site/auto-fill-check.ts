/** The background's checks of automatic-fill origins (see auto-fill-origins.ts). */
import { isSecureForFill, siteOf } from './site-of-url';

/** "https://login.example.com:8443/x" → "https://login.example.com"; null unless fillable http(s). */
export function hostOrigin(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!isSecureForFill(url) || !parsed.hostname) return null;
  return `${parsed.protocol}//${parsed.hostname}`;
}

/** Whether `origin` (from hostOrigin or homeOrigins) may be opted in for an account bound to `site`. */
export function isOptInOrigin(origin: string, site: string): boolean {
  return hostOrigin(`${origin}/`) === origin && siteOf(origin) === site;
}

/**
 * Whether a frame that announced a code field may be filled automatically: its origin is the
 * top page's own (no framing, not even by the same site) and its host is one opted in on.
 */
export function mayAutoFill(frameOrigin: string, topUrl: string, optedIn: readonly string[]): boolean {
  let top: string;
  try {
    top = new URL(topUrl).origin;
  } catch {
    return false;
  }
  if (frameOrigin !== top) return false;
  const host = hostOrigin(`${frameOrigin}/`);
  return host !== null && optedIn.includes(host);
}
