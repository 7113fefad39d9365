/**
 * Chromium's offscreen document, typed by hand (the polyfill does not cover `chrome.offscreen`,
 * and Firefox has none: there the background page does this work itself).
 */
import type { OffscreenRequest } from '../offscreen/messages';

interface ChromeOffscreen {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  hasDocument?(): Promise<boolean>;
}
interface ChromeRuntime {
  sendMessage(message: unknown): Promise<unknown>;
  getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]>;
}
const chromeApi = (globalThis as { chrome?: { offscreen?: ChromeOffscreen; runtime?: ChromeRuntime } }).chrome;

export const OFFSCREEN_URL = 'src/offscreen/index.html';

/** Whether this background must delegate (a service worker has no Worker and no clipboard). */
export function needsOffscreen(): boolean {
  return typeof Worker === 'undefined' && chromeApi?.offscreen !== undefined;
}

let creating: Promise<void> | null = null;

/** Makes sure the document exists (a scan calls this at its start, so creating it overlaps the page's work). */
export async function ensureDocument(): Promise<void> {
  const offscreen = chromeApi!.offscreen!;
  const exists = offscreen.hasDocument
    ? await offscreen.hasDocument()
    : ((await chromeApi!.runtime!.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) ?? []).length > 0;
  if (exists) return;
  // One offscreen document per extension: concurrent callers share one creation.
  creating ??= offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      reasons: ['WORKERS', 'CLIPBOARD'],
      justification: 'Decode QR codes off the service worker, and clear a copied code from the clipboard after the delay the user chose.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

/** Sends one request to the offscreen document, creating it first if needed. */
export async function askOffscreen<T>(request: OffscreenRequest): Promise<T> {
  await ensureDocument();
  return (await chromeApi!.runtime!.sendMessage(request)) as T;
}
