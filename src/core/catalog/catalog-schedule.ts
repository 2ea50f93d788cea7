// The daily catalog refresh. Each supplier account's last successful sync (scheduled or on demand) is stored, so
// after a restart the schedule carries on from there: an account synced this morning is not synced again at
// start, and one not synced for a day is synced soon after.
import type { Storage } from '../db/storage'
import { toPublicError } from '../errors'
import type { AccountService } from '../accounts'
import type { CatalogService } from './catalog-service'

/** The repositories this service uses (SQL stays in the storage layer, src/core/db). */
export type CatalogScheduleStorage = Pick<Storage, 'schedule'>

export const CATALOG_JOB = 'catalog.sync'
export const DAY_MS = 24 * 60 * 60_000
/** How often the scheduler looks for accounts that are due, and how long it waits after a failed sync. */
const CHECK_EVERY_MS = 60 * 60_000
/** The first look after start waits a little, so start-up work (a demo's first sync) goes first. */
const FIRST_CHECK_MS = 30_000

export interface CatalogScheduleOptions {
  everyMs: number
  checkEveryMs?: number
  firstCheckMs?: number
}

export class CatalogSchedule {
  private timer: ReturnType<typeof setTimeout> | null = null
  private running = false
  private started = false
  private closed = false
  private opts: Required<CatalogScheduleOptions> = { everyMs: DAY_MS, checkEveryMs: CHECK_EVERY_MS, firstCheckMs: FIRST_CHECK_MS }
  private readonly offSynced: () => void

  constructor(
    private readonly storage: CatalogScheduleStorage,
    private readonly accounts: AccountService,
    private readonly catalog: CatalogService,
    private readonly now: () => Date
  ) {
    // Every successful sync counts, on demand too.
    this.offSynced = catalog.onSynced((accountId, at) => this.storage.schedule.recordOk(CATALOG_JOB, accountId, at))
  }

  /** When the account's catalog was last synced successfully (null: never). */
  lastSyncAt(accountId: string): string | null {
    return this.storage.schedule.get(CATALOG_JOB, accountId)?.lastOkAt ?? null
  }

  /** Per supplier account: last successful sync, next one due (null: as soon as the schedule looks), last error. */
  status(): { accountId: string; accountName: string; lastSyncAt: string | null; nextSyncAt: string | null; lastError: string | null }[] {
    return this.accounts
      .list()
      .filter((a) => this.accounts.capabilities(a.kind).supplier)
      .map((a) => {
        const run = this.storage.schedule.get(CATALOG_JOB, a.id)
        const last = run?.lastOkAt ?? null
        return {
          accountId: a.id,
          accountName: a.name,
          lastSyncAt: last,
          nextSyncAt: last ? new Date(Date.parse(last) + this.opts.everyMs).toISOString() : null,
          lastError: run?.lastError ?? null
        }
      })
  }

  /** Supplier accounts whose catalog is due: never synced, synced over a day ago, or failed over an hour ago. */
  dueAccounts(): string[] {
    const now = this.now().getTime()
    return this.accounts
      .list()
      .filter((a) => this.accounts.capabilities(a.kind).supplier)
      .filter((a) => {
        const run = this.storage.schedule.get(CATALOG_JOB, a.id)
        if (!run) return true
        if (run.lastOkAt && now - Date.parse(run.lastOkAt) < this.opts.everyMs) return false
        return now - Date.parse(run.lastRunAt) >= Math.min(this.opts.checkEveryMs, this.opts.everyMs)
      })
      .map((a) => a.id)
  }

  /** Syncs every due account, one at a time (the catalog calls have their own rate limit). */
  async runDue(): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      for (const id of this.dueAccounts()) {
        if (this.closed) return
        try {
          await this.catalog.syncAccount(id)
        } catch (e) {
          try {
            this.storage.schedule.recordFailure(CATALOG_JOB, id, this.now().toISOString(), toPublicError(e).message)
          } catch {
            // The session may have closed meanwhile.
          }
        }
      }
    } finally {
      this.running = false
    }
  }

  start(opts: CatalogScheduleOptions): void {
    this.stop()
    this.opts = { checkEveryMs: CHECK_EVERY_MS, firstCheckMs: FIRST_CHECK_MS, ...opts }
    this.started = true
    this.arm(this.opts.firstCheckMs)
  }

  private arm(ms: number): void {
    if (!this.started) return
    this.timer = setTimeout(() => {
      this.timer = null
      void this.runDue()
        .catch(() => undefined)
        .finally(() => this.arm(Math.min(this.opts.checkEveryMs, this.opts.everyMs)))
    }, ms)
    this.timer.unref?.()
  }

  stop(): void {
    this.started = false
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  dispose(): void {
    this.closed = true
    this.stop()
    this.offSynced()
  }
}
