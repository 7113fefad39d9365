/**
 * Popup entry: asks the background for the state of the vault and of this tab first, and only
 * then loads the interface (Preact and the views, a separate chunk). After a pause the browser
 * has stopped the service worker, and starting it again is most of the wait: asking before the
 * interface loads lets the worker start while the popup's own code arrives.
 */
import browser from 'webextension-polyfill';
import { call } from '../ui/api';
import { applyDocumentLocale } from '../ui/i18n';
import { FIRST_SCREEN_ROWS } from './first-screen';
import './popup.css';

async function askState() {
  // The tab the popup was opened on (with the activeTab grant of the user's click).
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const tabId = tab?.id !== undefined && tab.id >= 0 ? tab.id : undefined;
  // The first screenful's codes come with the state: one round trip before the list is shown.
  // Marks for `npm run bench`, which splits the wait into its parts.
  performance.mark('tessera:state-asked');
  const state = await call('state/get', { tabId, firstCodes: FIRST_SCREEN_ROWS });
  performance.mark('tessera:state-received');
  return { tabId, state };
}

async function start() {
  applyDocumentLocale();
  const asked = askState();
  const { mount } = await import('./mount');
  const { tabId, state } = await asked;
  mount(state, tabId);
}

void start();
