// One open data directory: database, vault, services and the running engine. The Electron shell, the test bridge
// and the CLI all drive the same Session, so every behaviour is the same whichever door it came through.
import type { AppMode } from '../../shared/domain'
import { ProfileName } from '../../shared/contract'
import { parseOrThrow } from '../validation'
import { migrateWithBackup, needsBackupBeforeMigrating, openDatabase } from '../db/open'
import { holdFolder, type FolderLock } from '../db/folder-lock'
import { VaultMetaRepo } from '../db/vault-meta-repo'
import { Storage } from '../db/storage'
import type { EventBus } from '../events'
import { OrderEngine, type EngineOptions } from '../orders'
import { AccountService } from '../accounts'
import { BalanceService } from '../balances'
import { CatalogService } from '../catalog'
import { CodeService } from '../codes'
import { LedgerService } from '../ledger'
import { OrderService } from '../orders'
import { CatalogSchedule, DAY_MS } from '../catalog'
import { CatalogWatchService } from '../catalog'
import { MarkupService } from '../catalog'
import { ReconcileService } from '../reconcile'
import { openVault, unlockDataKey } from '../vault/vault'
import { openVaultWithRecovery } from '../vault/recovery'
import { BackupService } from '../backup'
import { updateFolderState } from '../backup'
import type { KeyProvider, OpenVault } from '../vault/types'
import type { HandlersOf } from '../handler-types'
import type { Channel } from '../../shared/contract'
import { accountsHandlers } from '../accounts'
import { auditHandlers } from '../audit'
import { backupHandlers } from '../backup'
import { balancesHandlers } from '../balances'
import { catalogHandlers } from '../catalog'
import { codesHandlers } from '../codes'
import { ledgerHandlers } from '../ledger'
import { orderViewOf } from '../orders'
import { ordersHandlers } from '../orders'
import { reconcileHandlers } from '../reconcile'
import { SettingsService, settingsHandlers } from '../settings'
import type { ShellServices } from './shell'

export interface SessionOptions {
  dataDir: string
  keyProvider: KeyProvider
  mode: AppMode
  actor: string
  events: EventBus
  shell: ShellServices
  now?: () => Date
  engineOptions?: Partial<EngineOptions>
  /** Balance poll interval; null: no schedule (CLI one-shot commands). */
  balanceEveryMs?: number | null
  log?: (message: string) => void
  /** Per-request timeout towards upstreams (default 20 s). */
  httpTimeoutMs?: number
  /** How often each supplier's catalog is refreshed by start() (default daily); null: never by schedule. */
  catalogEveryMs?: number | null
  /** Daily automatic backups started by start() (the app: yes; CLI one-shot commands and the demo: no). */
  backupSchedule?: boolean
  /** Who holds the folder while this session is open, as a restore elsewhere names it (default 'app'). */
  holderKind?: 'app' | 'command'
}

/** The channels a session serves; the host (app-host.ts) answers the others. */
export type SessionChannel = Exclude<Channel, 'app.info' | 'app.setMode' | 'app.openLogsFolder' | 'vault.unlock' | 'profile.list' | 'profile.select' | 'backup.chooseFile' | 'backup.restore'>
export type SessionHandlers = HandlersOf<SessionChannel>

export class Session {
  readonly accounts: AccountService
  readonly catalog: CatalogService
  readonly balances: BalanceService
  readonly codes: CodeService
  readonly orders: OrderService
  readonly ledger: LedgerService
  readonly engine: OrderEngine
  readonly markup: MarkupService
  readonly watches: CatalogWatchService
  readonly catalogSchedule: CatalogSchedule
  readonly reconcile: ReconcileService
  readonly handlers: SessionHandlers
  readonly backups: BackupService
  readonly settings: SettingsService
  private actorName: string
  /** Tells a restore (in another process) that this folder is in use. */
  private lock: FolderLock | null = null

  private constructor(
    readonly storage: Storage,
    readonly vault: OpenVault,
    readonly opts: SessionOptions,
    /** Set when this unlock made the vault's recovery key (a new vault, or one from before recovery keys): show it now. */
    readonly newRecoveryKey: string | null = null
  ) {
    const now = opts.now ?? (() => new Date())
    const { events } = opts
    // A full disk is said to the person at once (the engine keeps retrying the step in the background).
    storage.onWriteError((e) => events.emit({ type: 'notice', level: 'error', message: e.message }))
    this.actorName = opts.actor
    const actor = (): string => this.actorName
    this.accounts = new AccountService(storage, vault, events, actor, now, opts.httpTimeoutMs)
    this.catalog = new CatalogService(storage, this.accounts, events, now)
    this.balances = new BalanceService(storage, this.accounts, events, now)
    this.codes = new CodeService(storage, vault, events, actor, now)
    const toView = orderViewOf(storage, (kind) => this.accounts.capabilities(kind).cancel)
    this.engine = new OrderEngine({
      storage,
      vault,
      events,
      runtime: (id) => this.accounts.runtime(id),
      toView,
      now,
      onSettled: (o) => void this.balances.refreshAccount(o.accountId).catch(() => undefined),
      ...(opts.log ? { log: opts.log } : {}),
      // A create cannot have been created later than the HTTP timeout after it was sent (recovery relies on it).
      options: { ...(opts.httpTimeoutMs ? { requestTimeoutMs: opts.httpTimeoutMs } : {}), ...(opts.engineOptions ?? {}) }
    })
    this.orders = new OrderService(storage, this.accounts, this.balances, this.codes, this.engine, toView, events, actor, now)
    this.ledger = new LedgerService(storage, this.accounts, now)
    this.markup = new MarkupService(storage, actor, now)
    this.catalog.usePricing(() => this.markup.pricer())
    this.watches = new CatalogWatchService(storage, events, now)
    this.catalog.onSynced((accountId, syncedAt) => void this.watches.afterSync(accountId, syncedAt))
    this.catalogSchedule = new CatalogSchedule(storage, this.accounts, this.catalog, now)
    this.reconcile = new ReconcileService(storage, this.accounts, this.balances, this.ledger, now)
    this.backups = new BackupService(storage, vault, opts.dataDir, events, actor, now, opts.keyProvider)
    this.settings = new SettingsService(storage.settings)
    // The session only composes: each slice serves its own part of the contract.
    this.handlers = {
      ...settingsHandlers(this.settings),
      ...accountsHandlers(this.accounts, (accountId) => this.balances.refreshAccount(accountId)),
      ...catalogHandlers({ catalog: this.catalog, markup: this.markup, watches: this.watches, schedule: this.catalogSchedule }),
      ...balancesHandlers(this.balances),
      ...ordersHandlers(this.orders, this.engine),
      ...ledgerHandlers(this.ledger),
      ...codesHandlers(this.codes, opts.shell, () => this.settings.get().clipboardClearSeconds, now),
      ...auditHandlers(storage.audit),
      ...reconcileHandlers(this.reconcile),
      ...backupHandlers(this.backups, opts.shell)
    }
  }

  /** Opens (or creates) the data directory and its vault. A wrong passphrase throws before anything is touched. */
  static async open(opts: SessionOptions): Promise<Session> {
    const db = openDatabase(opts.dataDir)
    const storage = new Storage(db)
    try {
      if (needsBackupBeforeMigrating(db)) {
        // An older schema: back up first, and the backup file is authenticated with the data key, so unlock it now (a
        // wrong passphrase stops here, before anything changed).
        const dataKey = await unlockDataKey(new VaultMetaRepo(db), opts.keyProvider)
        try {
          migrateWithBackup(opts.dataDir, db, dataKey)
        } finally {
          dataKey.fill(0)
        }
      }
      if (opts.mode === 'demo') return Session.settled(new Session(storage, await openVault(storage.vaultMeta, opts.keyProvider), opts))
      const opened = await openVaultWithRecovery(storage.vaultMeta, storage.vaultRecovery, opts.keyProvider)
      // From now on a missing database in this folder is a loss to report, never a reason to start a new vault.
      updateFolderState(opts.dataDir, (st) => (st.vaultSince ? st : { ...st, vaultSince: new Date().toISOString() }))
      const session = new Session(storage, opened.vault, opts, opened.newRecoveryKey)
      session.lock = holdFolder(opts.dataDir, opts.holderKind ?? 'app')
      return Session.settled(session)
    } catch (e) {
      storage.close()
      throw e
    }
  }

  /** An export killed half-way left a plaintext temp file or unmarked codes: settle that before anything else. */
  private static settled(session: Session): Session {
    session.codes.recoverExports()
    return session
  }

  /** Start background work: resume unfinished orders, poll balances. */
  start(): void {
    this.engine.start()
    if (this.opts.balanceEveryMs) this.balances.startSchedule(this.opts.balanceEveryMs)
    const catalogEveryMs = this.opts.catalogEveryMs === undefined ? DAY_MS : this.opts.catalogEveryMs
    if (catalogEveryMs) this.catalogSchedule.start({ everyMs: catalogEveryMs })
    if (this.opts.backupSchedule) this.backups.startSchedule()
  }

  async close(): Promise<void> {
    this.catalogSchedule.dispose()
    this.balances.stopSchedule()
    this.backups.stopSchedule()
    await this.backups.idle()
    await this.engine.stop()
    this.storage.close()
    this.lock?.release()
    this.lock = null
  }

  /** The staff member now at the desk: every audit entry from here on carries this name. */
  setActor(name: string): void {
    name = parseOrThrow(ProfileName, name)
    this.actorName = name
    this.storage.settings.useProfile(name, new Date().toISOString())
  }

  get actor(): string {
    return this.actorName
  }

  get mode(): AppMode {
    return this.opts.mode
  }
}
