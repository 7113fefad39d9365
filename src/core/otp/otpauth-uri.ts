import type { Account, AccountInput, Algorithm, OtpType } from './account';
import {
  STEAM,
  checkCounter,
  checkDigits,
  checkPeriod,
  parseAlgorithm,
  parseIntegerText,
} from './account-fields';
import { OtpError } from './errors';
import { normalizeSecret } from './secret';

/**
 * Reading and writing `otpauth://` key URIs (the text inside 2FA QR codes).
 *
 * We tokenise the URI here instead of calling otpauth's `URI.parse`: that parser refuses
 * `otpauth://steam/`, keeps `+` in `issuer=Air+Canada` literally, throws on stray `%`, and
 * its errors ("Invalid URI format") do not tell the user what is wrong. Codes are still
 * computed with otpauth (see codes.ts).
 */

const URI_SHAPE = /^otpauth:\/\/([^/?]*)\/?([^?]*)(?:\?(.*))?$/is;

/** decodeURIComponent that keeps a stray `%` (e.g. "100%") as text instead of throwing. */
function decodeLoose(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Decode each run of well-formed escapes on its own; keep runs that are not valid UTF-8.
    return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Query parameters with lower-case keys; the first occurrence of a key wins. */
function readParams(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeLoose(eq < 0 ? pair : pair.slice(0, eq)).trim().toLowerCase();
    const raw = eq < 0 ? '' : pair.slice(eq + 1);
    // Form-style `+` for space only in the issuer: QR makers write `issuer=Air+Canada`, while a
    // `+` in a secret or number is never a space.
    const value = decodeLoose(key === 'issuer' ? raw.replace(/\+/g, ' ') : raw);
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

/** Splits `Issuer:name`, preferring the issuer parameter (as otpauth, Bitwarden and Ente do). */
function splitLabel(label: string, issuerParam: string): { issuer: string; name: string } {
  if (issuerParam !== '' && label.startsWith(`${issuerParam}:`)) {
    return { issuer: issuerParam, name: label.slice(issuerParam.length + 1).trim() };
  }
  const colon = label.indexOf(':');
  const prefix = colon < 0 ? '' : label.slice(0, colon).trim();
  const name = (colon < 0 ? label : label.slice(colon + 1)).trim();
  return { issuer: issuerParam !== '' ? issuerParam : prefix, name };
}

function steamInput(secret: string, issuer: string, name: string): AccountInput {
  return {
    type: 'totp',
    encoder: 'steam',
    secret,
    algorithm: STEAM.algorithm,
    digits: STEAM.digits,
    period: STEAM.period,
    counter: 0,
    issuer,
    name,
  };
}

/**
 * Parses an authenticator link: `otpauth://totp|hotp|steam/…`, `encoder=steam`, or
 * Bitwarden's `steam://SECRET`. Unknown parameters are ignored; `period` is ignored on HOTP.
 *
 * @returns Validated input for `newAccount` (secret already normalised).
 * @throws OtpError with a code such as `not-otpauth`, `bad-type`, `missing-secret`,
 *   `bad-secret`, `bad-algorithm`, `bad-digits`, `bad-period` or `bad-counter`.
 */
export function parseOtpauthUri(uri: string): AccountInput {
  const text = typeof uri === 'string' ? uri.trim() : '';
  const bitwardenSteam = /^steam:\/\/(.*)$/is.exec(text);
  if (bitwardenSteam) {
    const secret = decodeLoose(bitwardenSteam[1] ?? '');
    if (secret.trim() === '') throw new OtpError('missing-secret', 'This Steam link has no secret key.');
    return steamInput(normalizeSecret(secret), '', '');
  }
  if (/^otpauth-migration:/i.test(text)) {
    throw new OtpError(
      'not-otpauth',
      'This is a Google Authenticator export code: use "Import" to add the accounts it contains.',
    );
  }
  const shape = URI_SHAPE.exec(text);
  if (!shape) {
    throw new OtpError('not-otpauth', 'This is not an authenticator link: it should start with "otpauth://".');
  }
  const host = (shape[1] ?? '').toLowerCase();
  if (host !== 'totp' && host !== 'hotp' && host !== 'steam') {
    throw new OtpError(
      'bad-type',
      `This link is for "${host}" codes, which are not supported: only time-based (totp), counter-based (hotp) and Steam codes are.`,
    );
  }
  const params = readParams(shape[3] ?? '');
  const { issuer, name } = splitLabel(decodeLoose(shape[2] ?? '').trim(), (params.get('issuer') ?? '').trim());
  const rawSecret = params.get('secret') ?? '';
  if (rawSecret.trim() === '') throw new OtpError('missing-secret', 'This authenticator link has no secret key.');
  const secret = normalizeSecret(rawSecret);

  const steam = host === 'steam' || (params.get('encoder') ?? '').trim().toLowerCase() === 'steam';
  if (steam && host === 'hotp') {
    throw new OtpError('bad-type', 'Steam codes are time-based; this link asks for counter-based Steam codes.');
  }
  // Steam's parameters are fixed; whatever the link says about them is ignored (as Aegis does).
  if (steam) return steamInput(secret, issuer, name);

  const type: OtpType = host === 'hotp' ? 'hotp' : 'totp';
  const present = (key: string): string | undefined => {
    const value = params.get(key)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const algorithmText = present('algorithm');
  const algorithm: Algorithm = algorithmText === undefined ? 'SHA1' : parseAlgorithm(algorithmText);
  const digitsText = present('digits');
  const digits = digitsText === undefined ? 6 : checkDigits(parseIntegerText(digitsText), false);
  const periodText = present('period');
  const period = type === 'totp' && periodText !== undefined ? checkPeriod(parseIntegerText(periodText)) : 30;
  let counter = 0;
  if (type === 'hotp') {
    const counterText = present('counter');
    if (counterText === undefined) {
      throw new OtpError('bad-counter', 'This counter-based (HOTP) link has no counter.');
    }
    counter = checkCounter(parseIntegerText(counterText));
  }
  return { type, encoder: 'standard', secret, algorithm, digits, period, counter, issuer, name };
}

/**
 * Writes an account as an `otpauth://` URI that {@link parseOtpauthUri} reads back to the
 * same fields. Steam accounts use the `otpauth://steam/` host (Aegis, 2FAS and Ente read it).
 */
export function formatOtpauthUri(account: Account): string {
  const issuer = account.issuer.trim();
  const name = account.name.trim();
  const enc = encodeURIComponent;
  // With no issuer, a leading ':' keeps a colon inside the name from being read as a separator.
  const label = issuer !== '' ? `${enc(issuer)}:${enc(name)}` : name.includes(':') ? `:${enc(name)}` : enc(name);
  const steam = account.encoder === 'steam';
  const host = steam ? 'steam' : account.type;
  const parts = [`secret=${normalizeSecret(account.secret)}`];
  if (issuer !== '') parts.push(`issuer=${enc(issuer)}`);
  parts.push(`algorithm=${account.algorithm}`, `digits=${account.digits}`);
  parts.push(host === 'hotp' ? `counter=${account.counter}` : `period=${account.period}`);
  return `otpauth://${host}/${label}?${parts.join('&')}`;
}
