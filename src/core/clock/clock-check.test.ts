import { describe, expect, it } from 'vitest';
import { ClockCheck, describeOffset, offsetFromSample, type ServerDateSample } from './clock-check';

// A device clock under the test's control: the server's answers are fixed HTTP dates.
const T0 = Date.UTC(2026, 11, 1, 21, 40, 0); // Tue, 01 Dec 2026 21:40:00 GMT
function fakeClock(start = T0) {
  let t = start;
  return { now: () => t, set: (v: number) => void (t = v) };
}
/** A sample whose request took `rtt` ms and left at device time `sentAt`. */
const sample = (date: string | null, sentAt: number, rtt = 100): ServerDateSample => ({ date, sentAt, receivedAt: sentAt + rtt });
const SITE = 'portal.example';

describe('offsetFromSample', () => {
  it('server ahead by 90 s: +90 s (both times taken at their middle)', () => {
    // The device sent at 21:38:30.000 and heard back 100 ms later; the server said 21:40:00.
    expect(offsetFromSample(sample('Tue, 01 Dec 2026 21:40:00 GMT', T0 - 90_000))).toBe(90_000 + 500 - 50);
  });

  it('device ahead by 43 s: negative', () => {
    expect(offsetFromSample(sample('Tue, 01 Dec 2026 21:40:00 GMT', T0 + 43_000, 0))).toBe(-43_000 + 500);
  });

  it('no header, a malformed one, or a slow or impossible round trip: no reading', () => {
    for (const bad of [
      sample(null, T0), sample('yesterday', T0), sample('2026-12-01T21:40:00Z', T0), sample('Tue, 01 Dec 2026 21:40:00 PST', T0),
      sample('Tue, 01 Dec 2026 21:40:00 GMT', T0, 5_001), sample('Tue, 01 Dec 2026 21:40:00 GMT', T0, -1),
      { date: 'Tue, 01 Dec 2026 21:40:00 GMT', sentAt: Number.NaN, receivedAt: T0 },
    ]) expect(offsetFromSample(bad)).toBeNull();
  });
});

describe('ClockCheck', () => {
  it('within 10 s nothing is corrected', () => {
    const clock = fakeClock();
    const c = new ClockCheck(clock.now);
    expect(c.status()).toEqual({ kind: 'ok' });
    c.record(sample('Tue, 01 Dec 2026 21:40:09 GMT', T0, 0), SITE);
    expect(c.status()).toEqual({ kind: 'ok' });
    expect(c.correctedNow()).toBe(T0);
  });

  it('a server 90 s ahead: codes use device time + 90 s', () => {
    const clock = fakeClock();
    const c = new ClockCheck(clock.now);
    expect(c.record(sample('Tue, 01 Dec 2026 21:41:30 GMT', T0, 0), SITE)).toEqual({ kind: 'corrected', offsetMs: 90_500, site: SITE });
    clock.set(T0 + 10_000);
    expect(c.correctedNow()).toBe(T0 + 10_000 + 90_500);
  });

  it('a device 43 s fast is corrected backwards, and described as fast', () => {
    const c = new ClockCheck(fakeClock().now);
    const s = c.record(sample('Tue, 01 Dec 2026 21:39:17 GMT', T0, 0), SITE);
    expect(s).toMatchObject({ kind: 'corrected', offsetMs: -42_500 });
    expect(describeOffset(-42_500)).toEqual({ fast: true, seconds: 43, minutes: 1 });
    expect(describeOffset(90_500)).toMatchObject({ fast: false, seconds: 91 });
  });

  it('exactly 5 min applies by itself; beyond that it waits for the person', () => {
    const c = new ClockCheck(fakeClock().now);
    c.record(sample('Tue, 01 Dec 2026 21:45:00 GMT', T0 + 500, 0), SITE);
    expect(c.status()).toMatchObject({ kind: 'corrected', offsetMs: 300_000 });
    c.record(sample('Tue, 01 Dec 2026 21:52:00 GMT', T0, 0), SITE);
    expect(c.status()).toEqual({ kind: 'ask', offsetMs: 720_500, site: SITE });
    expect(c.correctedNow()).toBe(T0);
  });

  it('a confirmation applies the large correction, holds for later readings that agree, and not for one that does not', () => {
    const clock = fakeClock();
    const c = new ClockCheck(clock.now);
    c.record(sample('Tue, 01 Dec 2026 21:52:00 GMT', T0, 0), SITE);
    // Confirming a different amount than the one measured (a stale popup) changes nothing.
    expect(c.confirm(60_000).kind).toBe('ask');
    expect(c.confirm(720_500)).toMatchObject({ kind: 'corrected', offsetMs: 720_500 });
    expect(c.correctedNow()).toBe(T0 + 720_500);
    clock.set(T0 + 60_000);
    c.record(sample('Tue, 01 Dec 2026 21:53:10 GMT', T0 + 60_000, 0), 'other.example');
    expect(c.status()).toMatchObject({ kind: 'corrected', offsetMs: 730_500, site: 'other.example' });
    c.record(sample('Tue, 01 Dec 2026 22:41:00 GMT', T0 + 60_000, 0), SITE);
    expect(c.status().kind).toBe('ask');
  });

  it('a later reading replaces the earlier one: a fixed clock stops the correction; unusable samples keep it', () => {
    const clock = fakeClock();
    const c = new ClockCheck(clock.now);
    c.record(sample('Tue, 01 Dec 2026 21:41:30 GMT', T0, 0), SITE);
    c.record(sample(null, T0), SITE);
    expect(c.status().kind).toBe('corrected');
    c.record(sample('Tue, 01 Dec 2026 21:40:00 GMT', T0, 0), SITE);
    expect(c.status()).toEqual({ kind: 'ok' });
  });

  it('survives a restart through its snapshot, and ignores a damaged one', () => {
    const clock = fakeClock();
    const a = new ClockCheck(clock.now);
    a.record(sample('Tue, 01 Dec 2026 21:52:00 GMT', T0, 0), SITE);
    a.confirm(720_500);
    const b = new ClockCheck(clock.now);
    b.restore(JSON.parse(JSON.stringify(a.snapshot())));
    expect(b.status()).toMatchObject({ kind: 'corrected', offsetMs: 720_500 });
    for (const junk of [null, 42, { reading: { offsetMs: 'x' } }, { reading: null, confirmedMs: Infinity }]) {
      const c = new ClockCheck(clock.now);
      c.restore(junk);
      expect(c.status()).toEqual({ kind: 'ok' });
      expect(c.snapshot()).toEqual({ reading: null, confirmedMs: null });
    }
  });
});
