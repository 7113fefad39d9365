/**
 * Opens the passkey page, or brings an open one back to the front (#unlock or #manage). Reusing
 * the tab keeps one page for every ceremony, which also lets a test's virtual authenticator
 * (bound to one page target) serve both the create and the get.
 */
import browser from 'webextension-polyfill';

const PAGE = 'src/pages/passkey/index.html';
/** Set by the passkey page on its own window: the tab it runs in. */
export const TAB_ID_KEY = 'tesseraPasskeyTab';

export async function openPasskeyPage(mode: 'unlock' | 'manage'): Promise<void> {
  const url = browser.runtime.getURL(PAGE);
  const open = browser.extension.getViews({ type: 'tab' }).find((view) => view.location.href.split('#')[0] === url);
  const tab = open && (open as unknown as Record<string, { id: number; windowId: number } | undefined>)[TAB_ID_KEY];
  if (open && tab) {
    open.location.hash = mode;
    await browser.tabs.update(tab.id, { active: true });
    await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
  } else {
    await browser.tabs.create({ url: `${url}#${mode}` });
  }
}

/** Called by the passkey page at start: remembers its tab so the popup can bring it back. */
export async function registerPasskeyTab(): Promise<void> {
  const tab = await browser.tabs.getCurrent();
  if (tab?.id !== undefined) Object.assign(window, { [TAB_ID_KEY]: { id: tab.id, windowId: tab.windowId } });
}
