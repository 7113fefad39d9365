/**
 * Chromium's offscreen document (reasons WORKERS and CLIPBOARD): the MV3 service worker can
 * neither start a worker nor touch the clipboard, so it asks this page, which holds no secret
 * and nothing of the vault. It answers only the extension's own service worker.
 */
import { decodeInWorker, prepareDecodeWorker } from '../background/decode/decode-host';
import { clearClipboardHere, scheduleClipboardClear } from '../background/clipboard-clear';
import { OFFSCREEN_TARGET, type OffscreenRequest } from './messages';

interface Sender {
  id?: string;
  tab?: unknown;
}
type Listener = (message: unknown, sender: Sender, sendResponse: (value: unknown) => void) => boolean;
const runtime = (globalThis as unknown as { chrome: { runtime: { id: string; onMessage: { addListener(l: Listener): void } } } }).chrome.runtime;

// The document is made when a scan starts: have the decoder ready by the time images arrive.
prepareDecodeWorker();

runtime.onMessage.addListener((message, sender, sendResponse) => {
  const request = message as OffscreenRequest | null;
  if (typeof request !== 'object' || request === null || request.target !== OFFSCREEN_TARGET) return false;
  // The service worker has no tab; pages and content scripts do, and other extensions another id.
  if (sender.id !== runtime.id || sender.tab) return false;
  if (request.type === 'decode') {
    void decodeInWorker(request.tasks, request.budgetMs).then((hits) => sendResponse(hits));
    return true; // answers asynchronously
  }
  if (request.type === 'clipboard-clear') {
    scheduleClipboardClear(request.afterMs, () => clearClipboardHere(document));
    sendResponse(true);
  }
  return false;
});
