/** "Export": an encrypted backup, or (behind a warning) a plain otpauth:// list. */
import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { call, errorMessage } from '../../ui/api';
import { downloadText } from './download';
import { ReauthDialog } from '../../ui/reauth-dialog';
import type { Proof } from '../../shared/messages';
import { usePasskeyProof } from '../../ui/use-passkey-proof';

export function ExportPanel() {
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const [vaultPass, setVaultPass] = useState('');
  const passkey = usePasskeyProof();
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
    if (!vaultPass) return setError(t('reauthNeeded'));
    setBusy(true);
    try {
      // The vault passphrase is checked by the background before anything is written.
      const { text, filename } = await call('backup/export', { passphrase: pass, proof: { passphrase: vaultPass } });
      downloadText(text, filename);
      setStatus(t('exportDone', [filename]));
      setPass('');
      setConfirm('');
      setVaultPass('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  /** Throws when the background refuses the proof: the dialog shows why and stays open. */
  async function exportPlain(proof: Proof) {
    setError('');
    setStatus('');
    const { text, filename } = await call('backup/export-plain', { proof });
    setPlainWarning(false);
    downloadText(text, filename, 'text/plain');
    setStatus(t('exportDone', [filename]));
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
        <label>
          {t('vaultPassphrase')}
          <input type="password" autocomplete="current-password" value={vaultPass} onInput={(e) => setVaultPass(e.currentTarget.value)} />
        </label>
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>{busy ? t('working') : t('export')}</button>
          <button type="button" onClick={() => setPlainWarning(true)}>{t('exportUnencrypted')}</button>
        </div>
      </form>
      {plainWarning && (
        <ReauthDialog id="plain" title={t('plainWarningTitle')} confirmLabel={t('exportUnencryptedConfirm')} onConfirm={exportPlain} onCancel={() => setPlainWarning(false)} passkey={passkey}>
          <p>{t('plainWarning')}</p>
        </ReauthDialog>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      {status && <p role="status">{status}</p>}
    </section>
  );
}
