/**
 * The clock check's line in the popup: codes corrected for a device clock that is off, or, for
 * a difference over 5 minutes, the question whether to correct them (with the site measured, so
 * the person can judge the source).
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { call } from '../../ui/api';
import { describeOffset } from '../../core/clock/clock-check';
import type { ClockView } from '../../shared/messages';

/** `refreshKey` re-reads the state (after a fill or scan); `onApplied` lets the codes reload. */
export function ClockNotice({ refreshKey, onApplied }: { refreshKey: number; onApplied: () => void }) {
  const [clock, setClock] = useState<ClockView>({ kind: 'ok' });

  useEffect(() => {
    call('clock/get', {}).then(setClock, () => undefined);
  }, [refreshKey]);

  if (clock.kind === 'ok') return null;
  const { fast, seconds, minutes } = describeOffset(clock.offsetMs);
  if (clock.kind === 'corrected') return <p class="clock">{t(fast ? 'clockFast' : 'clockSlow', [String(seconds)])}</p>;

  const view = clock;
  async function apply() {
    setClock(await call('clock/confirm', { offsetMs: view.offsetMs }));
    onApplied();
  }
  return (
    <div class="clock" role="region" aria-label={t('clockTitle')}>
      <p>{t(fast ? 'clockAskFast' : 'clockAskSlow', [String(minutes), clock.site])}</p>
      <button type="button" onClick={() => void apply().catch(() => undefined)}>{t('clockApply')}</button>
    </div>
  );
}
