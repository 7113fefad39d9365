/** The server fields shared by "Sync" and "Set up from sync", and the permission they need. */
import browser from 'webextension-polyfill';
import { t } from '../../ui/i18n';
import type { SyncServerForm } from '../../shared/messages';

/** The host permission for the server's origin only; null when the address cannot be read. */
export function serverPattern(url: string): string | null {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? `${u.protocol}//${u.hostname}/*` : null;
  } catch {
    return null;
  }
}

/**
 * Asks for the server's host permission. Must be the first thing a click handler awaits: the
 * browser grants the request only inside the person's gesture. A bad address is left for the
 * background to name in words.
 */
export async function requestServerPermission(url: string): Promise<boolean> {
  const pattern = serverPattern(url);
  if (!pattern) return true;
  return browser.permissions.request({ origins: [pattern] });
}

export function SyncFields({ value, onChange, focusRef }: { value: SyncServerForm; onChange: (next: SyncServerForm) => void; focusRef?: { current: HTMLInputElement | null } }) {
  return (
    <>
      <label>
        {t('syncServer')}
        <input ref={focusRef} type="url" inputMode="url" autocomplete="url" placeholder={t('syncServerExample')} value={value.url} onInput={(e) => onChange({ ...value, url: e.currentTarget.value })} />
      </label>
      <label>
        {t('syncUser')}
        <input type="text" autocomplete="username" value={value.user} onInput={(e) => onChange({ ...value, user: e.currentTarget.value })} />
      </label>
      <label>
        {t('syncPassword')}
        <input type="password" autocomplete="off" value={value.password} onInput={(e) => onChange({ ...value, password: e.currentTarget.value })} />
      </label>
    </>
  );
}
