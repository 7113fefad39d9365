/**
 * Copies a code and clears the clipboard after the configured delay, if the popup is still
 * open then (a closed popup cannot touch the clipboard; the code expires with its step anyway).
 */
export async function copyWithTimedClear(code: string, clearAfterSeconds: number): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(code);
  } catch {
    return false;
  }
  if (clearAfterSeconds > 0) {
    window.setTimeout(() => void navigator.clipboard.writeText('').catch(() => undefined), clearAfterSeconds * 1000);
  }
  return true;
}
