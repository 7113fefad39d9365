/** "Scan QR code": what the page's QR holds, for a one-click confirmation. */
import { useEffect, useState } from 'preact/hooks';
import { t, tn } from '../../ui/i18n';
import { call, errorMessage } from '../../ui/api';
import type { ScanResult } from '../../shared/messages';
import { RECOMMENDED_SECRET_BITS } from '../../core/otp/secret-strength';

/** Performance marks read by `npm run bench`. */
export const SCAN_CLICKED = 'tessera:scan-clicked';
export const SCAN_SHOWN = 'tessera:scan-shown';

interface Props {
  tabId: number;
  onDone: () => void;
  onManual: (prefill: { secret: string | null; issuer: string }) => void;
}

export function ScanPanel({ tabId, onDone, onManual }: Props) {
  const [result, setResult] = useState<ScanResult | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('scan/run', { tabId })
      .then((r) => {
        setResult(r);
        requestAnimationFrame(() => performance.mark(SCAN_SHOWN));
        if (r.kind === 'found') setChosen(new Set(r.candidates.filter((c) => !c.duplicateOf).map((c) => c.token)));
      })
      .catch((err) => setError(errorMessage(err)));
  }, [tabId]);

  async function add() {
    setBusy(true);
    try {
      const { filled } = await call('scan/add', { tabId, tokens: [...chosen] });
      // The code is in the page's field: the user's next step is the page's own Submit button.
      if (filled) window.close();
      else onDone();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  if (error) {
    return (
      <div class="scan">
        <p role="alert" class="error">{error}</p>
        <button type="button" onClick={onDone}>{t('cancel')}</button>
      </div>
    );
  }
  if (!result) return <p class="scan" role="status">{t('scanning')}</p>;

  if (result.kind === 'none') {
    return (
      <div class="scan">
        <p role="alert" class="error">{t(result.reason === 'no-qr' ? 'noQrFound' : 'notTwoFactorQr')}</p>
        <div class="row">
          <button type="button" class="primary" onClick={() => onManual(result.prefill)}>{t('enterManually')}</button>
          <button type="button" onClick={onDone}>{t('cancel')}</button>
        </div>
      </div>
    );
  }

  const dups = result.candidates.filter((c) => c.duplicateOf);
  const single = result.candidates.length === 1;
  const toggle = (token: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(token)) next.delete(token);
      else next.add(token);
      return next;
    });

  return (
    <div class="scan">
      <h2>{single ? t('scanFoundOne') : tn('scanFoundMany', result.candidates.length)}</h2>
      {dups.map((c) => (
        <p role="alert" class="error" key={c.token}>
          {t('alreadyInVault', [[c.duplicateOf!.issuer, c.duplicateOf!.name].filter(Boolean).join(' — ')])}
        </p>
      ))}
      {single ? (
        <>
          <p class="candidate">
            <strong>{result.candidates[0]!.issuer}</strong> {result.candidates[0]!.name}
          </p>
          <BindsTo site={result.candidates[0]!.site} />
        </>
      ) : (
        <ul class="candidates">
          {result.candidates.map((c) => (
            <li key={c.token}>
              <label>
                <input type="checkbox" disabled={!!c.duplicateOf} checked={chosen.has(c.token)} onChange={() => toggle(c.token)} />
                <strong>{c.issuer}</strong> {c.name} <span class="site">{c.site ? c.site : t('scanNoSiteShort')}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {result.candidates.some((c) => c.secretBits !== null && c.secretBits < RECOMMENDED_SECRET_BITS) && (
        <p role="status" class="warning">
          {t('weakSecret', [String(Math.min(...result.candidates.map((c) => c.secretBits ?? Infinity)))])}
        </p>
      )}
      <div class="row">
        <button type="button" class="primary" disabled={busy || chosen.size === 0} onClick={() => void add()}>
          {single ? t('add') : tn('addN', chosen.size)}
        </button>
        <button type="button" onClick={onDone}>{t('cancel')}</button>
      </div>
    </div>
  );
}

/** The site the account will be bound to, named before the person confirms (already ASCII: punycode stays visible). */
function BindsTo({ site }: { site: string | null }) {
  return <p class="binds-to">{site ? t('scanForSite', [site]) : t('scanNoSite')}</p>;
}
