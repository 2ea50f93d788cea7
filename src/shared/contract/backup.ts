// Backups and the recovery key (Settings → Backups).
import { z } from 'zod'
import { AppInfo } from './app'
import { type ChannelTable, NoInput } from './table'


export const BackupStatusView = z.object({
  folder: z.string(),
  /** No folder chosen yet: backups sit inside the data folder and do not survive a lost or broken PC. */
  folderIsDefault: z.boolean(),
  last: z.object({ at: z.string(), file: z.string() }).nullable(),
  nextDueAt: z.string(),
  lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
  recoveryKey: z.object({ exists: z.boolean(), acknowledged: z.boolean() })
})
export type BackupStatusView = z.infer<typeof BackupStatusView>

const Counts = z.object({ codes: z.number().int(), orders: z.number().int(), accounts: z.number().int() })

export const BackupMadeView = z.object({
  file: z.string(),
  at: z.string(),
  bytes: z.number().int(),
  counts: Counts,
  /** Older backups the 7 daily + 4 weekly rotation removed. */
  pruned: z.number().int(),
  /** Set when the rotation was skipped because this computer's clock looks wrong. */
  pruneSkipped: z.string().nullable()
})

/** A backup file the person picked in the main process's open dialog; `token` names it in backup.restore. */
export const BackupChosenView = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('chosen'),
    token: z.string(),
    fileName: z.string(),
    createdAt: z.string(),
    counts: Counts,
    /** What the data folder holds now (null: nothing, or unreadable): restoring an older backup hides what came since. */
    current: Counts.nullable(),
    /** thisComputer: a backup taken before a migration of a keychain vault, which only this computer's keychain opens. */
    opensWith: z.object({ recoveryKey: z.boolean(), passphrase: z.boolean(), thisComputer: z.boolean() }),
    /** No keychain here: the restored data needs a passphrase of its own on this computer. */
    needsNewPassphrase: z.boolean()
  }),
  z.object({ status: z.literal('cancelled') })
])

const Secret = z.string().min(1, 'Enter the recovery key or the passphrase').max(1024)

export const BackupRestoreInput = z
  .object({
    token: z.string().min(1).max(64),
    recoveryKey: Secret.optional(),
    passphrase: Secret.optional(),
    /** Open it with this computer's keychain (offered when the backup carries no other key). */
    thisComputer: z.literal(true).optional(),
    newPassphrase: z.string().min(8, 'Use at least 8 characters').max(1024).optional()
  })
  .strict()
  .refine((i) => [i.recoveryKey, i.passphrase, i.thisComputer].filter((x) => x !== undefined).length === 1, {
    message: 'Enter either the recovery key or the passphrase',
    path: ['recoveryKey']
  })

export const BackupRestoredView = z.object({ info: AppInfo, movedAside: z.string().nullable(), createdAt: z.string(), counts: Counts })


export const backupChannels = {
  'backup.status': { input: NoInput, output: BackupStatusView },
  /** Back up now into the backup folder (then the 7 daily + 4 weekly rotation). */
  'backup.create': { input: NoInput, output: BackupMadeView },
  /** The main process's folder picker chooses where automatic backups go; useDefault: back to the data folder's own. */
  'backup.chooseFolder': { input: z.object({ useDefault: z.boolean().optional() }).strict(), output: BackupStatusView },
  /** The main process's open dialog picks a backup file; it is checked (ours, undamaged) and named by a token. */
  'backup.chooseFile': { input: NoInput, output: BackupChosenView },
  /** Restores the chosen file into the live data folder; the current data is moved aside, never deleted. */
  'backup.restore': { input: BackupRestoreInput, output: BackupRestoredView },
  /** The recovery key in words (audited). */
  'vault.recoveryKey': { input: NoInput, output: z.object({ recoveryKey: z.string() }) },
  /** The person confirmed they wrote the recovery key down: the app stops asking. */
  'vault.recoveryKeySeen': { input: NoInput, output: BackupStatusView },
  /** A new recovery key in place of the old one (audited); older backups still open with the old key. */
  'vault.newRecoveryKey': { input: NoInput, output: z.object({ recoveryKey: z.string(), warning: z.string() }) }
} as const satisfies ChannelTable
