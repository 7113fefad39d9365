/** andOTP backups: plain JSON array, and the two AES-GCM binary formats. */
import type { AccountInput } from '../otp/account';
import { asRecord, fromUtf8, tryParseJson, utf8 } from './bytes';
import { collectEntries } from './collect';
import { aesGcmOpen, pbkdf2, sha256 } from './crypto';
import { EntrySkip, ImportError, malformedEntry, malformedFile } from './import-error';
import { entryLabel, stripIssuerPrefix, toInput } from './to-input';
import type { ParsedEntries } from './types';

/**
 * andOTP picks 140,000-160,000 PBKDF2 rounds. A header claiming more than a million is damage
 * (or an attack that would freeze the browser), so it is refused as malformed.
 */
export const MAX_ANDOTP_ITERATIONS = 1_000_000;

const IV = 12;
const SALT = 12;
const TAG = 16;

/** Old backups have no issuer: the label reads "Issuer - Name" (and the name may repeat "Issuer:"). */
function issuerAndName(e: Record<string, unknown>): { issuer: unknown; name: unknown } {
  if (e.issuer !== undefined && e.issuer !== null) return { issuer: e.issuer, name: e.label };
  if (typeof e.label !== 'string') return { issuer: '', name: e.label };
  const sep = e.label.indexOf(' - ');
  if (sep < 0) return { issuer: '', name: e.label };
  const issuer = e.label.slice(0, sep).trim();
  return { issuer, name: stripIssuerPrefix(e.label.slice(sep + 3).trim(), issuer) };
}

function mapEntry(raw: unknown, entry: number): AccountInput {
  const e = asRecord(raw);
  if (!e) throw malformedEntry(entry, 'entry', 'the account details are missing');
  const type = typeof e.type === 'string' ? e.type.toUpperCase() : 'TOTP';
  if (type === 'MOTP') throw new EntrySkip('mOTP accounts are not supported');
  if (type !== 'TOTP' && type !== 'HOTP' && type !== 'STEAM') throw new EntrySkip(`"${type.slice(0, 20)}" accounts are not supported`);
  return toInput({
    ...issuerAndName(e),
    secret: e.secret,
    type: type === 'HOTP' ? 'hotp' : 'totp',
    encoder: type === 'STEAM' ? 'steam' : 'standard',
    algorithm: e.algorithm,
    digits: e.digits,
    period: e.period,
    counter: e.counter,
  }, entry);
}

/** Entries of a plain andOTP JSON array. */
export function parseAndOtpEntries(list: unknown): ParsedEntries {
  if (!Array.isArray(list)) throw malformedFile('This andOTP file has no list of accounts.');
  return collectEntries(list, mapEntry, (r) => {
    const e = asRecord(r);
    return e ? entryLabel(issuerAndName(e).issuer, issuerAndName(e).name) : entryLabel('', '');
  });
}

function contentOf(plain: Uint8Array): ParsedEntries {
  const text = fromUtf8(plain);
  const list = text === null ? undefined : tryParseJson(text);
  if (list === undefined) throw malformedFile('The password is right, but the accounts in this andOTP backup are damaged.');
  return parseAndOtpEntries(list);
}

/**
 * Decrypt an andOTP `.json.aes` backup. The file has no magic number, so the new layout
 * ([BE int32 iterations][salt][IV][ct‖tag], PBKDF2-SHA1) is tried when its header is sane, then
 * the old one ([IV][ct‖tag], key = SHA-256(password)).
 */
export async function parseAndOtpEncrypted(file: Uint8Array<ArrayBuffer>, password?: string): Promise<ParsedEntries> {
  if (file.length < IV + TAG) throw malformedFile('This andOTP backup is too short to hold any accounts.');
  if (password === undefined) throw new ImportError('password-required', 'This andOTP backup is encrypted. Enter its password.');
  const iterations = new DataView(file.buffer, file.byteOffset, 4).getUint32(0, false);
  const newLayoutFits = file.length >= 4 + SALT + IV + TAG;
  if (newLayoutFits && iterations >= 1 && iterations <= MAX_ANDOTP_ITERATIONS) {
    const key = await pbkdf2(password, file.slice(4, 4 + SALT), iterations, 'SHA-1');
    const plain = await aesGcmOpen(key, file.slice(4 + SALT, 4 + SALT + IV), file.slice(4 + SALT + IV));
    if (plain) return contentOf(plain);
  }
  const oldKey = await sha256(utf8(password));
  const plain = await aesGcmOpen(oldKey, file.slice(0, IV), file.slice(IV));
  if (plain) return contentOf(plain);
  if (newLayoutFits && iterations > MAX_ANDOTP_ITERATIONS && iterations <= 0x7fffffff) {
    // andOTP writes a Java (signed) int, so a positive value here reads as a new-layout header
    // asking for far too many rounds; a negative one can only be an old-layout IV.
    throw malformedFile(
      `This andOTP backup could not be opened. Its header asks for ${iterations.toLocaleString('en-US')} key rounds `
        + `(Tessera accepts at most ${MAX_ANDOTP_ITERATIONS.toLocaleString('en-US')}), so the file is probably damaged, or the password is wrong.`,
    );
  }
  throw new ImportError('wrong-password', 'That password does not open this andOTP backup.');
}
