/** Settings' vault-key actions: "Rotate vault key" (asks the passphrase again). */
import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { call } from '../../ui/api';
import { ReauthDialog } from '../../ui/reauth-dialog';

export function VaultKeySettings() {
  const [rotating, setRotating] = useState(false);
  const [status, setStatus] = useState('');

  return (
    <section class="account-form vault-key" aria-label={t('vaultKeySection')}>
      <div class="row">
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
