// In-memory user store for the demo portal, optionally mirrored to a JSON file.
// Passwords are kept only as scrypt hashes with a per-user random salt.

import { randomBytes, scrypt, timingSafeEqual, createHash } from 'node:crypto';
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';

/**
 * @typedef {object} User
 * @property {string} id
 * @property {string} firstName
 * @property {string} email Lower-cased, also the key in `users`.
 * @property {string} passwordHash `scrypt$N$r$p$salt$hash` (base64 parts).
 * @property {string | null} totpSecret Base32 secret once two-factor authentication is enabled.
 * @property {number} lastStep Highest TOTP time step accepted so far (-1: none); kept across
 *   disable/enable so an old code can never be replayed.
 * @property {string | null} pendingSecret Secret of the setup in progress (not yet confirmed).
 * @property {string | null} backupCodeHash SHA-256 of the single backup code (it is random, 80 bits).
 */

/**
 * @typedef {object} PortalState
 * @property {Record<string, User>} users Keyed by lower-cased email.
 * @property {Map<string, {userId: string | null, pendingUserId: string | null}>} sessions
 * @property {Map<string, Buffer>} onceImages One-shot QR PNGs (WHMCS 7 style), keyed by token.
 */

// N=2^14 keeps a login around tens of milliseconds: enough for a demo, fast for tests.
const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 };

/**
 * @param {string} password
 * @param {Buffer} salt
 * @param {{N: number, r: number, p: number, keyLength: number}} params
 * @returns {Promise<Buffer>}
 */
function scryptAsync(password, salt, params) {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, params.keyLength, { N: params.N, r: params.r, p: params.p, maxmem: 64 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * Hashes a password for storage.
 * @param {string} password
 * @returns {Promise<string>}
 */
export async function hashPassword(password) {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * Checks a password against a stored hash in constant time; malformed hashes never match.
 * @param {string} password
 * @param {string} stored
 * @returns {Promise<boolean>}
 */
export async function verifyPassword(password, stored) {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(String(stored));
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Bounds keep a tampered data file from asking for an enormous amount of memory or time.
  if (N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(m[4] ?? '', 'base64');
  const expected = Buffer.from(m[5] ?? '', 'base64');
  if (!expected.length) return false;
  try {
    const key = await scryptAsync(password, salt, { N, r, p, keyLength: expected.length });
    return timingSafeEqual(key, expected);
  } catch {
    return false; // invalid parameters (e.g. N not a power of two) never match
  }
}

/**
 * Hashes a backup code (already normalised). A fast hash is enough: the code is random, not chosen.
 * @param {string} code
 */
export function hashBackupCode(code) {
  return createHash('sha256').update(code).digest('hex');
}

/**
 * Compares two hex digests in constant time.
 * @param {string} a
 * @param {string} b
 */
export function sameDigest(a, b) {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/**
 * Creates the portal state, loading users from `dataFile` if it exists.
 * @param {string | undefined} dataFile
 * @returns {PortalState}
 */
export function createState(dataFile) {
  /** @type {Record<string, User>} */
  let users = {};
  if (dataFile && existsSync(dataFile)) {
    try {
      const parsed = JSON.parse(readFileSync(dataFile, 'utf8'));
      if (parsed && typeof parsed.users === 'object' && parsed.users) users = parsed.users;
    } catch (err) {
      throw new Error(`The demo data file ${dataFile} could not be read (${err instanceof Error ? err.message : err}).`);
    }
  }
  return { users, sessions: new Map(), onceImages: new Map() };
}

/**
 * Writes users to `dataFile` atomically (temp file + rename) so a crash never leaves half a file.
 * Sessions and one-shot images are deliberately not persisted.
 * @param {PortalState} state
 * @param {string | undefined} dataFile
 */
export function persist(state, dataFile) {
  if (!dataFile) return;
  const tmp = `${dataFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ users: state.users }, null, 2));
  renameSync(tmp, dataFile);
}

/**
 * @param {PortalState} state
 * @param {string | null} id
 * @returns {User | null}
 */
export function userById(state, id) {
  if (!id) return null;
  return Object.values(state.users).find((u) => u.id === id) ?? null;
}

/** @returns {string} A new random identifier (hex), used for user ids, sessions and tokens. */
export function randomId() {
  return randomBytes(16).toString('hex');
}
