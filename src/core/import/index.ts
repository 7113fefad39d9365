/**
 * Importers for other authenticators' exports. Pure: no browser APIs, only WebCrypto, hash-wasm
 * and (loaded on demand, for encrypted Ente exports) libsodium. Entry point for the UI:
 * `detectFormat` (to decide whether to ask for a password) and `importFile`.
 */
import { asRecord } from './bytes';
import { parseAegis } from './aegis';
import { parseAndOtpEncrypted, parseAndOtpEntries } from './andotp';
import { parseAuthenticatorExtension } from './authenticator-extension';
import { parseBitwarden } from './bitwarden';
import { sniff } from './detect';
import { parseMigrationText } from './google-migration';
import { ImportError } from './import-error';
import { parseOtpauthList } from './otpauth-list';
import { parseTwoFas } from './twofas';
import type { ImportFormat, ImportResult, ParsedEntries } from './types';

export type { ImportEntry, ImportFormat, ImportResult, SkippedEntry } from './types';
export { ImportError, type ImportErrorCode } from './import-error';
export { decodeMigrationUri, encodeMigrationPayloads, migrationUnsupportedReason, type MigrationBatch } from './google-migration';
export { MAX_ANDOTP_ITERATIONS } from './andotp';

/**
 * Opens an encrypted Ente export to its plain text (`decryptEnteExport` in ./ente-encrypted).
 * Passed in rather than imported: it needs libsodium (0.5 MB), which must stay out of the
 * background service worker, where import() is not allowed; the backup page loads it on demand.
 */
export type EnteDecryptor = (file: Record<string, unknown>, password?: string) => Promise<string>;

/**
 * Which app made this file, and whether it is password-protected. `format` is null when the
 * file is not recognised. Cheap: no key derivation.
 */
export function detectFormat(file: Uint8Array | string): { format: ImportFormat | null; encrypted: boolean } {
  const { format, encrypted } = sniff(file);
  return { format, encrypted };
}

async function parse(format: ImportFormat, s: ReturnType<typeof sniff>, password?: string, decryptEnte?: EnteDecryptor): Promise<ParsedEntries> {
  const obj = asRecord(s.json) ?? {};
  switch (format) {
    case 'google-migration':
      return parseMigrationText(s.text ?? '');
    case 'otpauth-list':
      return parseOtpauthList(s.text ?? '');
    case 'ente':
      if (!s.encrypted) return parseOtpauthList(s.text ?? '', true);
      if (!decryptEnte && password === undefined) throw new ImportError('password-required', 'This Ente Auth export is encrypted. Enter the password you chose when exporting it from Ente.');
      if (!decryptEnte) throw new ImportError('unsupported', 'Encrypted Ente Auth exports are opened on Tessera’s backup page (Import backup).');
      return parseOtpauthList(await decryptEnte(obj, password), true);
    case 'aegis':
      return parseAegis(obj, password);
    case '2fas':
      return parseTwoFas(obj, password);
    case 'andotp':
      return s.text === null && s.bytes ? parseAndOtpEncrypted(s.bytes, password) : parseAndOtpEntries(s.json);
    case 'authenticator-extension':
      return parseAuthenticatorExtension(obj, password);
    case 'bitwarden':
      return parseBitwarden(obj);
    case 'tessera':
      throw new ImportError('unsupported', 'This is a Tessera backup: restore it with readBackup (Settings, Restore backup).');
  }
}

/**
 * Read every account from another authenticator's export.
 *
 * @param file Raw file bytes, or text the user pasted.
 * @param password For encrypted exports; omit it first and ask only on 'password-required'.
 * @throws ImportError: 'unknown-format', 'password-required', 'wrong-password', 'malformed'
 *   (with `entry`/`field` when one entry is at fault) or 'unsupported'.
 */
export async function importFile(file: Uint8Array | string, password?: string, decryptEnte?: EnteDecryptor): Promise<ImportResult> {
  const s = sniff(file);
  if (s.format === null) {
    throw new ImportError('unknown-format', 'Tessera does not recognise this file. Export your accounts from the other app again and choose that file.');
  }
  const { entries, skipped } = await parse(s.format, s, password, decryptEnte);
  return { format: s.format, entries, skipped };
}
