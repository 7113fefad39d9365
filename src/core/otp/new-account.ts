import { ACCOUNT_DEFAULTS, type Account, type AccountInput } from './account';
import {
  STEAM,
  checkCounter,
  checkDigits,
  checkLabel,
  checkPeriod,
  parseAlgorithm,
  parseType,
} from './account-fields';
import { OtpError } from './errors';
import { normalizeSecret } from './secret';

/**
 * Builds a complete, validated {@link Account} from parser or form input, filling defaults.
 *
 * Steam accounts (`encoder: 'steam'`) default to 5 characters, SHA1 and 30 s, and refuse
 * anything else, because Steam's servers only accept those.
 *
 * @param now Creation time in ms since epoch (injectable for tests).
 * @throws OtpError naming the first invalid field.
 */
export function newAccount(input: AccountInput, now: number = Date.now()): Account {
  if (typeof input !== 'object' || input === null) {
    throw new OtpError('missing-secret', 'The account is missing its secret key.');
  }
  if (input.secret === undefined || input.secret === null || input.secret === '') {
    throw new OtpError('missing-secret', 'The account is missing its secret key.');
  }
  const encoder = input.encoder ?? ACCOUNT_DEFAULTS.encoder;
  if (encoder !== 'standard' && encoder !== 'steam') {
    throw new OtpError('bad-type', `The code style "${String(encoder)}" is not supported.`);
  }
  const steam = encoder === 'steam';
  const type = parseType(input.type ?? ACCOUNT_DEFAULTS.type);
  if (steam && type !== 'totp') {
    throw new OtpError('bad-type', 'Steam codes are time-based; a counter-based Steam account is not possible.');
  }
  const algorithm = parseAlgorithm(input.algorithm ?? (steam ? STEAM.algorithm : ACCOUNT_DEFAULTS.algorithm));
  if (steam && algorithm !== STEAM.algorithm) {
    throw new OtpError('bad-algorithm', `Steam codes always use SHA1, not ${algorithm}.`);
  }
  const period = checkPeriod(input.period ?? (steam ? STEAM.period : ACCOUNT_DEFAULTS.period));
  if (steam && period !== STEAM.period) {
    throw new OtpError('bad-period', `Steam codes always change every 30 seconds, not every ${period}.`);
  }
  const backupCodes = input.backupCodes ?? [...ACCOUNT_DEFAULTS.backupCodes];
  if (!Array.isArray(backupCodes) || backupCodes.some((c) => typeof c !== 'string')) {
    throw new OtpError('bad-label', "The account's backup codes must be a list of text.");
  }
  const site = input.site ?? ACCOUNT_DEFAULTS.site;
  if (site !== null && typeof site !== 'string') {
    throw new OtpError('bad-label', "The account's site must be text.");
  }
  return {
    id: crypto.randomUUID(),
    type,
    secret: normalizeSecret(input.secret),
    algorithm,
    digits: checkDigits(input.digits ?? (steam ? STEAM.digits : ACCOUNT_DEFAULTS.digits), steam),
    period,
    counter: checkCounter(input.counter ?? ACCOUNT_DEFAULTS.counter),
    encoder,
    issuer: checkLabel(input.issuer ?? ACCOUNT_DEFAULTS.issuer, 'issuer'),
    name: checkLabel(input.name ?? ACCOUNT_DEFAULTS.name, 'name'),
    note: checkLabel(input.note ?? ACCOUNT_DEFAULTS.note, 'note'),
    backupCodes: backupCodes.map((c) => c.trim()).filter((c) => c.length > 0),
    site: site === null || site.trim() === '' ? null : site.trim(),
    createdAt: now,
    // "Press submit" travels with the account (e.g. through a backup). "Fill automatically" does
    // not: it needs a host permission granted in this browser, so the user opts in again here.
    ...(input.autoSubmit === true ? { autoSubmit: true } : {}),
  };
}
