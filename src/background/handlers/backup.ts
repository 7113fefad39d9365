/**
 * Export and import. The backup page sends files as base64 (binary formats such as andOTP's
 * are not text) and gets back a preview without secrets; the import itself is one atomic
 * vault write, so a failure anywhere leaves the vault exactly as it was.
 */
import * as vault from '../vault-session';
import type { PartialHandlers } from './types';
import type { AccountInput } from '../../core/otp/account';
import { formatOtpauthUri, normalizeSecret } from '../../core/otp';
import { BackupError, exportBackup, readBackup } from '../../core/backup';
import { importFile, detectFormat, encodeMigrationPayloads, migrationUnsupportedReason } from '../../core/import';
import { fromBase64 } from '../../core/vault';
import { addAccounts, describe } from './accounts';
import { UserError } from '../user-error';
import type { ImportPreview } from '../../shared/messages';
import { mergeFieldHints, type FieldHints } from '../../core/fields/field-hints';
import { allHints, mergeHintsInto } from '../field-hints';

interface Parsed {
  format: string;
  inputs: AccountInput[];
  skipped: ImportPreview['skipped'];
  /** Fields sites taught Tessera, from a Tessera backup (other formats have none). */
  fieldHints: FieldHints;
}

/** How our writer starts every backup file (the format comes first), even when the rest is cut off. */
const TESSERA_START = /^\s*\{\s*"format"\s*:\s*"tessera-backup"/;

/**
 * A Tessera backup cut off mid-file is not JSON, so format detection cannot name it. Say so
 * before asking for the passphrase: typing it would only lead to the same verdict, one key
 * derivation later.
 */
function looksTruncatedBackup(text: string): boolean {
  if (!TESSERA_START.test(text)) return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/** The last file previewed, so that "Import" does not run the file's KDF a second time. */
let lastParsed: { file: string; password: string | undefined; parsed: Parsed } | null = null;
// It holds a file's secrets and password: gone at lock, and after ten minutes in any case.
vault.forgetOnLock(() => (lastParsed = null));
let forgetTimer: ReturnType<typeof setTimeout> | undefined;
function remember(entry: NonNullable<typeof lastParsed>): void {
  lastParsed = entry;
  clearTimeout(forgetTimer);
  forgetTimer = setTimeout(() => (lastParsed = null), 10 * 60_000);
}

async function parse(file: string, password: string | undefined): Promise<Parsed> {
  if (lastParsed && lastParsed.file === file && lastParsed.password === password) return lastParsed.parsed;
  const bytes = fromBase64(file);
  if (!bytes) throw new UserError('unreadable-file', 'The file could not be read.');
  const { format } = detectFormat(bytes);
  const text = format === null || format === 'tessera' ? new TextDecoder().decode(bytes) : '';
  if (looksTruncatedBackup(text)) throw new BackupError('truncated', 'The backup file is incomplete (it was cut off), so it cannot be read.');
  let parsed: Parsed;
  if (format === 'tessera') {
    if (!password) throw new UserError('password-required', 'This backup is encrypted: enter its backup passphrase.');
    const { accounts, fieldHints } = await readBackup(text, password);
    parsed = { format, inputs: accounts.map(({ id: _id, createdAt: _c, ...rest }) => rest), skipped: [], fieldHints };
  } else {
    const result = await importFile(bytes, password);
    parsed = { format: result.format, inputs: result.entries.map((e) => e.input), skipped: result.skipped, fieldHints: {} };
  }
  remember({ file, password, parsed });
  return parsed;
}

function dateStamp(): string {
  return new Date().toISOString().slice(0, 10);
}

export const backupHandlers: PartialHandlers<
  'backup/export' | 'backup/export-plain' | 'backup/preview' | 'backup/import' | 'backup/migration-qr'
> = {
  'backup/export': async ({ passphrase, proof }) => {
    await vault.verifyProof(proof);
    const accounts = await vault.accounts();
    const text = await exportBackup(accounts, passphrase, { fieldHints: await allHints() });
    await vault.update((d) => ({ ...d, meta: { ...d.meta, lastBackupAt: Date.now() } }));
    return { text, filename: `tessera-backup-${dateStamp()}.json` };
  },
  'backup/export-plain': async ({ proof }) => {
    await vault.verifyProof(proof);
    const accounts = await vault.accounts();
    return { text: accounts.map(formatOtpauthUri).join('\n') + '\n', filename: `tessera-UNENCRYPTED-${dateStamp()}.txt` };
  },
  'backup/preview': async ({ file, password }) => {
    const parsed = await parse(file, password);
    // A map, not a scan per entry: 10,000 entries against 10,000 accounts must stay instant.
    const bySecret = new Map((await vault.accounts()).map((a) => [a.secret, a]));
    return {
      format: parsed.format,
      entries: parsed.inputs.map((input, i) => {
        const dup = bySecret.get(normalizeSecret(input.secret));
        return { index: i, issuer: input.issuer ?? '', name: input.name ?? '', type: input.encoder === 'steam' ? 'steam' : (input.type ?? 'totp'), duplicateOf: dup ? describe(dup) : null };
      }),
      skipped: parsed.skipped,
    };
  },
  'backup/import': async ({ file, password, selected }) => {
    const parsed = await parse(file, password);
    const accounts = await vault.accounts();
    const wanted = new Set(selected);
    const seen = new Set(accounts.map((a) => a.secret));
    const inputs: AccountInput[] = [];
    let skipped = 0;
    parsed.inputs.forEach((input, i) => {
      if (!wanted.has(i)) return;
      const secret = normalizeSecret(input.secret);
      if (seen.has(secret)) {
        skipped++;
        return;
      }
      seen.add(secret);
      inputs.push(input);
    });
    if (inputs.length === 0 && skipped === 0) throw new UserError('nothing-selected', 'Choose at least one account to import.');
    // Each account keeps the site it was bound to in a Tessera backup; other formats have none.
    // Nothing new means no account write, so the "added since your last backup" count stays honest.
    // Field hints are per site, not per account: all of the file's go in (sites without one here),
    // in the same write as the accounts, also when every chosen account was already in the vault.
    const withHints = mergeHintsInto(parsed.fieldHints);
    if (inputs.length > 0) await addAccounts(inputs, null, withHints);
    else if (mergeFieldHints(await allHints(), parsed.fieldHints).added > 0) await vault.update(withHints);
    lastParsed = null;
    return { added: inputs.length, skipped };
  },
  'backup/migration-qr': async ({ ids, proof }) => {
    await vault.verifyProof(proof);
    const accounts = await vault.accounts();
    const chosen = ids ? accounts.filter((a) => ids.includes(a.id)) : accounts;
    if (chosen.length === 0) throw new UserError('nothing-to-move', 'There are no accounts to move.');
    // Accounts the transfer format cannot carry are listed with the reason, not silently dropped.
    const movable = chosen.filter((a) => migrationUnsupportedReason(a) === null);
    const excluded = chosen.flatMap((a) => {
      const reason = migrationUnsupportedReason(a);
      return reason === null ? [] : [{ label: describe(a), reason }];
    });
    return { uris: movable.length > 0 ? encodeMigrationPayloads(movable) : [], excluded };
  },
};
