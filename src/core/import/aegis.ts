/** Aegis vault export (plain or password-encrypted), content versions 1-3. */
import type { AccountInput } from '../otp/account';
import { asRecord, concatBytes, fromBase64, fromHex, fromUtf8, tryParseJson } from './bytes';
import { collectEntries } from './collect';
import { aesGcmOpen, scryptKey } from './crypto';
import { EntrySkip, ImportError, malformedEntry, malformedFile } from './import-error';
import { entryLabel, toInput } from './to-input';
import type { ParsedEntries } from './types';
import { MAX_AEGIS_SCRYPT_WORK, MAX_KDF_RUNS, mib, tooMuchWork } from './work-budget';

/**
 * scrypt limits. Aegis always writes N=32768 r=8 p=1; a damaged or hostile header could ask for
 * gigabytes of memory or hours of work, so anything beyond 128 MiB (128·N·r) or p > 4 is refused.
 */
const MAX_SCRYPT_BYTES = 128 * 1024 * 1024;
const MAX_SCRYPT_P = 4;

function mapEntry(raw: unknown, entry: number): AccountInput {
  const e = asRecord(raw);
  const info = asRecord(e?.info);
  if (!e || !info) throw malformedEntry(entry, 'info', 'the account details are missing');
  const type = typeof e.type === 'string' ? e.type.toLowerCase() : '';
  if (type === 'motp') throw new EntrySkip('mOTP accounts are not supported');
  if (type === 'yandex') throw new EntrySkip('Yandex accounts are not supported');
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') throw new EntrySkip(`"${String(e.type).slice(0, 20)}" accounts are not supported`);
  // Aegis stores MD5 only for mOTP and reads it as SHA1 elsewhere; mirror that.
  const algo = typeof info.algo === 'string' && info.algo.toUpperCase() === 'MD5' ? 'SHA1' : info.algo;
  return toInput({
    secret: info.secret,
    type: type === 'hotp' ? 'hotp' : 'totp',
    encoder: type === 'steam' ? 'steam' : 'standard',
    algorithm: algo,
    digits: info.digits,
    period: info.period,
    counter: info.counter,
    issuer: e.issuer,
    name: e.name,
    note: e.note,
  }, entry);
}

/** Entries of a decrypted (or plain) Aegis `db` object. */
export function parseAegisContent(db: unknown): ParsedEntries {
  const content = asRecord(db);
  if (!content || !Array.isArray(content.entries)) throw malformedFile('This Aegis file has no list of accounts.');
  const version = content.version;
  if (typeof version !== 'number' || version < 1 || version > 3) {
    throw new ImportError('unsupported', 'This Aegis file was made by a version of Aegis that Tessera cannot read yet.');
  }
  return collectEntries(content.entries, mapEntry, (r) => entryLabel(asRecord(r)?.issuer, asRecord(r)?.name));
}

interface PasswordSlot { key: Uint8Array<ArrayBuffer>; nonce: Uint8Array<ArrayBuffer>; tag: Uint8Array<ArrayBuffer>; salt: Uint8Array<ArrayBuffer>; n: number; r: number; p: number }

function readSlot(raw: unknown): PasswordSlot | null {
  const s = asRecord(raw);
  if (!s || s.type !== 1) return null;
  const params = asRecord(s.key_params);
  const hex = (v: unknown) => (typeof v === 'string' ? fromHex(v) : null);
  const key = hex(s.key), nonce = hex(params?.nonce), tag = hex(params?.tag), salt = hex(s.salt);
  const { n, r, p } = s;
  const ok = key?.length === 32 && nonce?.length === 12 && tag?.length === 16 && salt && salt.length > 0
    && typeof n === 'number' && typeof r === 'number' && typeof p === 'number'
    && Number.isInteger(n) && Number.isInteger(r) && Number.isInteger(p) && n >= 2 && (n & (n - 1)) === 0
    && r >= 1 && p >= 1 && p <= MAX_SCRYPT_P && 128 * n * r <= MAX_SCRYPT_BYTES;
  if (!ok) throw malformedFile('The password slot of this Aegis file is damaged or uses settings Tessera refuses.');
  return { key: key!, nonce: nonce!, tag: tag!, salt: salt!, n, r, p };
}

/**
 * The master key from the first slot the password opens, or null. A vault may have several
 * password slots (e.g. a backup password), each costing one scrypt run: slots are tried in
 * order within the file's work budget, and a file that needs more is refused, not ground through.
 */
async function openSlots(slots: PasswordSlot[], password: string): Promise<Uint8Array<ArrayBuffer> | null> {
  let spent = 0;
  for (const [tried, slot] of slots.entries()) {
    const work = 128 * slot.n * slot.r * slot.p;
    if (tried === MAX_KDF_RUNS || spent + work > MAX_AEGIS_SCRYPT_WORK) {
      throw tooMuchWork('Aegis', tried === 0
        ? `its password slot asks for ${mib(work)} MiB of scrypt work (at most ${mib(MAX_AEGIS_SCRYPT_WORK)} MiB per file).`
        : `it has ${slots.length} password slots, and the ${tried} tried within the limit (${mib(MAX_AEGIS_SCRYPT_WORK)} MiB of scrypt work) do not open with this password.`);
    }
    spent += work;
    const derived = await scryptKey(password, slot.salt, slot.n, slot.r, slot.p);
    const masterKey = await aesGcmOpen(derived, slot.nonce, concatBytes(slot.key, slot.tag));
    if (masterKey) return masterKey;
  }
  return null;
}

/** Parse an Aegis export (already JSON-parsed). Encrypted vaults need `password`. */
export async function parseAegis(file: Record<string, unknown>, password?: string): Promise<ParsedEntries> {
  if (typeof file.db !== 'string') return parseAegisContent(file.db);
  const header = asRecord(file.header);
  const params = asRecord(header?.params);
  if (!header || !Array.isArray(header.slots) || !params) throw malformedFile('This encrypted Aegis file is missing its header.');
  const slots = header.slots.map(readSlot).filter((s): s is PasswordSlot => s !== null);
  if (slots.length === 0) {
    throw new ImportError('unsupported', 'This Aegis vault can only be unlocked on the phone (no password). Export it from Aegis with a password.');
  }
  const nonce = typeof params.nonce === 'string' ? fromHex(params.nonce) : null;
  const tag = typeof params.tag === 'string' ? fromHex(params.tag) : null;
  const db = fromBase64(file.db);
  if (nonce?.length !== 12 || tag?.length !== 16 || !db) throw malformedFile('This encrypted Aegis file is damaged.');
  if (password === undefined) throw new ImportError('password-required', 'This Aegis file is encrypted. Enter the password you chose in Aegis.');
  const masterKey = await openSlots(slots, password);
  if (!masterKey) throw new ImportError('wrong-password', 'That password does not open this Aegis file.');
  const plain = await aesGcmOpen(masterKey, nonce, concatBytes(db, tag));
  const text = plain ? fromUtf8(plain) : null;
  const content = text === null ? undefined : tryParseJson(text);
  if (content === undefined) throw malformedFile('The password is right, but the accounts in this Aegis file are damaged.');
  return parseAegisContent(content);
}
