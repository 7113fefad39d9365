/**
 * The device clock checked against the clock of a page's server. TOTP codes depend on the time:
 * a computer whose clock drifted makes codes that sites refuse. When Tessera acts on a page
 * (scan or fill), the page-side agent asks that page's server for its `Date` header; the
 * difference becomes a correction applied to codes, within limits, for the browser session.
 *
 * Pure: the caller supplies the clock (`now`) and the samples.
 */

/** Differences up to this are left alone (the codes' 30 s steps and sites' windows absorb them). */
export const CLOCK_TOLERANCE_MS = 10_000;
/** Corrections up to this apply by themselves; larger ones only once the person confirms. */
export const MAX_SILENT_CORRECTION_MS = 5 * 60_000;
/** A request slower than this says too little about when the server stamped its answer. */
export const MAX_ROUND_TRIP_MS = 5_000;
/** A confirmed correction stays confirmed while later measurements agree with it this closely. */
export const CONFIRMED_MATCH_MS = 30_000;

/** What the page-side agent measured: the server's `Date` header and the local send/receive times. */
export interface ServerDateSample {
  date: string | null;
  sentAt: number;
  receivedAt: number;
}

/** RFC 9110 IMF-fixdate, the only form servers send today ("Tue, 01 Dec 2026 21:40:00 GMT"). */
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Server time minus device time, in ms, or null when the sample cannot tell (no or malformed
 * header, a slow or impossible round trip). The header has whole seconds and was stamped
 * somewhere during the request, so both are taken at their middle.
 */
export function offsetFromSample(s: ServerDateSample): number | null {
  const roundTrip = s.receivedAt - s.sentAt;
  if (!Number.isFinite(roundTrip) || roundTrip < 0 || roundTrip > MAX_ROUND_TRIP_MS) return null;
  if (typeof s.date !== 'string' || !IMF_FIXDATE.test(s.date)) return null;
  const server = Date.parse(s.date);
  if (!Number.isFinite(server)) return null;
  return Math.round(server + 500 - (s.sentAt + s.receivedAt) / 2);
}

/**
 * - ok: no measurement yet, or within tolerance: codes use the device time.
 * - corrected: codes use device time + offsetMs.
 * - ask: the difference is too large to apply unasked; codes use the device time until confirmed.
 * `offsetMs` is server minus device: negative means the device clock is fast.
 */
export type ClockStatus =
  | { kind: 'ok' }
  | { kind: 'corrected'; offsetMs: number; site: string }
  | { kind: 'ask'; offsetMs: number; site: string };

/** The state worth keeping across a background restart (memory-only session storage). */
export interface ClockSnapshot {
  reading: { offsetMs: number; site: string; at: number } | null;
  confirmedMs: number | null;
}

export class ClockCheck {
  private state: ClockSnapshot = { reading: null, confirmedMs: null };

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Takes a new measurement from `site`'s server, replacing the last one (the device clock may
   * have been fixed since). Unusable samples change nothing. Returns the status after it.
   */
  record(sample: ServerDateSample, site: string): ClockStatus {
    const offsetMs = offsetFromSample(sample);
    if (offsetMs !== null) this.state = { ...this.state, reading: { offsetMs, site, at: this.now() } };
    return this.status();
  }

  status(): ClockStatus {
    const r = this.state.reading;
    if (!r || Math.abs(r.offsetMs) <= CLOCK_TOLERANCE_MS) return { kind: 'ok' };
    const confirmed = this.state.confirmedMs !== null && Math.abs(this.state.confirmedMs - r.offsetMs) <= CONFIRMED_MATCH_MS;
    if (Math.abs(r.offsetMs) <= MAX_SILENT_CORRECTION_MS || confirmed) return { kind: 'corrected', offsetMs: r.offsetMs, site: r.site };
    return { kind: 'ask', offsetMs: r.offsetMs, site: r.site };
  }

  /** The person agreed to the large correction shown to them (`offsetMs` as shown, so a newer one is not agreed to blindly). */
  confirm(offsetMs: number): ClockStatus {
    const r = this.state.reading;
    if (r && Math.abs(r.offsetMs - offsetMs) <= CONFIRMED_MATCH_MS) this.state = { ...this.state, confirmedMs: r.offsetMs };
    return this.status();
  }

  /** The time codes are made for: the device time, corrected when the status says so. */
  correctedNow(): number {
    const s = this.status();
    return this.now() + (s.kind === 'corrected' ? s.offsetMs : 0);
  }

  snapshot(): ClockSnapshot {
    return structuredClone(this.state);
  }

  restore(snapshot: unknown): void {
    const s = snapshot as Partial<ClockSnapshot> | null;
    const r = s?.reading;
    const validReading = r && Number.isFinite(r.offsetMs) && typeof r.site === 'string' && Number.isFinite(r.at);
    this.state = {
      reading: validReading ? { offsetMs: r.offsetMs, site: r.site, at: r.at } : null,
      confirmedMs: typeof s?.confirmedMs === 'number' && Number.isFinite(s.confirmedMs) ? s.confirmedMs : null,
    };
  }
}

/** "43 s" / "12 min" parts for the popup line: whole seconds up to 5 minutes, minutes beyond. */
export function describeOffset(offsetMs: number): { fast: boolean; seconds: number; minutes: number } {
  const abs = Math.abs(offsetMs);
  return { fast: offsetMs < 0, seconds: Math.round(abs / 1000), minutes: Math.round(abs / 60_000) };
}
