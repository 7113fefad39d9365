/** Test-only helpers: reading the shared sample files and summarising entries for comparison. */
import { readFileSync } from 'node:fs';
import type { ImportEntry } from './types';

/** Bytes of a sample in /work/shared/vectors (resolved relative to this file, never copied). */
export function vector(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../../shared/vectors/${name}`, import.meta.url)));
}

/** [issuer, name, kind, secret, algorithm, digits, period-or-counter] as in SOURCES.md's table. */
export type Row = [string, string, 'totp' | 'hotp' | 'steam', string, string, number, number];

/** The comparable summary of an imported entry (kind 'steam' for Steam-encoded TOTP). */
export function row(e: ImportEntry): Row {
  const i = e.input;
  const kind = i.encoder === 'steam' ? 'steam' : i.type === 'hotp' ? 'hotp' : 'totp';
  return [i.issuer ?? '', i.name ?? '', kind, i.secret, i.algorithm ?? '', i.digits ?? 0, kind === 'hotp' ? i.counter ?? -1 : i.period ?? -1];
}
