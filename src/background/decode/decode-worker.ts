/**
 * A dedicated worker that decodes one scan's images, off the thread that answers requests.
 * It reports each code as soon as it is found, so that a scan cut short by its time budget
 * still gets what was found; the host terminates it at the deadline (jsQR cannot be paused).
 */
import { runTask, type DecodeTask } from './decode-task';

self.onmessage = async (event: MessageEvent<DecodeTask[]>) => {
  const tasks = event.data;
  for (let i = 0; i < tasks.length; i++) {
    const hits = await runTask(tasks[i]!, i).catch(() => []);
    for (const hit of hits) self.postMessage({ hit });
  }
  self.postMessage({ done: true });
};
