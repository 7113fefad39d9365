/** The popup's side of the message contract: typed calls, readable errors. */
import browser from 'webextension-polyfill';
import type { Contract, Reply, RequestName } from '../shared/messages';

export class ReplyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function call<K extends RequestName>(type: K, payload: Contract[K][0]): Promise<Contract[K][1]> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<Contract[K][1]> | undefined;
  if (!reply) throw new ReplyError('no-reply', 'Tessera’s background did not answer. Close and reopen the popup.');
  if (!reply.ok) throw new ReplyError(reply.error.code, reply.error.message);
  return reply.value;
}

export function errorMessage(err: unknown): string {
  return err instanceof ReplyError ? err.message : 'Something went wrong. Nothing was changed.';
}
