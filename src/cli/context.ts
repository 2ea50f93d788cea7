// Opening the core for one CLI command: the data directory, the passphrase from the environment, and the
// exit-code discipline (0 ok, 1 the operation failed, 2 bad usage).
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { Session } from '../core/app/session'
import { AppError } from '../core/errors'
import { EventBus } from '../core/events'
import { lineLogger, logAppEvents, type Logger } from '../core/log'
import { envProxyResolver, setProxyResolver } from '../core/net/proxy'
import { scaledEngineOptions } from '../core/orders'
import { createPassphraseKeyProvider, passphraseFromEnv } from '../core/vault/passphrase-provider'
import { userInfo } from 'node:os'
import { printNewRecoveryKey } from './commands/backup'

export class UsageError extends Error {}

export interface GlobalOptions {
  dataDir?: string
  json?: boolean
  /** --verbose: the log lines the desktop app writes to its log file, on stderr (stdout stays the command's output). */
  verbose?: boolean
}

/** The --verbose logger: the same lines as the app's log file (src/core/log.ts), on stderr. */
export function stderrLogger(write: (s: string) => void = (s) => void process.stderr.write(s)): Logger {
  return lineLogger((line) => write(line + '\n'))
}

/** Per platform, beside where the desktop app keeps its data (the app's own folder is keychain-protected). */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (env.RESELLERDESK_DATA_DIR) return env.RESELLERDESK_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'ResellerDesk', 'cli')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'ResellerDesk', 'cli')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ResellerDesk', 'cli')
}

/**
 * Where `demo` keeps its throw-away data unless --data-dir says otherwise: the per-user ResellerDesk folder's
 * `cli-demo` (beside `cli`; the desktop app's own demo is `<userData>/demo`, so the two never empty each other's
 * folder). Deliberately not derived from RESELLERDESK_DATA_DIR: a folder next to a live one may be a person's own
 * (with RESELLERDESK_DATA_DIR=X/shop the demo once emptied X/demo). RESELLERDESK_DEMO_DIR overrides it.
 */
export function defaultDemoDir(env = process.env, platform = process.platform): string {
  if (env.RESELLERDESK_DEMO_DIR) return env.RESELLERDESK_DEMO_DIR
  return join(dirname(defaultDataDir({ ...env, RESELLERDESK_DATA_DIR: '' }, platform)), 'cli-demo')
}

/** The CLI writes exports to the path it is given and has no clipboard. */
export const cliShell = {
  chooseExportPath: async (): Promise<string | null> => null,
  copyToClipboard: async (): Promise<void> => {
    throw new AppError('UNSUPPORTED', 'The command line cannot use the clipboard; export the codes instead.')
  }
}

export function actorName(): string {
  try {
    return `cli:${userInfo().username}`
  } catch {
    return 'cli'
  }
}

export async function openCliSession(g: GlobalOptions, opts: { log?: (m: string) => void; logger?: Logger } = {}): Promise<Session> {
  const passphrase = passphraseFromEnv()
  if (!passphrase) throw new UsageError('Set RESELLERDESK_PASSPHRASE to the passphrase that protects your ResellerDesk data (a new data folder takes it as its passphrase).')
  // Suppliers through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY says otherwise, as curl and npm do.
  setProxyResolver(envProxyResolver())
  const events = new EventBus()
  const logger = opts.logger ?? (g.verbose ? stderrLogger() : null)
  if (logger) logAppEvents(events, logger)
  const log = opts.log ?? (logger ? (m: string) => logger.warn(m) : undefined)
  logger?.info(`data folder ${g.dataDir ?? defaultDataDir()}`)
  const session = await Session.open({
    dataDir: g.dataDir ?? defaultDataDir(),
    keyProvider: createPassphraseKeyProvider(passphrase),
    mode: 'live',
    actor: actorName(),
    events,
    shell: cliShell,
    balanceEveryMs: null,
    holderKind: 'command',
    ...timeScaleFromEnv(),
    ...(log ? { log } : {})
  })
  if (session.newRecoveryKey) printNewRecoveryKey(session.newRecoveryKey)
  return session
}

/**
 * RESELLERDESK_TIME_SCALE=N makes the engine's waits N times shorter. Only for running against the simulators
 * with a sped-up clock (tests, benchmarks); a real upstream needs the real waits.
 */
function timeScaleFromEnv(env = process.env): { engineOptions?: ReturnType<typeof scaledEngineOptions> } {
  const scale = Number(env.RESELLERDESK_TIME_SCALE ?? '')
  return scale > 0 ? { engineOptions: scaledEngineOptions(scale) } : {}
}

export function exitCodeFor(e: unknown): 1 | 2 {
  if (e instanceof UsageError) return 2
  if (e instanceof AppError && (e.code === 'VALIDATION' || e.code === 'WRONG_PASSPHRASE')) return 2
  return 1
}
