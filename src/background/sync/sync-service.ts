/**
 * Sync in the background: one round at a time, only while the vault is unlocked (on unlock, on
 * the `alarms` schedule, on "Sync now"), failures backed off and reported in words. The round
 * talks to the server without holding the vault; its result is merged into the vault under the
 * vault's own lock, so a failure at any point leaves the local vault as it was.
 */
import browser from '../browser-api';
import * as vault from '../vault-session';
import { UserError } from '../user-error';
import { syncAutoFill } from '../auto-fill-registration';
import {
  SyncError,
  WebDavClient,
  accountsFrom,
  applyRound,
  backoffMinutes,
  exportSyncKey,
  folderUrl,
  importSyncKey,
  isTransient,
  localRecords,
  openOrCreate,
  readRemote,
  sameRecords,
  syncRound,
  wrapSyncKey,
  type MergeOptions,
} from '../../core/sync';
import type { SyncServerForm, SyncStatus } from '../../shared/messages';
import { syncConfigOf, withSyncConfig, type SyncConfig } from './sync-config';
import { clearStatus, loadStatus, saveStatus, toSyncStatus } from './sync-status';

export const SYNC_ALARM = 'tessera-sync';
const PERIOD_MINUTES = 5;
const REQUEST_TIMEOUT_MS = 20_000;

function client(server: SyncServerForm): WebDavClient {
  return new WebDavClient({ ...server, fetch: (url, init) => fetch(url, init), timeoutMs: REQUEST_TIMEOUT_MS });
}

/** The host permission sync needs: the server's origin only (patterns ignore the port). */
export function originPattern(url: string): string {
  const u = folderUrl(url);
  return `${u.protocol}//${u.hostname}/*`;
}

function mergeOptions(now: number): MergeOptions {
  return {
    now,
    newId: () => crypto.randomUUID(),
    conflictIssuer: (issuer) => browser.i18n.getMessage('syncConflictCopy', [issuer]) || `${issuer} (conflict copy)`,
  };
}

/** Core errors become UserErrors whose code keys `err_sync_<code>` in _locales. */
function asUserError(err: unknown): UserError | Error {
  if (err instanceof SyncError) return new UserError(`sync-${err.code}`, err.message);
  return err instanceof Error ? err : new Error(String(err));
}

async function requirePermission(url: string): Promise<void> {
  if (!(await browser.permissions.contains({ origins: [originPattern(url)] }))) {
    throw new UserError('sync-no-permission', 'Tessera has no permission to reach the sync server. Press “Turn on sync” again.');
  }
}

async function schedule(delayMinutes: number): Promise<void> {
  await browser.alarms.create(SYNC_ALARM, { delayInMinutes: Math.max(0.5, delayMinutes), periodInMinutes: PERIOD_MINUTES });
}

let running: Promise<void> | null = null;

export async function syncStatus(): Promise<SyncStatus> {
  if (!(await vault.isUnlocked())) return toSyncStatus(null, await loadStatus(), false);
  const config = syncConfigOf(await vault.read());
  return toSyncStatus(config && { url: config.url, user: config.user }, await loadStatus(), running !== null);
}

/** Runs a round (or joins the one running) and reports the status after it. */
export async function syncNow(): Promise<SyncStatus> {
  running ??= round().finally(() => (running = null));
  await running;
  return syncStatus();
}

async function dropAutoFillOf(before: readonly { id: string; site: string | null; autoFill?: boolean; autoFillOrigins?: string[] }[], after: readonly { id: string }[]) {
  const kept = new Set(after.map((a) => a.id));
  // A deletion synced from another device: the site's script then matches only what is still wanted.
  for (const a of before) if (a.autoFill && a.site && !kept.has(a.id)) await syncAutoFill(a.site, a.autoFillOrigins ?? []).catch(() => undefined);
}

async function round(): Promise<void> {
  if (!(await vault.isUnlocked())) return; // never while locked
  const data = await vault.read();
  const config = syncConfigOf(data);
  if (!config) return;
  const previous = await loadStatus();
  try {
    await requirePermission(config.url);
    const key = await importSyncKey(config.key);
    const options = mergeOptions(Date.now());
    const started = localRecords(data.accounts, config.base, options.now);
    const result = await syncRound(client(config), key, config.header, config.base, started, { ...options, pushHeader: config.pushHeader === true });
    const nothingNew = !result.uploaded && !config.pushHeader && sameRecords(result.records, config.base) && sameRecords(started, config.base);
    if (!nothingNew) {
      const before = (await vault.read()).accounts;
      const next = await vault.update((d) => {
        const current = syncConfigOf(d);
        if (!current || current.key !== config.key) return d; // turned off (or on anew) meanwhile
        const applied = applyRound(d.accounts, started, result.records, options);
        const { pushHeader: _done, ...rest } = current;
        // The re-wrapped header went up only if it is still the one this round carried.
        const keepPush = current.pushHeader === true && current.header.wrappedKey.ct !== config.header.wrappedKey.ct;
        const out = withSyncConfig({ ...d, accounts: applied.accounts }, { ...rest, base: applied.base, ...(keepPush ? { pushHeader: true } : {}) });
        return applied.changed ? { ...out, meta: { ...d.meta, accountsChangedAt: options.now } } : out;
      });
      await dropAutoFillOf(before, next.accounts);
    }
    await saveStatus({ lastSyncAt: Date.now(), problem: null, conflicts: result.conflicts, failures: 0 });
    await schedule(PERIOD_MINUTES);
  } catch (err) {
    const e = asUserError(err);
    const code = e instanceof UserError ? e.code : 'sync-failed';
    const failures = previous.failures + 1;
    await saveStatus({ ...previous, problem: { code, message: e instanceof UserError ? e.message : 'Sync failed. Nothing was changed here.' }, failures });
    await schedule(backoffMinutes(failures, isTransient(err)));
  }
}

async function configFor(form: SyncServerForm, passphrase: string, create: boolean) {
  const url = folderUrl(form.url).href;
  const dav = client({ ...form, url });
  const { key, header } = await openOrCreate(dav, passphrase, create);
  const config: SyncConfig = { url, user: form.user, password: form.password, key: await exportSyncKey(key), header, base: [] };
  return { dav, key, config };
}

/** "Turn on sync": the vault passphrase again (it wraps the sync key), then a first round. */
export async function enableSync(form: SyncServerForm & { passphrase: string }): Promise<SyncStatus> {
  try {
    folderUrl(form.url);
    await vault.verifyPassphrase(form.passphrase);
    await requirePermission(form.url);
    const { config } = await configFor(form, form.passphrase, true);
    await clearStatus();
    await vault.update((d) => withSyncConfig(d, config));
  } catch (err) {
    throw asUserError(err);
  }
  return syncNow();
}

export async function disableSync(): Promise<SyncStatus> {
  await vault.update((d) => withSyncConfig(d, null));
  await clearStatus();
  await browser.alarms.clear(SYNC_ALARM);
  return syncStatus();
}

/**
 * First run from sync: the server's data is opened with the passphrase before anything is
 * stored, so a wrong passphrase (or a server problem) leaves the browser without a vault.
 */
export async function joinFromSync(form: SyncServerForm & { passphrase: string }): Promise<void> {
  if (await vault.hasVault()) throw new UserError('vault-exists', 'A vault already exists. Unlock it instead.');
  try {
    folderUrl(form.url);
    await requirePermission(form.url);
    const { dav, key, config } = await configFor(form, form.passphrase, false);
    const { pointer } = await readRemote(dav, key, config.header);
    if (!pointer) throw new SyncError('no-sync-data');
    await vault.create(form.passphrase);
    const now = Date.now();
    await vault.update((d) => withSyncConfig({ ...d, accounts: accountsFrom(pointer.records, []), meta: { ...d.meta, accountsChangedAt: now } }, { ...config, base: pointer.records }));
    await saveStatus({ lastSyncAt: now, problem: null, conflicts: 0, failures: 0 });
    await schedule(PERIOD_MINUTES);
  } catch (err) {
    throw asUserError(err);
  }
}

/** Alarms, unlock and lock: sync runs only while unlocked. */
export function listenForSync(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    void vault.isUnlocked().then(async (open) => {
      if (open) await syncNow();
      else await browser.alarms.clear(SYNC_ALARM);
    });
  });
  vault.afterUnlock(() => void syncNow());
  vault.forgetOnLock(() => void browser.alarms.clear(SYNC_ALARM));
  vault.afterPassphraseChange((next) => void rewrapForPassphrase(next).catch(() => undefined));
}

/**
 * After a passphrase change the server's copy of the sync key must open with the new
 * passphrase: re-wrap it here (one KDF) and let the next round upload the new header.
 */
async function rewrapForPassphrase(next: string): Promise<void> {
  const config = syncConfigOf(await vault.read());
  if (!config) return;
  const header = await wrapSyncKey(await importSyncKey(config.key), next);
  await vault.update((d) => {
    const current = syncConfigOf(d);
    return current && current.key === config.key ? withSyncConfig(d, { ...current, header, pushHeader: true }) : d;
  });
  await syncNow();
}
