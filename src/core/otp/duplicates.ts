/**
 * One secret is one account: the check every way of adding an account (form, scan, import)
 * runs before it stores a secret. Pure, so flows and handlers share it without reaching into
 * each other.
 */
import type { Account } from './account';
import { normalizeSecret } from './secret';

/**
 * The account that already holds this secret, if any. The secret is compared in its normal
 * form (upper case, no spaces or padding), so "jbsw y3dp…" finds "JBSWY3DP…"; a text that is not
 * a valid secret has no duplicate.
 */
export function findDuplicate(accounts: readonly Account[], secret: string): Account | undefined {
  let normal: string;
  try {
    normal = normalizeSecret(secret);
  } catch {
    return undefined;
  }
  return accounts.find((a) => a.secret === normal);
}
