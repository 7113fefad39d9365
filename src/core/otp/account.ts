/**
 * The account model shared by every context. An `Account` is what the vault stores;
 * `AccountView` is the secret-free projection that may leave the background (popup lists).
 */

export type OtpType = 'totp' | 'hotp';
export type Algorithm = 'SHA1' | 'SHA256' | 'SHA512';
/** `steam` renders 5 characters from Steam Guard's alphabet instead of decimal digits. */
export type Encoder = 'standard' | 'steam';

export interface Account {
  /** Random, stable identifier (not derived from the secret). */
  id: string;
  type: OtpType;
  /** RFC 4648 base32, upper case, no padding, no spaces. */
  secret: string;
  algorithm: Algorithm;
  /** 6 to 8 for standard codes; 5 for Steam. */
  digits: number;
  /** TOTP step in seconds (>= 1). Kept for HOTP too, unused there. */
  period: number;
  /** HOTP moving factor: the counter of the *next* code to show. */
  counter: number;
  encoder: Encoder;
  issuer: string;
  name: string;
  note: string;
  /** Backup (recovery) codes the site showed once at setup. */
  backupCodes: string[];
  /** Registrable domain the account was enrolled on (see core/site), or null if unknown. */
  site: string | null;
  /** Milliseconds since epoch. */
  createdAt: number;
  /** Press the page's submit button after filling (opt-in per account; off by default). */
  autoSubmit?: boolean;
  /** Fill automatically (opt-in; a host permission and a content script go with it). */
  autoFill?: boolean;
  /** Put the code on the clipboard too when filling it (opt-in per account). */
  copyAfterFill?: boolean;
  /**
   * The exact origins (scheme + host) the person opted in on, each of `site`; never a wildcard.
   * Records written before this field fill automatically nowhere until opted in again.
   */
  autoFillOrigins?: string[];
}

/** Fields a parser or a form supplies; the rest get defaults in `newAccount`. */
export type AccountInput = Pick<Account, 'secret'> & Partial<Omit<Account, 'id' | 'createdAt'>>;

/** What leaves the background for lists: everything but the secret and backup codes. */
export type AccountView = Omit<Account, 'secret' | 'backupCodes'> & { backupCodeCount: number };

export const ACCOUNT_DEFAULTS = {
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  encoder: 'standard',
  issuer: '',
  name: '',
  note: '',
  backupCodes: [] as string[],
  site: null,
} as const satisfies Omit<Account, 'id' | 'createdAt' | 'secret'>;

export function toView(account: Account): AccountView {
  const { secret: _secret, backupCodes, ...rest } = account;
  return { ...rest, backupCodeCount: backupCodes.length };
}
