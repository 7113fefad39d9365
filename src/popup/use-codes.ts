/**
 * Live codes for the rows on screen. The background computes them (the popup never holds
 * a TOTP secret); the popup asks again only when a visible code's step ends, and a single
 * one-second tick drives every countdown, so an open popup stays almost idle.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from './api';
import type { CodeEntry } from '../shared/messages';

export const CODES_SHOWN = 'tessera:codes-shown';

export interface LiveCode extends CodeEntry {
  /** Local time at which this code's step ends (TOTP), or 0. */
  endsAt: number;
}

export function useCodes(ids: string[], refreshKey: number): { codes: Map<string, LiveCode>; now: number } {
  const [codes, setCodes] = useState<Map<string, LiveCode>>(new Map());
  const [now, setNow] = useState(Date.now());
  const key = ids.join(',');
  const timer = useRef<number>();

  useEffect(() => {
    let cancelled = false;
    async function load() {
      if (ids.length === 0) return;
      const { codes: list } = await call('codes/get', { ids });
      if (cancelled) return;
      const at = Date.now();
      const next = new Map(list.map((c) => [c.id, { ...c, endsAt: c.periodMs ? at + c.remainingMs : 0 }]));
      setCodes(next);
      // For `npm run bench`: when the first screenful of codes is painted.
      if (!performance.getEntriesByName(CODES_SHOWN).length) requestAnimationFrame(() => performance.mark(CODES_SHOWN));
      const ends = [...next.values()].map((c) => c.endsAt).filter((e) => e > 0);
      if (ends.length) {
        clearTimeout(timer.current);
        // Ask again just after the earliest visible code rolls over.
        timer.current = window.setTimeout(() => void load(), Math.max(50, Math.min(...ends) - Date.now() + 30));
      }
    }
    void load().catch(() => undefined);
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
