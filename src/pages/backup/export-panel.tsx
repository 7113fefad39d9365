/** "Export": an encrypted backup, or (behind a warning) a plain otpauth:// list. */
import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { call, errorMessage } from '../../ui/api';
import { downloadText } from './download';

export function ExportPanel() {
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [plainWarning, setPlainWarning] = useState(false);

  async function exportEncrypted(e: Event) {
    e.preventDefault();
    setError('');
    setStatus('');
    if (pass.length < 8) return setError(t('errPassphraseShort'));
    if (pass !== confirm) return setError(t('errPassphraseMismatch'));
    setBusy(true);
    try {
      const { text, filename } = await call('backup/export', { passphrase: pass });
      downloadText(text, filename);
      setStatus(t('exportDone', [filename]));
      setPass('');
      setConfirm('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function exportPlain() {
    setPlainWarning(false);
    try {
      const { text, filename } = await call('backup/export-plain', {});
      downloadText(text, filename, 'text/plain');
      setStatus(t('exportDone', [filename]));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section id="export" aria-labelledby="export-title">
      <h2 id="export-title">{t('exportBackup')}</h2>
      <p class="hint">{t('exportHint')}</p>
      <form onSubmit={exportEncrypted}>
        <label>
          {t('backupPassphrase')}
          <input type="password" autocomplete="new-password" value={pass} onInput={(e) => setPass(e.currentTarget.value)} />
        </label>
        <label>
          {t('confirmBackupPassphrase')}
          <input type="password" autocomplete="new-password" value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />
        </label>
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>{busy ? t('working') : t('export')}</button>
          <button type="button" onClick={() => setPlainWarning(true)}>{t('exportUnencrypted')}</button>
        </div>
      </form>
      {plainWarning && (
        <div role="alertdialog" aria-labelledby="plain-title" class="confirm">
          <h3 id="plain-title">{t('plainWarningTitle')}</h3>
          <p>{t('plainWarning')}</p>
          <div class="row">
            <button type="button" class="danger" onClick={() => void exportPlain()}>{t('exportUnencryptedConfirm')}</button>
            <button type="button" onClick={() => setPlainWarning(false)}>{t('cancel')}</button>
          </div>
        </div>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      {status && <p role="status">{status}</p>}
    </section>
  );
}
