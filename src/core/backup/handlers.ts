// The backup slice's part of the contract that needs an open session (backup.chooseFile and backup.restore are the
// host's: a restore replaces the session).
import type { backupChannels } from '../../shared/contract'
import { AppError } from '../errors'
import type { HandlersOf } from '../handler-types'
import type { BackupService } from './backup-service'

export type SessionBackupChannel = Exclude<keyof typeof backupChannels, 'backup.chooseFile' | 'backup.restore'>

export function backupHandlers(backups: BackupService, chooseFolder: (() => Promise<string | null>) | undefined): HandlersOf<SessionBackupChannel> {
  return {
    'backup.status': async () => backups.status(),
    'backup.create': async () => {
      const { file, at, bytes, counts } = await backups.create()
      return { file, at, bytes, counts }
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
