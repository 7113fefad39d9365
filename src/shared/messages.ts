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
  /** Also put the filled code on the clipboard (opt-in per account). */
  copyAfterFill?: boolean;
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
  /** `copy`: the code that was filled, when the account asks for it on the clipboard too. */
  | { kind: 'filled'; accountId: string; waitedForNextCode: boolean; copy?: string }
  /** `canBind`: the account is unbound and this page may be bound to (https, a real site). */
  | { kind: 'confirm-site'; accountId: string; accountSite: string; pageSite: string; canBind: boolean }
  | { kind: 'choose'; suggestions: string[] }
  /** look-alike: a postal/coupon/card… field; sms-code/email-code: the page asks for a code Tessera does not make. */
  | { kind: 'no-field'; reason: 'no-field' | 'field-gone' | 'look-alike' | 'sms-code' | 'email-code' | 'does-not-fit'; message: string }
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
  /**
   * Something the person must know once: the last unlock fell back to the previous copy, or a
   * change cut short by a crash was saved whole ('change-saved') or not at all ('change-lost').
   */
  notice: 'recovered' | 'change-saved' | 'change-lost' | null;
  /** Locked, and a passkey can unlock: the popup offers "Unlock with passkey". */
  passkeyUnlock?: boolean;
}

/** A passkey slot's public facts; `salt` (base64) is the PRF input its ceremony must ask for. */
export interface PasskeyEntry {
  credentialId: string;
  salt: string;
  label: string;
  createdAt: number;
}

export interface CodeEntry {
  id: string;
  code: string;
  /** For TOTP: ms left in the current step, and the step length; 0 for HOTP. */
  remainingMs: number;
  periodMs: number;
}

/** The clock check as the popup shows it: `offsetMs` is server minus device time (core/clock). */
export type ClockView = { kind: 'ok' } | { kind: 'corrected' | 'ask'; offsetMs: number; site: string };

/**
 * The vault passphrase asked again (or a passkey assertion's PRF output, base64) before a secret
 * leaves: the background re-derives and unwraps to check it, never the page.
 */
export type Proof = { passphrase: string } | { passkey: { credentialId: string; prfOutput: string } };

/** Request name → [payload, response]. */
export interface Contract {
  /** `firstCodes`: how many codes to include for the first screenful (saves a round trip at start-up). */
  'state/get': [{ tabId?: number; firstCodes?: number }, PopupState];
  'vault/create': [{ passphrase: string }, PopupState];
  'vault/unlock': [{ passphrase: string }, PopupState];
  'vault/lock': [Record<string, never>, PopupState];
  'vault/change-passphrase': [{ current: string; next: string }, { ok: true }];
  /** Passkeys (WebAuthn PRF key slots): listed while locked too, added and removed with the passphrase. */
  'passkey/list': [Record<string, never>, { passkeys: PasskeyEntry[] }];
  'passkey/add': [{ passphrase: string; credentialId: string; salt: string; prfOutput: string; label: string }, { passkeys: PasskeyEntry[] }];
  'passkey/remove': [{ passphrase: string; credentialId: string }, { passkeys: PasskeyEntry[] }];
  'vault/unlock-passkey': [{ credentialId: string; prfOutput: string }, PopupState];
  /** Checks a proof without doing anything else (before creating a credential that would be orphaned). */
  'vault/verify': [{ proof: Proof }, { ok: true }];
  /** A new vault key; the data is re-encrypted and both storage slots rewritten. */
  'vault/rotate-key': [{ passphrase: string }, { ok: true }];
  'codes/get': [{ ids: string[] }, { codes: CodeEntry[]; now: number }];
  'account/add': [AddAccountForm, { account: AccountView }];
  'account/update': [{ id: string; changes: AccountChanges }, { account: AccountView }];
  'account/delete': [{ id: string }, { ok: true }];
  'account/hotp-next': [{ id: string }, { code: CodeEntry }];
  'account/reveal': [{ id: string; proof: Proof }, { uri: string; backupCodes: string[] }];
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
  'backup/export': [{ passphrase: string; proof: Proof }, { text: string; filename: string }];
  'backup/export-plain': [{ proof: Proof }, { text: string; filename: string }];
  'backup/preview': [{ file: string; password?: string }, ImportPreview];
  'backup/import': [{ file: string; password?: string; selected: number[] }, { added: number; skipped: number }];
  /** Transfer links for Google Authenticator, and the accounts it cannot hold (with the reason). */
  'backup/migration-qr': [{ ids?: string[]; proof: Proof }, { uris: string[]; excluded: { label: string; reason: string }[] }];
  /** Backup codes the page shows for an account just enrolled on this site, if any. */
  'backup-codes/find': [{ tabId: number }, BackupCodeOffer | null];
  'backup-codes/keep': [{ accountId: string; codes: string[] }, { kept: number }];
  /** Sync through the person's WebDAV server (the server password never comes back). */
  'sync/status': [Record<string, never>, SyncStatus];
  'sync/enable': [SyncServerForm & { passphrase: string }, SyncStatus];
  'sync/now': [Record<string, never>, SyncStatus];
  'sync/disable': [Record<string, never>, SyncStatus];
  /** First run on a second device: a vault made from the server's data, with the same passphrase. */
  'sync/join': [SyncServerForm & { passphrase: string }, PopupState];
  'clock/get': [Record<string, never>, ClockView];
  /** Apply a correction larger than 5 minutes: the amount the person was shown. */
  'clock/confirm': [{ offsetMs: number }, ClockView];
}

export interface SyncServerForm {
  url: string;
  user: string;
  password: string;
}

export interface SyncStatus {
  /** The server folder and user name when sync is on; never the password. */
  server: { url: string; user: string } | null;
  state: 'off' | 'syncing' | 'ok' | 'error';
  /** When the last round finished without an error (epoch ms), on this browser session. */
  lastSyncAt: number | null;
  /** What went wrong last, for people (code keys the locale entry `err_<code>`). */
  problem: { code: string; message: string } | null;
  /** Conflict copies the last round made. */
  conflicts: number;
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
