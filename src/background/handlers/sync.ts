/** Sync requests from the popup. */
import type { PartialHandlers } from './types';
import { popupState } from './state';
import { disableSync, enableSync, joinFromSync, syncNow, syncStatus } from '../sync/sync-service';

export const syncHandlers: PartialHandlers<'sync/status' | 'sync/enable' | 'sync/now' | 'sync/disable' | 'sync/join'> = {
  'sync/status': () => syncStatus(),
  'sync/enable': (form) => enableSync(form),
  'sync/now': () => syncNow(),
  'sync/disable': () => disableSync(),
  'sync/join': async (form) => {
    await joinFromSync(form);
    return popupState();
  },
};
