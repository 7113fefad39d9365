/**
 * The account list. Only the rows in view (plus a small margin) are in the DOM, and only
 * their codes are asked for, so 1,000 accounts open as fast as 10.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AccountView } from '../../core/otp/account';
import type { CodeEntry } from '../../shared/messages';
import { useCodes } from '../use-codes';
import { AccountRow } from './account-row';

export const ROW_HEIGHT = 60;
/** Rows that fit the popup at first (its list is 380 px tall), plus the overscan below. */
export const FIRST_SCREEN_ROWS = 11;
const OVERSCAN = 4;

interface Props {
  accounts: AccountView[];
  label: string;
  canFill: boolean;
  refreshKey: number;
  /** Codes that came with the popup's state, used for the first paint. */
  seed: CodeEntry[];
  /** Bounded lists (this site's accounts) render whole; the main list virtualizes. */
  virtual: boolean;
  onCopy: (code: string) => void;
  onFill: (account: AccountView) => void;
  onEdit: (account: AccountView) => void;
  onNext: (account: AccountView) => void;
}

export function AccountList({ accounts, label, canFill, refreshKey, seed, virtual, onCopy, onFill, onEdit, onNext }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(480);

  useLayoutEffect(() => {
    if (scroller.current) setHeight(scroller.current.clientHeight || 480);
  }, []);

  const first = virtual ? Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN) : 0;
  const last = virtual ? Math.min(accounts.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN) : accounts.length;
  const visible = accounts.slice(first, last);
  const { codes, now } = useCodes(visible.map((a) => a.id), refreshKey, seed);

  const rows = visible.map((account, i) => (
    <AccountRow
      key={account.id}
      account={account}
      code={codes.get(account.id)}
      now={now}
      canFill={canFill}
      style={virtual ? `position:absolute;top:${(first + i) * ROW_HEIGHT}px;inset-inline:0;height:${ROW_HEIGHT}px` : undefined}
      posinset={first + i + 1}
      setsize={accounts.length}
      onCopy={onCopy}
      onFill={() => onFill(account)}
      onEdit={() => onEdit(account)}
      onNext={() => onNext(account)}
    />
  ));

  if (!virtual) return <ul class="accounts" aria-label={label}>{rows}</ul>;
  return (
    <div class="scroller" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <ul class="accounts" aria-label={label} style={`position:relative;height:${accounts.length * ROW_HEIGHT}px`}>
        {rows}
      </ul>
    </div>
  );
}
