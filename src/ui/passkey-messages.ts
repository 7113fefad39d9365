/** A failed passkey ceremony in words (the background's refusals come through errorMessage). */
import { t } from './i18n';
import { errorMessage } from './api';
import { PasskeyError } from './passkey-client';

export function passkeyErrorMessage(err: unknown): string {
  if (!(err instanceof PasskeyError)) return errorMessage(err);
  return t({ 'no-prf': 'passkeyNoPrf', cancelled: 'passkeyCancelled', 'not-supported': 'passkeyNotSupported' }[err.code]);
}
