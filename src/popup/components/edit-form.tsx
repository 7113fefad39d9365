/** Edit an account's labels, note, backup codes and site binding; delete it after a confirmation. */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { homeOrigins, patternOf } from '../../core/site/auto-fill-origins';
import { t } from '../../ui/i18n';
import { useFocusOnMount } from '../use-focus-on-mount';
import { call, errorMessage } from '../../ui/api';
import type { AccountView } from '../../core/otp/account';
import { ReauthDialog } from '../../ui/reauth-dialog';
import { usePasskeyProof } from '../../ui/use-passkey-proof';

interface Props {
  account: AccountView;
  /** The site of the tab the popup was opened on (the background's reading), if any. */
  tabSite?: string | null;
  onDone: () => void;
}

/** The scheme and host of the tab the popup is on (no port: host patterns cannot name one). */
async function tabHostOrigin(): Promise<string | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  try {
    const url = new URL(tab?.url ?? '');
    return /^https?:$/.test(url.protocol) ? `${url.protocol}//${url.hostname}` : null;
  } catch {
    return null;
  }
}

export function EditForm({ account, tabSite, onDone }: Props) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [name, setName] = useState(account.name);
  const [note, setNote] = useState(account.note);
  const [codes, setCodes] = useState('');
  const [site, setSite] = useState(account.site);
  const [autoSubmit, setAutoSubmit] = useState(account.autoSubmit === true);
  /** A site permission was granted in this form: it must be given back if the user backs out. */
  const [requested, setRequested] = useState(false);
  const [confirming, setConfirming] = useState(false);
  /**
   * Where ticking "Fill automatically" opts in: the very origin of the page the popup is on, when
   * that page is of this account's site; away from it, the site's own host. Never its subdomains:
   * each further origin is opted in on there. Read before the click (Firefox allows the
   * permission request only synchronously inside it).
   */
  const [optIn, setOptIn] = useState<string[]>(account.site ? homeOrigins(account.site) : []);
  // On the account's own site the box waits for the page's origin: a click before it is known
  // would ask for the site's host in both schemes rather than the one page the person is on.
  const onOwnSite = account.site !== null && tabSite === account.site;
  const [originKnown, setOriginKnown] = useState(!onOwnSite);
  useEffect(() => {
    if (!onOwnSite) return setOriginKnown(true);
    setOriginKnown(false);
    void tabHostOrigin().then((origin) => {
      if (origin) setOptIn([origin]);
      setOriginKnown(true);
    });
  }, [onOwnSite]);
  // Records from before per-origin opt-ins cover the site's own host (as the background reads them).
  const optedIn = account.autoFillOrigins ?? (account.autoFill && account.site ? homeOrigins(account.site) : []);
  /** The box says whether *this* origin fills automatically; other opted-in origins stay as they are. */
  const wasHere = account.autoFill === true && optIn.every((o) => optedIn.includes(o));
  const [autoFill, setAutoFill] = useState(wasHere);
  useEffect(() => setAutoFill(wasHere), [wasHere]);
  const [copyAfterFill, setCopyAfterFill] = useState(account.copyAfterFill === true);
  /** Revealing the secret asks the vault passphrase (or a passkey) again; the link is kept only while the form is open. */
  const [revealing, setRevealing] = useState(false);
  const passkey = usePasskeyProof();
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
      let fillChange = {};
      if (fillHere !== wasHere || requested) {
        const origins = fillHere ? [...new Set([...optedIn, ...optIn])] : optedIn.filter((o) => !optIn.includes(o));
        fillChange = { autoFill: origins.length > 0, autoFillOrigins: origins.length ? origins : optIn };
      }
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
    const granted = await browser.permissions.request({ origins: optIn.map(patternOf) }).catch(() => false);
    if (granted) {
      setAutoFill(true);
      setRequested(true);
    }
    else setError(t('autoFillDenied', [site]));
  }

  async function cancel() {
    // Backing out after granting a site permission gives it back (nothing else needs it).
    if (requested && account.autoFill !== true) await call('account/update', { id: account.id, changes: { autoFill: false, autoFillOrigins: optIn } }).catch(() => undefined);
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
        passkey={passkey}
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
          <input type="checkbox" checked={autoFill} disabled={!originKnown} onChange={(e) => void toggleAutoFill(e.currentTarget.checked)} />
          {t('autoFillOn', [[...new Set(optIn.map((o) => o.replace(/^https?:\/\//, '')))].join(', ') || site])}
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
