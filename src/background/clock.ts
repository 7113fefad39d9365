/**
 * The clock check in the background (see core/clock/clock-check.ts): each scan or fill asks the
 * tab's top frame to read its server's Date header; codes for fills and the popup then use the
 * corrected time. The reading lives in storage.session (memory only, gone with the browser
 * session; it survives the service worker being stopped), never in storage.local.
 */
import browser from './browser-api';
import { ClockCheck, type ClockStatus } from '../core/clock/clock-check';
import { callAgent } from './page/agent-client';
import { tabSite } from './tab-site';

const SESSION_KEY = 'session.clock';
/** The act goes on without a new reading if the server has not answered by then. */
const MEASURE_TIMEOUT_MS = 2_000;

const check = new ClockCheck();
let restored: Promise<void> | null = null;

function ready(): Promise<void> {
  restored ??= browser.storage.session.get(SESSION_KEY).then((v) => check.restore(v[SESSION_KEY] ?? null), () => undefined);
  return restored;
}

async function save(): Promise<void> {
  await browser.storage.session.set({ [SESSION_KEY]: check.snapshot() }).catch(() => undefined);
}

/** The time codes are made for now. */
export async function correctedNow(): Promise<number> {
  await ready();
  return check.correctedNow();
}

export async function clockStatus(): Promise<ClockStatus> {
  await ready();
  return check.status();
}

/** The person agreed, in the popup, to a correction too large to apply unasked. */
export async function confirmClock(offsetMs: number): Promise<ClockStatus> {
  await ready();
  const status = check.confirm(offsetMs);
  await save();
  return status;
}

/**
 * Measures against the server of the tab's page. The site named to the person comes from the
 * browser's tab URL; the agent's answer counts only if it came from that same origin.
 */
export async function measureClock(tabId: number): Promise<void> {
  await ready();
  const tab = await tabSite(tabId);
  if (!tab?.site) return;
  const url = new URL(tab.url);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), MEASURE_TIMEOUT_MS)));
  const answers = await Promise.race([callAgent(tabId, 'serverClock', [], [0]).catch(() => null), timeout]);
  clearTimeout(timer);
  const top = answers?.[0]?.result;
  if (!top || top.origin !== url.origin) return;
  check.record({ date: top.date, sentAt: top.sentAt, receivedAt: top.receivedAt }, url.hostname);
  await save();
}
