/**
 * The passkey alternative to typing the vault passphrase again, for full extension pages (the
 * backup page): a function running the ceremony when this browser supports passkeys and the
 * vault has one, undefined otherwise (the dialog then shows no passkey button).
 */
import { useEffect, useState } from 'preact/hooks';
import { call } from './api';
import { passkeyProof, passkeysSupported } from './passkey-client';
import type { PasskeyEntry, Proof } from '../shared/messages';

export function usePasskeyProof(): (() => Promise<Proof>) | undefined {
  const [passkeys, setPasskeys] = useState<PasskeyEntry[]>([]);
  useEffect(() => {
    passkeysSupported()
      .then(async (ok) => ok && setPasskeys((await call('passkey/list', {})).passkeys))
      .catch(() => undefined);
  }, []);
  return passkeys.length > 0 ? () => passkeyProof(passkeys) : undefined;
}
