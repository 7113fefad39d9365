/** Public API of the OTP core: account model, validation, otpauth links and code generation. */
export { ACCOUNT_DEFAULTS, toView } from './account';
export type { Account, AccountInput, AccountView, Algorithm, Encoder, OtpType } from './account';
export { OtpError, isOtpError } from './errors';
export type { OtpErrorCode } from './errors';
export { normalizeSecret, isLikelyBase32Secret } from './secret';
export { newAccount } from './new-account';
export { findDuplicate } from './duplicates';
export { parseOtpauthUri, formatOtpauthUri } from './otpauth-uri';
export { generateCode, generateHotp, formatCodeForDisplay, clearCodeCache } from './codes';
export type { CodeParams, CodeResult } from './codes';
