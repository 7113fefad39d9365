/** Offers to keep the backup codes the page shows with the account just enrolled there. */
import { useEffect, useState } from 'preact/hooks';
import { t, tn } from '../../ui/i18n';
import { call, errorMessage } from '../../ui/api';
import type { BackupCodeOffer as Offer } from '../../shared/messages';

export function BackupCodeOffer({ tabId, onStatus }: { tabId: number; onStatus: (text: string) => void }) {
  const [offer, setOffer] = useState<Offer | null>(null);

  useEffect(() => {
    // Asked after the list is on screen, so it never delays the codes.
    call('backup-codes/find', { tabId }).then(setOffer, () => undefined);
  }, [tabId]);

  if (!offer) return null;

  async function keep() {
    try {
      const { kept } = await call('backup-codes/keep', { accountId: offer!.accountId, codes: offer!.codes });
      onStatus(tn('backupCodesKept', kept, [offer!.label]));
      setOffer(null);
    } catch (err) {
      onStatus(errorMessage(err));
    }
  }

  return (
    <div class="offer" role="region" aria-label={t('backupCodesFound')}>
      <p>{tn('backupCodesOffer', offer.codes.length, [offer.label])}</p>
      <div class="row">
        <button type="button" class="primary" onClick={() => void keep()}>{t('keepBackupCodes')}</button>
        <button type="button" onClick={() => setOffer(null)}>{t('notNow')}</button>
      </div>
    </div>
  );
}
