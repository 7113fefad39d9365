/**
 * Small byte/text helpers shared by the parsers. Each decoder returns `null` on bad input so the
 * caller can raise an ImportError that names the field it was reading.
 */

// Same strict UTF-8 and padded base64 writing as the vault's; only base64 *reading* differs here
// (forgiving: other apps write URL-safe or unpadded base64).
export { utf8, fromUtf8, toBase64 } from '../vault/bytes';

/**
 * Standard or URL-safe base64, padding optional, whitespace ignored. `atob` implements the
 * WHATWG "forgiving" decoder, which already accepts missing padding.
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  const cleaned = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  let binary: string;
  try {
    binary = atob(cleaned);
  } catch {
    return null;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Even-length hex string to bytes; null when not hex. */
export function fromHex(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return null;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Concatenate byte arrays (e.g. ciphertext and a separately stored GCM tag). */
export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A plain JSON object (not null, not an array), or null. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** JSON.parse that returns undefined instead of throwing. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A string field, or '' when absent/null; other types yield null so callers can complain. */
export function optionalString(value: unknown): string | null {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : null;
}
