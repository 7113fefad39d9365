/**
 * Why a sync step failed. The background maps `code` to a sentence from _locales; `message`
 * is the English fallback. Messages never hold a secret, a URL's credentials or server text.
 */
export type SyncErrorCode =
  | 'bad-address'
  | 'insecure-address'
  | 'unreachable'
  | 'timeout'
  | 'connection-lost'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'busy'
  | 'full'
  | 'server-error'
  | 'unexpected-status'
  | 'too-large'
  | 'no-sync-data'
  | 'wrong-passphrase'
  | 'damaged'
  | 'unsupported-version'
  | 'key-changed';

const MESSAGES: Record<SyncErrorCode, string> = {
  'bad-address': 'That is not a web address Tessera can sync with.',
  'insecure-address': 'The server address must start with https:// (http:// only for this computer).',
  unreachable: 'The sync server could not be reached. Check the address and your connection.',
  timeout: 'The sync server took too long to answer.',
  'connection-lost': 'The connection to the sync server was cut off.',
  unauthorized: 'The sync server refused the user name or password.',
  forbidden: 'The sync server does not allow this user to write there.',
  'not-found': 'The sync folder was not found on the server.',
  conflict: 'Another device changed the sync data at the same moment.',
  busy: 'Other devices kept changing the sync data; Tessera will try again later.',
  full: 'The sync server is full.',
  'server-error': 'The sync server had a problem.',
  'unexpected-status': 'The sync server gave an answer Tessera does not understand.',
  'too-large': 'The sync server sent more data than Tessera accepts.',
  'no-sync-data': 'There is no Tessera sync data at that address yet.',
  'wrong-passphrase': 'Wrong passphrase for the sync data on this server.',
  damaged: 'The sync data on the server is damaged or was tampered with; nothing was changed here.',
  'unsupported-version': 'The sync data was written by a newer version of Tessera. Update Tessera to sync.',
  'key-changed': 'The sync data on the server was replaced with data Tessera cannot open. Turn sync off and on again.',
};

export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly code: SyncErrorCode,
    /** The HTTP status, when the server answered with one (for logs and tests, never shown raw). */
    readonly status?: number,
  ) {
    super(MESSAGES[code]);
  }
}

/** Errors that a later attempt may not have: the periodic sync backs off and tries again. */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof SyncError)) return false;
  return ['unreachable', 'timeout', 'connection-lost', 'server-error', 'busy', 'conflict', 'full'].includes(err.code);
}

/**
 * Minutes until the next try after `failures` failures in a row: 0.5, 1, 2, … up to an hour for
 * errors a retry may cure; an hour for the rest (a refused password will not fix itself).
 */
export function backoffMinutes(failures: number, transient: boolean): number {
  if (!transient) return 60;
  return Math.min(60, 0.5 * 2 ** Math.max(0, failures - 1));
}
