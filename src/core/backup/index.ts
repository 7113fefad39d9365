/** Public surface of Tessera's own encrypted backup format. */
export { exportBackup, readBackup, BACKUP_FORMAT, BACKUP_VERSION, type ExportOptions, type BackupContents } from './tessera-backup';
export { BackupError, type BackupErrorCode } from './backup-error';
export { hintsForBackup, readBackupHints, type BackupHint } from './backup-hints';
