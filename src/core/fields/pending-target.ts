/**
 * A right-clicked field kept while the popup asks something first (unlock, or which account).
 * Pure bookkeeping with the clock as a parameter; the background owns one instance.
 *
 * Nothing here comes from a page: `frameId` is the browser's (the menu click's), and the
 * element and document tokens are the page-side agent's own, made in its isolated world.
 */

/** How long a kept target (and a fill waiting for the unlock) lives: the page has likely moved on after that. */
export const PENDING_LIFETIME_MS = 120_000;

export interface PendingTarget {
  /** The frame of the menu click, as the browser reported it. */
  frameId: number;
  /**
   * Set when the agent marked the right-clicked element at the gesture (the vault was locked):
   * the agent's per-load document token and its token for that element (null: the click was
   * not on a field that could take a code). Without it, the agent's own right-click memory decides.
   */
  marked?: { documentToken: string; element: string | null };
  /** The tab navigated since: the field is gone, and the fill says so instead of picking another. */
  gone?: true;
}

export class PendingTargets {
  private readonly byTab = new Map<number, { target: PendingTarget; at: number }>();

  constructor(private readonly lifetimeMs = PENDING_LIFETIME_MS) {}

  set(tabId: number, target: PendingTarget, now: number): void {
    this.byTab.set(tabId, { target, at: now });
  }

  /** The tab's target, unless it expired (an expired one is forgotten). */
  get(tabId: number, now: number): PendingTarget | undefined {
    const kept = this.byTab.get(tabId);
    if (!kept) return undefined;
    if (now - kept.at >= this.lifetimeMs) {
      this.byTab.delete(tabId);
      return undefined;
    }
    return kept.target;
  }

  delete(tabId: number): void {
    this.byTab.delete(tabId);
  }

  /** The tab navigated: its target is dropped (kept as "gone" until it expires, so the fill can say why). */
  navigated(tabId: number): void {
    const kept = this.byTab.get(tabId);
    if (kept) this.byTab.set(tabId, { target: { frameId: kept.target.frameId, gone: true }, at: kept.at });
  }
}

/** A fill asked for while the vault was locked: one at a time, the latest gesture wins. */
export class PendingFill {
  private job: { tabId: number; at: number } | null = null;
  /** The right-clicked target of that job (the context menu), with the same lifetime. */
  readonly targets: PendingTargets;

  constructor(private readonly lifetimeMs = PENDING_LIFETIME_MS) {
    this.targets = new PendingTargets(lifetimeMs);
  }

  defer(tabId: number, target: PendingTarget | undefined, now: number): void {
    if (this.job) this.targets.delete(this.job.tabId);
    this.job = { tabId, at: now };
    if (target) this.targets.set(tabId, target, now);
  }

  /** The waiting job, consumed: null when there is none or it expired. */
  take(now: number): { tabId: number; target?: PendingTarget } | null {
    const job = this.job;
    this.job = null;
    if (!job) return null;
    const target = this.targets.get(job.tabId, now);
    this.targets.delete(job.tabId);
    if (now - job.at >= this.lifetimeMs) return null;
    return target ? { tabId: job.tabId, target } : { tabId: job.tabId };
  }

  navigated(tabId: number): void {
    this.targets.navigated(tabId);
  }
}
