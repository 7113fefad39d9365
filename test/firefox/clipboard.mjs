/** The system clipboard's text, read in the parent process (pages need a permission for it). */
export const readClipboard = (/** @type {import('./firefox-harness.mjs').FirefoxHarness} */ ff) =>
  ff.chrome(() => {
    const t = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
    t.init(null);
    t.addDataFlavor('text/plain');
    try {
      Services.clipboard.getData(t, Ci.nsIClipboard.kGlobalClipboard, window.browsingContext.currentWindowContext);
      const out = {};
      t.getTransferData('text/plain', out);
      return out.value?.QueryInterface(Ci.nsISupportsString).data ?? '';
    } catch {
      return ''; // nothing on it
    }
  });
