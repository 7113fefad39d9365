/**
 * The "Authenticator" browser extension (authenticator.cc) JSON backup: plain, v3 encrypted
 * (Argon2id passphrase + CryptoJS AES), and the older v1/v2 per-secret encryption.
 */
import { Secret } from 'otpauth';
import type { AccountInput } from '../otp/account';
import { asRecord, fromBase64, fromUtf8, tryParseJson } from './bytes';
import { collectEntries } from './collect';
import { argon2Check, argon2idEncoded, cryptoJsOpen } from './crypto';
import { EntrySkip, ImportError, malformedEntry, malformedFile } from './import-error';
import { entryLabel, toInput } from './to-input';
import type { ParsedEntries } from './types';
import { MAX_EXTENSION_ARGON2_WORK, MAX_KDF_RUNS, tooMuchWork } from './work-budget';

type Rec = Record<string, unknown>;
/** The extension's fixed Argon2id settings for deriving the passphrase (v3). */
const KDF = { t: 2, m: 19_456, p: 1 };
/** Limits on the settings read from a Key's stored hash, so a damaged file cannot stall us. */
const MAX_CHECK = { t: 10, m: 65_536, p: 4 };
const WRONG = 'That password does not open this Authenticator backup.';

/** The account records of the backup, in the extension's own order. */
export function extensionEntries(file: Rec): Rec[] {
  const list = Object.values(file).map(asRecord).filter((r): r is Rec =>
    r !== null && (r.dataType === 'OTPStorage' || r.dataType === 'EncOTPStorage' || (r.dataType === undefined && 'secret' in r)));
  return list.sort((a, b) => (typeof a.index === 'number' ? a.index : 0) - (typeof b.index === 'number' ? b.index : 0));
}

/** True when any account needs a password (v3 EncOTPStorage or v1/v2 `encrypted: true`). */
export function isExtensionEncrypted(file: Rec): boolean {
  return extensionEntries(file).some((e) => e.dataType === 'EncOTPStorage' || e.encrypted === true);
}

function mapEntry(e: Rec, entry: number): AccountInput {
  let type = typeof e.type === 'string' ? e.type : 'totp';
  let secret = e.secret;
  // Older versions marked Battle.net / Steam with a prefix on the secret.
  if (typeof secret === 'string') {
    const m = /^(blz-|bliz-|stm-)/i.exec(secret);
    if (m) {
      type = m[1]!.toLowerCase() === 'stm-' ? 'steam' : 'battle';
      secret = secret.slice(m[1]!.length);
    }
  }
  if (type === 'hex' || type === 'hhex') {
    if (typeof secret !== 'string' || !/^([0-9a-fA-F]{2})+$/.test(secret)) throw malformedEntry(entry, 'secret', 'the secret is not valid hexadecimal');
    secret = Secret.fromHex(secret).base32;
  } else if (!['totp', 'hotp', 'steam', 'battle'].includes(type)) {
    throw new EntrySkip(`"${type.slice(0, 20)}" accounts are not supported`);
  }
  return toInput({
    secret,
    type: type === 'hotp' || type === 'hhex' ? 'hotp' : 'totp',
    encoder: type === 'steam' ? 'steam' : 'standard',
    algorithm: e.algorithm,
    // Battle.net codes are 8 digits; the extension does not store that.
    digits: type === 'battle' ? 8 : e.digits,
    period: e.period,
    counter: e.counter,
    issuer: e.issuer,
    name: e.account,
  }, entry);
}

function collect(entries: Rec[]): ParsedEntries {
  return collectEntries(entries, mapEntry, (e) => entryLabel(e.issuer, e.account));
}

interface KeyRecord { salt: string; hash: string; work: number }

/**
 * A Key record checked before any derivation, with its Argon2 work (KiB × passes): the fixed
 * derivation plus the check against its hash, at the settings the hash names.
 */
function keyRecord(key: Rec | null): KeyRecord {
  if (!key || typeof key.salt !== 'string' || typeof key.hash !== 'string') throw malformedFile('The key record of this Authenticator backup is missing or damaged.');
  const params = /^\$argon2id\$v=19\$m=(\d{1,9}),t=(\d{1,9}),p=(\d{1,9})\$/.exec(key.hash);
  if (!params || Number(params[1]) > MAX_CHECK.m || Number(params[2]) > MAX_CHECK.t || Number(params[3]) > MAX_CHECK.p) {
    throw malformedFile('The key record of this Authenticator backup is damaged or uses settings Tessera refuses.');
  }
  return { salt: key.salt, hash: key.hash, work: KDF.m * KDF.t + Number(params[1]) * Number(params[2]) };
}

/**
 * Every Key record the encrypted accounts name, refused as a whole when deriving them all would
 * exceed the file's work budget (each account needs its key, so none may be left out).
 */
function keysFor(file: Rec, entries: Rec[]): Map<string, KeyRecord> {
  const ids = [...new Set(entries.filter((e) => e.dataType === 'EncOTPStorage').map((e) => (typeof e.keyId === 'string' ? e.keyId : '')))];
  if (ids.length > MAX_KDF_RUNS) throw tooMuchWork('Authenticator', `its accounts are sealed with ${ids.length} different keys.`);
  const keys = new Map(ids.map((id) => [id, keyRecord(asRecord(Object.hasOwn(file, id) ? file[id] : undefined))]));
  const work = [...keys.values()].reduce((sum, k) => sum + k.work, 0);
  if (work > MAX_EXTENSION_ARGON2_WORK) {
    throw tooMuchWork('Authenticator', `its keys ask for ${Math.round(work / 1024).toLocaleString('en-US')} MiB × passes of Argon2 work (at most ${MAX_EXTENSION_ARGON2_WORK / 1024} per file).`);
  }
  return keys;
}

/** v3: derive the passphrase for one Key record and check it against the stored hash. */
async function passphraseFor(key: KeyRecord, password: string): Promise<string> {
  let encoded: string;
  try {
    encoded = await argon2idEncoded(password, key.salt, KDF.t, KDF.m, KDF.p);
  } catch {
    throw malformedFile('The key record of this Authenticator backup is damaged (bad salt).');
  }
  const passphrase = encoded.split('$')[5] ?? '';
  if (!(await argon2Check(passphrase, key.hash))) throw new ImportError('wrong-password', WRONG);
  return passphrase;
}

async function openText(data: unknown, passphrase: string): Promise<string | null> {
  const sealed = typeof data === 'string' ? fromBase64(data) : null;
  const plain = sealed ? await cryptoJsOpen(sealed, passphrase) : null;
  return plain ? fromUtf8(plain) : null;
}

/** v1/v2 have no password check: a decryption is right if it looks like a secret. */
const looksLikeSecret = (s: string | null): s is string => s !== null && s.length >= 8 && /^(blz-|bliz-|stm-)?[A-Za-z2-7=\s]+$|^[0-9a-fA-F]+$/.test(s);

async function decryptV3(file: Rec, entries: Rec[], password: string): Promise<Rec[]> {
  const keys = keysFor(file, entries);
  const passphrases = new Map<string, string>();
  const out: Rec[] = [];
  for (const [i, e] of entries.entries()) {
    if (e.dataType !== 'EncOTPStorage') {
      out.push(e);
      continue;
    }
    const keyId = typeof e.keyId === 'string' ? e.keyId : '';
    let passphrase = passphrases.get(keyId);
    if (passphrase === undefined) passphrases.set(keyId, (passphrase = await passphraseFor(keys.get(keyId)!, password)));
    const text = await openText(e.data, passphrase);
    const record = asRecord(text === null ? undefined : tryParseJson(text));
    if (!record) throw malformedEntry(i + 1, 'data', 'the password is right, but this account could not be decrypted');
    out.push(record);
  }
  return out;
}

async function decryptLegacy(file: Rec, entries: Rec[], password: string): Promise<Rec[]> {
  const keyRec = asRecord(file.key);
  const enc = keyRec ? keyRec.enc : file.enc;
  let passphrase = password;
  if (typeof enc === 'string') {
    const key = await openText(enc, password);
    if (key === null || key.length < 8) throw new ImportError('wrong-password', WRONG);
    passphrase = key;
  }
  const out: Rec[] = [];
  for (const e of entries) {
    if (e.encrypted !== true) {
      out.push(e);
      continue;
    }
    const secret = await openText(e.secret, passphrase);
    if (!looksLikeSecret(secret)) throw new ImportError('wrong-password', WRONG);
    out.push({ ...e, secret, encrypted: false });
  }
  return out;
}

/** Parse an Authenticator-extension backup (already JSON-parsed). */
export async function parseAuthenticatorExtension(file: Rec, password?: string): Promise<ParsedEntries> {
  const entries = extensionEntries(file);
  if (!isExtensionEncrypted(file)) return collect(entries);
  if (password === undefined) throw new ImportError('password-required', 'This Authenticator backup is encrypted. Enter the password you set in the extension.');
  const v3 = entries.some((e) => e.dataType === 'EncOTPStorage');
  return collect(v3 ? await decryptV3(file, entries, password) : await decryptLegacy(file, entries, password));
}
