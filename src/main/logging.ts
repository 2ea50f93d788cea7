// The desktop app's log file: electron-log's file transport, in Electron's logs folder (app.getPath('logs')),
// written in the one line format of src/core/log.ts (the CLI's --verbose prints the same lines). Rotation keeps
// the newest MAX_FILE_BYTES in main.log and the four before it as main.1.log … main.4.log: about 5 MiB, weeks of a
// busy shop's orders, small enough to attach to an e-mail to support.
import { join, parse } from 'node:path'
import { existsSync, renameSync, rmSync } from 'node:fs'
import { lineLogger, type Logger, type LogLevel } from '../core/log'

export const LOG_FILE_NAME = 'main.log'
export const MAX_FILE_BYTES = 1024 * 1024
export const KEPT_ARCHIVES = 4

/** electron-log's levels: ours plus two it has and we never write. */
type TransportLevel = LogLevel | 'verbose' | 'silly' | false

/** The parts of electron-log's main logger used here (electron-log/main satisfies it). */
export interface ElectronLogLike {
  transports: {
    file: {
      level: TransportLevel
      format: unknown
      maxSize: number
      resolvePathFn: (variables: never) => string
      // Method syntax: electron-log passes its richer LogFile, of which only the path is read.
      archiveLogFn(oldLogFile: { path: string }): void
      getFile(): { path: string }
    }
    console: { level: TransportLevel; format: unknown }
  }
  debug(text: string): void
  info(text: string): void
  warn(text: string): void
  error(text: string): void
}

export interface RotateFs {
  existsSync(path: string): boolean
  renameSync(from: string, to: string): void
  rmSync(path: string, opts: { force: boolean }): void
}

/**
 * main.log → main.1.log → … → main.<keep>.log, the oldest dropped. electron-log calls this when main.log passes
 * maxSize, then starts main.log afresh. Never throws: a log that cannot rotate must not stop the app.
 */
export function rotateLogs(current: string, keep: number = KEPT_ARCHIVES, fs: RotateFs = { existsSync, renameSync, rmSync }): void {
  const { dir, name, ext } = parse(current)
  const archive = (n: number): string => join(dir, `${name}.${n}${ext}`)
  try {
    fs.rmSync(archive(keep), { force: true })
    for (let n = keep - 1; n >= 1; n--) if (fs.existsSync(archive(n))) fs.renameSync(archive(n), archive(n + 1))
    fs.renameSync(current, archive(1))
  } catch {
    // electron-log truncates main.log after this returns: at worst the oldest lines are lost, never the app.
  }
}

/**
 * Points electron-log at the logs folder with our rotation and format, and returns the app's Logger. In a packaged
 * app the terminal gets nothing (there is none); in development it gets the same lines as the file.
 */
export function setupMainLog(deps: { log: ElectronLogLike; logsDir: string; isPackaged: boolean; rotate?: (path: string) => void }): Logger {
  const { file, console: term } = deps.log.transports
  const path = join(deps.logsDir, LOG_FILE_NAME)
  file.resolvePathFn = () => path
  file.maxSize = MAX_FILE_BYTES
  file.format = '{text}' // lines arrive formatted by formatLogLine
  file.level = 'info'
  file.archiveLogFn = (old) => (deps.rotate ?? rotateLogs)(old.path)
  term.format = '{text}'
  term.level = deps.isPackaged ? false : 'debug'
  return lineLogger((line, level) => deps.log[level](line), { minLevel: 'info' })
}

export interface ConsoleLike {
  info(...args: unknown[]): void
  log(...args: unknown[]): void
  warn(...args: unknown[]): void
  error(...args: unknown[]): void
}

/**
 * console.* in the main process (our own modules and libraries) goes to the log file too, in the same format. Only
 * strings and Error messages are written: an object passed to console may be a request holding a key.
 */
export function routeConsole(logger: Logger, target: ConsoleLike = console): void {
  const text = (args: unknown[]): string =>
    args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : typeof a === 'number' || typeof a === 'boolean' ? String(a) : `[${typeof a}]`)).join(' ')
  target.log = (...args) => logger.info(text(args))
  target.info = (...args) => logger.info(text(args))
  target.warn = (...args) => logger.warn(text(args))
  target.error = (...args) => logger.error(text(args))
}
