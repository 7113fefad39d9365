/** Bitwarden unencrypted JSON export: authenticator keys live in `items[].login.totp`. */
import type { AccountInput } from '../otp/account';
import { asRecord } from './bytes';
import { collectEntries } from './collect';
import { ImportError, malformedEntry, malformedFile } from './import-error';
import { parseUriLine } from './otpauth-list';
import { entryLabel, toInput } from './to-input';
import type { ParsedEntries } from './types';

interface TotpItem { name: unknown; username: unknown; totp: string }

/**
 * Bitwarden reads a bare key by dropping every non-base32 character and any leftover bits;
 * doing the same keeps the codes identical to what the user saw in Bitwarden.
 */
function bareSecret(totp: string): string {
  const chars = totp.toUpperCase().replace(/[^A-Z2-7]/g, '');
  let usable = chars.length;
  while ([1, 3, 6].includes(usable % 8)) usable--;
  return chars.slice(0, usable);
}

function mapItem(item: TotpItem, entry: number): AccountInput {
  const issuer = typeof item.name === 'string' ? item.name : '';
  const name = typeof item.username === 'string' ? item.username : '';
  const totp = item.totp.trim();
  if (/^(otpauth|steam):\/\//i.test(totp)) {
    const input = parseUriLine(totp, entry);
    // The link's own issuer/account win; the item's name and username fill gaps.
    return { ...input, issuer: input.issuer || issuer, name: input.name || name };
  }
  const secret = bareSecret(totp);
  if (secret === '') throw malformedEntry(entry, 'totp', 'the authenticator key is not valid base32');
  return toInput({ secret, issuer, name }, entry);
}

/** True for a password-protected Bitwarden export, which Tessera cannot open. */
export function isBitwardenEncrypted(file: Record<string, unknown>): boolean {
  return file.encrypted === true;
}

/** Parse a Bitwarden export (already JSON-parsed). Items without a totp are not accounts here. */
export function parseBitwarden(file: Record<string, unknown>): ParsedEntries {
  if (isBitwardenEncrypted(file)) {
    throw new ImportError('unsupported', 'Encrypted Bitwarden exports cannot be read: export from Bitwarden as ".json" (not encrypted).');
  }
  if (!Array.isArray(file.items)) throw malformedFile('This Bitwarden export has no list of items.');
  const items: TotpItem[] = [];
  for (const raw of file.items) {
    const login = asRecord(asRecord(raw)?.login);
    if (!login || login.totp === null || login.totp === undefined || login.totp === '') continue;
    if (typeof login.totp !== 'string') throw malformedEntry(items.length + 1, 'totp', 'the authenticator key is not text');
    items.push({ name: asRecord(raw)?.name, username: login.username, totp: login.totp });
  }
  return collectEntries(items, mapItem, (i) => entryLabel(i.name, i.username));
}
