// TOTP and backup-code logic of the demo portal (WHMCS "Time-Based Tokens" module behaviour).

import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

export const ISSUER = 'ClientZone';
const PERIOD = 30;

/** @returns {string} A fresh 160-bit secret in base32 (32 characters). */
export function newSecret() {
  return new Secret({ size: 20 }).base32;
}

/**
 * PHP's rawurlencode(): like encodeURIComponent but also escapes !'()* — WHMCS uses it to put
 * the otpauth URI in the remote QR service's `data=` parameter.
 * @param {string} text
 */
export function rawUrlEncode(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The provisioning URI shown as QR: `otpauth://totp/ClientZone:EMAIL?secret=…&issuer=ClientZone`.
 * @param {string} email
 * @param {string} secret
 */
export function otpauthUri(email, secret) {
  return `otpauth://totp/${ISSUER}:${encodeURIComponent(email)}?secret=${secret}&issuer=${ISSUER}`;
}

/**
 * Keeps digits only; people paste codes with spaces ("123 456").
 * @param {string | null} token
 */
function normaliseToken(token) {
  return String(token ?? '').replace(/\s+/g, '');
}

/**
 * Checks a code with one step of drift and refuses time steps at or before `lastStep`, so a code
 * that was already used (or an older one) cannot be replayed.
 * @param {string} secret Base32 secret.
 * @param {string | null} token What the person typed.
 * @param {number} lastStep Highest step already accepted for this user (-1 if none).
 * @param {number} nowMs Current time in milliseconds.
 * @returns {{ ok: true, step: number } | { ok: false, reason: 'format' | 'wrong' | 'replay' }}
 */
export function checkCode(secret, token, lastStep, nowMs) {
  const code = normaliseToken(token);
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'format' };
  const totp = new TOTP({ issuer: ISSUER, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD });
  const delta = totp.validate({ token: code, timestamp: nowMs, window: 1 });
  if (delta === null) return { ok: false, reason: 'wrong' };
  const step = Math.floor(nowMs / 1000 / PERIOD) + delta;
  if (step <= lastStep) return { ok: false, reason: 'replay' };
  return { ok: true, step };
}

const BACKUP_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** @returns {string} A new 16-character backup code (lower-case letters and digits, ~82 bits). */
export function newBackupCode() {
  let out = '';
  for (let i = 0; i < 16; i += 1) out += BACKUP_ALPHABET[randomInt(BACKUP_ALPHABET.length)];
  return out;
}

/**
 * Normalises what the person typed as a backup code: spaces removed, lower case.
 * @param {string | null} input
 */
export function normaliseBackupCode(input) {
  return String(input ?? '').replace(/\s+/g, '').toLowerCase();
}

/**
 * Shows a code as WHMCS does: four groups of four.
 * @param {string} code
 */
export function groupInFours(code) {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}
