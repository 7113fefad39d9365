/**
 * Listing, adding and removing passkeys (unlocked only). Adding or removing needs the vault
 * passphrase; the passphrase is checked before the credential is created, so a typo leaves no
 * orphan credential on the authenticator.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { call, errorMessage } from '../../ui/api';
import { toBase64 } from '../../core/vault/bytes';
import { createPasskey } from '../../ui/passkey-client';
import { passkeyErrorMessage } from '../../ui/passkey-messages';
import { ReauthDialog } from '../../ui/reauth-dialog';
import type { PasskeyEntry } from '../../shared/messages';

export function ManagePanel() {
  const [passkeys, setPasskeys] = useState<PasskeyEntry[]>([]);
  const [label, setLabel] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<PasskeyEntry | null>(null);

  useEffect(() => {
    call('passkey/list', {})
      .then((r) => setPasskeys(r.passkeys))
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  async function add(e: Event) {
    e.preventDefault();
    setError('');
    setStatus('');
    if (!passphrase) return setError(t('reauthNeeded'));
    const name = label.trim() || t('passkeyDefaultName');
    setBusy(true);
    try {
      await call('vault/verify', { proof: { passphrase } });
      const salt = toBase64(crypto.getRandomValues(new Uint8Array(32)));
      const created = await createPasskey(salt, name);
      const result = await call('passkey/add', { passphrase, ...created, salt, label: name });
      setPasskeys(result.passkeys);
      setStatus(t('passkeyAdded', [name]));
      setLabel('');
      setPassphrase('');
    } catch (err) {
      setError(passkeyErrorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{t('passkeyList')}</h2>
      <p class="hint">{t('passkeysHint')}</p>
      {passkeys.length === 0 ? (
        <p>{t('noPasskeys')}</p>
      ) : (
        <ul aria-labelledby="passkeys-title" class="passkeys">
          {passkeys.map((p) => (
            <li key={p.credentialId}>
              {t('passkeyEntry', [p.label, new Date(p.createdAt).toLocaleDateString()])}{' '}
              <button type="button" class="link" aria-label={t('removePasskeyFor', [p.label])} onClick={() => setRemoving(p)}>{t('remove')}</button>
            </li>
          ))}
        </ul>
      )}
      {removing && (
        <ReauthDialog
          id="remove-passkey"
          title={t('removePasskeyTitle', [removing.label])}
          confirmLabel={t('remove')}
          onCancel={() => setRemoving(null)}
          onConfirm={async (proof) => {
            if (!('passphrase' in proof)) return;
            const result = await call('passkey/remove', { passphrase: proof.passphrase, credentialId: removing.credentialId });
            setPasskeys(result.passkeys);
            setStatus(t('passkeyRemoved', [removing.label]));
            setRemoving(null);
          }}
        >
          <p>{t('removePasskeyText')}</p>
        </ReauthDialog>
      )}
      <form onSubmit={(e) => void add(e)}>
        <label>
          {t('passkeyName')}
          <input value={label} maxLength={64} placeholder={t('passkeyDefaultName')} onInput={(e) => setLabel(e.currentTarget.value)} />
        </label>
        <label>
          {t('vaultPassphrase')}
          <input type="password" autocomplete="current-password" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary" disabled={busy}>{busy ? t('working') : t('addPasskey')}</button>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
      {status && <p role="status">{status}</p>}
    </section>
  );
}
