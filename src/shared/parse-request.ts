/**
 * Validates a message received by the background against the contract in messages.ts.
 * Anything that does not match exactly (unknown type, missing or mistyped field) is
 * rejected: the background drops it without acting.
 */
import type { Contract, Request, RequestName } from './messages';

type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const int: Check = (v) => Number.isInteger(v);
const bool: Check = (v) => typeof v === 'boolean';
const opt = (c: Check): Check => (v) => v === undefined || c(v);
const nullable = (c: Check): Check => (v) => v === null || c(v);
const arr = (c: Check, max = 100_000): Check => (v) => Array.isArray(v) && v.length <= max && v.every(c);
const oneOf = (...values: string[]): Check => (v) => typeof v === 'string' && values.includes(v);

/** An object with exactly these keys (optional ones may be absent); extra keys are refused. */
function obj(shape: Record<string, Check>): Check {
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const rec = v as Record<string, unknown>;
    // Object.hasOwn, not `in`: "constructor" or "toString" are in every object's prototype chain.
    if (Object.keys(rec).some((k) => !Object.hasOwn(shape, k))) return false;
    return Object.entries(shape).every(([k, check]) => check(rec[k]));
  };
}

const empty = obj({});
/** The vault passphrase asked again, or a passkey's PRF output: exactly one of the two. */
const proof: Check = (v) => obj({ passphrase: str })(v) || obj({ passkey: obj({ credentialId: str, prfOutput: str }) })(v);
const MAX_FILE = 50 * 1024 * 1024;
const short: Check = (v) => typeof v === 'string' && v.length <= 2048;
const fileText: Check = (v) => typeof v === 'string' && v.length <= MAX_FILE;

const schemas: { [K in RequestName]: Check } = {
  'state/get': obj({ tabId: opt(int), firstCodes: opt(int) }),
  'vault/create': obj({ passphrase: str }),
  'vault/unlock': obj({ passphrase: str }),
  'vault/lock': empty,
  'vault/change-passphrase': obj({ current: str, next: str }),
  'vault/rotate-key': obj({ passphrase: str }),
  'passkey/list': empty,
  'passkey/add': obj({ passphrase: str, credentialId: str, salt: str, prfOutput: str, label: str }),
  'passkey/remove': obj({ passphrase: str, credentialId: str }),
  'vault/unlock-passkey': obj({ credentialId: str, prfOutput: str }),
  'vault/verify': obj({ proof }),
  'codes/get': obj({ ids: arr(str, 20_000) }),
  'account/add': obj({
    secretOrUri: str,
    issuer: opt(str),
    name: opt(str),
    type: opt(oneOf('totp', 'hotp')),
    algorithm: opt(oneOf('SHA1', 'SHA256', 'SHA512')),
    digits: opt(int),
    period: opt(int),
    counter: opt(int),
    encoder: opt(oneOf('standard', 'steam')),
    bindToTabId: opt(int),
  }),
  'account/update': obj({
    id: str,
    changes: obj({
      issuer: opt(str),
      name: opt(str),
      note: opt(str),
      site: opt(nullable(str)),
      backupCodes: opt(arr(str, 100)),
      autoSubmit: opt(bool),
      autoFill: opt(bool),
      copyAfterFill: opt(bool),
      autoFillOrigins: opt(arr(str, 20)),
    }),
  }),
  'account/delete': obj({ id: str }),
  'account/hotp-next': obj({ id: str }),
  'account/reveal': obj({ id: str, proof }),
  'account/backup-codes': obj({ id: str }),
  'scan/run': obj({ tabId: int }),
  'scan/add': obj({ tabId: int, tokens: arr(str, 1000) }),
  'fill/run': obj({ tabId: int, accountId: opt(str), confirmSite: opt(bool), bindSite: opt(bool) }),
  'clipboard/clear-later': empty,
  'settings/set': obj({ autoLockMinutes: opt(num), clipboardClearSeconds: opt(num) }),
  'backup/export': obj({ passphrase: str, proof }),
  'backup/export-plain': obj({ proof }),
  'backup/preview': obj({ file: fileText, password: opt(str) }),
  'backup/import': obj({ file: fileText, password: opt(str), selected: arr(int) }),
  'backup/migration-qr': obj({ ids: opt(arr(str)), proof }),
  'backup-codes/find': obj({ tabId: int }),
  'backup-codes/keep': obj({ accountId: str, codes: arr(str, 100) }),
  'sync/status': empty,
  'sync/enable': obj({ url: short, user: short, password: short, passphrase: str }),
  'sync/now': empty,
  'sync/disable': empty,
  'sync/join': obj({ url: short, user: short, password: short, passphrase: str }),
  'clock/get': empty,
  'clock/confirm': obj({ offsetMs: num }),
};

export function parseRequest(message: unknown): Request | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, payload } = message as { type?: unknown; payload?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(schemas, type)) return null;
  const check = schemas[type as RequestName];
  return check(payload) ? ({ type, payload } as Request) : null;
}

export type { Contract };
