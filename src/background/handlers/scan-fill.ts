/** Popup requests for scanning a page and filling a code. */
import { toView } from '../../core/otp/account';
import type { PartialHandlers } from './types';
import { scanTab, takePending } from '../flows/scan-flow';
import { fillAccount, fillTab } from '../flows/fill-flow';
import { addAccounts } from './accounts';
import { UserError } from '../user-error';
import { tabSite } from '../tab-site';
import * as vault from '../vault-session';
import { measureClock } from '../clock';

export const scanFillHandlers: PartialHandlers<'scan/run' | 'scan/add' | 'fill/run'> = {
  'scan/run': async ({ tabId }) => {
    await vault.read(); // the vault must be unlocked to tell duplicates apart
    // Scanning acts on the page: check the clock against its server meanwhile (never fails the scan).
    const [result] = await Promise.all([scanTab(tabId), measureClock(tabId).catch(() => undefined)]);
    return result;
  },
  'scan/add': async ({ tabId, tokens }) => {
    const chosen = takePending(tabId, tokens);
    if (chosen.length === 0) throw new UserError('scan-expired', 'That scan is no longer available. Press “Scan QR code” again.');
    const added = await addAccounts(chosen.map((c) => c.input), chosen[0]!.site);
    // Type the current code into the setup page's verification field; the user presses Submit.
    let filled = false;
    const tab = await tabSite(tabId);
    // Only into the page the account was scanned on: if the tab moved to another site since, no fill.
    if (added.length === 1 && tab?.site && tab.fillable && tab.site === added[0]!.site) {
      filled = (await fillAccount(tabId, added[0]!, tab.site).catch(() => null))?.kind === 'filled';
    }
    return { added: added.map(toView), filled };
  },
  'fill/run': ({ tabId, accountId, confirmSite }) => fillTab(tabId, accountId, confirmSite),
};
