/**
 * The only import of the WebExtension API in the background: one promise-based `browser`
 * object for Chromium and Firefox (webextension-polyfill maps `chrome.*` where needed).
 */
import browser from 'webextension-polyfill';

export default browser;
export type { Runtime, Tabs, Scripting } from 'webextension-polyfill';
