/**
 * Runs a scan's decoding in a dedicated worker within a time budget. Used where `Worker`
 * exists: Firefox's background page, and Chromium's offscreen document (an MV3 service worker
 * cannot start workers). The thread that answers requests never runs jsQR.
 *
 * One worker is kept ready between scans: starting a worker and compiling jsQR took longer than
 * decoding a setup page's QR code. A worker is reused only after it reported that it finished;
 * one cut off by the budget is terminated (jsQR cannot be paused) and a fresh one made later.
 */
import DecodeWorker from './decode-worker.ts?worker';
import type { DecodeHit, DecodeTask } from './decode-task';

let ready: Worker | null = null;

/** Starts the worker ahead of the first scan (it then waits, idle, for tasks). */
export function prepareDecodeWorker(): void {
  ready ??= new DecodeWorker();
}

function takeWorker(): Worker {
  const worker = ready ?? new DecodeWorker();
  ready = null;
  return worker;
}

export function decodeInWorker(tasks: DecodeTask[], budgetMs: number): Promise<DecodeHit[]> {
  const worker = takeWorker();
  const hits: DecodeHit[] = [];
  return new Promise((resolve) => {
    const finish = (reusable: boolean) => {
      clearTimeout(timer);
      worker.onmessage = null;
      worker.onerror = null;
      if (reusable && !ready) ready = worker;
      else worker.terminate(); // stops a decode mid-way: the budget is a hard limit
      resolve(hits);
    };
    const timer = setTimeout(() => finish(false), Math.max(0, budgetMs));
    worker.onmessage = (event: MessageEvent<{ hit?: DecodeHit; done?: boolean }>) => {
      if (event.data.hit) hits.push(event.data.hit);
      if (event.data.done) finish(true);
    };
    worker.onerror = () => finish(false);
    worker.postMessage(tasks);
  });
}
