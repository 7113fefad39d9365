/** Why an import failed; the UI picks its next step (ask for a password, show a message) from this. */
export type ImportErrorCode = 'unknown-format' | 'password-required' | 'wrong-password' | 'malformed' | 'unsupported'
  /** Opening the file would take more key derivations than one file may ask for (work-budget.ts). */
  | 'too-much-work';

/**
 * The only error the importers throw. `message` is written for the person importing the file;
 * `entry` (1-based) and `field` point at the culprit when one entry is to blame.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly code: ImportErrorCode;
  readonly entry?: number;
  readonly field?: string;

  constructor(code: ImportErrorCode, message: string, where: { entry?: number; field?: string } = {}) {
    super(message);
    this.code = code;
    if (where.entry !== undefined) this.entry = where.entry;
    if (where.field !== undefined) this.field = where.field;
  }
}

/** Shorthand for the common "this entry's field is wrong" case, with the entry number in the text. */
export function malformedEntry(entry: number, field: string, problem: string): ImportError {
  return new ImportError('malformed', `Entry ${entry}: ${problem}`, { entry, field });
}

/** Shorthand for damage that is not tied to one entry. */
export function malformedFile(problem: string): ImportError {
  return new ImportError('malformed', problem);
}

/**
 * Thrown by a per-entry mapper to say "leave this entry out, here is why" (e.g. mOTP).
 * Internal: `collectEntries` turns it into a SkippedEntry, so it never reaches callers.
 */
export class EntrySkip extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}
