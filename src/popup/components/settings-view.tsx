/** Settings: auto-lock delay and clipboard clearing. */
import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { useFocusOnMount } from '../use-focus-on-mount';
import { call, errorMessage } from '../../ui/api';
import type { Settings } from '../../shared/messages';
import { SyncView } from './sync-view';
import { VaultKeySettings } from './vault-key-settings';
import { ClipboardPermission } from './clipboard-permission';

export function SettingsView({ settings, onDone }: { settings: Settings; onDone: () => void }) {
  const [autoLock, setAutoLock] = useState(settings.autoLockMinutes);
  const [clear, setClear] = useState(settings.clipboardClearSeconds);
  const [error, setError] = useState('');
  const focusRef = useFocusOnMount<HTMLInputElement>();
  const [syncOpen, setSyncOpen] = useState(false);
  if (syncOpen) return <SyncView onDone={() => setSyncOpen(false)} />;

  async function save(e: Event) {
    e.preventDefault();
    if (!(autoLock >= 1 && autoLock <= 1440)) return setError(t('errAutoLock'));
    try {
      await call('settings/set', { autoLockMinutes: autoLock, clipboardClearSeconds: clear });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <>
    <form class="account-form" noValidate onSubmit={save}>
      <h2>{t('settings')}</h2>
      <label>
        {t('autoLockMinutes')}
        <input ref={focusRef} type="number" min={1} max={1440} value={autoLock} onInput={(e) => setAutoLock(Number(e.currentTarget.value))} />
      </label>
      <label>
        {t('clipboardClearSeconds')}
        <input type="number" min={0} max={600} value={clear} onInput={(e) => setClear(Number(e.currentTarget.value))} />
      </label>
      <ClipboardPermission />
      {error && <p role="alert" class="error">{error}</p>}
      <div class="row">
        <button type="submit" class="primary">{t('save')}</button>
        <button type="button" onClick={onDone}>{t('cancel')}</button>
      </div>
      <div class="row">
        <button type="button" onClick={() => setSyncOpen(true)}>{t('sync')}</button>
      </div>
    </form>
    {/* Outside the settings form: its own dialog's form must not submit the settings. */}
    <VaultKeySettings />
    </>
  );
}
