/** 2FAS backup (.2fas), schema 1-4, plain or password-encrypted. */
import type { AccountInput } from '../otp/account';
import { asRecord, fromBase64, fromUtf8, tryParseJson } from './bytes';
import { collectEntries } from './collect';
import { aesGcmOpen, pbkdf2 } from './crypto';
import { EntrySkip, ImportError, malformedEntry, malformedFile } from './import-error';
import { entryLabel, stripIssuerPrefix, toInput } from './to-input';
import type { ParsedEntries } from './types';

/** Fixed by the 2FAS app (not stored in the file). */
const PBKDF2_ITERATIONS = 10_000;

function mapService(raw: unknown, entry: number): AccountInput {
  const s = asRecord(raw);
  if (!s) throw malformedEntry(entry, 'service', 'the account details are missing');
  const otp = asRecord(s.otp) ?? {};
  const tokenType = typeof otp.tokenType === 'string' ? otp.tokenType.toUpperCase() : 'TOTP';
  if (tokenType !== 'TOTP' && tokenType !== 'HOTP' && tokenType !== 'STEAM') {
    throw new EntrySkip(`"${tokenType.slice(0, 20)}" accounts are not supported`);
  }
  const issuer = typeof otp.issuer === 'string' && otp.issuer.trim() ? otp.issuer : s.name;
  // Schema 1-3 labels are "Issuer:account"; `account` is the clean name when present.
  const rawName = typeof otp.account === 'string' && otp.account ? otp.account : otp.label;
  const name = typeof rawName === 'string' && typeof issuer === 'string' ? stripIssuerPrefix(rawName, issuer) : rawName;
  return toInput({
    secret: s.secret,
    type: tokenType === 'HOTP' ? 'hotp' : 'totp',
    encoder: tokenType === 'STEAM' ? 'steam' : 'standard',
    algorithm: otp.algorithm,
    digits: otp.digits,
    period: otp.period,
    counter: otp.counter,
    issuer,
    name,
  }, entry);
}

function label(raw: unknown): string {
  const s = asRecord(raw);
  const otp = asRecord(s?.otp);
  return entryLabel(otp?.issuer || s?.name, otp?.account || otp?.label);
}

/** `base64(ciphertext‖tag):base64(salt):base64(iv)` split into its parts. */
function splitSealed(value: unknown, what: string): { sealed: Uint8Array<ArrayBuffer>; salt: Uint8Array<ArrayBuffer>; iv: Uint8Array<ArrayBuffer> } {
  const parts = typeof value === 'string' ? value.split(':').map(fromBase64) : [];
  const [sealed, salt, iv] = parts;
  if (parts.length !== 3 || !sealed || !salt || !iv || sealed.length < 16 || salt.length === 0 || iv.length === 0) {
    throw malformedFile(`This 2FAS file is damaged: its encrypted ${what} cannot be read.`);
  }
  return { sealed, salt, iv };
}

async function decryptServices(file: Record<string, unknown>, password: string): Promise<unknown> {
  const data = splitSealed(file.servicesEncrypted, 'accounts');
  const keys = new Map<string, Uint8Array<ArrayBuffer>>();
  const keyFor = async (salt: Uint8Array<ArrayBuffer>) => {
    const id = salt.join(',');
    let key = keys.get(id);
    if (!key) keys.set(id, (key = await pbkdf2(password, salt, PBKDF2_ITERATIONS, 'SHA-256')));
    return key;
  };
  // The reference is the app's own password check: a known text sealed with the same key.
  let checked = false;
  if (typeof file.reference === 'string' && file.reference.trim()) {
    const ref = splitSealed(file.reference, 'password check');
    if (!(await aesGcmOpen(await keyFor(ref.salt), ref.iv, ref.sealed))) {
      throw new ImportError('wrong-password', 'That password does not open this 2FAS backup.');
    }
    checked = ref.salt.join(',') === data.salt.join(',');
  }
  const plain = await aesGcmOpen(await keyFor(data.salt), data.iv, data.sealed);
  // With the password proven by the check (same key), a failure can only be damage.
  if (!plain && checked) throw malformedFile('The password is right, but the accounts in this 2FAS backup are damaged.');
  if (!plain) throw new ImportError('wrong-password', 'That password does not open this 2FAS backup.');
  const text = fromUtf8(plain);
  const services = text === null ? undefined : tryParseJson(text);
  if (services === undefined) throw malformedFile('The password is right, but the accounts in this 2FAS backup are damaged.');
  return services;
}

/** True when the 2FAS file keeps its accounts encrypted. */
export function isTwoFasEncrypted(file: Record<string, unknown>): boolean {
  return (typeof file.reference === 'string' && file.reference.trim() !== '')
    || (typeof file.servicesEncrypted === 'string' && file.servicesEncrypted.trim() !== '');
}

/** Parse a 2FAS backup (already JSON-parsed). */
export async function parseTwoFas(file: Record<string, unknown>, password?: string): Promise<ParsedEntries> {
  const schema = file.schemaVersion;
  if (typeof schema !== 'number' || schema < 1) throw malformedFile('This 2FAS file has no valid schema version.');
  if (schema > 4) throw new ImportError('unsupported', 'This 2FAS backup was made by a newer 2FAS app than Tessera can read.');
  let services: unknown = file.services;
  if (isTwoFasEncrypted(file)) {
    if (password === undefined) throw new ImportError('password-required', 'This 2FAS backup is encrypted. Enter its backup password.');
    services = await decryptServices(file, password);
  }
  if (!Array.isArray(services)) throw malformedFile('This 2FAS file has no list of accounts.');
  return collectEntries(services, mapService, label);
}
