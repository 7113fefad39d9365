/** Adding, editing and removing accounts, and computing their codes. */
import * as vault from '../vault-session';
import { toView, type Account, type AccountInput } from '../../core/otp/account';
import { newAccount, parseOtpauthUri, formatOtpauthUri, generateCode, generateHotp } from '../../core/otp';
import type { AddAccountForm, CodeEntry } from '../../shared/messages';
import type { PartialHandlers } from './types';
import { UserError } from '../user-error';
import { tabSite } from '../tab-site';
import browser from '../browser-api';
import { syncAutoFill } from '../auto-fill-registration';
import { isSite } from '../../core/site';
import type { VaultData } from '../../core/vault';
import { homeOrigins, patternOf } from '../../core/site/auto-fill-origins';
import { isOptInOrigin } from '../../core/site/auto-fill-check';
import { correctedNow } from '../clock';

/** Turns the add form into a validated account input; an otpauth link wins over the form's fields only where the form is empty. */
export function inputFromForm(form: AddAccountForm): AccountInput {
  const text = form.secretOrUri.trim();
  if (!text) throw new UserError('missing-secret', 'Enter the secret key or paste an otpauth:// link.');
  const fromUri: AccountInput | null = /^(otpauth|steam):\/\//i.test(text) ? parseOtpauthUri(text) : null;
  const base: AccountInput = fromUri ?? { secret: text };
  const pick = <T>(formValue: T | undefined, uriValue: T | undefined) => (formValue !== undefined && formValue !== '' ? formValue : uriValue);
  return {
    ...base,
    issuer: pick(form.issuer?.trim(), base.issuer),
    name: pick(form.name?.trim(), base.name),
    type: fromUri ? base.type : form.type,
    algorithm: fromUri ? base.algorithm : form.algorithm,
    digits: fromUri ? base.digits : form.digits,
    period: fromUri ? base.period : form.period,
    counter: fromUri ? base.counter : form.counter,
    encoder: fromUri ? base.encoder : form.encoder,
  };
}

export function describe(account: Pick<Account, 'issuer' | 'name'>): string {
  return [account.issuer, account.name].filter(Boolean).join(' — ') || 'an unnamed account';
}

/** Adds validated accounts in one atomic write, refusing any secret already present. */
/** `alsoChange` runs inside the same vault write (an import's field hints), so both land or neither. */
export async function addAccounts(inputs: AccountInput[], site: string | null, alsoChange: (d: VaultData) => VaultData = (d) => d): Promise<Account[]> {
  const existing = new Map((await vault.accounts()).map((a) => [a.secret, a]));
  const fresh: Account[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    // A site from a file is kept only if it really is one (never a suffix, wildcard or path).
    const bound = input.site ?? site;
    const account = newAccount({ ...input, site: bound !== null && isSite(bound) ? bound : null });
    const dup = existing.get(account.secret);
    if (dup) throw new UserError('duplicate', `This secret is already in your vault, as ${describe(dup)}.`, [describe(dup)]);
    // One secret is one account: a batch that repeats a secret (a transfer QR can) adds it once.
    if (seen.has(account.secret)) continue;
    seen.add(account.secret);
    fresh.push(account);
  }
  await vault.update((d) =>
    alsoChange({
      ...d,
      accounts: [...d.accounts, ...fresh],
      meta: { ...d.meta, accountsChangedAt: Date.now() },
    }),
  );
  return fresh;
}

export function codesFor(accounts: readonly Account[], now: number): CodeEntry[] {
  return accounts.map((a) => codeEntry(a, now));
}

function codeEntry(account: Account, now: number): CodeEntry {
  if (account.type === 'hotp') {
    return { id: account.id, code: generateHotp(account, account.counter), remainingMs: 0, periodMs: 0 };
  }
  const { code, remainingMs, periodMs } = generateCode(account, now);
  return { id: account.id, code, remainingMs, periodMs };
}

async function findAccount(id: string): Promise<Account> {
  const account = (await vault.accounts()).find((a) => a.id === id);
  if (!account) throw new UserError('not-found', 'That account no longer exists.');
  return account;
}

export const accountHandlers: PartialHandlers<
  'account/add' | 'account/update' | 'account/delete' | 'account/hotp-next' | 'account/reveal' | 'account/backup-codes' | 'codes/get'
> = {
  'account/add': async (form) => {
    const site = form.bindToTabId === undefined ? null : ((await tabSite(form.bindToTabId))?.site ?? null);
    const [account] = await addAccounts([inputFromForm(form)], site);
    return { account: toView(account!) };
  },
  'account/backup-codes': async ({ id }) => ({ backupCodes: (await findAccount(id)).backupCodes }),
  'account/update': async ({ id, changes }) => {
    const before = await findAccount(id);
    const { autoFillOrigins: askedOrigins, ...rest } = changes;
    const after: Account = { ...before, ...rest };
    if (after.site !== null && !isSite(after.site)) throw new UserError('bad-site', 'That is not a site Tessera can bind an account to.');
    if (after.autoFill && !after.site) throw new UserError('no-site', 'Bind the account to a site before letting it fill automatically.');
    if (after.autoFill && after.type === 'hotp') throw new UserError('no-auto-hotp', 'Counter-based accounts are never filled automatically: each fill uses up a code.');
    // Exactly the origins opted in on (the site's own host when none is named), each of the bound site.
    const kept = after.site === before.site && before.autoFill ? (before.autoFillOrigins ?? []) : [];
    after.autoFillOrigins = [];
    if (after.autoFill) {
      // Records from before per-origin opt-ins, and opt-ins made away from the site: its own host.
      const origins = askedOrigins ?? (kept.length ? kept : homeOrigins(after.site!));
      if (!origins.length || !origins.every((o) => isOptInOrigin(o, after.site!))) {
        throw new UserError('bad-site', 'That is not a site Tessera can bind an account to.');
      }
      if (!(await browser.permissions.contains({ origins: origins.map(patternOf) }))) {
        throw new UserError('no-permission', `Tessera needs permission to read ${after.site} to fill there automatically.`, [after.site!]);
      }
      after.autoFillOrigins = [...new Set(origins)];
    }
    if (!after.autoFillOrigins?.length) delete after.autoFillOrigins;
    const data = await vault.update((d) => ({ ...d, accounts: d.accounts.map((a) => (a.id === id ? after : a)) }));
    // Re-match the scripts of the sites involved; origins no account wants any more give back
    // their permission (also a permission granted in the form the user then backed out of).
    const released = [...(before.autoFillOrigins ?? []), ...(askedOrigins ?? [])];
    if (after.site) await syncAutoFill(after.site, released);
    if (before.site && before.site !== after.site) await syncAutoFill(before.site, released);
    return { account: toView(data.accounts.find((a) => a.id === id)!) };
  },
  'account/delete': async ({ id }) => {
    const account = await findAccount(id);
    await vault.update((d) => ({ ...d, accounts: d.accounts.filter((a) => a.id !== id) }));
    if (account.site && account.autoFill) await syncAutoFill(account.site, account.autoFillOrigins ?? []);
    return { ok: true };
  },
  'account/hotp-next': async ({ id }) => {
    const account = await findAccount(id);
    if (account.type !== 'hotp') throw new UserError('not-hotp', 'Only counter-based accounts have a "next code".');
    // The shown code is for `counter`; advancing saves the counter before showing the next code.
    const data = await vault.update((d) => ({
      ...d,
      accounts: d.accounts.map((a) => (a.id === id ? { ...a, counter: a.counter + 1 } : a)),
    }));
    return { code: codeEntry(data.accounts.find((a) => a.id === id)!, Date.now()) };
  },
  'account/reveal': async ({ id, proof }) => {
    const account = await findAccount(id);
    await vault.verifyProof(proof);
    return { uri: formatOtpauthUri(account), backupCodes: account.backupCodes };
  },
  'codes/get': async ({ ids }) => {
    const now = await correctedNow();
    const byId = new Map((await vault.accounts()).map((a) => [a.id, a]));
    const codes = ids.flatMap((id) => {
      const account = byId.get(id);
      return account ? [codeEntry(account, now)] : [];
    });
    return { codes, now };
  },
};
