/**
 * Live codes for the rows on screen. The background computes them (the popup never holds
 * a TOTP secret); the first screenful arrives with the popup's state, later ones are asked
 * for only when a visible code's step ends, and a single one-second tick drives every
 * countdown, so an open popup stays almost idle.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '../ui/api';
import type { CodeEntry } from '../shared/messages';

export const CODES_SHOWN = 'tessera:codes-shown';

export interface LiveCode extends CodeEntry {
  /** Local time at which this code's step ends (TOTP), or 0. */
  endsAt: number;
}

function live(list: CodeEntry[]): Map<string, LiveCode> {
  const at = Date.now();
  return new Map(list.map((c) => [c.id, { ...c, endsAt: c.periodMs ? at + c.remainingMs : 0 }]));
}

/** For `npm run bench`: when the first screenful of correct codes is painted. */
function markShown(): void {
  if (!performance.getEntriesByName(CODES_SHOWN).length) requestAnimationFrame(() => performance.mark(CODES_SHOWN));
}

export function useCodes(ids: string[], refreshKey: number, seed: CodeEntry[] = []): { codes: Map<string, LiveCode>; now: number } {
  const [codes, setCodes] = useState<Map<string, LiveCode>>(() => live(seed.filter((c) => ids.includes(c.id))));
  const [now, setNow] = useState(Date.now());
  const key = ids.join(',');
  const timer = useRef<number>();
  const first = useRef(true);

  useEffect(() => {
    let cancelled = false;
    function scheduleAfter(current: Map<string, LiveCode>) {
      const ends = [...current.values()].map((c) => c.endsAt).filter((e) => e > 0);
      clearTimeout(timer.current);
      // Ask again just after the earliest visible code rolls over.
      if (ends.length) timer.current = window.setTimeout(() => void load(), Math.max(50, Math.min(...ends) - Date.now() + 30));
    }
    async function load() {
      if (ids.length === 0) return;
      const { codes: list } = await call('codes/get', { ids });
      if (cancelled) return;
      const next = live(list);
      setCodes(next);
      markShown();
      scheduleAfter(next);
    }
    const seeded = first.current && ids.length > 0 && ids.every((id) => codes.has(id));
    first.current = false;
    if (seeded) {
      markShown();
      scheduleAfter(codes);
    } else {
      void load().catch(() => undefined);
    }
    return () => {
      cancelled = true;
      clearTimeout(timer.current);
    };
  }, [key, refreshKey]);

  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  return { codes, now };
}
