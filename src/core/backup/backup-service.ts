// Backups of one open data folder: make one now (to a file, or into the backup folder with the rotation), the
// daily schedule, the folder setting, and the recovery key for whoever has unlocked the vault.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import type { Storage } from '../db/storage'
import { AppError } from '../errors'
import type { EventBus } from '../events'
import type { KeyProvider, OpenVault } from '../vault/types'
import { replaceRecoveryKey, revealRecoveryKey } from '../vault/recovery'
import type { BackupReason } from './backup-file'
import { createBackup, type BackupMade } from './create-backup'
import { backupFolderOf, defaultBackupFolder, readFolderState, recordWritten, setBackupFolder, updateFolderState } from './folder-state'
import { seriesFiles } from './retention'

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

/** The local calendar day of a moment ("2026-12-04"), in this computer's time zone: "today" as the shop sees it. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

export class BackupService {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<BackupMade> | null = null
  /** The last daily-backup failure said to the person: the same failure is said again only on another day. */
  private warned: { day: string; message: string } | null = null

  constructor(
    private readonly storage: Storage,
    private readonly vault: OpenVault,
    private readonly dataDir: string,
    private readonly events: EventBus,
    private readonly actor: () => string,
    private readonly now: () => Date,
    /** What unlocked this vault: a new recovery key wraps the data key anew. */
    private readonly keyProvider: KeyProvider | null = null
  ) {}

  status(): BackupStatus {
    const state = readFolderState(this.dataDir)
    const rec = this.storage.vaultRecovery.load()
    const last = state?.last ?? null
    const now = this.now()
    return {
      folder: backupFolderOf(this.dataDir, state),
      folderIsDefault: !state?.folder,
      last,
      nextDueAt: (this.backedUpToday() ? nextLocalMidnight(now) : now).toISOString(),
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
    setBackupFolder(this.dataDir, folder)
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
        mac: () => this.vault.backupMac(),
        ...(opts.to
          ? { file: opts.to }
          : { folder: backupFolderOf(this.dataDir, state), mayCreateFolder: !state.folder, owned: new Set(state.written) })
      })
      updateFolderState(this.dataDir, (s) => {
        const next = { ...s, last: { at: made.at, file: made.file }, lastError: null }
        return opts.to ? next : recordWritten(next, made)
      })
      this.audit('backup.created', { file: made.file, reason: opts.reason ?? 'manual', codes: made.counts.codes, pruned: made.pruned.length })
      if (made.pruneSkipped) this.events.emit({ type: 'notice', level: 'warning', message: made.pruneSkipped })
      return made
    } catch (e) {
      const message = e instanceof AppError ? e.message : String(e)
      updateFolderState(this.dataDir, (s) => ({ ...s, lastError: { at: at.toISOString(), message } }))
      throw e
    }
  }

  /**
   * Whether the backup folder already holds a backup of this series made today (local day). Only the folder the
   * backups go to counts — a `--to` file elsewhere, or a pre-migration backup that fell back into the data folder,
   * does not make today's backup — and a backup dated in the future (the clock was wrong) does not count either.
   */
  private backedUpToday(): boolean {
    const state = readFolderState(this.dataDir)
    if (!state) return false
    let names: string[]
    try {
      names = readdirSync(backupFolderOf(this.dataDir, state))
    } catch {
      return false // not there (a drive not connected): due, and the attempt says why it fails
    }
    const now = this.now()
    const today = localDay(now)
    return seriesFiles(state.vaultTag, names).some((f) => f.at.getTime() <= now.getTime() && localDay(f.at) === today)
  }

  /** A daily backup when one is due: none of this series in the backup folder yet today. */
  async runIfDue(): Promise<BackupMade | null> {
    if (this.backedUpToday()) return null
    try {
      const made = await this.create({ reason: 'daily' })
      this.warned = null
      return made
    } catch (e) {
      // The schedule tries again every 15 minutes; the person hears of a failure once a day, or when it changes.
      const message = `The daily backup failed: ${e instanceof AppError ? e.message : String(e)}`
      const day = localDay(this.now())
      if (this.warned?.day !== day || this.warned.message !== message) {
        this.warned = { day, message }
        this.events.emit({ type: 'notice', level: 'warning', message })
      }
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

  /**
   * Makes a new recovery key in place of the old one and returns it in words (show it once, to be written down).
   * Backups made before still open with the old key only: whoever holds the old key can still open those.
   */
  async newRecoveryKey(): Promise<{ recoveryKey: string; warning: string }> {
    if (!this.keyProvider) throw new AppError('VAULT_LOCKED', 'Unlock the vault again to make a new recovery key.')
    const words = await replaceRecoveryKey(this.storage.vaultMeta, this.storage.vaultRecovery, this.keyProvider)
    this.audit('recovery-key.replaced', {})
    return {
      recoveryKey: words,
      warning:
        'Backups made before now still open with the old recovery key (and not with the new one). To stop the old key from opening ' +
        'your data, delete those older backups once a new backup has been made.'
    }
  }

  acknowledgeRecoveryKey(): BackupStatus {
    this.storage.vaultRecovery.acknowledge(this.now().toISOString())
    return this.status()
  }

  private audit(action: string, detail: Record<string, unknown>): void {
    this.storage.audit.append({ at: this.now().toISOString(), actor: this.actor(), action, subjectType: 'vault', subjectId: null, detail })
  }
}

function nextLocalMidnight(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)
}
