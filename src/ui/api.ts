/** The popup's side of the message contract: typed calls, readable errors. */
import browser from 'webextension-polyfill';
import type { Contract, Reply, RequestName } from '../shared/messages';
import { t, uiLocale } from './i18n';

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
  if (!reply) throw new ReplyError('no-reply', t('err_no_reply'));
  if (!reply.ok) throw new ReplyError(reply.error.code, reply.error.message, reply.error.params);
  return reply.value;
}

/**
 * Core errors whose English text names the entry, field or value at fault. English keeps that
 * sentence; other locales show the localized sentence for the code (with the entry number when
 * the core names one), since the core's details are English words.
 */
const DETAILED = new Set([
  'malformed', 'invalid-account', 'unsupported', 'missing-secret', 'bad-secret', 'bad-digits', 'bad-period',
  'bad-counter', 'bad-algorithm', 'bad-type', 'bad-label', 'not-otpauth', 'bad-uri', 'invalid-data',
  'password-required', 'wrong-password', 'unknown-format',
]);

/** The message for a failed request: from _locales by the error's code (`err_<code>`). */
export function errorMessage(err: unknown): string {
  if (!(err instanceof ReplyError)) return localized('internal') ?? t('err_internal');
  return coreErrorMessage(err.code, err.message, err.params);
}

/** A coded error (from the background, or a core error raised in this page) in the UI's language. */
export function coreErrorMessage(code: string, message: string, params: string[] = []): string {
  if (DETAILED.has(code) && message && uiLocale().lang.startsWith('en')) return message;
  if (params.length > 0 && (code === 'malformed' || code === 'invalid-account')) return localized(`${code}-entry`, params) ?? message;
  return localized(code, params) ?? message;
}

export function localized(code: string, params: string[] = []): string | null {
  return browser.i18n.getMessage(`err_${code.replace(/-/g, '_')}`, params) || null;
}
