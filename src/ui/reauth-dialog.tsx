/**
 * The confirmation that asks for the vault passphrase again before anything sensitive happens
 * (plaintext leaving, key rotation). The page never judges the answer: `onConfirm` sends it to the
 * background, which re-derives and unwraps, and a refusal is shown here with nothing done.
 */
import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { t } from './i18n';
import { passkeyErrorMessage } from './passkey-messages';
import type { Proof } from '../shared/messages';

interface Props {
  id: string;
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  /** Sends the proof with the request; throws (a ReplyError) when the background refuses. */
  onConfirm: (proof: Proof) => Promise<void>;
  onCancel: () => void;
  /** Runs the passkey ceremony on this page and returns its proof; absent where passkeys are not set up. */
  passkey?: (() => Promise<Proof>) | undefined;
}

export function ReauthDialog({ id, title, children, confirmLabel, onConfirm, onCancel, passkey }: Props) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function run(proof: () => Promise<Proof>) {
    setError('');
    setBusy(true);
    try {
      await onConfirm(await proof());
    } catch (err) {
      setError(passkeyErrorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: Event) {
    e.preventDefault();
    if (!passphrase) return setError(t('reauthNeeded'));
    void run(async () => ({ passphrase }));
  }

  return (
    <div role="alertdialog" aria-labelledby={`${id}-title`} class="confirm">
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
      <form onSubmit={submit}>
        <label>
          {t('vaultPassphrase')}
          <input type="password" autocomplete="current-password" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
        </label>
        {error && <p role="alert" class="error">{error}</p>}
        <div class="row">
          <button type="submit" class="danger" disabled={busy}>{busy ? t('working') : confirmLabel}</button>
          {passkey && <button type="button" disabled={busy} onClick={() => void run(passkey)}>{t('usePasskey')}</button>}
          <button type="button" onClick={onCancel}>{t('cancel')}</button>
        </div>
      </form>
    </div>
  );
}
