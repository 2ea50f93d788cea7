// Choosing the backup folder without opening the data: it writes only backup-state.json and never opens the
// database or asks for the passphrase, because it is the way out when the backup before an update failed (the
// update cannot run until a backup folder can be written). A host operation, like restoring: no session needed.
import { existsSync, statSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { FOLDER_STATE_FILE, setBackupFolder } from '../backup'
import { DB_FILE } from '../db/open'
import { AppError } from '../errors'

export function setBackupFolderOffline(dataDir: string, folder: string | null): { folder: string; folderIsDefault: boolean } {
  if (!existsSync(join(dataDir, DB_FILE)) && !existsSync(join(dataDir, FOLDER_STATE_FILE))) {
    throw new AppError('VALIDATION', `${dataDir} holds no ResellerDesk data. Give the data folder with --data-dir.`)
  }
  if (folder !== null && (!isAbsolute(folder) || (existsSync(folder) && !statSync(folder).isDirectory()))) throw new AppError('VALIDATION', `${folder} is not a folder.`)
  if (folder !== null && !existsSync(folder)) throw new AppError('VALIDATION', `${folder} is not there: connect the drive or make the folder first.`)
  const st = setBackupFolder(dataDir, folder)
  return { folder: st.folder ?? join(dataDir, 'backups'), folderIsDefault: st.folder === null }
}
