/**
 * Tells what a decoded QR code holds, so the caller can route it: a single account
 * (`otpauth://`), a Google Authenticator export (`otpauth-migration://`), or anything else
 * (a web link, Wi-Fi settings…) which Tessera does not import.
 */

/** What kind of text a QR code contains. */
export type QrTextKind = 'otpauth' | 'migration' | 'other';

/** Classifies decoded QR text by its scheme (case-insensitive, surrounding whitespace ignored). */
export function classifyQrText(text: string): QrTextKind {
  const t = text.trim();
  if (/^otpauth:\/\//i.test(t)) return 'otpauth';
  if (/^otpauth-migration:\/\//i.test(t)) return 'migration';
  return 'other';
}
