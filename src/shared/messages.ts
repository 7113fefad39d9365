/**
 * The one message contract between Tessera's trusted contexts (popup, extension pages)
 * and the background. Page-side scripts never send messages: they are injected on demand
 * with `scripting.executeScript` and hand their results back as the injection's return
 * value, so the background's listener only ever answers the extension's own pages.
 *
 * Every request is validated on receipt by `parseRequest` (a hand-written guard, no `any`).
 */
import type { AccountInput, AccountView, Algorithm, Encoder, OtpType } from '../core/otp/account';

export type VaultStatus = 'no-vault' | 'locked' | 'unlocked';

/** What the popup may change on an account (never the secret). */
export interface AccountChanges {
  issuer?: string;
  name?: string;
  note?: string;
  site?: string | null;
  backupCodes?: string[];
  autoSubmit?: boolean;
  /** Only after the popup obtained the host permission in the user's click. */
  autoFill?: boolean;
  /** With autoFill: the exact origins (scheme + host) opted in on, each checked by the background. */
  autoFillOrigins?: string[];
}

/** The add form's fields, as typed: the background parses and validates. */
export interface AddAccountForm {
  secretOrUri: string;
  issuer?: string;
  name?: string;
  type?: OtpType;
  algorithm?: Algorithm;
  digits?: number;
  period?: number;
  counter?: number;
  encoder?: Encoder;
  /** Bind to the site of this tab (used by scan and the page-prefilled form). */
  bindToTabId?: number;
}

export interface ScanCandidate {
  /** Opaque token the popup hands back to add the candidate; the secret stays in the background. */
  token: string;
  issuer: string;
  name: string;
  type: OtpType;
  /** Set when the vault already holds this secret. */
  duplicateOf: { issuer: string; name: string } | null;
  /** The site the account will be bound to: that of the frame that showed the QR code; null if unknown. */
  site: string | null;
  /** The secret's length in bits (a warning below 128). */
  secretBits: number | null;
}

export type ScanResult =
  | { kind: 'found'; candidates: ScanCandidate[]; site: string | null }
  | { kind: 'none'; reason: 'no-qr' | 'not-2fa'; message: string; prefill: { secret: string | null; issuer: string } };

export type FillResult =
  | { kind: 'filled'; accountId: string; waitedForNextCode: boolean }
  /** `canBind`: the account is unbound and this page may be bound to (https, a real site). */
  | { kind: 'confirm-site'; accountId: string; accountSite: string; pageSite: string; canBind: boolean }
  | { kind: 'choose'; suggestions: string[] }
  | { kind: 'no-field'; reason: 'no-field' | 'field-gone'; message: string }
  | { kind: 'refused'; reason: 'not-web' | 'not-secure' | 'not-found'; message: string };

export interface Settings {
  autoLockMinutes: number;
  clipboardClearSeconds: number;
}

export interface PopupState {
  status: VaultStatus;
  accounts: AccountView[];
  /** The site of the tab the popup was opened on (null for browser pages). */
  tab: { id: number; site: string | null; fillable: boolean } | null;
  settings: Settings;
  /** Accounts added or changed since the last backup. */
  unsavedSinceBackup: number;
  /** The shortcut or context menu asked to scan this tab: the popup opens on its scan view. */
  openScan: boolean;
  /** Current codes of the first accounts in display order (this site's first), when asked for. */
  codes: CodeEntry[];
  /** Something the person must know once: the last unlock fell back to the previous copy. */
  notice: 'recovered' | null;
}

export interface CodeEntry {
  id: string;
  code: string;
  /** For TOTP: ms left in the current step, and the step length; 0 for HOTP. */
  remainingMs: number;
  periodMs: number;
}

/** Request name → [payload, response]. */
export interface Contract {
  /** `firstCodes`: how many codes to include for the first screenful (saves a round trip at start-up). */
  'state/get': [{ tabId?: number; firstCodes?: number }, PopupState];
  'vault/create': [{ passphrase: string }, PopupState];
  'vault/unlock': [{ passphrase: string }, PopupState];
  'vault/lock': [Record<string, never>, PopupState];
  'vault/change-passphrase': [{ current: string; next: string }, { ok: true }];
  'codes/get': [{ ids: string[] }, { codes: CodeEntry[]; now: number }];
  'account/add': [AddAccountForm, { account: AccountView }];
  'account/update': [{ id: string; changes: AccountChanges }, { account: AccountView }];
  'account/delete': [{ id: string }, { ok: true }];
  'account/hotp-next': [{ id: string }, { code: CodeEntry }];
  'account/reveal': [{ id: string }, { uri: string; backupCodes: string[] }];
  /** The backup codes alone, for the edit form (which has no need for the secret). */
  'account/backup-codes': [{ id: string }, { backupCodes: string[] }];
  'scan/run': [{ tabId: number }, ScanResult];
  'scan/add': [{ tabId: number; tokens: string[] }, { added: AccountView[]; filled: boolean }];
  /**
   * `confirmSite`: the person pressed "Fill anyway" (fills once). `bindSite`: they also ticked
   * "Use this account on SITE from now on" for an unbound account (binds it to this tab's site).
   */
  'fill/run': [{ tabId: number; accountId?: string; confirmSite?: boolean; bindSite?: boolean }, FillResult];
  /** A code was just copied: the background clears the clipboard after the chosen delay, popup open or not. */
  'clipboard/clear-later': [Record<string, never>, { scheduled: boolean }];
  'settings/set': [Partial<Settings>, Settings];
  'backup/export': [{ passphrase: string }, { text: string; filename: string }];
  'backup/export-plain': [Record<string, never>, { text: string; filename: string }];
  'backup/preview': [{ file: string; password?: string }, ImportPreview];
  'backup/import': [{ file: string; password?: string; selected: number[] }, { added: number; skipped: number }];
  /** Transfer links for Google Authenticator, and the accounts it cannot hold (with the reason). */
  'backup/migration-qr': [{ ids?: string[] }, { uris: string[]; excluded: { label: string; reason: string }[] }];
  /** Backup codes the page shows for an account just enrolled on this site, if any. */
  'backup-codes/find': [{ tabId: number }, BackupCodeOffer | null];
  'backup-codes/keep': [{ accountId: string; codes: string[] }, { kept: number }];
}

export interface BackupCodeOffer {
  accountId: string;
  label: string;
  codes: string[];
}

export interface ImportPreviewEntry {
  index: number;
  issuer: string;
  name: string;
  type: string;
  duplicateOf: string | null;
}
export interface ImportPreview {
  format: string;
  entries: ImportPreviewEntry[];
  skipped: { index: number; label: string; reason: string }[];
}

export type RequestName = keyof Contract;
export type Request<K extends RequestName = RequestName> = { type: K; payload: Contract[K][0] };
export type Response<K extends RequestName> = Contract[K][1];

/** A reply on the wire: the result, or an error a person can read (no stack traces). */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; params?: string[] } };
