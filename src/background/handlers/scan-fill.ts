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
    // Scanning acts on the page: check the clock against its server meanwhile. The answer does
    // not wait for it (a server can be slow to answer); the fill of the setup code measures
    // again before it types anything.
    void measureClock(tabId).catch(() => undefined);
    return scanTab(tabId);
  },
  'scan/add': async ({ tabId, tokens }) => {
    const chosen = takePending(tabId, tokens);
    if (chosen.length === 0) throw new UserError('scan-expired', 'That scan is no longer available. Press “Scan QR code” again.');
    // Each account binds to the site of the frame that showed its QR code (or to none).
    const added = [];
    for (const site of new Set(chosen.map((c) => c.site))) {
      added.push(...(await addAccounts(chosen.filter((c) => c.site === site).map((c) => c.input), site)));
    }
    // Type the current code into the setup page's verification field; the user presses Submit.
    // Only into a frame of the account's own site: a page that framed another site's QR gets nothing.
    let filled = false;
    const account = added.length === 1 ? added[0]! : null;
    if (account?.site && (await tabSite(tabId))) {
      filled = (await fillAccount(tabId, account, account.site).catch(() => null))?.kind === 'filled';
    }
    return { added: added.map(toView), filled };
  },
  'fill/run': ({ tabId, accountId, confirmSite, bindSite }) => fillTab(tabId, accountId, confirmSite, bindSite),
};
