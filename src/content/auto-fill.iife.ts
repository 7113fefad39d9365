/**
 * Registered only for sites the user opted in to "fill automatically" (see
 * background/auto-fill-registration.ts). It tells the background that this frame shows inputs
 * that could take a code; the background ranks them (the word tables live there) and fills
 * through the agent, or does nothing. It never receives a code by message.
 */
import { describeFields } from '../core/fields/describe-fields';

const READY = 'tessera/auto-fill-ready';
// Firefox's promise-based `browser`, else Chromium's `chrome` (both promise-based in MV3); no polyfill in the page.
const runtime = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

/** A login flow shows a few steps at most: a bound on how often one page asks the background. */
const MAX_ANNOUNCEMENTS = 5;
let announced = 0;
let lastShape = '';

/** Announces when the set of possible code inputs changed (a new step of the login rendered). */
function announce(): void {
  const { page } = describeFields(document);
  const shape = page.fields.map((f) => `${f.name}|${f.id}|${f.maxLength}`).join(',');
  if (page.fields.length === 0 || shape === lastShape) return;
  lastShape = shape;
  announced++;
  void runtime.runtime.sendMessage({ type: READY }).catch(() => undefined);
}

announce();
// Login pages often render the code step after load (SPA, modal): watch for a while.
let queued = false;
const observer = new MutationObserver(() => {
  if (queued) return;
  queued = true;
  setTimeout(() => {
    queued = false;
    if (announced >= MAX_ANNOUNCEMENTS) observer.disconnect();
    else announce();
  }, 250);
});
observer.observe(document.documentElement, { childList: true, subtree: true });
setTimeout(() => observer.disconnect(), 30_000);
