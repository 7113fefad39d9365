/** Edit an account's labels, note, backup codes and site binding; delete it after a confirmation. */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { originsFor } from '../../core/site/origins-for';
import { t } from '../../ui/i18n';
import { useFocusOnMount } from '../use-focus-on-mount';
import { call, errorMessage } from '../../ui/api';
import type { AccountView } from '../../core/otp/account';
import { ReauthDialog } from '../../ui/reauth-dialog';

interface Props {
  account: AccountView;
  onDone: () => void;
}

export function EditForm({ account, onDone }: Props) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [name, setName] = useState(account.name);
  const [note, setNote] = useState(account.note);
  const [codes, setCodes] = useState('');
  const [site, setSite] = useState(account.site);
  const [autoSubmit, setAutoSubmit] = useState(account.autoSubmit === true);
  const [autoFill, setAutoFill] = useState(account.autoFill === true);
  const [copyAfterFill, setCopyAfterFill] = useState(account.copyAfterFill === true);
  /** A site permission was granted in this form: it must be given back if the user backs out. */
  const [requested, setRequested] = useState(false);
  const [confirming, setConfirming] = useState(false);
  /** Revealing the secret asks the vault passphrase again; the link is kept only while the form is open. */
  const [revealing, setRevealing] = useState(false);
  const [secretLink, setSecretLink] = useState('');
  const [error, setError] = useState('');
  const focusRef = useFocusOnMount<HTMLInputElement>();

  useEffect(() => {
    call('account/backup-codes', { id: account.id })
      .then((r) => setCodes(r.backupCodes.join('\n')))
      .catch((err) => setError(errorMessage(err)));
  }, [account.id]);

  async function save(e: Event) {
    e.preventDefault();
    try {
      const backupCodes = codes.split('\n').map((c) => c.trim()).filter(Boolean);
      const fillHere = autoFill && site !== null;
      const fillChange = fillHere !== (account.autoFill === true) || requested ? { autoFill: fillHere } : {};
      await call('account/update', { id: account.id, changes: { issuer: issuer.trim(), name: name.trim(), note, backupCodes, site, autoSubmit, copyAfterFill, ...fillChange } });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  /** Asking for the site's permission must happen inside the click itself (a user gesture). */
  async function toggleAutoFill(checked: boolean) {
    setError('');
    if (!checked || !site) return setAutoFill(false);
    const granted = await browser.permissions.request({ origins: originsFor(site) }).catch(() => false);
    if (granted) {
      setAutoFill(true);
      setRequested(true);
    }
    else setError(t('autoFillDenied', [site]));
  }

  async function cancel() {
    // Backing out after granting a site permission gives it back (nothing else needs it).
    if (requested && account.autoFill !== true) await call('account/update', { id: account.id, changes: { autoFill: false } }).catch(() => undefined);
    onDone();
  }

  async function remove() {
    try {
      await call('account/delete', { id: account.id });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  if (revealing) {
    return (
      <ReauthDialog
        id="reveal"
        title={t('revealTitle')}
        confirmLabel={t('showSecret')}
        onCancel={() => setRevealing(false)}
        onConfirm={async (proof) => {
          const { uri } = await call('account/reveal', { id: account.id, proof });
          setSecretLink(uri);
          setRevealing(false);
        }}
      >
        <p>{t('revealWarning')}</p>
      </ReauthDialog>
    );
  }

  if (confirming) {
    return (
      <div role="alertdialog" aria-labelledby="del-title" class="confirm">
        <h2 id="del-title">{t('deleteTitle', [issuer || name])}</h2>
        <p>{t('deleteWarning')}</p>
        <div class="row">
          <button class="danger" onClick={remove}>{t('delete')}</button>
          <button onClick={() => setConfirming(false)}>{t('cancel')}</button>
        </div>
      </div>
    );
  }

  return (
    <form class="account-form" onSubmit={save}>
      <h2>{t('editAccount')}</h2>
      <label>
        {t('issuer')}
        <input ref={focusRef} value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} />
      </label>
      <label>
        {t('accountName')}
        <input value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {t('note')}
        <textarea rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <label>
        {t('backupCodes')}
        <textarea rows={3} spellcheck={false} value={codes} onInput={(e) => setCodes(e.currentTarget.value)} />
      </label>
      {secretLink ? (
        <label>
          {t('secretKey')}
          <textarea rows={3} readOnly spellcheck={false} value={secretLink} />
        </label>
      ) : (
        <button type="button" class="link" onClick={() => setRevealing(true)}>{t('showSecret')}</button>
      )}
      {site && (
        <p class="hint">
          {t('boundTo', [site])} <button type="button" class="link" onClick={() => setSite(null)}>{t('unbind')}</button>
        </p>
      )}
      <label class="check">
        <input type="checkbox" checked={autoSubmit} onChange={(e) => setAutoSubmit(e.currentTarget.checked)} />
        {t('autoSubmit')}
      </label>
      <label class="check">
        <input type="checkbox" checked={copyAfterFill} onChange={(e) => setCopyAfterFill(e.currentTarget.checked)} />
        {t('copyAfterFill')}
      </label>
      {site && account.type === 'totp' && (
        <label class="check">
          <input type="checkbox" checked={autoFill} onChange={(e) => void toggleAutoFill(e.currentTarget.checked)} />
          {t('autoFillOn', [site])}
        </label>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      <div class="row">
        <button type="submit" class="primary">{t('save')}</button>
        <button type="button" onClick={() => void cancel()}>{t('cancel')}</button>
        <button type="button" class="danger" onClick={() => setConfirming(true)}>{t('delete')}</button>
      </div>
    </form>
  );
}
