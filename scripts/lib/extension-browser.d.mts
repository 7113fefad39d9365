import type { BrowserContext, Page, Worker } from 'playwright-core';

export const EXTENSION_DIR: string;
export function chromiumPath(): string;

export interface Harness {
  ctx: BrowserContext;
  sw: Worker;
  extensionId: string;
  /** Opens the real popup on `page` as a toolbar click would (with its activeTab grant), and returns it. */
  openPopup(page: Page): Promise<Page>;
  /** A normal tab on an extension page (for flows that do not act on a web page). */
  extensionPage(pathname: string): Promise<Page>;
  storageDump(): Promise<{ local: Record<string, unknown>; sync: Record<string, unknown>; session: Record<string, unknown> }>;
  /** Lets downloads land in `dir` (call right before the click: a new CDP connection resets it). */
  allowDownloads(dir: string): Promise<void>;
  close(): Promise<void>;
  /** When the last openPopup() "clicked" the toolbar button (epoch ms). */
  lastClickAt: number;
}

/** `extensionDir`: another build than dist/chrome (e.g. a copy whose optional permission counts as granted). */
export function launch(options?: { deviceScaleFactor?: number; headless?: boolean; keepProfile?: string; extensionDir?: string; lang?: string }): Promise<Harness>;
