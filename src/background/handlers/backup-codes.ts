/**
 * After enrolling, the site's next page shows backup codes once. When the popup opens on such
 * a page, offer to keep them with the account just enrolled there (newest first, last hour).
 */
import * as vault from '../vault-session';
import type { PartialHandlers } from './types';
import { callAgent } from '../page/agent-client';
import { tabSite } from '../tab-site';
import { siteOf } from '../../core/site';
import { describe } from './accounts';

const RECENT_MS = 60 * 60 * 1000;

export const backupCodeHandlers: PartialHandlers<'backup-codes/find' | 'backup-codes/keep'> = {
  'backup-codes/find': async ({ tabId }) => {
    const tab = await tabSite(tabId);
    if (!tab?.site) return null;
    const recent = (await vault.accounts())
      .filter((a) => a.site === tab.site && Date.now() - a.createdAt < RECENT_MS)
      .sort((a, b) => b.createdAt - a.createdAt)[0];
    if (!recent) return null;
    const frames = await callAgent(tabId, 'backupCodes', [], [0]).catch(() => []);
    const shown = frames.find((f) => siteOf(f.result.origin) === tab.site)?.result.codes ?? [];
    const fresh = shown.filter((c) => !recent.backupCodes.includes(c));
    return fresh.length ? { accountId: recent.id, label: describe(recent), codes: fresh } : null;
  },
  'backup-codes/keep': async ({ accountId, codes }) => {
    const clean = codes.map((c) => c.trim()).filter(Boolean);
    let kept = 0;
    await vault.update((d) => ({
      ...d,
      accounts: d.accounts.map((a) => {
        if (a.id !== accountId) return a;
        const merged = [...a.backupCodes, ...clean.filter((c) => !a.backupCodes.includes(c))];
        kept = merged.length - a.backupCodes.length;
        return { ...a, backupCodes: merged };
      }),
    }));
    return { kept };
  },
};
