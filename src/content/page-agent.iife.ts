/**
 * The page-side agent, injected on demand into the tab the user acted on (never declared in
 * the manifest). It lives in the extension's isolated world, where page scripts cannot reach
 * it, and it holds no secret: it reports what the page shows (QR candidates, the code field)
 * and writes one code the background computed for this frame. It decodes nothing itself.
 *
 * The background calls it with scripting.executeScript({ func: (…) => globalThis[Symbol.for('tessera.page-agent')]… }).
 */
import { describeFields } from '../core/fields/describe-fields';
import { FillError, fillCode, submitFormOf } from '../core/fields/fill-field';
import type { FieldMatch } from '../core/fields/find-code-field';
import { countOpaqueFrames, findQrCandidates } from '../core/qr/find-qr-candidates';
import { findPrintedSecret } from '../core/qr/find-printed-secret';
import { readCandidatePixels } from '../core/qr/read-pixels';
import { findBackupCodes } from '../core/backup-codes/find-backup-codes';
import type { AgentApi, AgentScan, AgentField, AgentClock, AgentFillOutcome, AgentMark } from './agent-api';
import { installAgent } from './agent-global';

function toDataUrl(img: { width: number; height: number; data: Uint8ClampedArray }): string {
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext('2d')!;
  try {
    ctx.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), 0, 0);
  } catch {
    // Firefox content scripts: putImageData refuses an ImageData built in the script's sandbox
    // ("Failed to extract Uint8ClampedArray"), and a bulk set() across the sandbox boundary is
    // denied, so the pixels are copied one by one into the page's own ImageData.
    const out = ctx.createImageData(img.width, img.height);
    const target = out.data;
    const source = img.data;
    for (let i = 0; i < source.length; i++) target[i] = source[i]!;
    ctx.putImageData(out, 0, 0);
  }
  return canvas.toDataURL('image/png');
}

async function scan(): Promise<AgentScan> {
  const result: AgentScan = {
    origin: location.origin,
    viewport: { width: innerWidth, height: innerHeight },
    uris: [],
    images: [],
    regions: [],
    opaqueFrames: countOpaqueFrames(document),
    secret: findPrintedSecret(document),
    title: document.title,
  };
  const candidates = findQrCandidates(document);
  for (const c of candidates) {
    if (c.kind === 'uri') {
      result.uris.push({ uri: c.uri, origin: c.origin });
      continue;
    }
    const pixels = await readCandidatePixels(c).catch(() => null);
    if (!pixels) continue;
    if ('needsScreenshot' in pixels) result.regions.push({ rect: pixels.rect, origin: c.origin });
    else result.images.push({ dataUrl: toDataUrl(pixels), origin: c.origin });
  }
  return result;
}

/** Scrolls a region that needs a screenshot into view and returns its rect in viewport pixels. */
function revealRegion(index: number): ReturnType<AgentApi['revealRegion']> {
  const regions = findQrCandidates(document).filter((c) => c.kind !== 'uri');
  const candidate = regions[index];
  const el = candidate && 'element' in candidate ? candidate.element : null;
  if (!candidate || !el) return null;
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const r = el.getBoundingClientRect();
  return { rect: { x: r.left, y: r.top, width: r.width, height: r.height }, origin: candidate.origin };
}

const documentToken = crypto.randomUUID();

/** The inputs of the last field() call, and what identified each, to find them again after a re-render. */
let described: { inputs: HTMLInputElement[]; keys: string[] } = { inputs: [], keys: [] };
const keyOf = (f: { type: string; name: string; id: string; maxLength: number }) => `${f.type}|${f.name}|${f.id}|${f.maxLength}`;
/** The element the user last right-clicked (the menu entry "Fill two-factor code" means that field). */
let contextTarget: EventTarget | null = null;

function deepActiveElement(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** The element under the right-click, or the focused one (the right-click focuses an input). */
function rightClicked(): Element | null {
  return contextTarget instanceof HTMLInputElement && contextTarget.isConnected ? contextTarget : deepActiveElement();
}

/**
 * Elements marked at a menu click while the vault was locked, by a random token made here (a
 * page cannot choose or read it): after the unlock, field() finds that very element again.
 */
const marked = new Map<string, WeakRef<HTMLInputElement>>();

function markTarget(): AgentMark {
  const el = rightClicked();
  let element: string | null = null;
  if (el instanceof HTMLInputElement) {
    element = crypto.randomUUID();
    marked.set(element, new WeakRef(el));
  }
  return { origin: location.origin, documentToken, element };
}

/**
 * `targetToken`: a string finds the element markTarget() kept under it (gone if it left the
 * document); null means the marked click was on no field; undefined asks for the right-click now.
 */
function field(wantTarget: boolean, targetToken?: string | null): AgentField {
  const { page, inputs } = describeFields(document);
  described = { inputs, keys: page.fields.map(keyOf) };
  let target: number | null = null;
  let targetGone = false;
  if (wantTarget) {
    let el: Element | null | undefined;
    if (typeof targetToken === 'string') {
      el = marked.get(targetToken)?.deref();
      if (!el?.isConnected) targetGone = true;
    } else {
      el = targetToken === null ? null : rightClicked();
    }
    const i = el ? inputs.indexOf(el as HTMLInputElement) : -1;
    target = i >= 0 ? i : -1;
  }
  return { origin: location.origin, documentToken, page, target, ...(targetGone ? { targetGone: true as const } : {}) };
}

function fill(code: string, submit: boolean, expectedOrigin: string, expectedToken: string, indices: number[]): AgentFillOutcome {
  // The background checked this frame's origin and document; if either changed since, refuse.
  if (location.origin !== expectedOrigin || documentToken !== expectedToken) return 'field-gone';
  let inputs = indices.map((i) => described.inputs[i]);
  if (inputs.some((el) => !el?.isConnected)) {
    // Re-rendered while the background waited for the next code: the same fields, described anew.
    const before = described.keys;
    const now = describeFields(document);
    if (indices.some((i) => now.page.fields[i] === undefined || keyOf(now.page.fields[i]!) !== before[i])) return 'field-gone';
    inputs = indices.map((i) => now.inputs[i]);
  }
  const list = inputs.filter((el): el is HTMLInputElement => el !== undefined);
  if (list.length === 0) return 'field-gone';
  const match: FieldMatch = list.length === 1 ? { kind: 'single', input: list[0]!, score: 0 } : { kind: 'split', inputs: list, score: 0 };
  try {
    fillCode(match, code);
  } catch (err) {
    if (err instanceof FillError && err.code === 'does-not-fit') return 'does-not-fit';
    return 'field-gone';
  }
  if (submit) submitFormOf(match);
  return 'filled';
}

function backupCodes() {
  return { origin: location.origin, codes: findBackupCodes(document) };
}

/**
 * For the clock check: a HEAD request for this page to its own server (same origin, so no
 * permission and its headers are readable). Without cookies and from the network, not the
 * cache: the server cannot tie it to the person's session (a setup page that starts over on
 * every visit is left alone) and its Date is fresh.
 */
async function serverClock(): Promise<AgentClock> {
  const sentAt = Date.now();
  const date = await fetch(location.href, { method: 'HEAD', credentials: 'omit', cache: 'no-store' })
    .then((r) => r.headers.get('date'), () => null);
  return { origin: location.origin, date, sentAt, receivedAt: Date.now() };
}

const api: AgentApi = { scan, revealRegion, field, markTarget, fill, backupCodes, serverClock };
// Injected again on every call: keep the first instance (and its document token) per page load,
// under a Symbol key a page's element ids cannot shadow (see agent-global.ts). The right-click
// listener is added once, with the first instance, so it remembers the field for that instance.
if (installAgent(globalThis, api) === api) {
  addEventListener('contextmenu', (e) => (contextTarget = e.composedPath()[0] ?? null), true);
}
