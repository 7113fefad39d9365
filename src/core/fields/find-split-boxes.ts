/**
 * Detects one-character boxes that together take one code (Authelia, PayPal, many React OTP
 * widgets): 4–8 consecutive visible boxes sharing a container. Password managers learned to fill
 * one character per box (bitwarden/clients #11076, PR #11630).
 */

import { parentAcrossShadow } from './visibility';

/** What the finder learned about one eligible input. */
export interface BoxInfo {
  input: HTMLInputElement;
  /** Score from the field itself (attributes, words). */
  own: number;
  /** Score from the page's words (may be hugely negative for emailed codes). */
  page: number;
  /** A one-character box (maxlength 1, or labelled "digit N"). */
  isBox: boolean;
}

/** A candidate group of boxes, scored like a single field. */
export interface SplitGroup {
  inputs: HTMLInputElement[];
  own: number;
  page: number;
}

const MIN_BOXES = 4;
const MAX_BOXES = 8;
/** Boxes are usually wrapped one per div; four levels covers wrapper + row + group. */
const SHARED_ANCESTOR_LEVELS = 4;

/**
 * Groups consecutive boxes (in the order given, which is document order) and scores each group of
 * 4–8. Any non-box eligible input between two boxes ends a group.
 */
export function findSplitGroups(infos: BoxInfo[]): SplitGroup[] {
  const groups: BoxInfo[][] = [];
  let current: BoxInfo[] = [];
  for (const info of infos) {
    const prev = current[current.length - 1];
    if (info.isBox && prev && sameContainer(prev.input, info.input)) {
      current.push(info);
      continue;
    }
    if (current.length) groups.push(current);
    current = info.isBox ? [info] : [];
  }
  if (current.length) groups.push(current);
  return groups.filter((g) => g.length >= MIN_BOXES && g.length <= MAX_BOXES).map(scoreGroup);
}

function scoreGroup(group: BoxInfo[]): SplitGroup {
  // Each box already carries its own attribute and word score; the group takes the best box's
  // score (typically the one with a label) plus a bonus for being a row of single-character boxes.
  const best = Math.max(...group.map((b) => b.own));
  const sizeBonus = group.length === 6 ? 35 : 25;
  return {
    inputs: group.map((b) => b.input),
    own: Math.max(best, 0) + sizeBonus,
    page: Math.min(...group.map((b) => b.page)),
  };
}

function sameContainer(a: HTMLInputElement, b: HTMLInputElement): boolean {
  if (a.form || b.form) return a.form === b.form;
  let node: Element | null = a;
  for (let i = 0; i < SHARED_ANCESTOR_LEVELS && node; i++) {
    node = parentAcrossShadow(node);
    if (node && node.contains(b)) return true;
  }
  return false;
}
