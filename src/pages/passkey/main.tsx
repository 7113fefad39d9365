/**
 * The passkey page: a full extension tab, because WebAuthn's browser dialog takes the focus and
 * the popup closes when it loses focus. Locked, it offers "Unlock with passkey"; unlocked, it
 * lists, adds and removes passkeys. The popup reuses an open passkey tab (passkey-page.ts).
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { call, errorMessage } from '../../ui/api';
import { passkeysSupported } from '../../ui/passkey-client';
import { registerPasskeyTab } from '../../ui/passkey-page';
import type { PopupState } from '../../shared/messages';
import { UnlockPanel } from './unlock-panel';
import { ManagePanel } from './manage-panel';
import '../../popup/popup.css';
import '../backup/backup.css';

function Page() {
  const [state, setState] = useState<PopupState | null>(null);
  const [supported, setSupported] = useState<boolean | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  async function refresh() {
    try {
      setState(await call('state/get', {}));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  useEffect(() => {
    void passkeysSupported().then(setSupported);
    void refresh();
    // The popup's "Unlock with passkey" points an open passkey tab here again (#unlock).
    const onHash = () => void refresh();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  return (
    <main class="backup-page">
      <h1>{t('passkeyPageTitle')}</h1>
      {supported === false && <p role="alert" class="error">{t('passkeyNotSupported')}</p>}
      {error && <p role="alert" class="error">{error}</p>}
      {status && <p role="status">{status}</p>}
      {supported && state?.status === 'locked' && (
        <UnlockPanel
          onUnlocked={(next) => {
            setState(next);
            setStatus(t('unlockedWithPasskey'));
          }}
        />
      )}
      {supported && state?.status === 'no-vault' && <p>{t('err_no_vault')}</p>}
      {supported && state?.status === 'unlocked' && <ManagePanel />}
    </main>
  );
}

render(<Page />, document.getElementById('app')!);
void registerPasskeyTab();
