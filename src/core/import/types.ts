import type { AccountInput } from '../otp/account';

/** Every format `detectFormat` can recognise. `tessera` is decoded by core/backup, not here. */
export type ImportFormat =
  | 'google-migration'
  | 'aegis'
  | '2fas'
  | 'andotp'
  | 'authenticator-extension'
  | 'bitwarden'
  | 'ente'
  | 'otpauth-list'
  | 'tessera';

/** One account read from the file, normalised (base32 upper-case secret, known algorithm...). */
export interface ImportEntry {
  input: AccountInput;
}

/** An entry the file holds but Tessera cannot use; shown to the user rather than silently dropped. */
export interface SkippedEntry {
  /** 1-based entry number in the file. */
  index: number;
  /** Issuer and name as the file shows them, to let the user recognise the account. */
  label: string;
  /** Plain-language reason, e.g. "mOTP accounts are not supported". */
  reason: string;
}

/** What a successful import yields. */
export interface ImportResult {
  format: ImportFormat;
  entries: ImportEntry[];
  skipped: SkippedEntry[];
}

/** Entries and skips without the format tag; each parser returns this. */
export type ParsedEntries = Omit<ImportResult, 'format'>;
