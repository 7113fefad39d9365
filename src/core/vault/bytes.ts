/**
 * Byte helpers for the vault and backup formats: strict base64 (stored values must round-trip
 * exactly, so anything but canonical padded base64 is treated as damage), UTF-8, canonical JSON.
 */

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
// A plain character-class loop: a grouped `(?:....)*` pattern overflows the stack on megabyte inputs.
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
/** `String.fromCharCode(...chunk)` on huge arrays overflows the call stack; 32 KiB chunks are safe. */
const CHUNK = 0x8000;

/** Standard padded base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Decodes standard padded base64; null when the text is not exactly that. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 !== 0 || !BASE64_RE.test(text)) return null;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * The byte length strict base64 decodes to, or null when the text is not exactly that; no
 * decoding, so checking a multi-megabyte ciphertext's shape costs one pass of a regex.
 */
export function base64Length(text: string): number | null {
  if (text.length % 4 !== 0 || !BASE64_RE.test(text)) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return utf8Encoder.encode(text);
}

/** Strict UTF-8 decode; null when the bytes are not valid UTF-8. */
export function fromUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * JSON with object keys sorted at every level and no whitespace, used as AES-GCM associated
 * data: the writer and the reader must produce the same bytes whatever order the keys were in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
  return `{${parts.join(',')}}`;
}

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
