/**
 * "Unlock with passkey" on the locked popup. The ceremony runs on the passkey page (a browser
 * dialog would close the popup); the next popup opens on the unlocked vault.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { passkeysSupported } from '../../ui/passkey-client';
import { openPasskeyPage } from '../../ui/passkey-page';

export function PasskeyUnlockButton() {
  const [supported, setSupported] = useState(false);
  useEffect(() => void passkeysSupported().then(setSupported), []);
  if (!supported) return null;
  return (
    <button
      type="button"
      onClick={() => {
        void openPasskeyPage('unlock').then(() => window.close());
      }}
    >
      {t('unlockWithPasskey')}
    </button>
  );
}
