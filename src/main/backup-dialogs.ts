// The backup pickers of the core's ShellServices in the app: the folder for automatic backups and the file to
// restore, both chosen in native dialogs by the main process, so the window never names a path itself.
import type { ShellServices } from '../core/app/shell'
import { BACKUP_EXTENSION } from '../core/backup'
import { strings } from './strings'

export interface OpenDialogOptionsLike {
  title: string
  buttonLabel: string
  defaultPath?: string
  filters?: { name: string; extensions: string[] }[]
  properties: ('openFile' | 'openDirectory' | 'createDirectory')[]
}

export interface BackupDialogDeps {
  /** dialog.showOpenDialog, bound to the app window when there is one. */
  showOpenDialog: (options: OpenDialogOptionsLike) => Promise<{ canceled: boolean; filePaths: string[] }>
  defaultDir: () => string
}

export function backupFolderDialogOptions(defaultDir: string): OpenDialogOptionsLike {
  return { title: strings.backupFolderDialogTitle, buttonLabel: strings.backupFolderDialogButton, defaultPath: defaultDir, properties: ['openDirectory', 'createDirectory'] }
}

export function backupFileDialogOptions(defaultDir: string): OpenDialogOptionsLike {
  return {
    title: strings.restoreDialogTitle,
    buttonLabel: strings.restoreDialogButton,
    defaultPath: defaultDir,
    filters: [{ name: strings.backupFilterName, extensions: [BACKUP_EXTENSION.slice(1)] }],
    properties: ['openFile']
  }
}

export function createBackupDialogs(deps: BackupDialogDeps): Required<Pick<ShellServices, 'chooseBackupFolder' | 'chooseBackupFile'>> {
  const pick = async (options: OpenDialogOptionsLike): Promise<string | null> => {
    const r = await deps.showOpenDialog(options)
    return r.canceled ? null : (r.filePaths[0] ?? null)
  }
  return {
    chooseBackupFolder: () => pick(backupFolderDialogOptions(deps.defaultDir())),
    chooseBackupFile: () => pick(backupFileDialogOptions(deps.defaultDir()))
  }
}
