/** The phishing check: filling an account bound to another site needs an explicit "Fill anyway". */
import { t } from '../../ui/i18n';
import { useFocusOnMount } from '../use-focus-on-mount';
import type { AccountView } from '../../core/otp/account';

export interface PendingConfirm {
  account: AccountView;
  accountSite: string;
  pageSite: string;
}

export function FillConfirm({ pending, onFill, onCancel }: { pending: PendingConfirm; onFill: () => void; onCancel: () => void }) {
  // The safe choice has the focus: Enter must never fill on the wrong site.
  const focusRef = useFocusOnMount<HTMLButtonElement>();
  return (
    <div role="alertdialog" aria-labelledby="fc-title" aria-describedby="fc-body" class="confirm">
      <h2 id="fc-title">{t('otherSiteTitle')}</h2>
      <p id="fc-body">{t('otherSiteBody', [pending.account.issuer || pending.account.name, pending.accountSite, pending.pageSite])}</p>
      <div class="row">
        <button type="button" ref={focusRef} onClick={onCancel}>{t('cancel')}</button>
        <button type="button" class="danger" onClick={onFill}>{t('fillAnyway')}</button>
      </div>
    </div>
  );
}
