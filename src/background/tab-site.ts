/** The site (registrable domain) of a tab, read from the browser, never from a page's message. */
import browser from './browser-api';
import { siteOf, isSecureForFill } from '../core/site';

export interface TabSite {
  id: number;
  url: string;
  site: string | null;
  fillable: boolean;
}

export async function tabSite(tabId: number): Promise<TabSite | null> {
  try {
    const tab = await browser.tabs.get(tabId);
    // tab.url is only visible with the activeTab grant or a host permission: exactly the tabs we may act on.
    if (!tab.url) return { id: tabId, url: '', site: null, fillable: false };
    const site = siteOf(tab.url);
    return { id: tabId, url: tab.url, site, fillable: site !== null && isSecureForFill(tab.url) };
  } catch {
    return null;
  }
}
