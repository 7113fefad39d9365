/** The phishing check: filling an account bound to another site needs an explicit "Fill anyway". */
import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { useFocusOnMount } from '../use-focus-on-mount';
import type { AccountView } from '../../core/otp/account';

export interface PendingConfirm {
  account: AccountView;
  accountSite: string;
  pageSite: string;
  /** The account is unbound and this page may be bound to: offer the separate choice. */
  canBind: boolean;
}

export function FillConfirm({ pending, onFill, onCancel }: { pending: PendingConfirm; onFill: (bindSite: boolean) => void; onCancel: () => void }) {
  // The safe choice has the focus: Enter must never fill on the wrong site.
  const focusRef = useFocusOnMount<HTMLButtonElement>();
  // "Fill anyway" fills once; binding the account to this site is a separate, explicit choice.
  const [bind, setBind] = useState(false);
  return (
    <div role="alertdialog" aria-labelledby="fc-title" aria-describedby="fc-body" class="confirm">
      <h2 id="fc-title">{t('otherSiteTitle')}</h2>
      <p id="fc-body">{t('otherSiteBody', [pending.account.issuer || pending.account.name, pending.accountSite, pending.pageSite])}</p>
      {pending.canBind && (
        <label class="check">
          <input type="checkbox" checked={bind} onChange={(e) => setBind(e.currentTarget.checked)} />
          {t('bindFromNowOn', [pending.pageSite])}
        </label>
      )}
      <div class="row">
        <button type="button" ref={focusRef} onClick={onCancel}>{t('cancel')}</button>
        <button type="button" class="danger" onClick={() => onFill(pending.canBind && bind)}>{t('fillAnyway')}</button>
      </div>
    </div>
  );
}
