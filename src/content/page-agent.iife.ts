/**
 * The page-side agent, injected on demand into the tab the user acted on (never declared in
 * the manifest). It lives in the extension's isolated world, where page scripts cannot reach
 * it, and it holds no secret: it reports what the page shows (QR candidates, the code field)
 * and writes one code the background computed for this frame. It decodes nothing itself.
 *
 * The background calls it with scripting.executeScript({ func: (…) => globalThis.__tessera… }).
 */
import { describeFields } from '../core/fields/describe-fields';
import { FillError, fillCode, submitFormOf } from '../core/fields/fill-field';
import type { FieldMatch } from '../core/fields/find-code-field';
import { findQrCandidates } from '../core/qr/find-qr-candidates';
import { findPrintedSecret } from '../core/qr/find-printed-secret';
import { readCandidatePixels } from '../core/qr/read-pixels';
import { findBackupCodes } from '../core/backup-codes/find-backup-codes';
import type { AgentApi, AgentScan, AgentField, AgentFillOutcome } from './agent-api';

function toDataUrl(img: { width: number; height: number; data: Uint8ClampedArray }): string {
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), 0, 0);
  return canvas.toDataURL('image/png');
}

async function scan(): Promise<AgentScan> {
  const result: AgentScan = {
    origin: location.origin,
    viewport: { width: innerWidth, height: innerHeight },
    uris: [],
    images: [],
    regions: [],
    secret: findPrintedSecret(document),
    title: document.title,
  };
  const candidates = findQrCandidates(document);
  for (const c of candidates) {
    if (c.kind === 'uri') {
      result.uris.push(c.uri);
      continue;
    }
    const pixels = await readCandidatePixels(c).catch(() => null);
    if (!pixels) continue;
    if ('needsScreenshot' in pixels) result.regions.push(pixels.rect);
    else result.images.push(toDataUrl(pixels));
  }
  return result;
}

/** Scrolls a region that needs a screenshot into view and returns its rect in viewport pixels. */
function revealRegion(index: number): { x: number; y: number; width: number; height: number } | null {
  const regions = findQrCandidates(document).filter((c) => c.kind !== 'uri');
  const el = regions[index] && 'element' in regions[index] ? (regions[index] as { element: Element }).element : null;
  if (!el) return null;
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const r = el.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
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

function field(wantTarget: boolean): AgentField {
  const { page, inputs } = describeFields(document);
  described = { inputs, keys: page.fields.map(keyOf) };
  let target: number | null = null;
  if (wantTarget) {
    // The right-click focuses the input; a right-click seen since an earlier injection is more precise.
    const el = contextTarget instanceof HTMLInputElement && contextTarget.isConnected ? contextTarget : deepActiveElement();
    const i = inputs.indexOf(el as HTMLInputElement);
    target = i >= 0 ? i : -1;
  }
  return { origin: location.origin, documentToken, page, target };
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

const api: AgentApi = { scan, revealRegion, field, fill, backupCodes };
// Injected again on every call: keep the first instance (and its document token) per page load.
const scope = globalThis as { __tessera?: AgentApi };
if (!scope.__tessera) {
  scope.__tessera = api;
  addEventListener('contextmenu', (e) => (contextTarget = e.composedPath()[0] ?? null), true);
}
