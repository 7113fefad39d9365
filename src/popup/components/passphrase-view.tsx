/** First run ("Create vault") and locked ("Unlock") screens. */
import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { useFocusOnMount } from '../use-focus-on-mount';
import { call, errorMessage } from '../../ui/api';
import type { PopupState } from '../../shared/messages';
import { JoinView } from './join-view';
import { PasskeyUnlockButton } from './passkey-unlock-button';

interface Props {
  mode: 'create' | 'unlock';
  /** A passkey slot exists: offer "Unlock with passkey" (where this browser supports it). */
  passkey?: boolean;
  onDone: (state: PopupState) => void;
}

export function PassphraseView({ mode, passkey = false, onDone }: Props) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const focusRef = useFocusOnMount<HTMLInputElement>();
  const [joining, setJoining] = useState(false);
  if (joining) return <JoinView onDone={onDone} onCancel={() => setJoining(false)} />;

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    if (mode === 'create') {
      if (passphrase.length < 8) return setError(t('errPassphraseShort'));
      if (passphrase !== confirm) return setError(t('errPassphraseMismatch'));
    }
    setBusy(true);
    try {
      onDone(await call(mode === 'create' ? 'vault/create' : 'vault/unlock', { passphrase }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form class="passphrase" onSubmit={submit}>
      <h1>{t(mode === 'create' ? 'createTitle' : 'unlockTitle')}</h1>
      {mode === 'create' && <p class="hint">{t('createHint')}</p>}
      <label>
        {t('passphrase')}
        <input type="password" ref={focusRef} autocomplete={mode === 'create' ? 'new-password' : 'current-password'} value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
      </label>
      {mode === 'create' && (
        <label>
          {t('confirmPassphrase')}
          <input type="password" autocomplete="new-password" value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />
        </label>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('working') : t(mode === 'create' ? 'createVault' : 'unlock')}
      </button>
      {mode === 'create' && (
        <button type="button" class="link join" onClick={() => setJoining(true)}>
          {t('syncSetUp')}
        </button>
      )}
      {mode === 'unlock' && passkey && <PasskeyUnlockButton />}
    </form>
  );
}
