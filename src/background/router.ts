/**
 * Receives runtime messages and dispatches them to the handler table.
 *
 * Privilege is decided from the sender, never from the payload: only the extension's own
 * pages (popup, backup page) are answered. Page-side scripts never message the background
 * (they return results through `scripting.executeScript`), so a message from any web page
 * or content script is dropped without a reply.
 */
import browser, { type Runtime } from './browser-api';
import { parseRequest } from '../shared/parse-request';
import type { Reply, RequestName } from '../shared/messages';
import type { HandlerTable } from './handlers/types';
import { toReplyError } from './user-error';
import { touch } from './vault-session';

export function isTrustedSender(sender: Runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  // Chromium sets sender.origin; Firefox gives sender.url. Both come from the browser, not the page.
  const origin = (sender as { origin?: string }).origin ?? (sender.url ? new URL(sender.url).origin : '');
  return origin === extensionOrigin;
}

export function listen(handlers: HandlerTable): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isTrustedSender(sender)) return undefined; // no reply at all for untrusted senders
    const request = parseRequest(message);
    if (!request) return Promise.resolve<Reply<never>>({ ok: false, error: { code: 'bad-request', message: 'Tessera received a request it does not understand.' } });
    const handler = handlers[request.type as RequestName] as (p: unknown) => Promise<unknown>;
    return handler(request.payload)
      .then(async (value) => {
        await touch();
        return { ok: true, value } satisfies Reply<unknown>;
      })
      .catch((err: unknown) => ({ ok: false, error: toReplyError(err) }) satisfies Reply<unknown>);
  });
}
