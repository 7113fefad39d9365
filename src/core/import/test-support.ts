/** Test-only helper: the comparable summary of an imported entry. */
import type { ImportEntry } from './types';

/** [issuer, name, kind, secret, algorithm, digits, period-or-counter]. */
export type Row = [string, string, 'totp' | 'hotp' | 'steam', string, string, number, number];

/** The comparable summary of an imported entry (kind 'steam' for Steam-encoded TOTP). */
export function row(e: ImportEntry): Row {
  const i = e.input;
  const kind = i.encoder === 'steam' ? 'steam' : i.type === 'hotp' ? 'hotp' : 'totp';
  return [i.issuer ?? '', i.name ?? '', kind, i.secret, i.algorithm ?? '', i.digits ?? 0, kind === 'hotp' ? i.counter ?? -1 : i.period ?? -1];
}
