/**
 * Decodes a scan's images away from the thread that answers requests, within a time budget:
 * in a worker of the Firefox background page, or of Chromium's offscreen document. Nothing a
 * page shows can keep the background busy for more than a message's handling.
 */
import { askOffscreen, ensureDocument, needsOffscreen } from '../chromium-offscreen';
import { OFFSCREEN_TARGET } from '../../offscreen/messages';
import { decodeInWorker, prepareDecodeWorker } from './decode-host';
import type { DecodeHit, DecodeTask } from './decode-task';

export async function decodeTasks(tasks: DecodeTask[], budgetMs: number): Promise<DecodeHit[]> {
  if (tasks.length === 0 || budgetMs <= 0) return [];
  if (needsOffscreen()) {
    const asked = askOffscreen<DecodeHit[]>({ target: OFFSCREEN_TARGET, type: 'decode', tasks, budgetMs }).catch(() => []);
    // The document enforces the budget itself; this only guards against it never answering.
    const late = new Promise<DecodeHit[]>((resolve) => setTimeout(() => resolve([]), budgetMs + 1000));
    return (await Promise.race([asked, late])) ?? [];
  }
  return decodeInWorker(tasks, budgetMs);
}

/**
 * Called when a scan starts, before the page has handed over its images: the offscreen document
 * (Chromium) or the worker (Firefox) gets ready meanwhile instead of after.
 */
export function prepareDecoding(): void {
  if (needsOffscreen()) void ensureDocument().catch(() => undefined);
  else if (typeof Worker !== 'undefined') prepareDecodeWorker();
}
