/** "Import": pick a file (Tessera backup or another app's export), preview, choose, import. */
import { useState } from 'preact/hooks';
import { formatNumber, t, tn } from '../../ui/i18n';
import { coreText } from '../../ui/core-text';
import { call, coreErrorMessage, errorMessage, ReplyError } from '../../ui/api';
import type { ImportPreview } from '../../shared/messages';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Failures keep the vault as it was (the import is one write at the end): say so, since people worry. */
function failure(err: unknown): string {
  // Errors of the Ente decryption run in this page are the core's own (ImportError with a code).
  const core = !(err instanceof ReplyError) && err instanceof Error && typeof (err as { code?: unknown }).code === 'string';
  const entry = core ? (err as { entry?: unknown }).entry : undefined;
  const text = core ? coreErrorMessage((err as Error & { code: string }).code, err.message, typeof entry === 'number' ? [String(entry)] : []) : errorMessage(err);
  return `${text} ${t('importUnchanged')}`;
}

/** `onImported` runs after accounts were added, so other panels can re-read the list. */
export function ImportPanel({ onImported }: { onImported?: () => void }) {
  const [file, setFile] = useState<string | null>(null);
  const [needsPassword, setNeedsPassword] = useState(false);
  const [password, setPassword] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  async function load(content: string, pw?: string) {
    setError('');
    setStatus('');
    setBusy(true);
    try {
      const opened = pw === undefined ? null : await openEnteInPage(content, pw);
      if (opened) {
        // Now a plain Ente export: the background reads it without a password.
        setFile(opened);
        setNeedsPassword(false);
      }
      const p = await call('backup/preview', opened ? { file: opened } : { file: content, password: pw });
      setPreview(p);
      setSelected(new Set(p.entries.filter((e) => !e.duplicateOf).map((e) => e.index)));
    } catch (err) {
      if (err instanceof ReplyError && err.code === 'password-required') setNeedsPassword(true);
      else setError(failure(err));
    } finally {
      setBusy(false);
    }
  }

  /**
   * Encrypted Ente exports need libsodium, which the background service worker cannot load on
   * demand (no import() there): this page opens them and hands the plain export on.
   */
  async function openEnteInPage(content: string, pw: string): Promise<string | null> {
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(content), (c) => c.charCodeAt(0))));
    } catch {
      return null;
    }
    if (typeof obj !== 'object' || obj === null || !('kdfParams' in obj) || !('encryptedData' in obj)) return null;
    const { decryptEnteExport } = await import('../../core/import/ente-encrypted');
    const text = await decryptEnteExport(obj, pw);
    return toBase64(new TextEncoder().encode(text));
  }

  async function onFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const picked = input.files?.[0];
    setPreview(null);
    setError('');
    setStatus('');
    setNeedsPassword(false);
    setPassword('');
    if (!picked) return;
    const content = toBase64(new Uint8Array(await picked.arrayBuffer()));
    setFile(content);
    await load(content);
  }

  async function runImport() {
    if (!file || !preview) return;
    setBusy(true);
    setError('');
    try {
      const r = await call('backup/import', { file, password: needsPassword ? password : undefined, selected: [...selected] });
      // Entries the preview marked as already present were never selected; they count as skipped too.
      const skipped = r.skipped + preview.entries.filter((e) => e.duplicateOf).length;
      setStatus(skipped > 0 ? `${tn('importDoneAll', r.added)} ${tn('importSkipped', skipped)}` : tn('importDoneAll', r.added));
      setPreview(null);
      setNeedsPassword(false);
      setPassword('');
      if (r.added > 0) onImported?.();
    } catch (err) {
      setError(failure(err));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (i: number) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });

  return (
    <section id="import" aria-labelledby="import-title">
      <h2 id="import-title">{t('importBackup')}</h2>
      <p class="hint">{t('importHint')}</p>
      <label>
        {t('backupFile')}
        <input type="file" onChange={(e) => void onFile(e)} />
      </label>
      {needsPassword && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (file) void load(file, password);
          }}
        >
          <label>
            {t('backupPassphrase')}
            <input type="password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={busy}>{busy ? t('working') : t('open')}</button>
        </form>
      )}
      {preview && (
        <div class="preview">
          <p>{tn('foundInFile', preview.entries.length, [preview.format])}</p>
          <ul aria-label={t('previewList')}>
            {preview.entries.map((e) => (
              <li key={e.index}>
                <label>
                  <input type="checkbox" disabled={!!e.duplicateOf} checked={selected.has(e.index)} onChange={() => toggle(e.index)} />
                  <strong>{e.issuer || '—'}</strong> {e.name} <span class="type">{e.type.toUpperCase()}</span>
                  {e.duplicateOf && <span class="dup"> {t('alreadyInVault', [e.duplicateOf])}</span>}
                </label>
              </li>
            ))}
          </ul>
          {preview.skipped.length > 0 && (
            <ul class="skipped" aria-label={t('skippedList')}>
              {preview.skipped.map((s) => (
                <li key={s.index}>{t('skippedEntry', [formatNumber(s.index), s.label, coreText(s.reason)])}</li>
              ))}
            </ul>
          )}
          <button type="button" class="primary" disabled={busy || selected.size === 0} onClick={() => void runImport()}>
            {busy ? t('working') : tn('importN', selected.size)}
          </button>
        </div>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      {status && <p role="status">{status}</p>}
    </section>
  );
}
