// All repositories over one database, plus the transaction boundary the engine uses to make a state change and
// its consequences (codes stored, order completed) one atomic write.
import type { Db } from './open'
import { fromStorageError, type AppError } from '../errors'
import { AccountsRepo } from './accounts-repo'
import { AuditRepo } from './audit-repo'
import { BalancesRepo } from './balances-repo'
import { CatalogRepo } from './catalog-repo'
import { CodesRepo } from './codes-repo'
import { LedgerRepo } from './ledger-repo'
import { SettingsRepo } from './settings-repo'
import { OrdersRepo } from './orders-repo'
import { VaultMetaRepo } from './vault-meta-repo'
import { VaultRecoveryRepo } from './vault-recovery-repo'
import { BalanceAlertsRepo } from './balance-alerts-repo'
import { JournalMoneyRepo } from './journal-money-repo'
import { MarkupRepo } from './markup-repo'
import { ScheduleRepo } from './schedule-repo'
import { WatchesRepo } from './watches-repo'
import { ExportsRepo } from './exports-repo'

export class Storage {
  readonly accounts: AccountsRepo
  readonly catalog: CatalogRepo
  readonly orders: OrdersRepo
  readonly codes: CodesRepo
  readonly balances: BalancesRepo
  readonly audit: AuditRepo
  readonly vaultMeta: VaultMetaRepo
  readonly vaultRecovery: VaultRecoveryRepo
  readonly ledger: LedgerRepo
  readonly settings: SettingsRepo
  readonly balanceAlerts: BalanceAlertsRepo
  readonly journalMoney: JournalMoneyRepo
  readonly markup: MarkupRepo
  readonly schedule: ScheduleRepo
  readonly watches: WatchesRepo
  readonly exports: ExportsRepo

  constructor(readonly db: Db) {
    this.accounts = new AccountsRepo(db)
    this.catalog = new CatalogRepo(db)
    this.orders = new OrdersRepo(db)
    this.codes = new CodesRepo(db)
    this.balances = new BalancesRepo(db)
    this.audit = new AuditRepo(db)
    this.vaultMeta = new VaultMetaRepo(db)
    this.vaultRecovery = new VaultRecoveryRepo(db)
    this.ledger = new LedgerRepo(db)
    this.settings = new SettingsRepo(db)
    this.balanceAlerts = new BalanceAlertsRepo(db)
    this.journalMoney = new JournalMoneyRepo(db)
    this.markup = new MarkupRepo(db)
    this.schedule = new ScheduleRepo(db)
    this.watches = new WatchesRepo(db)
    this.exports = new ExportsRepo(db)
  }

  /**
   * Runs fn in one SQLite write transaction (nested calls become savepoints). It takes the write lock when it
   * starts (BEGIN IMMEDIATE): a deferred transaction that reads and then writes cannot wait for the lock — if
   * another process committed in between, SQLite answers SQLITE_BUSY at once whatever busy_timeout says. Taking
   * the lock up front lets busy_timeout queue the app and CLIs that share one data folder. Every repository
   * transaction does the same (`.immediate()`).
   */
  transaction<T>(fn: () => T): T {
    let result: T
    try {
      result = this.db.transaction(fn).immediate()
    } catch (e) {
      const mapped = fromStorageError(e)
      if (mapped?.code === 'DISK_FULL' && !this.diskFull) {
        // Said once per episode (not on every retry of every order), and again only after a write went through.
        this.diskFull = true
        for (const l of [...this.writeErrorListeners]) l(mapped)
      }
      throw mapped ?? e
    }
    if (this.diskFull && !this.db.inTransaction) this.diskFull = false
    return result
  }

  private diskFull = false
  private readonly writeErrorListeners = new Set<(e: AppError) => void>()

  /** Told when a write fails for a reason people must act on (the disk is full), once until writes work again. */
  onWriteError(listener: (e: AppError) => void): () => void {
    this.writeErrorListeners.add(listener)
    return () => this.writeErrorListeners.delete(listener)
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
