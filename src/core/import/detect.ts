/** Recognising which app made a file, from its content alone (file names are unreliable). */
import { asRecord, fromUtf8, tryParseJson } from './bytes';
import { extensionEntries, isExtensionEncrypted } from './authenticator-extension';
import { isBitwardenEncrypted } from './bitwarden';
import { isTwoFasEncrypted } from './twofas';
import type { ImportFormat } from './types';

/** Detection plus what was already decoded, so importFile does not parse twice. */
export interface Sniffed {
  format: ImportFormat | null;
  encrypted: boolean;
  text: string | null;
  json: unknown;
  bytes: Uint8Array<ArrayBuffer> | null;
}

/** Smallest andOTP encrypted file: 12-byte IV + 16-byte tag. */
const MIN_ANDOTP_BINARY = 28;
/** Images, archives and PDFs users drop by mistake (e.g. a QR screenshot): not andOTP. */
const OTHER_MAGIC = [[0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], [0x47, 0x49, 0x46, 0x38], [0x50, 0x4b, 0x03, 0x04], [0x25, 0x50, 0x44, 0x46], [0x52, 0x49, 0x46, 0x46]];
const hasOtherMagic = (b: Uint8Array) => OTHER_MAGIC.some((m) => m.every((x, i) => b[i] === x));

function sniffObject(obj: Record<string, unknown>): Pick<Sniffed, 'format' | 'encrypted'> {
  if (obj.format === 'tessera-backup') {
    // Tessera backups are decoded by core/backup; this only tells the UI whether to ask for a password.
    return { format: 'tessera', encrypted: ['kdf', 'cipher', 'ciphertext', 'encrypted'].some((k) => obj[k] !== undefined && obj[k] !== false) };
  }
  if ('header' in obj && 'db' in obj) return { format: 'aegis', encrypted: typeof obj.db === 'string' };
  if ('schemaVersion' in obj && ('services' in obj || 'servicesEncrypted' in obj)) return { format: '2fas', encrypted: isTwoFasEncrypted(obj) };
  if ('kdfParams' in obj && 'encryptedData' in obj) return { format: 'ente', encrypted: true };
  if (Array.isArray(obj.items)) return { format: 'bitwarden', encrypted: isBitwardenEncrypted(obj) };
  if ('encrypted' in obj && 'items' in obj) return { format: 'bitwarden', encrypted: isBitwardenEncrypted(obj) };
  if (extensionEntries(obj).length > 0) return { format: 'authenticator-extension', encrypted: isExtensionEncrypted(obj) };
  return { format: null, encrypted: false };
}

function sniffText(text: string): ImportFormat | null {
  if (/^[ \t]*otpauth-migration:\/\//im.test(text)) return 'google-migration';
  if (!/^[ \t]*(otpauth|motp):\/\//im.test(text)) return null;
  return /[?&]codeDisplay=/.test(text) ? 'ente' : 'otpauth-list';
}

/** Decode and classify a file (bytes as read from disk, or text pasted by the user). */
export function sniff(file: Uint8Array | string): Sniffed {
  const bytes = typeof file === 'string' ? null : new Uint8Array(file);
  const decoded = bytes ? fromUtf8(bytes) : (file as string);
  if (decoded === null) {
    // Not text: the only binary format we read is andOTP's encrypted backup (no magic number).
    const andotp = bytes !== null && bytes.length >= MIN_ANDOTP_BINARY && !hasOtherMagic(bytes);
    return { format: andotp ? 'andotp' : null, encrypted: andotp, text: null, json: undefined, bytes };
  }
  const text = decoded.replace(/^\uFEFF/, '');
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') {
    const json = tryParseJson(text);
    const obj = asRecord(json);
    if (obj) return { ...sniffObject(obj), text, json, bytes };
    if (Array.isArray(json) && json.every((e) => asRecord(e) !== null)) return { format: 'andotp', encrypted: false, text, json, bytes };
  }
  return { format: sniffText(text), encrypted: false, text, json: undefined, bytes };
}
