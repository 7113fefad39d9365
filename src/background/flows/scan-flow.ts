/**
 * "Scan QR code" on the tab the user acted on: collect candidates from every frame we may
 * read, decode them here (never in the page), fall back to a screenshot of the visible tab
 * for pixels the page cannot hand over, and keep what is a 2FA code.
 */
import browser from '../browser-api';
import { callAgent } from '../page/agent-client';
import { dataUrlToPixels } from '../page/decode-image';
import { decodeQr, cropImage } from '../../core/qr/decode-qr';
import { classifyQrText } from '../../core/qr/classify-qr-text';
import { parseOtpauthUri } from '../../core/otp';
import { decodeMigrationUri } from '../../core/import/google-migration';
import type { AccountInput } from '../../core/otp/account';
import type { ScanResult } from '../../shared/messages';
import { tabSite } from '../tab-site';
import * as vault from '../vault-session';
import { findDuplicate } from '../../core/otp/duplicates';
import { normalizeSecret } from '../../core/otp';
import type { Rect } from '../../content/agent-api';

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

async function screenshotTexts(tabId: number, regions: Rect[], viewportWidth: number): Promise<string[]> {
  const tab = await browser.tabs.get(tabId);
  const shot = await browser.tabs.captureVisibleTab(tab.windowId!, { format: 'png' });
  const image = await dataUrlToPixels(shot);
  // Screenshot pixels per CSS pixel: covers devicePixelRatio and zoom.
  const scale = image.width / viewportWidth;
  // Each candidate's crop first (fast, and several codes stay several); the whole frame last.
  const texts = regions.flatMap((rect) => {
    try {
      const text = decodeQr(cropImage(image, rect, scale));
      return text ? [text] : [];
    } catch {
      return []; // a region outside the screenshot
    }
  });
  if (texts.length) return texts;
  const whole = decodeQr(image);
  return whole ? [whole] : [];
}

async function collectTexts(tabId: number): Promise<{ texts: string[]; secret: string | null }> {
  const frames = await callAgent(tabId, 'scan', []);
  const texts: string[] = [];
  let secret: string | null = null;
  const top = frames.find((f) => f.frameId === 0)?.result;
  for (const { result } of frames) {
    texts.push(...result.uris);
    secret ??= result.secret;
    // A page shows a few candidates at most; a flood of them is not decoded past this many.
    for (const dataUrl of result.images.slice(0, MAX_IMAGES_PER_FRAME)) {
      const text = await dataUrlToPixels(dataUrl).then(decodeQr, () => null);
      if (text) texts.push(text);
    }
  }
  const hasOtp = texts.some((t) => classifyQrText(t) !== 'other');
  if (!hasOtp && top) {
    // Pixels the page could not give us (tainted canvas, cross-origin frame), or no candidate
    // at all: read the visible tab. Regions below the fold are scrolled into view one by one.
    const regions = [...top.regions];
    let viewport = top.viewport.width;
    if (regions.length === 0 || regions.some((r) => r.y + r.height > top.viewport.height || r.y < 0)) {
      const revealed = await callAgent(tabId, 'revealRegion', [0], [0]);
      const rect = revealed[0]?.result;
      if (rect) regions.splice(0, regions.length, rect);
    }
    texts.push(...(await screenshotTexts(tabId, regions, viewport).catch(() => [])));
  }
  return { texts, secret };
}

function inputsFrom(texts: string[]): { inputs: AccountInput[]; sawOther: boolean } {
  const inputs: AccountInput[] = [];
  let sawOther = false;
  for (const text of new Set(texts)) {
    const kind = classifyQrText(text);
    try {
      if (kind === 'otpauth') inputs.push(parseOtpauthUri(text));
      else if (kind === 'migration') inputs.push(...decodeMigrationUri(text).entries.map((e) => e.input));
      else sawOther = true;
    } catch {
      sawOther = true; // an otpauth-looking code we cannot use is, for the user, not a 2FA code
    }
  }
  return { inputs, sawOther };
}

export async function scanTab(tabId: number): Promise<ScanResult> {
  const tab = await tabSite(tabId);
  const { texts, secret } = await collectTexts(tabId);
  const { inputs, sawOther } = inputsFrom(texts);
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
  const candidates = inputs.map((input) => {
    const token = crypto.randomUUID();
    pending.set(token, { input, tabId, site });
    const dup = findDuplicate(accounts, input.secret);
    return {
      token,
      issuer: input.issuer ?? '',
      name: input.name ?? '',
      type: input.type ?? 'totp',
      duplicateOf: dup ? { issuer: dup.issuer, name: dup.name } : null,
    };
  });
  return { kind: 'found', candidates, site };
}

/** "clientzone.example.com" → "Clientzone": a sensible issuer for the manual form. */
function siteName(site: string): string {
  const label = site.split('.')[0] ?? site;
  return /^\d/.test(label) ? site : label.charAt(0).toUpperCase() + label.slice(1);
}
