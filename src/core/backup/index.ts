// The backup slice's public surface: other slices and the composition root import only what is here.
export { BACKUP_EXTENSION, describeFsError, openBackupFile } from './backup-file'
export { BackupService } from './backup-service'
export { createBackupSync } from './create-backup'
export { FOLDER_STATE_FILE, backupFolderOf, defaultBackupFolder, readFolderState, recordWritten, setBackupFolder, updateFolderState } from './folder-state'
export { backupHandlers } from './handlers'
export { latestBackup, restoreAdvice } from './latest'
export { type BackupSecret, type DataCounts, checkBackupSecret, checkRestoreTarget, currentCounts, restoreBackup } from './restore'
export { finishInterruptedRestore } from './restore-marker'
