/**
 * What Chromium's background asks of its offscreen document (Firefox's background page does
 * both itself). Only the service worker sends these; the document checks the sender.
 */
import type { DecodeTask } from '../background/decode/decode-task';

export const OFFSCREEN_TARGET = 'tessera-offscreen';

export type OffscreenRequest =
  | { target: typeof OFFSCREEN_TARGET; type: 'decode'; tasks: DecodeTask[]; budgetMs: number }
  | { target: typeof OFFSCREEN_TARGET; type: 'clipboard-clear'; afterMs: number };
