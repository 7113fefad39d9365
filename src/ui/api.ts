/** The popup's side of the message contract: typed calls, readable errors. */
import browser from 'webextension-polyfill';
import type { Contract, Reply, RequestName } from '../shared/messages';

export class ReplyError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params: string[] = [],
  ) {
    super(message);
  }
}

export async function call<K extends RequestName>(type: K, payload: Contract[K][0]): Promise<Contract[K][1]> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<Contract[K][1]> | undefined;
  if (!reply) throw new ReplyError('no-reply', 'Tessera’s background did not answer. Close and reopen the popup.');
  if (!reply.ok) throw new ReplyError(reply.error.code, reply.error.message, reply.error.params);
  return reply.value;
}

/**
 * The message for a failed request, from _locales when it has one for the error's code
 * (`err_<code>`); otherwise the text the background wrote (core errors that name an entry or a
 * field carry details no fixed string can).
 */
export function errorMessage(err: unknown): string {
  if (!(err instanceof ReplyError)) return localized('internal') ?? 'Something went wrong. Nothing was changed.';
  return localized(err.code, err.params) ?? err.message;
}

export function localized(code: string, params: string[] = []): string | null {
  return browser.i18n.getMessage(`err_${code.replace(/-/g, '_')}`, params) || null;
}
