/**
 * "Move to phone": every account as Google Authenticator transfer QR codes (which Google
 * Authenticator, Aegis and 2FAS import), or one account as a plain otpauth:// QR code.
 * The codes carry secrets, so they appear only on request and go away with "Hide QR codes".
 */
import { useEffect, useState } from 'preact/hooks';
import { formatNumber, t } from '../../ui/i18n';
import { coreText } from '../../ui/core-text';
import { call, errorMessage } from '../../ui/api';
import type { AccountView } from '../../core/otp/account';
import { QrImage } from './qr-image';
import { ReauthDialog } from '../../ui/reauth-dialog';
import type { Proof } from '../../shared/messages';
import { usePasskeyProof } from '../../ui/use-passkey-proof';

interface Transfer {
  uris: string[];
  excluded: { label: string; reason: string }[];
}

function labelOf(a: Pick<AccountView, 'issuer' | 'name'>): string {
  return [a.issuer, a.name].filter(Boolean).join(' — ') || '—';
}

/** All accounts as numbered transfer codes, with the ones the format cannot hold listed. */
function TransferCodes() {
  const [transfer, setTransfer] = useState<Transfer | null>(null);
  const [error, setError] = useState('');
  const [asking, setAsking] = useState(false);
  const passkey = usePasskeyProof();

  /** Throws when the background refuses the proof: the dialog shows why and nothing is shown. */
  async function show(proof: Proof) {
    setError('');
    const result = await call('backup/migration-qr', { proof });
    setAsking(false);
    setTransfer(result);
  }

  const total = formatNumber(transfer?.uris.length ?? 0);
  return (
    <div class="transfer">
      <div class="row">
        {transfer ? (
          <button type="button" onClick={() => setTransfer(null)}>{t('hideQrCodes')}</button>
        ) : (
          <button type="button" class="primary" onClick={() => setAsking(true)}>{t('showTransferCodes')}</button>
        )}
      </div>
      {asking && !transfer && (
        <ReauthDialog id="transfer" title={t('revealTitle')} confirmLabel={t('showTransferCodes')} onConfirm={show} onCancel={() => setAsking(false)} passkey={passkey}>
          <p>{t('moveWarning')}</p>
        </ReauthDialog>
      )}
      {transfer && (
        <>
          {transfer.uris.length === 0 ? (
            <p role="status">{t('nothingToMove')}</p>
          ) : (
            <>
              <p class="hint">{t('transferScanHint')}</p>
              <ol class="qr-list" aria-label={t('showTransferCodes')}>
                {transfer.uris.map((uri, i) => (
                  <li key={uri}>
                    <figure>
                      <QrImage text={uri} alt={t('transferCodeAlt', [formatNumber(i + 1), total])} />
                      <figcaption>{t('transferCodeN', [formatNumber(i + 1), total])}</figcaption>
                    </figure>
                  </li>
                ))}
              </ol>
            </>
          )}
          {transfer.excluded.length > 0 && (
            <>
              <h3 id="not-included-title">{t('notIncludedList')}</h3>
              <ul class="skipped" aria-labelledby="not-included-title">
                {transfer.excluded.map((x, i) => (
                  <li key={i}>{t('notIncludedEntry', [x.label, coreText(x.reason)])}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {error && <p role="alert" class="error">{error}</p>}
    </div>
  );
}

/** One account's otpauth:// link as a QR code, for any authenticator app. */
function OneAccount({ version }: { version: number }) {
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [chosen, setChosen] = useState('');
  const [shown, setShown] = useState<{ uri: string; label: string } | null>(null);
  const [error, setError] = useState('');
  const [asking, setAsking] = useState(false);
  const passkey = usePasskeyProof();

  useEffect(() => {
    call('state/get', {})
      .then((s) => {
        if (s.status !== 'unlocked') setError(t('unlockFirst'));
        setAccounts(s.accounts);
        setChosen((prev) => (s.accounts.some((a) => a.id === prev) ? prev : (s.accounts[0]?.id ?? '')));
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [version]);

  function ask(e: Event) {
    e.preventDefault();
    setError('');
    if (accounts.some((a) => a.id === chosen)) setAsking(true);
  }

  /** Throws when the background refuses the proof: the dialog shows why and nothing is shown. */
  async function show(proof: Proof) {
    const account = accounts.find((a) => a.id === chosen);
    if (!account) return setAsking(false);
    const { uri } = await call('account/reveal', { id: account.id, proof });
    setAsking(false);
    setShown({ uri, label: labelOf(account) });
  }

  return (
    <>
    <form class="one-account" onSubmit={ask}>
      <h3>{t('oneAccountTitle')}</h3>
      <p class="hint">{t('oneAccountHint')}</p>
      {/* Not wrapped in its label: a wrapped select would add its current option to its name. */}
      <label for="qr-account">{t('accountToShow')}</label>
      <select
        id="qr-account"
        value={chosen}
        onChange={(e) => {
          setChosen(e.currentTarget.value);
          setShown(null);
        }}
      >
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>{labelOf(a)}</option>
        ))}
      </select>
      <div class="row">
        <button type="submit" disabled={!chosen}>{t('showQr')}</button>
        {shown && <button type="button" onClick={() => setShown(null)}>{t('hideQrCodes')}</button>}
      </div>
      {shown && (
        <figure>
          <QrImage text={shown.uri} alt={t('accountQrAlt', [shown.label])} />
          <figcaption>{shown.label}</figcaption>
        </figure>
      )}
      {error && <p role="alert" class="error">{error}</p>}
    </form>
    {/* Outside the form above: the dialog's own form must not submit it. */}
    {asking && !shown && (
      <ReauthDialog id="one-qr" title={t('revealTitle')} confirmLabel={t('showQr')} onConfirm={show} onCancel={() => setAsking(false)} passkey={passkey}>
        <p>{t('moveWarning')}</p>
      </ReauthDialog>
    )}
    </>
  );
}

/** `version` changes after an import, so the account list is read again. */
export function MovePanel({ version }: { version: number }) {
  return (
    <section id="move" aria-labelledby="move-title">
      <h2 id="move-title">{t('moveToPhone')}</h2>
      <p class="hint">{t('moveHint')}</p>
      <p class="warning" role="note">{t('moveWarning')}</p>
      <TransferCodes />
      <OneAccount version={version} />
    </section>
  );
}
