import type { Harness } from './extension-browser.mjs';
export function launchWithGrant(pattern: string | null, api?: string[]): Promise<Harness & { dispose(): Promise<void> }>;
