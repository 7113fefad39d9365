/** The popup: first run, locked, or the unlocked list with its forms. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t, tn } from '../ui/i18n';
import { call, errorMessage, localized } from '../ui/api';
import type { PopupState } from '../shared/messages';
import type { AccountView } from '../core/otp/account';
import { PassphraseView } from './components/passphrase-view';
import { AccountList } from './components/account-list';
import { AccountForm } from './components/account-form';
import { EditForm } from './components/edit-form';
import { ScanPanel, SCAN_CLICKED } from './components/scan-panel';
import { FillConfirm, type PendingConfirm } from './components/fill-confirm';
import { SettingsView } from './components/settings-view';
import { copyWithTimedClear } from './clipboard';
import { BackupCodeOffer } from './components/backup-code-offer';
import { ClockNotice } from './components/clock-notice';

type View =
  | { kind: 'list' }
  | { kind: 'add'; prefill?: { secret?: string | null; issuer?: string } }
  | { kind: 'edit'; account: AccountView }
  | { kind: 'scan' }
  | { kind: 'settings' };

const NOTICES = { recovered: 'noticeRecovered', 'change-saved': 'noticeChangeSaved', 'change-lost': 'noticeChangeLost' } as const;
function noticeText(notice: PopupState['notice']): string {
  return notice ? t(NOTICES[notice]) : '';
}

function matches(a: AccountView, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return a.issuer.toLowerCase().includes(q) || a.name.toLowerCase().includes(q);
}

export function App({ initial, tabId }: { initial: PopupState; tabId: number | undefined }) {
  const [state, setState] = useState(initial);
  const [view, setView] = useState<View>(initial.openScan ? { kind: 'scan' } : { kind: 'list' });
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState(noticeText(initial.notice));
  const [error, setError] = useState('');
  const [refreshKey, setRefreshKey] = useState(0);
  const [confirm, setConfirm] = useState<PendingConfirm | null>(null);

  async function reload() {
    const next = await call('state/get', { tabId });
    setState(next);
    if (next.notice) setStatus(noticeText(next.notice));
    if (next.openScan) setView({ kind: 'scan' });
    setRefreshKey((k) => k + 1);
  }

  const site = state.tab?.site ?? null;
  const filtered = useMemo(() => state.accounts.filter((a) => matches(a, query)), [state.accounts, query]);
  const here = site ? filtered.filter((a) => a.site === site) : [];
  const rest = site ? filtered.filter((a) => a.site !== site) : filtered;

  useEffect(() => setError(''), [view]);

  if (state.status !== 'unlocked') {
    return <PassphraseView mode={state.status === 'no-vault' ? 'create' : 'unlock'} passkey={state.passkeyUnlock === true} onDone={() => void reload()} />;
  }

  async function fill(account: AccountView, confirmSite = false, bindSite = false) {
    if (tabId === undefined) return;
    setError('');
    setStatus(t('filling'));
    try {
      const result = await call('fill/run', { tabId, accountId: account.id, confirmSite, ...(bindSite ? { bindSite } : {}) });
      if (result.kind === 'filled') {
        setStatus(t('filled'));
        // "Copy the code after filling": the code that went into the page goes on the clipboard too.
        if (result.copy) await copyWithTimedClear(result.copy, state.settings.clipboardClearSeconds);
        window.close();
      } else if (result.kind === 'confirm-site') {
        setConfirm({ account, accountSite: result.accountSite, pageSite: result.pageSite, canBind: result.canBind });
      } else if (result.kind === 'no-field' || result.kind === 'refused') {
        setStatus('');
        setError(localized(result.reason) ?? result.message);
      }
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function copy(code: string) {
    const ok = await copyWithTimedClear(code, state.settings.clipboardClearSeconds);
    setStatus(ok ? t('copied') : t('copyFailed'));
  }

  async function next(account: AccountView) {
    try {
      await call('account/hotp-next', { id: account.id });
      setRefreshKey((k) => k + 1);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function lock() {
    setState(await call('vault/lock', {}));
  }

  function openBackupPage(tab: 'export' | 'import') {
    void browser.tabs.create({ url: browser.runtime.getURL(`src/pages/backup/index.html#${tab}`) });
    window.close();
  }

  function startScan() {
    performance.mark(SCAN_CLICKED); // for `npm run bench`: click → confirmation on screen
    setView({ kind: 'scan' });
  }

  const back = () => {
    setView({ kind: 'list' });
    void reload();
  };

  if (confirm) {
    return (
      <FillConfirm
        pending={confirm}
        onFill={(bindSite) => {
          setConfirm(null);
          void fill(confirm.account, true, bindSite);
        }}
        onCancel={() => setConfirm(null)}
      />
    );
  }
  if (view.kind === 'add') return <AccountForm prefill={view.prefill} tabId={tabId} onSaved={back} onCancel={back} />;
  if (view.kind === 'edit') return <EditForm account={view.account} tabSite={site} onDone={back} />;
  if (view.kind === 'settings') return <SettingsView settings={state.settings} onDone={back} />;
  if (view.kind === 'scan' && tabId !== undefined) {
    return <ScanPanel tabId={tabId} onDone={back} onManual={(prefill) => setView({ kind: 'add', prefill })} />;
  }

  const listProps = {
    canFill: state.tab?.fillable ?? false,
    refreshKey,
    seed: state.codes,
    onCopy: (code: string) => void copy(code),
    onFill: (a: AccountView) => void fill(a),
    onEdit: (a: AccountView) => setView({ kind: 'edit', account: a }),
    onNext: (a: AccountView) => void next(a),
  };

  return (
    <main class="unlocked">
      <header>
        <input type="search" role="searchbox" aria-label={t('search')} placeholder={t('search')} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <button type="button" onClick={startScan} disabled={tabId === undefined}>{t('scanQr')}</button>
        <button type="button" onClick={() => setView({ kind: 'add' })}>{t('addAccount')}</button>
      </header>
      {error && <p role="alert" class="error">{error}</p>}
      <p role="status" class="status">{status}</p>
      <ClockNotice refreshKey={refreshKey} onApplied={() => setRefreshKey((k) => k + 1)} />
      {state.tab?.site && tabId !== undefined && <BackupCodeOffer tabId={tabId} onStatus={setStatus} />}
      {state.unsavedSinceBackup > 0 && <p class="reminder">{tn('backupReminder', state.unsavedSinceBackup)}</p>}
      {state.accounts.length === 0 && <p class="empty">{t('noAccounts')}</p>}
      {here.length > 0 && (
        <section class="here">
          <h2>{t('thisSite')}</h2>
          <AccountList accounts={here} label={t('thisSite')} virtual={false} {...listProps} />
        </section>
      )}
      {here.length > 0 && rest.length > 0 && <h2>{t('allAccounts')}</h2>}
      {rest.length > 0 ? <AccountList accounts={rest} label={t('accounts')} virtual={true} {...listProps} /> : <div class="spacer" />}
      <footer>
        <button type="button" onClick={() => openBackupPage('export')}>{t('exportBackup')}</button>
        <button type="button" onClick={() => openBackupPage('import')}>{t('importBackup')}</button>
        <button type="button" onClick={() => setView({ kind: 'settings' })}>{t('settings')}</button>
        <button type="button" onClick={() => void lock()}>{t('lock')}</button>
      </footer>
    </main>
  );
}
