/** Settings → Sync: turn sync on (server fields + vault passphrase), sync now, turn it off. */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../../ui/i18n';
import { call, errorMessage, localized } from '../../ui/api';
import { useFocusOnMount } from '../use-focus-on-mount';
import type { SyncServerForm, SyncStatus } from '../../shared/messages';
import { requestServerPermission, serverPattern, SyncFields } from './sync-fields';

/** "Synced 2 minutes ago", in the browser's language. */
export function syncedAgo(at: number, now: number): string {
  const rtf = new Intl.RelativeTimeFormat(browser.i18n.getUILanguage(), { numeric: 'auto' });
  const seconds = Math.round((at - now) / 1000);
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    Math.abs(seconds) < 60 ? [seconds, 'second'] : Math.abs(seconds) < 3600 ? [Math.round(seconds / 60), 'minute'] : Math.abs(seconds) < 86400 ? [Math.round(seconds / 3600), 'hour'] : [Math.round(seconds / 86400), 'day'];
  return t('syncedAgo', [rtf.format(value, unit)]);
}

function statusText(status: SyncStatus | null, now: number): string {
  if (!status) return '';
  if (status.state === 'off') return t('syncOff');
  if (status.state === 'syncing') return t('syncSyncing');
  if (status.problem) return localized(status.problem.code) ?? status.problem.message;
  const parts = status.lastSyncAt ? [syncedAgo(status.lastSyncAt, now)] : [];
  if (status.conflicts > 0) parts.push(t('syncConflicts', [String(status.conflicts)]));
  return parts.join(' ');
}

export function SyncView({ onDone }: { onDone: () => void }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [form, setForm] = useState<SyncServerForm>({ url: '', user: '', password: '' });
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(Date.now());
  const focusRef = useFocusOnMount<HTMLInputElement>();

  useEffect(() => {
    void call('sync/status', {}).then(setStatus, (err: unknown) => setError(errorMessage(err)));
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  async function run(work: () => Promise<SyncStatus>) {
    setError('');
    setBusy(true);
    try {
      setStatus(await work());
      setNow(Date.now());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function turnOn(e: Event) {
    e.preventDefault();
    // First await of the click: the permission prompt needs the person's gesture.
    if (!(await requestServerPermission(form.url))) return setError(t('syncPermissionDenied'));
    await run(() => call('sync/enable', { ...form, passphrase }));
    setPassphrase('');
  }

  async function turnOff() {
    const server = status?.server;
    await run(() => call('sync/disable', {}));
    const pattern = server ? serverPattern(server.url) : null;
    if (!server || !pattern) return;
    // Give the host permission back unless a "fill automatically" script still needs it.
    const host = `//${new URL(server.url).hostname}/`;
    const scripts = await browser.scripting.getRegisteredContentScripts().catch(() => []);
    if (!scripts.some((s) => s.matches?.some((m) => m.includes(host)))) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
  }

  const on = status?.server != null;
  return (
    <form class="account-form sync" noValidate onSubmit={turnOn}>
      <h2>{t('syncTitle')}</h2>
      {!on && <p class="hint">{t('syncHint')}</p>}
      {on && status?.server && (
        <p class="hint">
          {status.server.user} · {status.server.url}
        </p>
      )}
      {!on && status && (
        <>
          <SyncFields value={form} onChange={setForm} focusRef={focusRef} />
          <label>
            {t('syncVaultPassphrase')}
            <input type="password" autocomplete="current-password" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
          </label>
        </>
      )}
      <p role="status" class="status sync-status">{busy && on ? t('syncSyncing') : statusText(status, now)}</p>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="row">
        {!on && (
          <button type="submit" class="primary" disabled={busy || !status}>
            {busy ? t('working') : t('syncTurnOn')}
          </button>
        )}
        {on && (
          <button type="button" class="primary" disabled={busy} onClick={() => void run(() => call('sync/now', {}))}>
            {t('syncNow')}
          </button>
        )}
        {on && (
          <button type="button" class="danger" disabled={busy} onClick={() => void turnOff()}>
            {t('syncTurnOff')}
          </button>
        )}
        <button type="button" onClick={onDone}>{t('cancel')}</button>
      </div>
    </form>
  );
}
