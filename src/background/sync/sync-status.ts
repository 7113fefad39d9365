/**
 * What the popup shows about sync. Kept in storage.session (memory, trusted contexts only) so a
 * restarted service worker still knows; it holds no secret, only times and an error code.
 */
import browser from '../browser-api';
import type { SyncStatus } from '../../shared/messages';

const KEY = 'sync.status';

export interface StoredStatus {
  lastSyncAt: number | null;
  problem: { code: string; message: string } | null;
  conflicts: number;
  /** Failures in a row, for the back-off. */
  failures: number;
}

const EMPTY: StoredStatus = { lastSyncAt: null, problem: null, conflicts: 0, failures: 0 };

export async function loadStatus(): Promise<StoredStatus> {
  const { [KEY]: raw } = await browser.storage.session.get(KEY);
  return raw && typeof raw === 'object' ? { ...EMPTY, ...(raw as Partial<StoredStatus>) } : { ...EMPTY };
}

export async function saveStatus(status: StoredStatus): Promise<void> {
  await browser.storage.session.set({ [KEY]: status });
}

export async function clearStatus(): Promise<void> {
  await browser.storage.session.remove(KEY);
}

export function toSyncStatus(server: { url: string; user: string } | null, stored: StoredStatus, syncing: boolean): SyncStatus {
  if (!server) return { server: null, state: 'off', lastSyncAt: null, problem: null, conflicts: 0 };
  const state = syncing ? 'syncing' : stored.problem ? 'error' : stored.lastSyncAt ? 'ok' : 'syncing';
  return { server, state, lastSyncAt: stored.lastSyncAt, problem: stored.problem, conflicts: stored.conflicts };
}
