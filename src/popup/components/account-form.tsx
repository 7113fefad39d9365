/** "Add account" form; also used prefilled after a scan that found no QR. */
import { useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { useFocusOnMount } from '../use-focus-on-mount';
import { call, errorMessage } from '../../ui/api';
import type { AddAccountForm } from '../../shared/messages';
import type { AccountView } from '../../core/otp/account';
import { secretBits, RECOMMENDED_SECRET_BITS } from '../../core/otp/secret-strength';

interface Props {
  prefill?: { secret?: string | null; issuer?: string };
  tabId?: number;
  onSaved: (account: AccountView) => void;
  onCancel: () => void;
}

export function AccountForm({ prefill, tabId, onSaved, onCancel }: Props) {
  const [form, setForm] = useState<AddAccountForm>({
    secretOrUri: prefill?.secret ?? '',
    issuer: prefill?.issuer ?? '',
    name: '',
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  });
  const [error, setError] = useState('');
  const focusRef = useFocusOnMount<HTMLInputElement>();
  const bits = secretBits(form.secretOrUri);
  const short = bits !== null && bits < RECOMMENDED_SECRET_BITS;
  const set = (patch: Partial<AddAccountForm>) => setForm((f) => ({ ...f, ...patch }));

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    try {
      const bind = prefill && tabId !== undefined ? { bindToTabId: tabId } : {};
      onSaved((await call('account/add', { ...form, ...bind })).account);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form class="account-form" noValidate onSubmit={submit}>
      <h2>{t('addAccount')}</h2>
      <label>
        {t('secretOrLink')}
        <input ref={focusRef} spellcheck={false} autocomplete="off" aria-describedby={short ? 'af-weak' : undefined} value={form.secretOrUri} onInput={(e) => set({ secretOrUri: e.currentTarget.value })} />
      </label>
      {/* Informs only: the site chose the key, and refusing it would leave the person locked out. */}
      {short && <p id="af-weak" role="status" class="warning">{t('weakSecret', [String(bits)])}</p>}
      <label>
        {t('accountName')}
        <input value={form.name} onInput={(e) => set({ name: e.currentTarget.value })} />
      </label>
      <label>
        {t('issuer')}
        <input value={form.issuer} onInput={(e) => set({ issuer: e.currentTarget.value })} />
      </label>
      <details>
        <summary>{t('advanced')}</summary>
        <label>
          {t('type')}
          <select value={form.type} onChange={(e) => set({ type: e.currentTarget.value as 'totp' | 'hotp' })}>
            <option value="totp">{t('typeTotp')}</option>
            <option value="hotp">{t('typeHotp')}</option>
          </select>
        </label>
        <label>
          {t('algorithm')}
          <select value={form.algorithm} onChange={(e) => set({ algorithm: e.currentTarget.value as 'SHA1' })}>
            <option>SHA1</option>
            <option>SHA256</option>
            <option>SHA512</option>
          </select>
        </label>
        <label>
          {t('digits')}
          <input type="number" min={6} max={8} value={form.digits} onInput={(e) => set({ digits: Number(e.currentTarget.value) })} />
        </label>
        <label>
          {t('period')}
          <input type="number" min={1} value={form.period} onInput={(e) => set({ period: Number(e.currentTarget.value) })} />
        </label>
        <label>
          {t('counter')}
          <input type="number" min={0} value={form.counter} onInput={(e) => set({ counter: Number(e.currentTarget.value) })} />
        </label>
      </details>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="row">
        <button type="submit" class="primary">{t('save')}</button>
        <button type="button" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
