/**
 * An account's service icon: the service's own glyph when the shipped index knows the issuer or
 * site, a coloured initial otherwise. The index and the images are files in the extension's own
 * package (no network). The index is read only after the first screen of codes is painted, so
 * icons never delay the codes; until then, and for unknown services, the initial shows.
 */
import { useEffect, useState } from 'preact/hooks';
import { matchService, type ServiceIndex } from '../core/icons/match-service';
import type { AccountView } from '../core/otp/account';

let index: ServiceIndex | null = null;
let loading: Promise<ServiceIndex | null> | null = null;
const waiting = new Set<(i: ServiceIndex) => void>();

function loadIndex(): void {
  loading ??= new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)))
    .then(() => fetch('/service-icons/index.json'))
    .then((res) => (res.ok ? (res.json() as Promise<ServiceIndex>) : null))
    .catch(() => null)
    .then((i) => {
      if (i) {
        index = i;
        for (const w of waiting) w(i);
      }
      waiting.clear();
      return i;
    });
}

function useServiceIndex(): ServiceIndex | null {
  const [value, setValue] = useState(index);
  useEffect(() => {
    if (index) return;
    waiting.add(setValue);
    loadIndex();
    return () => void waiting.delete(setValue);
  }, []);
  return value;
}

/** A stable hue per label, so one service keeps its colour across popups. */
function hueOf(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) % 360;
  return h;
}

export function ServiceIcon({ account }: { account: Pick<AccountView, 'issuer' | 'name' | 'site'> }) {
  const known = useServiceIndex();
  const [broken, setBroken] = useState(false);
  const slug = known && !broken ? matchService(known, account) : null;
  if (slug) return <img class="service-icon" src={`/service-icons/${slug}.svg`} alt="" aria-hidden="true" data-service={slug} onError={() => setBroken(true)} />;
  const label = account.issuer || account.name || '?';
  const initial = [...label.trim()][0]?.toLocaleUpperCase() ?? '?';
  return (
    <span class="service-icon letter" aria-hidden="true" style={`background:hsl(${hueOf(label)} 45% 42%)`}>
      {initial}
    </span>
  );
}
