// What happens when something breaks: Electron's crash reporter keeps minidumps on this computer only (never
// uploaded: they can hold memory of the main process, which holds the unlocked vault); a renderer that dies is
// logged, reloaded once, and the person told; a child process that dies (GPU, network service) is logged; an
// uncaught error in the main process is logged and shown, and the app keeps running — the order journal is written
// at every step in SQLite transactions, so nothing half-done is lost whether we go on or the person restarts.
import type { Logger } from '../core/log'
import { errorText } from '../core/log'
import { strings } from './strings'

export interface CrashReporterLike {
  start(options: { submitURL: string; uploadToServer: boolean; compress?: boolean; ignoreSystemCrashHandler?: boolean }): void
}

/** Local minidumps only (in app.getPath('crashDumps')), for a support person to ask for. */
export function startLocalCrashReporter(crashReporter: CrashReporterLike): void {
  crashReporter.start({ submitURL: '', uploadToServer: false, compress: true })
}

export interface RenderGoneDetails {
  reason: string
  exitCode: number
}

/** A renderer that died for real (not a clean exit, not killed by us on quit) is worth a reload. */
const NOT_A_CRASH = new Set(['clean-exit'])

/**
 * render-process-gone for the app window: log, reload once, tell the person. A second death within `windowMs` of
 * the reload is not reloaded again (a page that crashes on load would loop): the person is told to restart.
 */
export function createRendererRecovery(deps: {
  logger: Logger
  reload: () => void
  notify: (title: string, body: string) => void
  isQuitting: () => boolean
  now?: () => number
  windowMs?: number
}): (details: RenderGoneDetails) => void {
  const now = deps.now ?? Date.now
  const windowMs = deps.windowMs ?? 10 * 60_000
  let lastReload: number | null = null
  return (details) => {
    deps.logger.error(`window renderer gone: ${details.reason} (exit code ${details.exitCode})`)
    if (NOT_A_CRASH.has(details.reason) || deps.isQuitting()) return
    if (lastReload !== null && now() - lastReload < windowMs) {
      deps.logger.error('window renderer gone again soon after a reload: not reloading')
      deps.notify(strings.windowGoneTitle, strings.windowGoneBody)
      return
    }
    lastReload = now()
    deps.reload()
    deps.notify(strings.windowReloadedTitle, strings.windowReloadedBody)
  }
}

export interface ChildGoneDetails {
  type: string
  reason: string
  exitCode: number
  name?: string
  serviceName?: string
}

/** child-process-gone: Chromium restarts its helpers itself; we only keep a line for support. */
export function describeChildGone(d: ChildGoneDetails): string {
  const which = d.name || d.serviceName || d.type
  return `child process gone: ${which} (${d.type}), ${d.reason}, exit code ${d.exitCode}`
}

/**
 * uncaughtException / unhandledRejection in the main process: log with the stack, show one dialog at a time (a
 * burst of the same failure must not stack up dialogs), keep running.
 */
export function createMainErrorHandler(deps: { logger: Logger; showError: (title: string, body: string) => Promise<void> | void }): (e: unknown, origin: string) => void {
  let showing = false
  return (e, origin) => {
    const stack = e instanceof Error && e.stack ? ` ⏎ ${e.stack}` : ''
    deps.logger.error(`${origin} in the main process: ${errorText(e)}${stack}`)
    if (showing) return
    showing = true
    Promise.resolve(deps.showError(strings.mainErrorTitle, strings.mainErrorBody(errorText(e))))
      .catch(() => undefined)
      .finally(() => {
        showing = false
      })
  }
}
