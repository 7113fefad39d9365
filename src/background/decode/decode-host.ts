/**
 * Runs a scan's decoding in a fresh dedicated worker within a time budget. Used where
 * `Worker` exists: Firefox's background page, and Chromium's offscreen document (an MV3
 * service worker cannot start workers). The thread that answers requests never runs jsQR.
 */
import DecodeWorker from './decode-worker.ts?worker';
import type { DecodeHit, DecodeTask } from './decode-task';

export function decodeInWorker(tasks: DecodeTask[], budgetMs: number): Promise<DecodeHit[]> {
  const worker = new DecodeWorker();
  const hits: DecodeHit[] = [];
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      worker.terminate(); // stops a decode mid-way: the budget is a hard limit
      resolve(hits);
    };
    const timer = setTimeout(finish, Math.max(0, budgetMs));
    worker.onmessage = (event: MessageEvent<{ hit?: DecodeHit; done?: boolean }>) => {
      if (event.data.hit) hits.push(event.data.hit);
      if (event.data.done) finish();
    };
    worker.onerror = finish;
    worker.postMessage(tasks);
  });
}
