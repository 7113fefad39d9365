import { describe, expect, test } from 'vitest';
import { PENDING_LIFETIME_MS, PendingFill, PendingTargets } from './pending-target';

const marked = { frameId: 3, marked: { documentToken: 'doc-1', element: 'el-1' } };

describe('PendingFill: a fill waiting for the unlock, with its right-clicked target', () => {
  test('the job and its target come back once, within the lifetime', () => {
    const p = new PendingFill();
    p.defer(7, marked, 1_000);
    expect(p.take(1_000 + PENDING_LIFETIME_MS - 1)).toEqual({ tabId: 7, target: marked });
    expect(p.take(1_000 + PENDING_LIFETIME_MS - 1)).toBeNull();
  });

  test('a shortcut fill waits without a target', () => {
    const p = new PendingFill();
    p.defer(7, undefined, 0);
    expect(p.take(10)).toEqual({ tabId: 7 });
  });

  test('job and target expire together', () => {
    const p = new PendingFill(1_000);
    p.defer(7, marked, 0);
    expect(p.take(1_000)).toBeNull();
  });

  test('a navigation of that tab drops the target but keeps the job, so the fill can say the field is gone', () => {
    const p = new PendingFill();
    p.defer(7, marked, 0);
    p.navigated(8); // another tab: no effect
    p.navigated(7);
    expect(p.take(10)).toEqual({ tabId: 7, target: { frameId: 3, gone: true } });
  });

  test('a later gesture replaces the earlier one, and the earlier tab\'s target does not linger', () => {
    const p = new PendingFill();
    p.defer(7, marked, 0);
    p.defer(9, undefined, 5);
    expect(p.take(10)).toEqual({ tabId: 9 });
    p.defer(7, undefined, 20);
    expect(p.take(30)).toEqual({ tabId: 7 });
  });
});

describe('PendingTargets: a right-clicked field waiting for an account choice', () => {
  test('kept per tab until it expires', () => {
    const t = new PendingTargets(1_000);
    t.set(1, marked, 0);
    expect(t.get(1, 999)).toEqual(marked);
    expect(t.get(2, 10)).toBeUndefined();
    expect(t.get(1, 1_000)).toBeUndefined();
    expect(t.get(1, 10)).toBeUndefined(); // forgotten once expired
  });

  test('navigation marks it gone; delete forgets it', () => {
    const t = new PendingTargets();
    t.set(1, marked, 0);
    t.navigated(1);
    expect(t.get(1, 1)).toEqual({ frameId: 3, gone: true });
    t.delete(1);
    expect(t.get(1, 1)).toBeUndefined();
  });
});
