/**
 * Settings' vault-key actions: "Add a passkey or security key" (opens the passkey page, where
 * the WebAuthn ceremony cannot close the popup under it; hidden where unsupported) and
 * "Rotate vault key" (asks the passphrase again).
 */
import { useEffect, useState } from 'preact/hooks';
import { passkeysSupported } from '../../ui/passkey-client';
import { openPasskeyPage } from '../../ui/passkey-page';
import { t } from '../../ui/i18n';
import { call } from '../../ui/api';
import { ReauthDialog } from '../../ui/reauth-dialog';

export function VaultKeySettings() {
  const [rotating, setRotating] = useState(false);
  const [status, setStatus] = useState('');
  const [passkeys, setPasskeys] = useState(false);
  useEffect(() => void passkeysSupported().then(setPasskeys), []);

  return (
    <section class="account-form vault-key" aria-label={t('vaultKeySection')}>
      <div class="row">
        {passkeys && (
          <button type="button" onClick={() => void openPasskeyPage('manage').then(() => window.close())}>{t('addPasskey')}</button>
        )}
        <button type="button" onClick={() => (setStatus(''), setRotating(true))}>{t('rotateVaultKey')}</button>
      </div>
      {rotating && (
        <ReauthDialog
          id="rotate"
          title={t('rotateTitle')}
          confirmLabel={t('rotate')}
          onCancel={() => setRotating(false)}
          onConfirm={async (proof) => {
            if (!('passphrase' in proof)) return;
            await call('vault/rotate-key', { passphrase: proof.passphrase });
            setRotating(false);
            setStatus(t('rotated'));
          }}
        >
          <p>{t('rotateText')}</p>
        </ReauthDialog>
      )}
      {status && <p role="status">{status}</p>}
    </section>
  );
}
