/** First run on another device: "Set up from sync" with the server fields and the vault passphrase. */
import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { call, errorMessage } from '../../ui/api';
import { useFocusOnMount } from '../use-focus-on-mount';
import type { PopupState, SyncServerForm } from '../../shared/messages';
import { requestServerPermission, SyncFields } from './sync-fields';

export function JoinView({ onDone, onCancel }: { onDone: (state: PopupState) => void; onCancel: () => void }) {
  const [form, setForm] = useState<SyncServerForm>({ url: '', user: '', password: '' });
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const focusRef = useFocusOnMount<HTMLInputElement>();

  async function join(e: Event) {
    e.preventDefault();
    setError('');
    // First await of the click: the permission prompt needs the person's gesture.
    if (!(await requestServerPermission(form.url))) return setError(t('syncPermissionDenied'));
    setBusy(true);
    try {
      onDone(await call('sync/join', { ...form, passphrase }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form class="passphrase" noValidate onSubmit={join}>
      <h1>{t('syncJoinTitle')}</h1>
      <p class="hint">{t('syncJoinHint')}</p>
      <SyncFields value={form} onChange={setForm} focusRef={focusRef} />
      <label>
        {t('passphrase')}
        <input type="password" autocomplete="current-password" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
      </label>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('working') : t('syncJoin')}
        </button>
        <button type="button" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
