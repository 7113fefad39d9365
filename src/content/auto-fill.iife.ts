/**
 * Registered only for sites the user opted in to "fill automatically" (see
 * background/auto-fill-registration.ts). It tells the background that this frame shows a code
 * field, once; it never receives a code by message (the background fills through the agent).
 */
import { findCodeField } from '../core/fields/find-code-field';

const READY = 'tessera/auto-fill-ready';
// Firefox's promise-based `browser`, else Chromium's `chrome` (both promise-based in MV3); no polyfill in the page.
const runtime = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

function announce(): boolean {
  if (!findCodeField(document)) return false;
  void runtime.runtime.sendMessage({ type: READY }).catch(() => undefined);
  return true;
}

// Login pages often render the code step after load (SPA, modal): watch briefly for the field.
if (!announce()) {
  const observer = new MutationObserver(() => {
    if (announce()) observer.disconnect();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), 30_000);
}
