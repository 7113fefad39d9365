/**
 * The backup page's passkey alternative to typing the vault passphrase again: undefined until
 * passkeys exist (vault format 2).
 */
import type { Proof } from '../../shared/messages';

export function usePasskeyProof(): (() => Promise<Proof>) | undefined {
  return undefined;
}
