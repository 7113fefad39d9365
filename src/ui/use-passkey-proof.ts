/**
 * The passkey alternative to typing the vault passphrase again (the backup page's dialogs and the
 * popup's "Show secret key"): a function running the ceremony when this browser supports passkeys
 * and the vault has one, undefined otherwise (the dialog then shows no passkey button). In the
 * popup the ceremony runs in the popup itself: Chromium is reported to draw its WebAuthn sheet
 * inside the popup (bitwarden/clients#4365), and the e2e test's virtual authenticator answers
 * there; an operating-system dialog that takes the focus would close the popup, which loses
 * nothing (nothing was revealed) and leaves the passphrase as the way.
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
