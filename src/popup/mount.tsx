/** Renders the popup once its first state has arrived (loaded after that request went out). */
import { render } from 'preact';
import { App } from './app';
import type { PopupState } from '../shared/messages';

export function mount(state: PopupState, tabId: number | undefined): void {
  render(<App initial={state} tabId={tabId} />, document.getElementById('app')!);
}
