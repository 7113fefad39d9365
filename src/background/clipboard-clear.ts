/**
 * Clears the clipboard after the person's delay, from a context that outlives the popup (which
 * closes as soon as they click into the page to paste). The clipboard is cleared whatever it
 * holds then: reading it first would need the clipboardRead permission and its warning.
 */

/** The timer of the pending clear, per context: a new copy restarts the delay. */
let timer: ReturnType<typeof setTimeout> | undefined;

export function scheduleClipboardClear(afterMs: number, clear: () => void): void {
  clearTimeout(timer);
  timer = setTimeout(clear, Math.max(0, afterMs));
}

/**
 * Empties the clipboard in a document (offscreen or background page): a copy command whose
 * handler puts an empty text in place, so no focus or user gesture is needed.
 */
export function clearClipboardHere(doc: Document): boolean {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  doc.addEventListener('copy', onCopy);
  try {
    return doc.execCommand('copy');
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
}
