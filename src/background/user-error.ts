/**
 * An error whose message is written for a person. Handlers throw it; the router turns it
 * (and the core's typed errors, which carry a `code` and a readable message) into a reply.
 * Anything else becomes a generic message: no stack traces reach people.
 */
export class UserError extends Error {
  /**
   * @param code what the UI keys on, and the locale key `err_<code>` the popup shows
   * @param message the English text, used when the locale has no entry
   * @param params the values the localized message names ($1, $2…)
   */
  constructor(
    readonly code: string,
    message: string,
    readonly params: string[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Core errors (OtpError, VaultError, BackupError, ImportError) all carry a string code. */
export function toReplyError(err: unknown): { code: string; message: string; params?: string[] } {
  if (err instanceof UserError) return { code: err.code, message: err.message, params: err.params };
  if (err instanceof Error && typeof (err as { code?: unknown }).code === 'string') {
    // An import or backup error that names one entry passes its number on for the localized message.
    const entry = (err as { entry?: unknown }).entry;
    const params = typeof entry === 'number' ? { params: [String(entry)] } : {};
    return { code: (err as Error & { code: string }).code, message: err.message, ...params };
  }
  return { code: 'internal', message: 'Something went wrong inside Tessera. Nothing was changed.' };
}
