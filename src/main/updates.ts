// Updates from the release feed (electron-updater reads app-update.yml, written by electron-builder from the
// "publish" setting: the GitHub release). Checked at start and then daily, downloaded in the background, and
// installed only when the person agrees ("Restart to update") and no order is in flight: an update restarts the
// app, and although the journal would resume an interrupted order, a shop assistant watching a purchase should
// never see the app vanish mid-way. Off in demo mode, in development and when the build has no feed.
import type { Logger } from '../core/log'
import { errorText } from '../core/log'
import { strings } from './strings'

/** The part of electron-updater's autoUpdater used here. */
export interface UpdaterLike {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  logger: unknown
  checkForUpdates(): Promise<unknown>
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
}

export const DAY_MS = 24 * 60 * 60 * 1000

export interface UpdateDeps {
  updater: UpdaterLike
  logger: Logger
  /** Packaged, with a feed, and not in demo mode (checked at each check: the mode can change while running). */
  enabled: () => boolean
  ordersInFlight: () => Promise<number>
  /** Asks the person; resolves true for "Restart to update". */
  ask: (title: string, body: string) => Promise<boolean>
  /** Says something without asking (the update waits for the orders). */
  tell: (message: string) => void
  /** Resolves once no order is in flight any more (an order.settled listener). */
  whenNoOrdersInFlight: () => Promise<void>
  /** Lets the quit guard know an update is being installed (quitAndInstall goes through before-quit). */
  beforeInstall?: () => void
  setInterval?: (fn: () => void, ms: number) => unknown
}

export interface UpdateController {
  check(): Promise<void>
  /** Starts the daily schedule and checks once now. */
  start(): void
}

export function createUpdateController(deps: UpdateDeps): UpdateController {
  const { updater, logger } = deps
  updater.autoDownload = true // in the background, as soon as a check finds one
  updater.autoInstallOnAppQuit = false // only when the person says so, and never with an order in flight
  updater.logger = null // our own lines below; electron-updater's would log feed URLs with tokens in private repos
  let asking = false
  let installing = false

  async function install(): Promise<void> {
    if (installing) return
    const inFlight = await deps.ordersInFlight()
    if (inFlight > 0) {
      logger.info(`update ready: waiting for ${inFlight} order(s) in flight before restarting`)
      deps.tell(strings.updateWaitingForOrders)
      await deps.whenNoOrdersInFlight()
      if ((await deps.ordersInFlight()) > 0) return install()
    }
    installing = true
    logger.info('update: restarting to install')
    deps.beforeInstall?.()
    updater.quitAndInstall(false, true)
  }

  updater.on('update-downloaded', (info) => {
    logger.info(`update ${info.version} downloaded`)
    if (asking) return
    asking = true
    deps
      .ask(strings.updateReadyTitle, strings.updateReadyBody(info.version))
      .then((yes) => (yes ? install() : logger.info('update postponed by the user')))
      .catch((e: unknown) => logger.warn(`update: ${errorText(e)}`))
      .finally(() => {
        asking = false
      })
  })
  updater.on('error', (e) => logger.warn(`update check failed: ${errorText(e)}`))

  const check = async (): Promise<void> => {
    if (!deps.enabled()) return
    try {
      await updater.checkForUpdates()
    } catch (e) {
      logger.warn(`update check failed: ${errorText(e)}`)
    }
  }
  return {
    check,
    start() {
      void check()
      ;(deps.setInterval ?? setInterval)(() => void check(), DAY_MS)
    }
  }
}

/** Whether this build may update itself: packaged (development runs from source) and built with a feed. */
export function updatesAvailable(opts: { isPackaged: boolean; hasFeed: boolean; env: NodeJS.ProcessEnv }): boolean {
  // RESELLERDESK_NO_UPDATES=1: for shops whose IT rolls out versions itself.
  return opts.isPackaged && opts.hasFeed && opts.env['RESELLERDESK_NO_UPDATES'] !== '1'
}
