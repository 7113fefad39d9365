/** Public surface of the vault: KDF, record format, envelope crypto and atomic storage. */
export {
  DEFAULT_KDF,
  KDF_FLOORS,
  KDF_CEILINGS,
  freshKdfParams,
  assertKdfFloor,
  checkKdfParams,
  isBelowCurrentDefault,
  deriveWrappingKey,
  type KdfParams,
  type KdfAlg,
  type KdfProblem,
  type DeriveOptions,
} from './kdf';
export { VaultError, MIN_PASSPHRASE_LENGTH, isPassphraseLongEnough, type VaultErrorCode } from './vault-error';
export {
  VAULT_FORMAT,
  VAULT_VERSION,
  validateVaultRecord,
  prfSlots,
  type VaultRecord,
  type VaultRecordV1,
  type StoredVaultRecord,
  type KeySlot,
  type PrfSlot,
  type Sealed,
} from './vault-format';
export { addPrfSlot, removePrfSlot, unlockWithPrf, listPasskeys, freshPrfSalt, type PasskeyInfo, type NewPasskey } from './prf-slot';
export { checkVaultData, type VaultData } from './vault-data';
export { checkAccount, type AccountProblem } from './account-check';
export { createVault, unlockVault, sealData, openData, changePassphrase, rotateVaultKey, exportVaultKey, importVaultKey } from './vault-crypto';
export { VaultStore, type KeyValueArea, type LoadedVault, type InterruptedWrite } from './vault-store';
export { toBase64, fromBase64, canonicalJson } from './bytes';
