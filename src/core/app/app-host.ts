// The host of the core for a desktop window: picks demo or live data, unlocks the vault, starts the engine and
// serves the contract's handlers. Handlers stay the same object across mode switches and always serve the
// session that is current, so the shell and the test bridge wire them once.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ACTIVE_ORDER_STATES, type AppMode } from '../../shared/domain'
import type { AppInfo } from '../../shared/contract'
import { DB_FILE, openDatabase } from '../db/open'
import { Storage } from '../db/storage'
import { AppError } from '../errors'
import { EventBus } from '../events'
import { DEFAULT_DEMO_SPEED, demoEngineOptions, startDemoUpstreams, type DemoUpstreams } from '../demo/demo-upstreams'
import { prepareDemoFolder } from '../demo/demo-folder'
import { createEphemeralKeyProvider } from '../demo/ephemeral-key'
import type { EngineOptions } from '../orders'
import { createPassphraseKeyProvider } from '../vault/passphrase-provider'
import { openBackupFile } from '../backup'
import { checkBackupSecret, checkRestoreTarget, currentCounts, restoreBackup, type BackupSecret } from '../backup'
import { randomBytes } from 'node:crypto'
import { basename } from 'node:path'
import { vaultExists } from '../vault/vault'
import type { KeyProvider } from '../vault/types'
import { CHANNELS, type Channel } from '../../shared/contract'
import type { Handlers } from './handlers'
import { Session, type SessionChannel, type SessionHandlers } from './session'
import type { ShellServices } from './shell'

export interface AppHostOptions {
  /** Where live data lives (Electron: <userData>/live; CLI: --data-dir). */
  liveDataDir: string
  /**
   * Where demo data lives: its own directory, so demo orders never mix with real ones. Emptied at every demo start,
   * so it must be a folder the demo created (it carries a marker file); any other folder is refused untouched.
   */
  demoDataDir: string
  /**
   * How the live vault's data key is protected: the OS keychain provider when usable. null → the vault stays
   * locked until the person gives a passphrase through `vault.unlock` (or the CLI's RESELLERDESK_PASSPHRASE).
   */
  keyProvider: KeyProvider | null
  shell: ShellServices
  /** Who is acting, for the audit log (a local profile name). */
  actor: string
  /** 'auto': demo when the live data directory has no account yet. */
  mode: 'auto' | 'demo' | 'live'
  /** Time scale of the demo simulators (1 = real upstream timing). */
  demoSpeed?: number
  appVersion: string
  /** Engine timings in live mode (tests against sped-up simulators); the real waits by default. */
  liveEngineOptions?: Partial<EngineOptions>
  /** Balance poll interval in live mode (default 5 minutes). */
  balanceEveryMs?: number
  log?: (message: string) => void
  /**
   * 'command': a one-shot command (the CLI). Its live session runs no schedules (balances, catalog, backups) and
   * does not resume orders by itself: the engine starts when a command places, resolves or waits for orders.
   * Default 'app': the desktop window, which does all of that from the start.
   */
  kind?: 'app' | 'command'
}

/** Channels the host answers itself: they work with no session open (locked, damaged) or replace the session. */
const HOST_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['app.info', 'app.setMode', 'app.openLogsFolder', 'vault.unlock', 'profile.list', 'profile.select', 'backup.chooseFile', 'backup.restore'])
const SESSION_CHANNELS = CHANNELS.filter((c): c is SessionChannel => !HOST_CHANNELS.has(c))

const LOCKED_MESSAGE = 'The vault is locked. Enter your passphrase to open it.'

function liveHasAccounts(dir: string): boolean {
  if (!existsSync(join(dir, DB_FILE))) return false
  const storage = new Storage(openDatabase(dir))
  try {
    return storage.accounts.count() > 0
  } finally {
    storage.close()
  }
}

function liveVaultExists(dir: string): boolean {
  if (!existsSync(join(dir, DB_FILE))) return false
  const storage = new Storage(openDatabase(dir))
  try {
    return vaultExists(storage.vaultMeta)
  } finally {
    storage.close()
  }
}

export class AppHost {
  readonly events = new EventBus()
  readonly handlers: Handlers
  private session: Session | null = null
  private demo: DemoUpstreams | null = null
  private mode: AppMode = 'live'
  /** Chosen by the person at start (profile.select); until then the audit log names the OS user. */
  private profile: string | null = null
  /** Why the live data cannot be opened (damaged or missing database), with the way out; null when it can. */
  private damage: string | null = null
  /** What unlocked the live vault last (the keychain, or the passphrase typed): used to re-open it after a failed restore. */
  private liveProvider: KeyProvider | null = null
  /** Backup files picked in the open dialog, by token: the window names a file it was shown, never a path. */
  private readonly chosenBackups = new Map<string, string>()
  /** A recovery key the last live unlock made (a new vault, or one from before recovery keys), until taken. */
  private newRecoveryKey: string | null = null

  private constructor(private readonly opts: AppHostOptions) {
    this.handlers = this.buildHandlers()
  }

  static async start(opts: AppHostOptions): Promise<AppHost> {
    const host = new AppHost(opts)
    host.liveProvider = opts.keyProvider
    try {
      const mode: AppMode = opts.mode === 'auto' ? (liveHasAccounts(opts.liveDataDir) ? 'live' : 'demo') : opts.mode
      await host.enter(mode)
    } catch (e) {
      // A damaged live database: start anyway, on a screen that says so and offers the restore — never a crash
      // loop, and never a demo or a new vault over it.
      if (!(e instanceof AppError && e.code === 'DATA_DAMAGED')) throw e
      host.damage = e.message
      host.mode = 'live'
    }
    return host
  }

  info(): AppInfo {
    const dir = this.mode === 'demo' ? this.opts.demoDataDir : this.opts.liveDataDir
    return {
      version: this.opts.appVersion,
      profile: this.profile,
      mode: this.mode,
      dataDir: dir,
      vault: this.session ? 'unlocked' : this.damage ? 'damaged' : this.lockedState(),
      accountsCount: this.session ? this.session.accounts.list().length : 0,
      ...(this.damage && !this.session ? { problem: this.damage } : {})
    }
  }

  private lockedState(): AppInfo['vault'] {
    try {
      return liveVaultExists(this.opts.liveDataDir) ? 'needs-passphrase' : 'new-needs-passphrase'
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'DATA_DAMAGED')) throw e
      this.damage = e.message
      return 'damaged'
    }
  }

  /** The recovery key the last unlock (or restore) made, once: it is shown to the person then, never stored in plain. */
  takeNewRecoveryKey(): string | null {
    const k = this.newRecoveryKey
    this.newRecoveryKey = null
    return k
  }

  /** The open session (tests use it directly; front ends go through the handlers). */
  current(): Session {
    if (!this.session) throw new AppError('VAULT_LOCKED', LOCKED_MESSAGE)
    return this.session
  }

  async stop(): Promise<void> {
    await this.leave()
  }

  private async leave(): Promise<void> {
    const s = this.session
    this.session = null
    await s?.close()
    await this.demo?.close()
    this.demo = null
  }

  private async enter(mode: AppMode, passphrase?: string, liveProvider?: KeyProvider): Promise<void> {
    await this.leave()
    this.mode = mode
    if (mode === 'demo') {
      const speed = this.opts.demoSpeed ?? DEFAULT_DEMO_SPEED
      // Fresh simulators hold no orders from before, so the demo data starts fresh too — but only in a folder the
      // demo created (marked); any other folder is refused untouched (see demo-folder.ts).
      prepareDemoFolder(this.opts.demoDataDir)
      this.demo = await startDemoUpstreams(speed)
      const session = await Session.open({
        dataDir: this.opts.demoDataDir,
        keyProvider: createEphemeralKeyProvider(),
        mode,
        actor: this.opts.actor,
        events: this.events,
        shell: this.opts.shell,
        engineOptions: demoEngineOptions(speed),
        balanceEveryMs: 60_000,
        ...(this.opts.log ? { log: this.opts.log } : {})
      })
      for (const a of this.demo.accounts) session.accounts.add(a)
      this.session = session
      if (this.profile) session.setActor(this.profile)
      session.start()
      await Promise.allSettled([session.catalog.sync(), session.balances.refresh()])
    } else {
      const provider = liveProvider ?? (passphrase !== undefined ? createPassphraseKeyProvider(passphrase) : this.opts.keyProvider)
      if (!provider) return // locked: waits for vault.unlock
      const command = this.opts.kind === 'command'
      const session = await Session.open({
        dataDir: this.opts.liveDataDir,
        keyProvider: provider,
        mode,
        actor: this.opts.actor,
        events: this.events,
        shell: this.opts.shell,
        balanceEveryMs: command ? null : (this.opts.balanceEveryMs ?? 5 * 60_000),
        ...(command ? { catalogEveryMs: null, holderKind: 'command' as const } : { backupSchedule: true }),
        ...(this.opts.liveEngineOptions ? { engineOptions: this.opts.liveEngineOptions } : {}),
        ...(this.opts.log ? { log: this.opts.log } : {})
      })
      this.session = session
      this.liveProvider = provider
      this.damage = null
      this.newRecoveryKey = session.newRecoveryKey
      if (this.profile) session.setActor(this.profile)
      if (!command) {
        session.start()
        void session.balances.refresh().catch(() => undefined)
      }
    }
    this.events.emit({ type: 'accounts.changed' })
  }

  /**
   * Restores a chosen backup into the live data folder. The key is checked against the file before the open session
   * is closed, so a wrong key costs nothing; if the restore itself fails, the previous data is opened again.
   */
  private async restore(i: { token: string; recoveryKey?: string | undefined; passphrase?: string | undefined; thisComputer?: true | undefined; newPassphrase?: string | undefined }) {
    const file = this.chosenBackups.get(i.token)
    if (!file) throw new AppError('NOT_FOUND', 'Choose the backup file again.')
    let secret: BackupSecret
    if (i.thisComputer) {
      // A backup taken before a migration of a keychain vault carries only the keychain wrapping inside it.
      const keychain = this.opts.keyProvider ?? this.liveProvider
      if (!keychain) throw new AppError('UNSUPPORTED', "This computer's keychain is not available, so this backup cannot be opened here. Nothing was changed.")
      secret = { sameComputer: keychain }
    } else {
      secret = i.recoveryKey !== undefined ? { recoveryKey: i.recoveryKey } : { passphrase: i.passphrase ?? '' }
    }
    const local = this.opts.keyProvider ?? (i.newPassphrase ? createPassphraseKeyProvider(i.newPassphrase) : null)
    if (!local) {
      throw new AppError('VALIDATION', 'Choose a passphrase to protect the restored data on this computer.', { fields: { newPassphrase: 'Choose a passphrase of at least 8 characters.' } })
    }
    await checkBackupSecret(file, secret)
    // Another process (the CLI in a terminal) using the folder: said now, before this window's session is closed.
    checkRestoreTarget(this.opts.liveDataDir, { exceptPid: process.pid })
    // An order still on its way would be left behind in the folder moved aside (its codes would arrive there, not
    // in the restored data): wait for it first.
    const live = this.mode === 'live' ? this.session : null
    const open = live ? live.storage.orders.list({ states: ACTIVE_ORDER_STATES }).length : 0
    if (open > 0) {
      throw new AppError('CONFLICT', `${open === 1 ? 'An order is' : `${open} orders are`} still being bought. Restore when ${open === 1 ? 'it has' : 'they have'} finished; nothing was changed.`)
    }
    const previousMode = this.mode
    const previousProvider = this.liveProvider ?? undefined
    await this.leave()
    let result
    try {
      result = await restoreBackup({ file, dataDir: this.opts.liveDataDir, secret, localProvider: local })
    } catch (e) {
      // Back to the data as it was, unlocked with what unlocked it before (a typed passphrase included).
      await this.enter(previousMode, undefined, previousProvider).catch(() => undefined)
      throw e
    }
    this.chosenBackups.delete(i.token)
    this.damage = null
    await this.enter('live', undefined, local)
    this.newRecoveryKey ??= result.newRecoveryKey
    return { info: this.info(), movedAside: result.movedAside, createdAt: result.header.createdAt, counts: result.header.counts }
  }

  private buildHandlers(): Handlers {
    // Every session channel forwards to whichever session is current (or fails with VAULT_LOCKED); the session's
    // own table is assembled from its slices (session.ts), so nothing is listed twice here.
    const forward = (c: SessionChannel) => (input: never) => (this.current().handlers[c] as (i: never) => Promise<unknown>)(input)
    const session = Object.fromEntries(SESSION_CHANNELS.map((c) => [c, forward(c)])) as SessionHandlers
    return {
      ...session,
      'app.info': async () => this.info(),
      'app.openLogsFolder': async () => ({ opened: (await this.opts.shell.openLogsFolder?.()) ?? false }),
      'profile.list': async () => ({ current: this.profile, profiles: this.session ? this.session.storage.settings.profiles().map((p) => p.name) : [] }),
      'profile.select': async ({ name }) => {
        this.profile = name
        this.session?.setActor(name)
        return this.info()
      },
      'app.setMode': async ({ mode }) => {
        if (mode !== this.mode || !this.session) await this.enter(mode)
        return this.info()
      },
      'backup.chooseFile': async () => {
        if (!this.opts.shell.chooseBackupFile) throw new AppError('UNSUPPORTED', 'Choosing a file is not available here; use `resellerdesk backup restore FILE`.')
        const file = await this.opts.shell.chooseBackupFile()
        if (file === null) return { status: 'cancelled' as const }
        const { header } = openBackupFile(file) // ours and undamaged, or a clear message now
        const token = randomBytes(12).toString('hex')
        this.chosenBackups.set(token, file)
        return {
          status: 'chosen' as const,
          token,
          fileName: basename(file),
          createdAt: header.createdAt,
          counts: header.counts,
          current: currentCounts(this.opts.liveDataDir),
          opensWith: {
            recoveryKey: Boolean(header.keys.recovery),
            passphrase: Boolean(header.keys.passphrase),
            thisComputer: !header.keys.recovery && !header.keys.passphrase
          },
          needsNewPassphrase: this.opts.keyProvider === null
        }
      },
      'backup.restore': async (i) => this.restore(i),
      'vault.unlock': async ({ passphrase }) => {
        if (this.session && this.mode === 'live') return this.info()
        await this.enter('live', passphrase)
        return this.info()
      }
    }
  }
}
