// One open data directory: database, vault, services and the running engine. The Electron shell, the test bridge
// and the CLI all drive the same Session, so every behaviour is the same whichever door it came through.
import type { AppMode } from '../../shared/domain'
import { ProfileName, type AppSettings } from '../../shared/schemas'
import { parseOrThrow } from '../validation'
import { migrateWithBackup, needsBackupBeforeMigrating, openDatabase } from '../db/open'
import { holdFolder, type FolderLock } from '../db/folder-lock'
import { VaultMetaRepo } from '../db/vault-meta-repo'
import { Storage } from '../db/storage'
import { AppError } from '../errors'
import type { EventBus } from '../events'
import { OrderEngine, type EngineOptions } from '../engine/order-engine'
import { AccountService } from '../services/account-service'
import { BalanceService } from '../services/balance-service'
import { CatalogService } from '../services/catalog-service'
import { CodeService } from '../services/code-service'
import { LedgerService } from '../services/ledger-service'
import { OrderService } from '../services/order-service'
import { CatalogSchedule, DAY_MS } from '../services/catalog-schedule'
import { CatalogWatchService } from '../services/catalog-watch-service'
import { MarkupService } from '../services/markup-service'
import { ReconcileService } from '../services/reconcile-service'
import { periodEnd, periodStart } from '../period'
import { openVault, unlockDataKey } from '../vault/vault'
import { openVaultWithRecovery } from '../vault/recovery'
import { BackupService } from '../backup/backup-service'
import { updateFolderState } from '../backup/folder-state'
import type { KeyProvider, OpenVault } from '../vault/types'
import type { Handlers } from './handlers'
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

export type SessionHandlers = Omit<Handlers, 'app.info' | 'app.setMode' | 'app.openLogsFolder' | 'vault.unlock' | 'profile.list' | 'profile.select' | 'backup.chooseFile' | 'backup.restore'>

const DEFAULT_SETTINGS: AppSettings = { clipboardClearSeconds: 30 }

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
    let orders: OrderService | null = null
    this.engine = new OrderEngine({
      storage,
      vault,
      events,
      runtime: (id) => this.accounts.runtime(id),
      toView: (o) => orders!.toView(o),
      now,
      onSettled: (o) => void this.balances.refreshAccount(o.accountId).catch(() => undefined),
      ...(opts.log ? { log: opts.log } : {}),
      // A create cannot have been created later than the HTTP timeout after it was sent (recovery relies on it).
      options: { ...(opts.httpTimeoutMs ? { requestTimeoutMs: opts.httpTimeoutMs } : {}), ...(opts.engineOptions ?? {}) }
    })
    orders = new OrderService(storage, this.accounts, this.balances, this.codes, this.engine, events, actor, now)
    this.orders = orders
    this.ledger = new LedgerService(storage, this.accounts, now)
    this.markup = new MarkupService(storage, actor, now)
    this.catalog.usePricing(() => this.markup.pricer())
    this.watches = new CatalogWatchService(storage, events, now)
    this.catalog.onSynced((accountId, syncedAt) => void this.watches.afterSync(accountId, syncedAt))
    this.catalogSchedule = new CatalogSchedule(storage, this.accounts, this.catalog, now)
    this.reconcile = new ReconcileService(storage, this.accounts, this.balances, this.ledger, now)
    this.backups = new BackupService(storage, vault, opts.dataDir, events, actor, now, opts.keyProvider)
    this.handlers = this.buildHandlers()
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

  settings(): AppSettings {
    return { ...DEFAULT_SETTINGS, ...(this.storage.settings.get<Partial<AppSettings>>('app') ?? {}) }
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

  private buildHandlers(): SessionHandlers {
    const exportPath = async (): Promise<string | null> => {
      const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')
      return this.opts.shell.chooseExportPath(`codes-${stamp}.csv`)
    }
    return {
      'accounts.list': async () => this.accounts.list().map((a) => this.accounts.toView(a)),
      'accounts.add': async (i) => this.accounts.toView(this.accounts.add(i)),
      'accounts.update': async (i) => this.accounts.toView(this.accounts.update(i.accountId, { name: i.name, settings: i.settings })),
      'accounts.remove': async (i) => ({ removed: this.accounts.remove(i.accountId) }),
      'accounts.test': async (i) => {
        try {
          const b = await this.balances.refreshAccount(i.accountId)
          return { ok: true, message: 'Connected. The supplier accepted the credentials.', balance: b.available }
        } catch (e) {
          if (e instanceof AppError) return { ok: false, message: e.message, balance: null }
          throw e
        }
      },
      'catalog.sync': async (i) => this.catalog.sync(i.accountId),
      'catalog.search': async (i) => this.catalog.search(i.text, { accountId: i.accountId, productId: i.productId, limit: i.limit }),
      'balances.list': async () => this.balances.list(),
      'balances.refresh': async (i) => this.balances.refresh(i.accountId),
      'orders.plan': async (i) => this.orders.plan(i),
      'orders.place': async (i) => this.orders.place(i),
      'orders.list': async (i) => this.orders.list(i),
      'orders.get': async (i) => this.orders.get(i.orderId),
      'orders.resolve': async (i) => this.orders.resolve(i.orderId, i.resolution),
      'orders.cancel': async (i) => this.orders.cancel(i.orderId, i.reason ?? null),
      'ledger.sync': async (i) => this.ledger.sync(i.accountId),
      'ledger.list': async (i) => this.ledger.list(i),
      'codes.list': async (i) => this.codes.list(i.filter, i.limit),
      'codes.reveal': async (i) => this.codes.reveal(i.codeId),
      'codes.copy': async (i) => this.codes.copy(i.codeId, (t, ms) => this.opts.shell.copyToClipboard(t, ms), this.settings().clipboardClearSeconds),
      'settings.get': async () => this.settings(),
      'settings.update': async (i) => {
        const next = { ...this.settings(), ...i }
        this.storage.settings.set('app', next)
        return next
      },
      'codes.export': async (i) => {
        const path = await exportPath()
        if (!path) return { status: 'cancelled' as const }
        const count = this.codes.exportCsv(path, i.filter, { markExported: i.markExported, bom: i.bom, columns: i.columns })
        return { status: 'written' as const, path, count }
      },
      'codes.mark': async (i) => this.codes.mark(i),
      'audit.list': async (i) => this.storage.audit.list(i),
      'balances.history': async (i) => this.balances.history(i.accountId, i.days),
      'markup.list': async (i) => this.markup.list(i.accountId),
      'markup.set': async (i) => this.markup.set(i),
      'markup.remove': async (i) => ({ removed: this.markup.remove(i.ruleId) }),
      'catalog.watch': async (i) => this.watches.watch(i),
      'catalog.unwatch': async (i) => ({ removed: this.watches.unwatch(i) }),
      'catalog.watches': async (i) => this.watches.list(i.accountId),
      'catalog.status': async () => this.catalogSchedule.status(),
      'reconcile.run': async (i) =>
        this.reconcile.run({ from: periodStart(i.from), to: i.to === undefined ? undefined : periodEnd(i.to), accountId: i.accountId, refresh: i.refresh }),
      'backup.status': async () => this.backups.status(),
      'backup.create': async () => {
        const { file, at, bytes, counts } = await this.backups.create()
        return { file, at, bytes, counts }
      },
      'backup.chooseFolder': async (i) => {
        if (i.useDefault) return this.backups.setFolder(null)
        if (!this.opts.shell.chooseBackupFolder) throw new AppError('UNSUPPORTED', 'Choosing a folder is not available here; use `resellerdesk backup folder DIR`.')
        const folder = await this.opts.shell.chooseBackupFolder()
        return folder === null ? this.backups.status() : this.backups.setFolder(folder)
      },
      'vault.recoveryKey': async () => ({ recoveryKey: this.backups.revealRecoveryKey() }),
      'vault.recoveryKeySeen': async () => this.backups.acknowledgeRecoveryKey(),
      'vault.newRecoveryKey': async () => this.backups.newRecoveryKey()
    }
  }
}
