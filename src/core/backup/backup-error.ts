/** Why reading or writing a Tessera backup failed. */
export type BackupErrorCode =
  | 'wrong-passphrase'
  | 'truncated'
  | 'tampered'
  | 'not-a-tessera-backup'
  | 'unsupported-version'
  | 'weak-kdf'
  | 'unsupported-kdf'
  | 'invalid-account'
  | 'passphrase-too-short';

/**
 * The only error the backup module throws. `entry` (1-based) and `field` point at the culprit
 * when one account is to blame; the message already names them for people.
 */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  readonly code: BackupErrorCode;
  readonly entry?: number;
  readonly field?: string;

  constructor(code: BackupErrorCode, message: string, where: { entry?: number; field?: string } = {}) {
    super(message);
    this.code = code;
    if (where.entry !== undefined) this.entry = where.entry;
    if (where.field !== undefined) this.field = where.field;
  }
}
