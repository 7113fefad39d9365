/** The locked page: "Unlock with passkey" runs the ceremony here, where no popup can close under it. */
import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { call } from '../../ui/api';
import { passkeyProof } from '../../ui/passkey-client';
import { passkeyErrorMessage } from '../../ui/passkey-messages';
import type { PopupState } from '../../shared/messages';

export function UnlockPanel({ onUnlocked }: { onUnlocked: (state: PopupState) => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function unlock() {
    setError('');
    setBusy(true);
    try {
      const { passkeys } = await call('passkey/list', {});
      if (passkeys.length === 0) throw new Error('none');
      const { passkey } = await passkeyProof(passkeys);
      onUnlocked(await call('vault/unlock-passkey', passkey));
    } catch (err) {
      setError(err instanceof Error && err.message === 'none' ? t('noPasskeys') : passkeyErrorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="unlock-title">
      <h2 id="unlock-title">{t('unlockTitle')}</h2>
      <p class="hint">{t('passkeyUnlockHint')}</p>
      <button type="button" class="primary" disabled={busy} onClick={() => void unlock()}>
        {busy ? t('working') : t('unlockWithPasskey')}
      </button>
      {error && <p role="alert" class="error">{error}</p>}
    </section>
  );
}
