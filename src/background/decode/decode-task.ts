/**
 * One scan's decoding work, as it travels to wherever decoding runs (a worker, off the
 * background's own thread): PNG data URLs, never pixels, so the messages stay small.
 */
import { decodeQr } from '../../core/qr/decode-qr';
import { pngWithin } from '../../core/qr/png-size';
import { readScreenshot } from '../../core/qr/read-screenshot';
import type { Rect } from '../../content/agent-api';
import { dataUrlToPixels } from '../page/decode-image';

export type DecodeTask =
  /** A candidate image the agent handed over (it scales them to ≤ 1,024 px a side). */
  | { kind: 'image'; dataUrl: string }
  /** A captureVisibleTab screenshot, with the candidate regions in CSS px. */
  | { kind: 'screenshot'; dataUrl: string; regions: Rect[]; viewportWidth: number };

/** A code found in task `task` (and, for a screenshot, its region; null = the whole frame). */
export interface DecodeHit {
  task: number;
  region: number | null;
  text: string;
}

/** Limits read from the PNG header before decoding: anything bigger is refused unread. */
export const IMAGE_LIMIT = { side: 1024, pixels: 1024 * 1024 };
/** A 4K screen at devicePixelRatio 2 is 7680 × 4320; nothing a browser captures is bigger. */
export const SCREENSHOT_LIMIT = { side: 8192, pixels: 7680 * 4320 };

export async function runTask(task: DecodeTask, index: number): Promise<DecodeHit[]> {
  const limit = task.kind === 'image' ? IMAGE_LIMIT : SCREENSHOT_LIMIT;
  if (!pngWithin(task.dataUrl, limit.side, limit.pixels)) return [];
  const image = await dataUrlToPixels(task.dataUrl).catch(() => null);
  if (!image) return [];
  if (task.kind === 'image') {
    const text = decodeQr(image);
    return text === null ? [] : [{ task: index, region: null, text }];
  }
  // Screenshot pixels per CSS pixel: covers devicePixelRatio and zoom.
  const scale = image.width / task.viewportWidth;
  return readScreenshot(image, task.regions, scale).map((hit) => ({ task: index, ...hit }));
}
