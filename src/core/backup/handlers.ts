// The backup slice's part of the contract that needs an open session (backup.chooseFile and backup.restore are the
// host's: a restore replaces the session).
import type { backupChannels } from '../../shared/contract'
import { AppError } from '../errors'
import type { HandlersOf } from '../handler-types'
import type { BackupService } from './backup-service'

export type SessionBackupChannel = Exclude<keyof typeof backupChannels, 'backup.chooseFile' | 'backup.restore'>

export interface BackupShell {
  /** Ask for a folder for automatic backups (Electron: a folder dialog; the CLI: the folder it was given). */
  chooseBackupFolder?(): Promise<string | null>
  /** One file `backup.create` writes to instead of the backup folder's rotation (the CLI's --to FILE). */
  backupTo?: string
}

export function backupHandlers(backups: BackupService, shell: BackupShell): HandlersOf<SessionBackupChannel> {
  const chooseFolder = shell.chooseBackupFolder?.bind(shell)
  return {
    'backup.status': async () => backups.status(),
    'backup.create': async () => {
      const { file, at, bytes, counts, pruned, pruneSkipped } = await backups.create(shell.backupTo ? { to: shell.backupTo } : {})
      return { file, at, bytes, counts, pruned: pruned.length, pruneSkipped }
    },
    'backup.chooseFolder': async (i) => {
      if (i.useDefault) return backups.setFolder(null)
      if (!chooseFolder) throw new AppError('UNSUPPORTED', 'Choosing a folder is not available here; use `resellerdesk backup folder DIR`.')
      const folder = await chooseFolder()
      return folder === null ? backups.status() : backups.setFolder(folder)
    },
    'vault.recoveryKey': async () => ({ recoveryKey: backups.revealRecoveryKey() }),
    'vault.recoveryKeySeen': async () => backups.acknowledgeRecoveryKey(),
    'vault.newRecoveryKey': async () => backups.newRecoveryKey()
  }
}
