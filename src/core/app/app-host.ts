// The host of the core for a desktop window: picks demo or live data, unlocks the vault, starts the engine and
// serves the contract's handlers. Handlers stay the same object across mode switches and always serve the
// session that is current, so the shell and the test bridge wire them once.
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { AppMode } from '../../shared/domain'
import type { AppInfo } from '../../shared/schemas'
import { DB_FILE, openDatabase } from '../db/open'
import { Storage } from '../db/storage'
import { AppError } from '../errors'
import { EventBus } from '../events'
import { DEFAULT_DEMO_SPEED, demoEngineOptions, startDemoUpstreams, type DemoUpstreams } from '../demo/demo-upstreams'
import { createEphemeralKeyProvider } from '../demo/ephemeral-key'
import type { EngineOptions } from '../engine/order-engine'
import { createPassphraseKeyProvider } from '../vault/passphrase-provider'
import { vaultExists } from '../vault/vault'
import type { KeyProvider } from '../vault/types'
import { CHANNELS, type Channel } from '../../shared/contract'
import type { Handlers } from './handlers'
import { Session, type SessionHandlers } from './session'
import type { ShellServices } from './shell'

export interface AppHostOptions {
  /** Where live data lives (Electron: <userData>/live; CLI: --data-dir). */
  liveDataDir: string
  /** Where demo data lives: its own directory, so demo orders never mix with real ones. */
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
}

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

  private constructor(private readonly opts: AppHostOptions) {
    this.handlers = this.buildHandlers()
  }

  static async start(opts: AppHostOptions): Promise<AppHost> {
    const host = new AppHost(opts)
    const mode: AppMode = opts.mode === 'auto' ? (liveHasAccounts(opts.liveDataDir) ? 'live' : 'demo') : opts.mode
    await host.enter(mode)
    return host
  }

  info(): AppInfo {
    const dir = this.mode === 'demo' ? this.opts.demoDataDir : this.opts.liveDataDir
    return {
      version: this.opts.appVersion,
      profile: this.profile,
      mode: this.mode,
      dataDir: dir,
      vault: this.session ? 'unlocked' : liveVaultExists(this.opts.liveDataDir) ? 'needs-passphrase' : 'new-needs-passphrase',
      accountsCount: this.session ? this.session.accounts.list().length : 0
    }
  }

  /** The open session (tests and the CLI use it directly). */
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

  private async enter(mode: AppMode, passphrase?: string): Promise<void> {
    await this.leave()
    this.mode = mode
    if (mode === 'demo') {
      const speed = this.opts.demoSpeed ?? DEFAULT_DEMO_SPEED
      // Fresh simulators hold no orders from before, so the demo data starts fresh too.
      rmSync(this.opts.demoDataDir, { recursive: true, force: true })
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
      const provider = passphrase !== undefined ? createPassphraseKeyProvider(passphrase) : this.opts.keyProvider
      if (!provider) return // locked: waits for vault.unlock
      const session = await Session.open({
        dataDir: this.opts.liveDataDir,
        keyProvider: provider,
        mode,
        actor: this.opts.actor,
        events: this.events,
        shell: this.opts.shell,
        balanceEveryMs: this.opts.balanceEveryMs ?? 5 * 60_000,
        ...(this.opts.liveEngineOptions ? { engineOptions: this.opts.liveEngineOptions } : {}),
        ...(this.opts.log ? { log: this.opts.log } : {})
      })
      this.session = session
      if (this.profile) session.setActor(this.profile)
      session.start()
      void session.balances.refresh().catch(() => undefined)
    }
    this.events.emit({ type: 'accounts.changed' })
  }

  private buildHandlers(): Handlers {
    // Every session channel forwards to whichever session is current (or fails with VAULT_LOCKED).
    const hostOnly = new Set<Channel>(['app.info', 'app.setMode', 'app.openLogsFolder', 'vault.unlock', 'profile.list', 'profile.select'])
    const session = Object.fromEntries(
      CHANNELS.filter((c) => !hostOnly.has(c)).map((c) => [c, (input: unknown) => (this.current().handlers[c as keyof SessionHandlers] as (i: unknown) => Promise<unknown>)(input)])
    ) as unknown as SessionHandlers
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
      'vault.unlock': async ({ passphrase }) => {
        if (this.session && this.mode === 'live') return this.info()
        await this.enter('live', passphrase)
        return this.info()
      }
    }
  }
}
