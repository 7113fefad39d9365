/** Popup entry: asks the background for the state of the vault and of this tab, then renders. */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { App } from './app';
import { call } from '../ui/api';
import { applyDocumentLocale } from '../ui/i18n';
import { FIRST_SCREEN_ROWS } from './components/account-list';
import './popup.css';

async function start() {
  applyDocumentLocale();
  // The tab the popup was opened on (with the activeTab grant of the user's click).
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const tabId = tab?.id !== undefined && tab.id >= 0 ? tab.id : undefined;
  // The first screenful's codes come with the state: one round trip before the list is shown.
  // Marks for `npm run bench`, which splits the wait into its parts.
  performance.mark('tessera:state-asked');
  const state = await call('state/get', { tabId, firstCodes: FIRST_SCREEN_ROWS });
  performance.mark('tessera:state-received');
  render(<App initial={state} tabId={tabId} />, document.getElementById('app')!);
}

void start();
