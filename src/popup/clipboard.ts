/**
 * Copies a code; the background clears the clipboard after the configured delay, whether or
 * not the popup is still open then (it closes as soon as the person clicks into the page).
 */
import { call } from '../ui/api';

export async function copyWithTimedClear(code: string, clearAfterSeconds: number): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(code);
  } catch {
    return false;
  }
  if (clearAfterSeconds > 0) {
    const scheduled = await call('clipboard/clear-later', {}).then((r) => r.scheduled, () => false);
    // Only if the background could not: then at least while the popup stays open.
    if (!scheduled) window.setTimeout(() => void navigator.clipboard.writeText('').catch(() => undefined), clearAfterSeconds * 1000);
  }
  return true;
}
