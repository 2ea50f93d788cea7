// The door for one-shot commands (the CLI): the same AppHost and the same handlers the desktop window calls over
// IPC, reached through the same `dispatch` with the contract's validation. A command never touches storage or the
// engine: what it needs is a channel (accounts.find, orders.find, orders.wait, codes.find…).
import { join } from 'node:path'
import type { AppEvent, AppInfo, Channel, ChannelInput, ChannelOutput, IpcError } from '../../shared/contract'
import { AppError, type ErrorCode } from '../errors'
import { lineLogger, logAppEvents } from '../log'
import { envProxyResolver, setProxyResolver } from '../net/proxy'
import { scaledEngineOptions } from '../orders'
import { createPassphraseKeyProvider } from '../vault/passphrase-provider'
import { AppHost } from './app-host'
import { dispatch } from './dispatch'
import type { ShellServices } from './shell'

export interface CommandDoorOptions {
  /** live: the data folder, unlocked with `passphrase`; demo: the demo folder, with fresh simulators. */
  mode: 'live' | 'demo'
  dataDir: string
  /** null: the vault stays locked; only what needs no vault works (restoring a backup). */
  passphrase: string | null
  actor: string
  shell: ShellServices
  /** The log lines the desktop app writes to its log file, handed to this writer (the CLI's --verbose: stderr). */
  logLine?: (line: string) => void
  /** Engine waits this many times shorter: only against the simulators with a sped-up clock (tests, benchmarks). */
  timeScale?: number
  /** Open even when the data folder is damaged (to restore over it); otherwise the damage is the error. */
  allowDamaged?: boolean
}

export interface CommandDoor {
  /** Calls a channel; a refusal or failure throws an AppError with the code and message the window would show. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  onEvent(listener: (event: AppEvent) => void): () => void
  info(): AppInfo
  /** The recovery key this open (a new vault) or a restore made, once: say it to the person now. */
  takeNewRecoveryKey(): string | null
  close(): Promise<void>
}

/** An error the door returned, as an AppError again so exit codes and messages stay those of the core. */
function fromIpcError(e: IpcError): AppError {
  return new AppError(e.code as ErrorCode, e.message, e.fields ? { fields: e.fields } : undefined)
}

export async function openCommandDoor(o: CommandDoorOptions): Promise<CommandDoor> {
  // Suppliers through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY says otherwise, as curl and npm do.
  setProxyResolver(envProxyResolver())
  const logger = o.logLine ? lineLogger((line) => o.logLine!(line)) : null
  logger?.info(`data folder ${o.dataDir}`)
  const host = await AppHost.start({
    liveDataDir: o.mode === 'live' ? o.dataDir : join(o.dataDir, 'unused-live'),
    demoDataDir: o.dataDir,
    keyProvider: o.mode === 'live' && o.passphrase !== null ? createPassphraseKeyProvider(o.passphrase) : null,
    shell: o.shell,
    actor: o.actor,
    mode: o.mode,
    appVersion: 'cli',
    kind: 'command',
    ...(o.timeScale && o.timeScale > 0 ? { liveEngineOptions: scaledEngineOptions(o.timeScale) } : {}),
    ...(logger ? { log: (m: string) => logger.warn(m) } : {})
  })
  const offLog = logger ? logAppEvents(host.events, logger) : null
  const info = host.info()
  if (info.vault === 'damaged' && !o.allowDamaged) {
    await host.stop()
    throw new AppError('DATA_DAMAGED', info.problem ?? 'The data folder is damaged.')
  }
  return {
    async call(channel, input) {
      const r = await dispatch(host.handlers, channel, input)
      if (!r.ok) throw fromIpcError(r.error)
      return r.value as ChannelOutput<typeof channel>
    },
    onEvent: (listener) => host.events.on(listener),
    info: () => host.info(),
    takeNewRecoveryKey: () => host.takeNewRecoveryKey(),
    async close() {
      offLog?.()
      await host.stop()
    }
  }
}

// What a command needs besides the channels: the error type its exit code is chosen by, and where its
// passphrase comes from. Re-exported here so a front end imports the door and nothing below it.
export { AppError, toPublicError } from '../errors'
export { passphraseFromEnv, PASSPHRASE_ENV_VAR } from '../vault/passphrase-provider'
/** Amounts as the core writes them in its sentences ("1,234.50 USDT"), for a command's tables. */
export { format as formatMoney } from '../money'
export { setBackupFolderOffline } from './backup-folder-offline'
/** Why a file could not be read or written, in words ("the drive is full"). */
export { describeFsError } from '../backup'
