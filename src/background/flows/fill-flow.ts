/**
 * Filling a code into the page the user acted on. The background decides everything: which
 * account (bound to this tab's site, from the browser's own tab URL), whether the page is
 * secure, which frame (only frames of the same site), and it sends that frame one code.
 */
import { callAgent } from '../page/agent-client';
import { generateCode, generateHotp } from '../../core/otp';
import { issuerMatchesSite, isSecureForFill, isSite, siteOf } from '../../core/site';
import type { Account } from '../../core/otp/account';
import type { FillResult } from '../../shared/messages';
import { tabSite } from '../tab-site';
import { chooseFrame } from '../../core/fields/rank-frames';
import { hintFor as hintForField } from '../../core/fields/rank-fields';
import { hintFor, rememberHint } from '../field-hints';
import * as vault from '../vault-session';
import { correctedNow, measureClock } from '../clock';
import { PendingTargets, type PendingTarget } from '../../core/fields/pending-target';

/** Fill the next code instead when fewer than this many ms of the current one remain. */
export const MIN_REMAINING_MS = 3000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The time step last filled per account, and on which page load (memory only; not secret).
 * Sites refuse a code they already accepted, so a step filled on an earlier page (most likely
 * submitted there) is not filled again: wait for the next one. On the same page it is refilled.
 */
const lastFilled = new Map<string, { step: number; documentToken: string }>();
const stepOf = (account: Account, at = Date.now()) => Math.floor(at / 1000 / account.period);

/**
 * The code to type now. HOTP: the code of the saved counter (advanced only once it is filled).
 * TOTP: near the end of a step, or in a step used on another page, waits for the next one.
 */
async function codeToFill(account: Account, documentToken: string): Promise<{ code: string; waited: boolean }> {
  if (account.type === 'hotp') return { code: generateHotp(account, account.counter), waited: false };
  // The device time, corrected by the clock check when the device clock is off.
  const at = await correctedNow();
  const now = generateCode(account, at);
  const last = lastFilled.get(account.id);
  const usedElsewhere = last !== undefined && last.step === stepOf(account, at) && last.documentToken !== documentToken;
  if (now.remainingMs < MIN_REMAINING_MS || usedElsewhere) {
    await sleep(now.remainingMs + 50);
    return { code: generateCode(account, await correctedNow()).code, waited: true };
  }
  return { code: now.code, waited: false };
}

const fieldGone: FillResult = { kind: 'no-field', reason: 'field-gone', message: 'The code field went away before Tessera could fill it.' };

/** Why nothing was filled, in words (the popup shows its own translation of the reason). */
const NO_FIELD: Record<'no-field' | 'look-alike' | 'sms' | 'email' | 'does-not-fit', FillResult> = {
  'no-field': { kind: 'no-field', reason: 'no-field', message: 'No two-factor code field was found on this page.' },
  'look-alike': { kind: 'no-field', reason: 'look-alike', message: 'This field is for something else (such as a postal code, coupon or card number), so Tessera left it alone.' },
  sms: { kind: 'no-field', reason: 'sms-code', message: 'This page asks for a code sent by text message (SMS). Tessera’s codes are for authenticator apps.' },
  email: { kind: 'no-field', reason: 'email-code', message: 'This page asks for a code sent by email. Tessera’s codes are for authenticator apps.' },
  'does-not-fit': { kind: 'no-field', reason: 'does-not-fit', message: 'This account’s code does not fit the code field on this page, so nothing was filled.' },
};

/**
 * Fills `account`'s code into the best code field of a same-site frame of the tab (or of
 * `onlyFrame`). With `target` (a context-menu click), only into the field the user
 * right-clicked in its frame, and the choice is remembered for the site.
 */
export async function fillAccount(tabId: number, account: Account, pageSite: string, onlyFrame?: number, target?: PendingTarget): Promise<FillResult> {
  if (target?.gone) return fieldGone;
  const marked = target?.marked;
  // A marked element is asked for by the agent's own token (never undefined: it would cross as null).
  const args: [boolean] | [boolean, string | null] = marked ? [true, marked.element] : [target !== undefined];
  const frameIds = target ? [target.frameId] : onlyFrame === undefined ? undefined : [onlyFrame];
  // A marked frame that is no longer there (its page navigated away) has lost the field with it.
  const all = await callAgent(tabId, 'field', args, frameIds).catch((err: unknown) => {
    if (marked) return null;
    throw err;
  });
  if (all === null) return fieldGone;
  // The marked element's frame must still hold the very document it was marked in.
  const frames = marked ? all.filter((f) => f.result.documentToken === marked.documentToken && !f.result.targetGone) : all;
  if (marked && frames.length === 0) return fieldGone;
  const sameSite = frames.filter((f) => siteOf(f.result.origin) === pageSite && isSecureForFill(`${f.result.origin}/`));
  const shape = { length: account.digits, alphabet: account.encoder === 'steam' ? ('steam' as const) : ('digits' as const) };
  const choice = chooseFrame(
    sameSite.map((f) => ({ frameId: f.frameId, page: f.result.page, target: f.result.target })),
    shape,
    await hintFor(pageSite),
    target !== undefined,
  );
  if (choice.kind === 'none') return NO_FIELD[choice.reason];
  await measureClock(tabId);
  const best = sameSite.find((f) => f.frameId === choice.frameId)!;
  const { code, waited } = await codeToFill(account, best.result.documentToken);
  // After a wait the tab may have moved on: the page must still be the one checked.
  if (waited && (await tabSite(tabId))?.site !== pageSite) return fieldGone;
  // The agent writes only if its frame still holds the very document (origin and per-load token)
  // that was checked: a frame that navigated in between gets nothing.
  const { origin, documentToken } = best.result;
  const [done] = await callAgent(tabId, 'fill', [code, account.autoSubmit === true, origin, documentToken, choice.indices], [best.frameId]);
  if (done?.result === 'does-not-fit') return NO_FIELD['does-not-fit'];
  if (done?.result !== 'filled') return fieldGone;
  if (account.type === 'hotp') {
    // The code is used up now that it is in the page: advance the saved counter.
    await vault.update((d) => ({ ...d, accounts: d.accounts.map((a) => (a.id === account.id ? { ...a, counter: a.counter + 1 } : a)) }));
  } else {
    lastFilled.set(account.id, { step: stepOf(account, await correctedNow()), documentToken });
  }
  const chosen = best.result.page.fields[choice.indices[0]!];
  if (target !== undefined && chosen) await rememberHint(pageSite, hintForField(chosen));
  return { kind: 'filled', accountId: account.id, waitedForNextCode: waited, ...(account.copyAfterFill ? { copy: code } : {}) };
}

/**
 * A right-clicked field waiting for the popup (the gesture needed an account choice first):
 * the next fill in that tab within the pending lifetime goes into it.
 */
const pendingTargets = new PendingTargets();

/** `target`: the frame of a context-menu click; the field is the one right-clicked there. */
export async function fillTab(tabId: number, accountId?: string, confirmSite = false, bindSite = false, target?: PendingTarget): Promise<FillResult> {
  target ??= pendingTargets.get(tabId, Date.now());
  const result = await fillTabWith(tabId, accountId, confirmSite, bindSite, target);
  if (target && (result.kind === 'choose' || result.kind === 'confirm-site')) {
    // Kept for the popup's Fill: the very element, so a focus the page moves meanwhile does not count.
    pendingTargets.set(tabId, target.marked || target.gone ? target : await markTarget(tabId, target.frameId), Date.now());
  } else pendingTargets.delete(tabId);
  return result;
}

/**
 * Has the agent of the menu click's frame mark the right-clicked (or focused) element under a
 * token of its own. A frame that refuses the agent stays unmarked: its right-click memory decides later.
 */
export async function markTarget(tabId: number, frameId: number): Promise<PendingTarget> {
  const [mark] = await callAgent(tabId, 'markTarget', [], [frameId]).catch(() => []);
  return mark ? { frameId, marked: { documentToken: mark.result.documentToken, element: mark.result.element } } : { frameId };
}

/**
 * The tab loaded another address (or closed): a field kept for the popup's choice is forgotten,
 * and the next Fill there is an ordinary one.
 */
export function tabNavigated(tabId: number): void {
  pendingTargets.delete(tabId);
}

async function fillTabWith(tabId: number, accountId: string | undefined, confirmSite: boolean, bindSite: boolean, target: PendingTarget | undefined): Promise<FillResult> {
  const tab = await tabSite(tabId);
  if (!tab?.site) return { kind: 'refused', reason: 'not-web', message: 'Tessera fills codes only into web pages.' };
  if (!tab.fillable) return { kind: 'refused', reason: 'not-secure', message: 'This page is not secure (no https). Tessera fills codes only on https pages.' };
  const accounts = await vault.accounts();

  let account: Account | undefined;
  if (accountId) {
    account = accounts.find((a) => a.id === accountId);
    if (!account) return { kind: 'refused', reason: 'not-found', message: 'That account no longer exists.' };
    if (account.site !== tab.site) {
      // Only an unbound account may be bound here, and only to a page that passes the checks
      // every binding passes (a real site, https or local http: tab.fillable above).
      const canBind = account.site === null && isSite(tab.site);
      if (!confirmSite) return { kind: 'confirm-site', accountId: account.id, accountSite: account.site ?? 'no site yet', pageSite: tab.site, canBind };
      // "Fill anyway" fills once. Binding is the separate choice the person ticked in the same dialog.
      if (bindSite && canBind) {
        const site = tab.site;
        await vault.update((d) => ({ ...d, accounts: d.accounts.map((a) => (a.id === accountId && a.site === null ? { ...a, site } : a)) }));
      }
    }
  } else {
    const bound = accounts.filter((a) => a.site === tab.site);
    if (bound.length !== 1) {
      const pool = bound.length > 1 ? bound : accounts.filter((a) => a.site === null && issuerMatchesSite(a.issuer, tab.site!));
      return { kind: 'choose', suggestions: pool.map((a) => a.id) };
    }
    account = bound[0]!;
  }
  return fillAccount(tabId, account, tab.site, undefined, target);
}
