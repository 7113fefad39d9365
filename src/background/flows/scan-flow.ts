/**
 * "Scan QR code" on the tab the user acted on: collect candidates from every frame we may
 * read, decode them here (never in the page), fall back to a screenshot of the visible tab
 * for pixels the page cannot hand over, and keep what is a 2FA code.
 */
import browser from '../browser-api';
import { callAgent } from '../page/agent-client';
import { classifyQrText } from '../../core/qr/classify-qr-text';
import { parseOtpauthUri } from '../../core/otp';
import { decodeMigrationUri } from '../../core/import/google-migration';
import type { AccountInput } from '../../core/otp/account';
import type { ScanResult } from '../../shared/messages';
import { tabSite } from '../tab-site';
import * as vault from '../vault-session';
import { findDuplicate } from '../../core/otp/duplicates';
import { normalizeSecret } from '../../core/otp';
import { decodeTasks, prepareDecoding } from '../decode/qr-decoder';
import { siteOf, isSecureForFill } from '../../core/site';

const MAX_IMAGES_PER_FRAME = 24;
export const NO_QR = 'No QR code found on this page';
export const NOT_2FA = 'The QR code on this page is not a 2FA code';

/** Scanned accounts waiting for the user's confirmation; the secret never goes to the popup. */
const pending = new Map<string, { input: AccountInput; tabId: number; site: string | null }>();
vault.forgetOnLock(() => pending.clear());

export function takePending(tabId: number, tokens: string[]) {
  const found = tokens.map((t) => pending.get(t)).filter((p): p is NonNullable<typeof p> => !!p && p.tabId === tabId);
  for (const t of tokens) pending.delete(t);
  return found;
}

/** A decoded text and the origin that showed it (null: unknown, so the account binds to nothing). */
interface Found {
  text: string;
  origin: string | null;
}

/** Everything a scan may take, from the click to the answer (issue 10: a hostile page cannot stall it). */
export const SCAN_BUDGET_MS = 2000;
/** Kept back from the budget for the screenshot and the answer itself. */
const ANSWER_MS = 250;
/** Decoding always gets this much, even when the page took long to answer (a loaded machine). */
const MIN_DECODE_MS = 400;

async function screenshot(tabId: number): Promise<string> {
  const tab = await browser.tabs.get(tabId);
  return browser.tabs.captureVisibleTab(tab.windowId!, { format: 'png' });
}

async function collectTexts(tabId: number, deadline: number): Promise<{ found: Found[]; secret: string | null }> {
  prepareDecoding();
  const frames = await callAgent(tabId, 'scan', []);
  const found: Found[] = [];
  let secret: string | null = null;
  const top = frames.find((f) => f.frameId === 0)?.result;
  const images: Array<{ dataUrl: string; origin: string | null }> = [];
  for (const { result } of frames) {
    found.push(...result.uris.map((u) => ({ text: u.uri, origin: u.origin })));
    secret ??= result.secret;
    // A page shows a few candidates at most; a flood of them is not decoded past this many.
    images.push(...result.images.slice(0, MAX_IMAGES_PER_FRAME));
  }
  // One deadline for all decoding: the budget, or a short floor after a page that answered late.
  const decodeBy = Math.max(deadline - ANSWER_MS, Date.now() + MIN_DECODE_MS);
  const remaining = () => decodeBy - Date.now();
  const hits = await decodeTasks(images.map((i) => ({ kind: 'image' as const, dataUrl: i.dataUrl })), remaining());
  found.push(...hits.map((h) => ({ text: h.text, origin: images[h.task]!.origin })));
  const hasOtp = found.some((f) => classifyQrText(f.text) !== 'other');
  if (!hasOtp && top && remaining() > 100) {
    // Pixels the page could not give us (tainted canvas, cross-origin frame), or no candidate
    // at all: read the visible tab. Regions below the fold are scrolled into view one by one.
    let regions = [...top.regions];
    if (regions.length === 0 || regions.some((r) => r.rect.y + r.rect.height > top.viewport.height || r.rect.y < 0)) {
      const revealed = (await callAgent(tabId, 'revealRegion', [0], [0]))[0]?.result;
      if (revealed) regions = [revealed];
    }
    const shot = await screenshot(tabId).catch(() => null);
    if (shot) {
      const task = { kind: 'screenshot' as const, dataUrl: shot, regions: regions.map((r) => r.rect), viewportWidth: top.viewport.width };
      for (const hit of await decodeTasks([task], remaining())) {
        // A region's code belongs to whoever showed that region. The whole screenshot could show
        // any frame, so it is the top page's only when the page has no frame we cannot read.
        const origin = hit.region !== null ? regions[hit.region]!.origin : top.opaqueFrames === 0 ? top.origin : null;
        found.push({ text: hit.text, origin });
      }
    }
  }
  return { found, secret };
}

/** Inputs with the site that showed them; a text seen from several origins with different sites binds to none. */
function inputsFrom(found: Found[]): { inputs: Array<{ input: AccountInput; site: string | null }>; sawOther: boolean } {
  const sites = new Map<string, Set<string | null>>();
  for (const { text, origin } of found) {
    const site = origin === null || !isSecureOrigin(origin) ? null : siteOf(origin);
    sites.set(text, (sites.get(text) ?? new Set()).add(site));
  }
  const inputs: Array<{ input: AccountInput; site: string | null }> = [];
  let sawOther = false;
  for (const [text, seen] of sites) {
    const kind = classifyQrText(text);
    const site = seen.size === 1 ? [...seen][0]! : null;
    try {
      if (kind === 'otpauth') inputs.push({ input: parseOtpauthUri(text), site });
      else if (kind === 'migration') inputs.push(...decodeMigrationUri(text).entries.map((e) => ({ input: e.input, site })));
      else sawOther = true;
    } catch {
      sawOther = true; // an otpauth-looking code we cannot use is, for the user, not a 2FA code
    }
  }
  return { inputs, sawOther };
}

export async function scanTab(tabId: number, startedAt = Date.now()): Promise<ScanResult> {
  const tab = await tabSite(tabId);
  const { found, secret } = await collectTexts(tabId, startedAt + SCAN_BUDGET_MS);
  const { inputs, sawOther } = inputsFrom(found);
  const site = tab?.site ?? null;
  if (inputs.length === 0) {
    let printed: string | null = null;
    try {
      printed = secret ? normalizeSecret(secret) : null;
    } catch {
      printed = null;
    }
    return { kind: 'none', reason: sawOther ? 'not-2fa' : 'no-qr', message: sawOther ? NOT_2FA : NO_QR, prefill: { secret: printed, issuer: site ? siteName(site) : '' } };
  }
  const accounts = await vault.accounts();
  const candidates = inputs.map(({ input, site: shownBy }) => {
    const token = crypto.randomUUID();
    // Bound to the site of the frame that showed the QR code, never simply to the tab's.
    pending.set(token, { input, tabId, site: shownBy });
    const dup = findDuplicate(accounts, input.secret);
    return {
      token,
      issuer: input.issuer ?? '',
      name: input.name ?? '',
      type: input.type ?? 'totp',
      duplicateOf: dup ? { issuer: dup.issuer, name: dup.name } : null,
      site: shownBy,
      // As core/otp/secret-strength computes it (whole bytes of base32); not imported here, so the
      // popup's tiny module stays out of the background's shared chunk (and the popup's bundle small).
      secretBits: Math.floor((normalizeSecret(input.secret).length * 5) / 8) * 8,
    };
  });
  return { kind: 'found', candidates, site };
}

/** An account binds only to a site whose page could receive its codes (https, or local http). */
function isSecureOrigin(origin: string): boolean {
  return isSecureForFill(`${origin}/`);
}

/** "clientzone.example.com" → "Clientzone": a sensible issuer for the manual form. */
function siteName(site: string): string {
  const label = site.split('.')[0] ?? site;
  return /^\d/.test(label) ? site : label.charAt(0).toUpperCase() + label.slice(1);
}
