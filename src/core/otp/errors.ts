/**
 * Typed errors for everything in core/otp. Messages are written for the person using the
 * extension (they are shown as-is in the popup and the import report), so they name the
 * field at fault and avoid jargon where possible.
 */

/** Machine-readable reason an OTP input was refused. */
export type OtpErrorCode =
  | 'not-otpauth'
  | 'bad-uri'
  | 'bad-type'
  | 'missing-secret'
  | 'bad-secret'
  | 'bad-digits'
  | 'bad-period'
  | 'bad-algorithm'
  | 'bad-counter'
  | 'bad-label'
  | 'bad-time';

/** Raised for any invalid account field, authenticator link or code request. */
export class OtpError extends Error {
  override readonly name = 'OtpError';

  /**
   * @param code Stable reason code for callers that branch on it.
   * @param message Sentence shown to the user.
   */
  constructor(
    readonly code: OtpErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True when `value` is an {@link OtpError}, optionally with the given code. */
export function isOtpError(value: unknown, code?: OtpErrorCode): value is OtpError {
  return value instanceof OtpError && (code === undefined || value.code === code);
}
