/** Public surface of sync: the WebDAV client, the format, the merge and one sync round. */
export { SyncError, isTransient, backoffMinutes, type SyncErrorCode } from './sync-error';
export { WebDavClient, folderUrl, type FetchLike, type WebDavOptions } from './webdav-client';
export { merge, sameRecords, TOMBSTONE_TTL_MS, type MergeOptions, type MergeResult } from './merge';
export { localRecords, accountsFrom, checkRecords, toSynced, type SyncRecord, type SyncedAccount } from './sync-records';
export { createSyncKey, wrapSyncKey, openSyncKey, exportSyncKey, importSyncKey, POINTER_NAME, SYNC_FOLDER, SYNC_VERSION, type SyncHeader } from './sync-format';
export { applyRound, type Applied } from './sync-apply';
export { syncRound, openOrCreate, readRemote, type RoundOptions, type RoundResult } from './sync-engine';
