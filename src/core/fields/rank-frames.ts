/**
 * Picks the frame and field for a code across the frames of a tab (each described by the agent
 * in that frame). Pure: the background feeds it what the agents returned.
 */
import type { FieldHint, PageDescription } from './field-description';
import { rankFields, type CodeShape, type NoFieldReason, type RankResult } from './rank-fields';

export interface FrameFields {
  frameId: number;
  page: PageDescription;
  /** The right-clicked candidate in this frame (-1: the click was not on a candidate), or null. */
  target: number | null;
}

export type FrameChoice =
  | { kind: 'fill'; frameId: number; indices: number[]; score: number }
  | { kind: 'none'; reason: NoFieldReason };

/** What a person is told first when nothing can be filled: the most specific reason wins. */
const REASON_ORDER: NoFieldReason[] = ['sms', 'email', 'does-not-fit', 'look-alike', 'no-field'];

export function chooseFrame(frames: FrameFields[], code: CodeShape, hint: FieldHint | null, targeted: boolean): FrameChoice {
  let best: { frameId: number; r: RankResult } | null = null;
  let reason: NoFieldReason = 'no-field';
  for (const f of frames) {
    // A right-click belongs to one frame; the others have no target and take no part.
    if (targeted && f.target === null) continue;
    if (targeted && f.target === -1) {
      reason = pick(reason, 'no-field');
      continue;
    }
    const r = rankFields(f.page, { code, hint, target: targeted ? f.target : null });
    if (r.kind === 'none') {
      reason = pick(reason, r.reason);
      continue;
    }
    if (!best || r.score > best.r.score || (r.score === best.r.score && f.frameId < best.frameId)) best = { frameId: f.frameId, r };
  }
  if (!best || best.r.kind === 'none') return { kind: 'none', reason };
  return { kind: 'fill', frameId: best.frameId, indices: best.r.kind === 'single' ? [best.r.index] : best.r.indices, score: best.r.score };
}

function pick(a: NoFieldReason, b: NoFieldReason): NoFieldReason {
  return REASON_ORDER.indexOf(a) <= REASON_ORDER.indexOf(b) ? a : b;
}
