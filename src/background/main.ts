/**
 * Background entry point (MV3 service worker in Chromium, event page in Firefox).
 * Listeners are registered synchronously at start-up so that a wake-up event is not missed.
 */
import browser from './browser-api';
import { listen } from './router';
import { stateHandlers } from './handlers/state';
import { accountHandlers } from './handlers/accounts';
import { scanFillHandlers } from './handlers/scan-fill';
import { backupHandlers } from './handlers/backup';
import { backupCodeHandlers } from './handlers/backup-codes';
import { clipboardHandlers } from './handlers/clipboard';
import { syncHandlers } from './handlers/sync';
import { listenForSync } from './sync/sync-service';
import { clockHandlers } from './handlers/clock';
import { passkeyHandlers } from './handlers/passkeys';
import { AUTOLOCK_ALARM, lock } from './vault-session';
import { listenForAutoFill } from './auto-fill-registration';
import { installMenus, listenForGestures, fillGesture, scanGesture, onMenuClick } from './gestures/gestures';

listen({ ...stateHandlers, ...accountHandlers, ...scanFillHandlers, ...backupHandlers, ...backupCodeHandlers, ...clipboardHandlers, ...syncHandlers, ...clockHandlers, ...passkeyHandlers });
listenForSync();
listenForGestures();
listenForAutoFill();

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === AUTOLOCK_ALARM) void lock();
});
browser.runtime.onInstalled.addListener(() => installMenus());
browser.runtime.onStartup.addListener(() => {
  // storage.session is empty after a browser restart, so the vault is locked; drop a stale alarm.
  void browser.alarms.clear(AUTOLOCK_ALARM);
});

// For `npm run bench`: when this worker had evaluated its code (a cold popup waits for it).
performance.mark('tessera:background-ready');

// The worker's own global (unreachable from pages and content scripts): lets the e2e tests run
// the exact handlers the keyboard shortcut and the context menu run.
Object.assign(globalThis, { tesseraGestures: { fill: fillGesture, scan: scanGesture, menu: onMenuClick } });
