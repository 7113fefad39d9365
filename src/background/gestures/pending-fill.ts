/**
 * A fill gesture made while the vault was locked: the popup opens to unlock, and right after the
 * unlock the fill runs. A context-menu fill keeps its right-clicked field through the unlock
 * (the browser's frame id, the agent's tokens for the document and the element), so the code
 * goes into that field or nowhere: never into another one the finder would pick.
 */
import { fillTab, markTarget } from '../flows/fill-flow';
import { PendingFill } from '../../core/fields/pending-target';
import type { FillResult } from '../../shared/messages';
import { reportFill } from './toolbar-report';

const pending = new PendingFill();

/**
 * Keeps the fill for after the unlock. `frameId`: the menu click's frame, whose agent marks the
 * right-clicked element now (the gesture's activeTab grant is fresh; the page may move the focus meanwhile).
 */
export async function deferFill(tabId: number, frameId?: number): Promise<void> {
  const target = frameId === undefined ? undefined : await markTarget(tabId, frameId);
  // Unmarked (the frame's agent could not be reached now), nothing would tie the fill to this
  // page load after the unlock: it reports the field gone rather than fill a field of another.
  pending.defer(tabId, target && !target.marked ? { frameId: target.frameId, gone: true } : target, Date.now());
}

/** The tab navigated or closed: the right-clicked field kept for the unlock is gone (and the fill will say so). */
export function pendingTabNavigated(tabId: number): void {
  pending.navigated(tabId);
}

/** Runs the waiting fill (if any and not stale) once unlocked, and tells the outcome on the toolbar. */
export async function runPendingFill(): Promise<FillResult | null> {
  const job = pending.take(Date.now());
  if (!job) return null;
  const result = await fillTab(job.tabId, undefined, false, false, job.target).catch(() => null);
  if (result) await reportFill(job.tabId, result).catch(() => undefined);
  return result;
}
