/**
 * Text files of otpauth:// links, one per line: plain lists (Aegis/Authenticator text exports)
 * and Ente Auth's plain export (which adds a `codeDisplay` JSON parameter per line).
 */
import type { AccountInput } from '../otp/account';
import { OtpError } from '../otp/errors';
import { parseOtpauthUri } from '../otp/otpauth-uri';
import { asRecord, tryParseJson } from './bytes';
import { collectEntries } from './collect';
import { EntrySkip, malformedEntry } from './import-error';
import { toInput } from './to-input';
import type { ParsedEntries } from './types';

/** OtpError codes that mean "a kind of account Tessera lacks", not "a damaged line". */
const UNSUPPORTED_CODES = new Set(['bad-type', 'bad-algorithm']);

/** Ente's per-line metadata (URL-encoded JSON); damage here does not affect the account. */
function enteDisplay(line: string): Record<string, unknown> {
  const m = /[?&]codeDisplay=([^&#]*)/.exec(line);
  if (!m) return {};
  try {
    return asRecord(tryParseJson(decodeURIComponent(m[1]!))) ?? {};
  } catch {
    return {};
  }
}

/**
 * One otpauth:// (or motp:// / steam://) line as an account. Line problems become
 * ImportError('malformed') naming the entry; unsupported kinds become skips.
 */
export function parseUriLine(line: string, entry: number, ente = false): AccountInput {
  if (/^motp:\/\//i.test(line)) throw new EntrySkip('mOTP accounts are not supported');
  if (!/^(otpauth|steam):\/\//i.test(line)) throw new EntrySkip('this line is not an authenticator link');
  let input: AccountInput;
  try {
    // Older Ente versions wrote Dart enum names ("algorithm=Algorithm.sha1").
    input = parseOtpauthUri(ente ? line.replace(/algorithm=Algorithm\./i, 'algorithm=') : line);
  } catch (err) {
    if (!(err instanceof OtpError)) throw err;
    if (UNSUPPORTED_CODES.has(err.code)) throw new EntrySkip(err.message);
    throw malformedEntry(entry, err.code.replace(/^bad-|^missing-/, ''), err.message.charAt(0).toLowerCase() + err.message.slice(1));
  }
  let note = '';
  if (ente) {
    const display = enteDisplay(line);
    if (display.trashed === true) throw new EntrySkip("it is in Ente's trash");
    if (typeof display.note === 'string') note = display.note;
  }
  return toInput({ ...input, note }, entry);
}

/** A short, secret-free label for a line in the skipped list. */
function lineLabel(line: string): string {
  const m = /^[a-z]+:\/\/[^/]*\/([^?]*)/i.exec(line);
  if (!m) return 'Unreadable line';
  try {
    return decodeURIComponent(m[1]!).slice(0, 80) || 'Unnamed account';
  } catch {
    return m[1]!.slice(0, 80) || 'Unnamed account';
  }
}

/**
 * Every link in a text. Blank lines and '#' comments are ignored; Ente files may also separate
 * links with commas (its exporter escapes commas inside links as %2C).
 */
export function parseOtpauthList(text: string, ente = false): ParsedEntries {
  const lines = text.split(ente ? /[\r\n,]+/ : /\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  return collectEntries(lines, (line, i) => parseUriLine(line, i, ente), lineLabel);
}
