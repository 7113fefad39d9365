/**
 * The core writes the reasons an entry is skipped (an import) or left out (Move to phone) as
 * English sentences. This table maps each known sentence to its locale key, with the values it
 * names, so the reasons read in the UI's language; an unknown sentence is shown as the core wrote it.
 */
import browser from 'webextension-polyfill';

const REASONS: [RegExp, string][] = [
  [/^(.+) accounts are not supported$/, 'skipUnsupportedType'],
  [/^it uses the (.+) algorithm, which Tessera does not support$/, 'skipUnsupportedAlgorithm'],
  [/^it uses an algorithm Tessera does not know$/, 'skipUnknownAlgorithm'],
  [/^it uses a number of digits Tessera does not know$/, 'skipUnknownDigits'],
  [/^it uses a code type Tessera does not know$/, 'skipUnknownType'],
  [/^it is in Ente's trash$/, 'skipTrashed'],
  [/^Steam codes cannot be shown by Google Authenticator$/, 'moveNoSteam'],
  [/^(\d+)-digit codes cannot be shown by Google Authenticator$/, 'moveNoDigits'],
  [/^codes that change every (\d+) seconds cannot be moved \(only 30\)$/, 'moveNoPeriod'],
];

export function coreText(reason: string): string {
  for (const [pattern, key] of REASONS) {
    const m = pattern.exec(reason);
    if (m) return browser.i18n.getMessage(key, m.slice(1)) || reason;
  }
  return reason;
}
