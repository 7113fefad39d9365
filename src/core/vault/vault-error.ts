/** Why a vault operation failed. The UI chooses its next step from `code`; `message` is for people. */
export type VaultErrorCode =
  | 'wrong-passphrase'
  | 'corrupt'
  | 'weak-kdf'
  | 'unsupported-kdf'
  | 'not-a-vault'
  | 'unsupported-version'
  | 'passphrase-too-short'
  | 'invalid-data'
  | 'unknown-passkey'
  | 'wrong-passkey'
  | 'bad-passkey';

/** The only error the vault module throws; messages never contain secrets. */
export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly code: VaultErrorCode;

  constructor(code: VaultErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export const WRONG_PASSPHRASE_MESSAGE = 'Wrong passphrase.';
export const CORRUPT_MESSAGE = 'The vault data is damaged or was tampered with; it was not changed.';

/** Shortest passphrase accepted when creating a vault or a backup, or changing a passphrase. */
export const MIN_PASSPHRASE_LENGTH = 8;

/** Counts characters as people see them (code points), not UTF-16 units. */
export function isPassphraseLongEnough(passphrase: string): boolean {
  return [...passphrase].length >= MIN_PASSPHRASE_LENGTH;
}
