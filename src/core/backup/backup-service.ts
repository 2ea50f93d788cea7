// Backups of one open data folder: make one now (to a file, or into the backup folder with the rotation), the
// daily schedule, the folder setting, and the recovery key for whoever has unlocked the vault.
import { existsSync, statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import type { Storage } from '../db/storage'
import { AppError } from '../errors'
import type { EventBus } from '../events'
import type { OpenVault } from '../vault/types'
import { revealRecoveryKey } from '../vault/recovery'
import type { BackupReason } from './backup-file'
import { createBackup, type BackupMade } from './create-backup'
import { backupFolderOf, defaultBackupFolder, readFolderState, updateFolderState } from './folder-state'

export const DAY_MS = 24 * 60 * 60 * 1000
/** How often the schedule looks whether a daily backup is due: a PC asleep at the due time catches up within this. */
const CHECK_EVERY_MS = 15 * 60 * 1000

export interface BackupStatus {
  folder: string
  /** True while the person has not chosen a folder: backups then sit in the data folder and do not survive a lost PC. */
  folderIsDefault: boolean
  last: { at: string; file: string } | null
  nextDueAt: string
  lastError: { at: string; message: string } | null
  recoveryKey: { exists: boolean; acknowledged: boolean }
}

export class BackupService {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<BackupMade> | null = null

  constructor(
    private readonly storage: Storage,
    private readonly vault: OpenVault,
    private readonly dataDir: string,
    private readonly events: EventBus,
    private readonly actor: () => string,
    private readonly now: () => Date
  ) {}

  status(): BackupStatus {
    const state = readFolderState(this.dataDir)
    const rec = this.storage.vaultRecovery.load()
    const last = state?.last ?? null
    return {
      folder: backupFolderOf(this.dataDir, state),
      folderIsDefault: !state?.folder,
      last,
      nextDueAt: new Date(last ? Math.max(new Date(last.at).getTime() + DAY_MS, this.now().getTime()) : this.now().getTime()).toISOString(),
      lastError: state?.lastError ?? null,
      recoveryKey: { exists: rec !== null, acknowledged: rec?.acknowledgedAt != null }
    }
  }

  /** null → back to the data folder's own "backups" folder. */
  setFolder(folder: string | null): BackupStatus {
    if (folder !== null) {
      if (!isAbsolute(folder)) throw new AppError('VALIDATION', 'Choose the backup folder with its full path.', { fields: { folder: 'Use a full path.' } })
      if (existsSync(folder) && !statSync(folder).isDirectory()) throw new AppError('VALIDATION', `${folder} is a file, not a folder.`, { fields: { folder: 'Choose a folder.' } })
    }
    updateFolderState(this.dataDir, (s) => ({ ...s, folder: folder === defaultBackupFolder(this.dataDir) ? null : folder }))
    this.audit('backup.folder', { folder: folder ?? 'default' })
    return this.status()
  }

  /**
   * One backup now. `to`: exactly that file, outside the rotation. Otherwise into the backup folder, then the
   * rotation. Two calls at once share one backup (the schedule and a click on "Back up now").
   */
  async create(opts: { to?: string; reason?: BackupReason } = {}): Promise<BackupMade> {
    if (!opts.to && this.running) return this.running
    const run = this.make(opts)
    if (!opts.to) {
      this.running = run
      void run.finally(() => (this.running = null)).catch(() => undefined)
    }
    return run
  }

  private async make(opts: { to?: string; reason?: BackupReason }): Promise<BackupMade> {
    const state = updateFolderState(this.dataDir, (s) => s)
    const at = this.now()
    try {
      const made = await createBackup(this.storage.db, {
        vaultTag: state.vaultTag,
        reason: opts.reason ?? 'manual',
        at,
        ...(opts.to ? { file: opts.to } : { folder: backupFolderOf(this.dataDir, state) })
      })
      updateFolderState(this.dataDir, (s) => ({ ...s, last: { at: made.at, file: made.file }, lastError: null }))
      this.audit('backup.created', { file: made.file, reason: opts.reason ?? 'manual', codes: made.counts.codes, pruned: made.pruned.length })
      return made
    } catch (e) {
      const message = e instanceof AppError ? e.message : String(e)
      updateFolderState(this.dataDir, (s) => ({ ...s, lastError: { at: at.toISOString(), message } }))
      throw e
    }
  }

  /** A daily backup when one is due (none yet, or the last is a day old). */
  async runIfDue(): Promise<BackupMade | null> {
    const last = readFolderState(this.dataDir)?.last
    if (last && this.now().getTime() - new Date(last.at).getTime() < DAY_MS) return null
    try {
      return await this.create({ reason: 'daily' })
    } catch (e) {
      // Said once per failed attempt, in words; the next check tries again.
      this.events.emit({ type: 'notice', level: 'warning', message: `The daily backup failed: ${e instanceof AppError ? e.message : String(e)}` })
      return null
    }
  }

  startSchedule(everyMs: number = CHECK_EVERY_MS): void {
    this.stopSchedule()
    void this.runIfDue()
    this.timer = setInterval(() => void this.runIfDue(), everyMs)
    this.timer.unref()
  }

  stopSchedule(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Waits for a backup in progress (so closing the database never cuts one off). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined)
  }

  /** The recovery key in words; every showing is in the audit log. */
  revealRecoveryKey(): string {
    const words = revealRecoveryKey(this.vault, this.storage.vaultRecovery)
    this.audit('recovery-key.shown', {})
    return words
  }

  acknowledgeRecoveryKey(): BackupStatus {
    this.storage.vaultRecovery.acknowledge(this.now().toISOString())
    return this.status()
  }

  private audit(action: string, detail: Record<string, unknown>): void {
    this.storage.audit.append({ at: this.now().toISOString(), actor: this.actor(), action, subjectType: 'vault', subjectId: null, detail })
  }
}
