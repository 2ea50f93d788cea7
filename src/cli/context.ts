// Opening the core for one CLI command: the data directory, the passphrase from the environment, and the
// exit-code discipline (0 ok, 1 the operation failed, 2 bad usage).
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { AppError, openCommandDoor, type CommandDoor } from '../core/app/command-door'
import { passphraseFromEnv } from '../core/app/command-door'
import { userInfo } from 'node:os'
import { printNewRecoveryKey } from './commands/backup'

export class UsageError extends Error {}

export interface GlobalOptions {
  dataDir?: string
  json?: boolean
  /** --verbose: the log lines the desktop app writes to its log file, on stderr (stdout stays the command's output). */
  verbose?: boolean
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

/**
 * What the core asks of its host, for a command: the file an export or a backup is written to and the backup folder
 * come from the command line (the window asks in a dialog); there is no clipboard.
 */
export function cliShell(paths: { exportTo?: string; backupTo?: string; backupFolder?: string } = {}) {
  return {
    chooseExportPath: async (): Promise<string | null> => paths.exportTo ?? null,
    copyToClipboard: async (): Promise<void> => {
      throw new AppError('UNSUPPORTED', 'The command line cannot use the clipboard; export the codes instead.')
    },
    ...(paths.backupTo ? { backupTo: paths.backupTo } : {}),
    ...(paths.backupFolder ? { chooseBackupFolder: async (): Promise<string | null> => paths.backupFolder ?? null } : {})
  }
}

export function actorName(): string {
  try {
    return `cli:${userInfo().username}`
  } catch {
    return 'cli'
  }
}

/** Opens the door to the data folder for one command; the passphrase comes from the environment. */
export async function openCliDoor(g: GlobalOptions, shell = cliShell()): Promise<CommandDoor> {
  const passphrase = passphraseFromEnv()
  if (!passphrase) throw new UsageError('Set RESELLERDESK_PASSPHRASE to the passphrase that protects your ResellerDesk data (a new data folder takes it as its passphrase).')
  const door = await openCommandDoor({
    mode: 'live',
    dataDir: g.dataDir ?? defaultDataDir(),
    passphrase,
    actor: actorName(),
    shell,
    ...(g.verbose ? { logLine: (line: string) => void process.stderr.write(line + '\n') } : {}),
    ...timeScaleFromEnv()
  })
  const words = door.takeNewRecoveryKey()
  if (words) printNewRecoveryKey(words)
  return door
}

/**
 * RESELLERDESK_TIME_SCALE=N makes the engine's waits N times shorter. Only for running against the simulators
 * with a sped-up clock (tests, benchmarks); a real upstream needs the real waits.
 */
function timeScaleFromEnv(env = process.env): { timeScale?: number } {
  const scale = Number(env.RESELLERDESK_TIME_SCALE ?? '')
  return scale > 0 ? { timeScale: scale } : {}
}

export function exitCodeFor(e: unknown): 1 | 2 {
  if (e instanceof UsageError) return 2
  if (e instanceof AppError && (e.code === 'VALIDATION' || e.code === 'WRONG_PASSPHRASE')) return 2
  return 1
}
