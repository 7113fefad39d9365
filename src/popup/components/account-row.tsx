/** One account: issuer, name, live code, time left, and its actions. */
import { formatSeconds, t, tn } from '../../ui/i18n';
import type { AccountView } from '../../core/otp/account';
import type { LiveCode } from '../use-codes';
import { ServiceIcon } from '../service-icon';

interface Props {
  account: AccountView;
  code: LiveCode | undefined;
  now: number;
  canFill: boolean;
  style?: string;
  posinset?: number;
  setsize?: number;
  onCopy: (code: string) => void;
  onFill: () => void;
  onEdit: () => void;
  onNext: () => void;
}

/** "123456" → "123 456": at most one space, so codes read in two halves. */
export function groupCode(code: string): string {
  if (code.length < 6) return code;
  const half = Math.floor(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

export function AccountRow({ account, code, now, canFill, style, posinset, setsize, onCopy, onFill, onEdit, onNext }: Props) {
  const title = account.issuer || account.name;
  const secondsLeft = code && code.endsAt ? Math.max(0, Math.ceil((code.endsAt - now) / 1000)) : null;
  const shown = code ? groupCode(code.code) : '······';
  return (
    <li class="account" style={style} aria-posinset={posinset} aria-setsize={setsize}>
      <ServiceIcon account={account} />
      <div class="labels">
        <span class="issuer">{account.issuer}</span>
        <span class="name">{account.name}</span>
      </div>
      <span class="code" dir="ltr" aria-live="off">{shown}</span>
      {secondsLeft !== null && (
        <span class="time-left" aria-label={tn('secondsLeft', secondsLeft)}>
          {formatSeconds(secondsLeft)}
        </span>
      )}
      <div class="actions">
        <button type="button" aria-label={t('copyCodeFor', [title])} disabled={!code} onClick={() => code && onCopy(code.code)}>
          {t('copy')}
        </button>
        {canFill && (
          <button type="button" aria-label={t('fillCodeFor', [title])} onClick={onFill}>
            {t('fill')}
          </button>
        )}
        {account.type === 'hotp' && (
          <button type="button" aria-label={t('nextCodeFor', [title])} onClick={onNext}>
            {t('next')}
          </button>
        )}
        <button type="button" class="icon" aria-label={t('editAccountFor', [title])} onClick={onEdit}>
          ⋯
        </button>
      </div>
    </li>
  );
}
