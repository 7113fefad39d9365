/**
 * "Also clear it after the popup closes": the one place Tessera asks for the optional
 * clipboardWrite permission. Clearing a copied code after the popup closed is a copy command
 * outside a click, which Chromium and Firefox allow an extension only with that permission, and
 * it carries a warning ("change what you copy and paste"), so it is asked for here, when the
 * person chooses it, never at install. Unticking gives it back.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../../ui/i18n';

const CLIPBOARD_WRITE = { permissions: ['clipboardWrite'] as browser.Manifest.OptionalPermission[] };

export function ClipboardPermission() {
  const [granted, setGranted] = useState<boolean | null>(null);
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    void browser.permissions.contains(CLIPBOARD_WRITE).then(setGranted, () => setGranted(false));
  }, []);

  async function toggle(want: boolean) {
    setRefused(false);
    // Asked inside the click: the browser shows its prompt only for a user gesture.
    const now = want
      ? await browser.permissions.request(CLIPBOARD_WRITE).catch(() => false)
      : !(await browser.permissions.remove(CLIPBOARD_WRITE).catch(() => false));
    setGranted(now);
    if (want && !now) setRefused(true);
  }

  return (
    <>
      <label class="check">
        <input type="checkbox" checked={granted === true} disabled={granted === null} onChange={(e) => void toggle(e.currentTarget.checked)} />
        {t('clipboardAfterClose')}
      </label>
      <p class="hint">{t('clipboardAfterCloseHint')}</p>
      {refused && <p role="alert" class="error">{t('clipboardPermissionRefused')}</p>}
    </>
  );
}
