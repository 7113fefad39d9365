/**
 * A dedicated worker that decodes one scan's images, off the thread that answers requests.
 * It reports each code as soon as it is found, so that a scan cut short by its time budget
 * still gets what was found; the host terminates it at the deadline (jsQR cannot be paused).
 */
import { runTask, type DecodeTask } from './decode-task';
import { decodeQr } from '../../core/qr/decode-qr';
import { warmUpImage } from '../../core/qr/warm-up-image';

let busy = false;

self.onmessage = async (event: MessageEvent<DecodeTask[]>) => {
  busy = true;
  const tasks = event.data;
  for (let i = 0; i < tasks.length; i++) {
    const hits = await runTask(tasks[i]!, i).catch(() => []);
    for (const hit of hits) self.postMessage({ hit });
  }
  self.postMessage({ done: true });
};

// While the page is still handing over its images: a few decodes of a code-like picture, one
// per turn of the event loop, so a scan that arrives is never queued behind more than one.
const warmUp = (left: number) => {
  if (busy || left === 0) return;
  decodeQr(warmUpImage(), { smallSide: 0 });
  setTimeout(() => warmUp(left - 1), 0);
};
setTimeout(() => warmUp(3), 0);
