/**
 * Google Authenticator "Transfer accounts" links: otpauth-migration://offline?data=<base64
 * protobuf MigrationPayload>. Decoding for import, encoding for "Move to phone".
 */
import { Secret } from 'otpauth';
import type { Account, AccountInput } from '../otp/account';
import { fromBase64, fromUtf8, toBase64, utf8 } from './bytes';
import { collectEntries } from './collect';
import { EntrySkip, ImportError, malformedEntry, malformedFile } from './import-error';
import { readFields, ProtoWriter, type ProtoField } from './protobuf';
import { entryLabel, stripIssuerPrefix, toInput } from './to-input';
import type { ParsedEntries } from './types';

/** One decoded link: its accounts plus the batch header (which QR code of how many). */
export interface MigrationBatch extends ParsedEntries {
  version: number;
  batchSize: number;
  batchIndex: number;
  batchId: number;
}

interface RawOtp { secret: Uint8Array; name: string; issuer: string; algorithm: number; digits: number; type: number; counter: bigint }

const PREFIX = 'otpauth-migration://';
const ALGORITHMS = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' } as const;
const ALGORITHM_CODES = { SHA1: 1, SHA256: 2, SHA512: 3 } as const;

/** The `data` parameter, percent-decoded but with '+' kept literal (it is base64, not a form). */
function dataParam(uri: string, link: number): Uint8Array<ArrayBuffer> {
  const query = uri.slice(uri.indexOf('?') + 1);
  const raw = query.split('&').find((p) => p.toLowerCase().startsWith('data='));
  let decoded: string | undefined;
  try {
    decoded = raw === undefined ? undefined : decodeURIComponent(raw.slice(5));
  } catch {
    decoded = undefined;
  }
  const bytes = decoded ? fromBase64(decoded) : null;
  if (!uri.includes('?') || !bytes) throw malformedFile(`Transfer link ${link} is incomplete or damaged (its data could not be read).`);
  return bytes;
}

function readOtp(bytes: Uint8Array<ArrayBuffer>, entry: number): RawOtp {
  const fields = readFields(bytes);
  if (!fields) throw malformedEntry(entry, 'otp_parameters', 'the account data is damaged');
  const otp: RawOtp = { secret: new Uint8Array(0), name: '', issuer: '', algorithm: 0, digits: 0, type: 0, counter: 0n };
  const text = (f: ProtoField, field: string): string => {
    const s = f.kind === 'bytes' ? fromUtf8(f.value) : null;
    if (s === null) throw malformedEntry(entry, field, `the ${field} is not readable text`);
    return s;
  };
  const num = (f: ProtoField, field: string): bigint => {
    if (f.kind !== 'varint') throw malformedEntry(entry, field, `the ${field} is damaged`);
    return f.value;
  };
  for (const f of fields) {
    if (f.num === 1) {
      if (f.kind !== 'bytes') throw malformedEntry(entry, 'secret', 'the secret is damaged');
      otp.secret = f.value;
    } else if (f.num === 2) otp.name = text(f, 'name');
    else if (f.num === 3) otp.issuer = text(f, 'issuer');
    else if (f.num === 4) otp.algorithm = Number(BigInt.asUintN(32, num(f, 'algorithm')));
    else if (f.num === 5) otp.digits = Number(BigInt.asUintN(32, num(f, 'digits')));
    else if (f.num === 6) otp.type = Number(BigInt.asUintN(32, num(f, 'type')));
    else if (f.num === 7) otp.counter = BigInt.asIntN(64, num(f, 'counter'));
  }
  return otp;
}

function splitName(otp: RawOtp): { issuer: string; name: string } {
  const colon = otp.name.indexOf(':');
  if (!otp.issuer && colon >= 0) return { issuer: otp.name.slice(0, colon).trim(), name: otp.name.slice(colon + 1).trim() };
  return { issuer: otp.issuer, name: stripIssuerPrefix(otp.name, otp.issuer) };
}

function mapOtp(otp: RawOtp, entry: number): AccountInput {
  if (otp.secret.length === 0) throw malformedEntry(entry, 'secret', 'the secret is missing');
  if (otp.algorithm === 4) throw new EntrySkip('MD5 accounts are not supported');
  const algorithm = ALGORITHMS[otp.algorithm as keyof typeof ALGORITHMS];
  if (!algorithm) throw new EntrySkip('it uses an algorithm Tessera does not know');
  if (otp.digits > 2) throw new EntrySkip('it uses a number of digits Tessera does not know');
  if (otp.type > 2) throw new EntrySkip('it uses a code type Tessera does not know');
  if (otp.counter < 0n || otp.counter > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw malformedEntry(entry, 'counter', 'the counter is out of range');
  }
  return toInput({
    ...splitName(otp),
    secret: new Secret({ buffer: otp.secret.slice().buffer }).base32,
    type: otp.type === 1 ? 'hotp' : 'totp',
    algorithm,
    digits: otp.digits === 2 ? 8 : 6,
    period: 30,
    counter: Number(otp.counter),
  }, entry);
}

/**
 * Decode one otpauth-migration:// link. `firstIndex` numbers its accounts (1-based across a
 * multi-link file); `link` is the link's number for error messages.
 */
export function decodeMigrationUri(uri: string, firstIndex = 1, link = 1): MigrationBatch {
  if (!uri.trim().toLowerCase().startsWith(PREFIX)) throw malformedFile(`Transfer link ${link} is not a Google Authenticator link.`);
  const fields = readFields(dataParam(uri.trim(), link));
  if (!fields) throw malformedFile(`Transfer link ${link} is damaged (its data could not be decoded).`);
  const header = { version: 0, batchSize: 0, batchIndex: 0, batchId: 0 };
  const otps: RawOtp[] = [];
  for (const f of fields) {
    if (f.num === 1 && f.kind === 'bytes') otps.push(readOtp(f.value, firstIndex + otps.length));
    else if (f.num >= 2 && f.num <= 5 && f.kind === 'varint') {
      const v = Number(BigInt.asIntN(32, f.value));
      if (f.num === 2) header.version = v;
      else if (f.num === 3) header.batchSize = v;
      else if (f.num === 4) header.batchIndex = v;
      else header.batchId = v;
    } else if (f.num <= 5) throw malformedFile(`Transfer link ${link} is damaged (unexpected data).`);
  }
  const parsed = collectEntries(otps, mapOtp, (o) => entryLabel(splitName(o).issuer, splitName(o).name), firstIndex);
  return { ...header, ...parsed };
}

/** Every migration link in a text (one per line; blank and '#' comment lines ignored). */
export function parseMigrationText(text: string): ParsedEntries {
  const out: ParsedEntries = { entries: [], skipped: [] };
  const links = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  links.forEach((line, i) => {
    const batch = decodeMigrationUri(line, out.entries.length + out.skipped.length + 1, i + 1);
    out.entries.push(...batch.entries);
    out.skipped.push(...batch.skipped);
  });
  return out;
}

/** Why an account cannot travel to Google Authenticator (its payload has no period field etc.), or null. */
export function migrationUnsupportedReason(account: Account): string | null {
  if (account.encoder === 'steam') return 'Steam codes cannot be shown by Google Authenticator';
  if (account.digits !== 6 && account.digits !== 8) return `${account.digits}-digit codes cannot be shown by Google Authenticator`;
  if (account.type === 'totp' && account.period !== 30) return `codes that change every ${account.period} seconds cannot be moved (only 30)`;
  return null;
}

/**
 * Build otpauth-migration:// links, `batchSize` accounts per link, sharing a random batch id
 * (as the app does, so it can tell the QR codes belong together). Throws ImportError
 * ('unsupported') naming the first account the format cannot carry.
 */
export function encodeMigrationPayloads(accounts: Account[], batchSize = 10): string[] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new ImportError('unsupported', 'Each QR code must hold at least one account.');
  const params = accounts.map((a, i) => {
    const reason = migrationUnsupportedReason(a);
    if (reason) throw new ImportError('unsupported', `"${entryLabel(a.issuer, a.name)}" cannot be moved: ${reason}.`, { entry: i + 1 });
    let secret: Uint8Array;
    try {
      secret = Secret.fromBase32(a.secret).bytes;
    } catch {
      throw new ImportError('malformed', `"${entryLabel(a.issuer, a.name)}" has a damaged secret.`, { entry: i + 1, field: 'secret' });
    }
    // Field order and omission of empty strings follow the app (proto3), so links match its own.
    const w = new ProtoWriter().bytes(1, secret);
    if (a.name) w.bytes(2, utf8(a.name));
    if (a.issuer) w.bytes(3, utf8(a.issuer));
    w.int(4, ALGORITHM_CODES[a.algorithm]).int(5, a.digits === 8 ? 2 : 1).int(6, a.type === 'hotp' ? 1 : 2);
    if (a.type === 'hotp') w.int(7, a.counter);
    return w.finish();
  });
  const count = Math.ceil(params.length / batchSize);
  const batchId = crypto.getRandomValues(new Int32Array(1))[0]!;
  const links: string[] = [];
  for (let i = 0; i < count; i++) {
    const w = new ProtoWriter();
    for (const p of params.slice(i * batchSize, (i + 1) * batchSize)) w.bytes(1, p);
    w.int(2, 1).int(3, count).int(4, i).int(5, batchId);
    links.push(`${PREFIX}offline?data=${encodeURIComponent(toBase64(w.finish()))}`);
  }
  return links;
}
