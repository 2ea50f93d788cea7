// The Electron main process: wiring only. Each decision lives in a small module that is tested without Electron
// (security, ipc, tray, notifications, lifecycle, export-dialog, window); this file connects them to the real
// Electron objects and to the core's AppHost.
import { app, BrowserWindow, clipboard, crashReporter, dialog, ipcMain, Menu, nativeImage, Notification, safeStorage, screen, session, shell, Tray } from 'electron'
import electronLog from 'electron-log/main'
import electronUpdater from 'electron-updater'
import Store from 'electron-store'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { userInfo } from 'node:os'
import trayIconPath from '../../resources/tray.png?asset'
import { AppHost } from '../core/app/app-host'
import { ACTIVE_ORDER_STATES } from '../shared/domain'
import { CHANNELS, type AppEvent } from '../shared/contract'
import { loggedHandlers, logAppEvents } from '../core/log'
import { pacProxyResolver, setProxyResolver } from '../core/net/proxy'
import { createKeychainKeyProvider, keychainUsable } from '../core/vault/keychain-provider'
import { createAppUrlMatcher, type AppPage } from './app-url'
import { createElectronNotificationFactory, createElectronTray } from './electron-tray'
import { createClipboardCopier } from './clipboard'
import { createShellServices } from './export-dialog'
import { createBackupDialogs } from './backup-dialogs'
import { createSenderCheck, forwardEvents, registerIpc, sendEvent } from './ipc'
import { createQuitGuard, startFailureMessage } from './lifecycle'
import { hardenSession, hardenWebContents } from './security'
import { strings } from './strings'
import { createTrayService, type TrayService } from './tray'
import { createMainWindow, revealWindow } from './window'
import { routeConsole, setupMainLog } from './logging'
import { createMainErrorHandler, createRendererRecovery, describeChildGone, startLocalCrashReporter } from './crash'
import { createCloseToTray } from './close-to-tray'
import { createLoginItem, HIDDEN_ARG } from './login-item'
import { applicationMenuTemplate } from './menu'
import { restoreWindowState, trackWindowState, type WindowState } from './window-state'
import { createUpdateController, updatesAvailable } from './updates'

/** The shell's own preferences (electron-store), beside the core's data but never holding any of it. */
interface ShellPrefs {
  window: WindowState
  trayNoticeShown: boolean
}

/** The update feed electron-builder wrote into the package: present and naming a provider, or updates stay off. */
function hasUpdateFeed(): boolean {
  const file = join(process.resourcesPath ?? '', 'app-update.yml')
  return existsSync(file) && /^provider:/m.test(readFileSync(file, 'utf8'))
}

function appPage(): AppPage {
  const devUrl = process.env['ELECTRON_RENDERER_URL']
  // The dev server only in an unpackaged run: a packaged app never loads a page named by its environment.
  if (!app.isPackaged && devUrl) return { kind: 'dev', url: devUrl }
  return { kind: 'file', indexHtmlPath: join(__dirname, '../renderer/index.html') }
}

/** Who is acting, for the audit log: the OS account (there is no login of our own). */
function actorName(): string {
  try {
    return userInfo().username || 'local'
  } catch {
    return 'local' // no passwd entry (some containers)
  }
}

function trayIcon(): Electron.NativeImage {
  const icon = nativeImage.createFromPath(trayIconPath)
  // macOS menu-bar icons are 16 pt; the 32 px image then serves Retina screens.
  return process.platform === 'darwin' ? icon.resize({ width: 16, height: 16 }) : icon
}

function run(): void {
  // Every renderer sandboxed, whatever its webPreferences say (must happen before 'ready').
  app.enableSandbox()
  // The log file first, so everything after it (including start-up failures) is in it; console.* goes there too.
  const logger = setupMainLog({ log: electronLog, logsDir: app.getPath('logs'), isPackaged: app.isPackaged })
  routeConsole(logger)
  logger.info(`ResellerDesk ${app.getVersion()} starting (${process.platform}/${process.arch}, Electron ${process.versions.electron})`)
  startLocalCrashReporter(crashReporter)
  const onMainError = createMainErrorHandler({
    logger,
    showError: async (title, body) => {
      await app.whenReady()
      const w = liveWindow()
      await (w ? dialog.showMessageBox(w, { type: 'error', title, message: title, detail: body }) : dialog.showMessageBox({ type: 'error', title, message: title, detail: body }))
    }
  })
  process.on('uncaughtException', (e) => onMainError(e, 'uncaught exception'))
  process.on('unhandledRejection', (e) => onMainError(e, 'unhandled rejection'))
  app.on('child-process-gone', (_event, details) => logger.warn(describeChildGone(details)))

  const prefs = new Store<ShellPrefs>({ name: 'shell-preferences' })
  const loginItem = createLoginItem({ app, platform: process.platform, execPath: process.execPath })
  const startedHidden = process.argv.includes(HIDDEN_ARG)
  const page = appPage()
  const isAppUrl = createAppUrlMatcher(page)
  let win: BrowserWindow | null = null
  let host: AppHost | null = null
  let tray: TrayService | null = null
  // Set by every real quit (tray, menu, Cmd+Q, OS shutdown, an update): the window's close then really closes.
  let quitting = false
  app.on('before-quit', () => {
    quitting = true
  })
  const closeToTray = createCloseToTray({
    isQuitting: () => quitting,
    hasTray: () => tray !== null,
    wasNoticeShown: () => prefs.get('trayNoticeShown') === true,
    markNoticeShown: () => prefs.set('trayNoticeShown', true),
    showNotice: () => {
      if (Notification.isSupported()) new Notification({ title: strings.keptRunningTitle, body: strings.keptRunningBody }).show()
    }
  })

  const liveWindow = (): BrowserWindow | null => (win && !win.isDestroyed() ? win : null)
  const rendererTargets = (): Electron.WebContents[] => {
    const w = liveWindow()
    return w ? [w.webContents] : []
  }

  function openWindow(opts: { show?: boolean } = {}): BrowserWindow {
    const state = restoreWindowState(prefs.get('window'), screen.getAllDisplays().map((d) => d.workArea))
    const w = createMainWindow({
      BrowserWindow,
      page,
      preloadPath: join(__dirname, '../preload/index.cjs'),
      isPackaged: app.isPackaged,
      icon: trayIconPath,
      bounds: { width: state.width, height: state.height, ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}) },
      maximized: state.maximized,
      showWhenReady: opts.show !== false
    })
    trackWindowState(w, prefs)
    w.on('close', (event) => closeToTray(event, w))
    const recover = createRendererRecovery({
      logger,
      reload: () => w.webContents.reload(),
      isQuitting: () => quitting,
      notify: (title, body) => void dialog.showMessageBox(w, { type: 'warning', title, message: title, detail: body }).catch(() => undefined)
    })
    w.webContents.on('render-process-gone', (_event, details) => recover(details))
    w.on('closed', () => {
      if (win === w) win = null
    })
    win = w
    return w
  }

  function installMenu(): void {
    const template = applicationMenuTemplate({
      platform: process.platform,
      isPackaged: app.isPackaged,
      openAtLogin: loginItem.get(),
      actions: {
        openLogsFolder: () => void shell.openPath(app.getPath('logs')),
        setOpenAtLogin: (on) => {
          try {
            loginItem.set(on)
            logger.info(`start at login ${on ? 'on' : 'off'}`)
          } catch (e) {
            logger.warn(`start at login could not be changed: ${e instanceof Error ? e.message : String(e)}`)
          }
          installMenu() // the checkbox shows what the OS now has
        },
        checkForUpdates: () => void updates?.check(),
        quit: () => app.quit()
      }
    })
    Menu.setApplicationMenu(Menu.buildFromTemplate(template))
  }
  let updates: ReturnType<typeof createUpdateController> | null = null

  function showWindow(): void {
    const w = liveWindow()
    if (w) revealWindow(w)
    else if (host) openWindow()
  }

  // Every WebContents, ours or any a bug might create, gets the navigation, new-window and webview guards.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { isAppUrl, openExternal: (url) => shell.openExternal(url), warn: (m) => console.warn(m) })
  })
  app.on('second-instance', () => showWindow())
  app.on('activate', () => showWindow()) // macOS: dock icon clicked with no window open
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on(
    'before-quit',
    createQuitGuard({
      stop: async () => {
        tray?.dispose()
        tray = null
        await host?.stop()
      },
      quit: () => app.quit(),
      onError: (e) => logger.error(`Stopping ResellerDesk: ${e instanceof Error ? e.message : String(e)}`)
    })
  )

  async function start(): Promise<void> {
    if (process.platform === 'win32') app.setAppUserModelId('com.resellerdesk.app') // needed for Windows notifications
    hardenSession(session.defaultSession, isAppUrl)
    // Supplier requests use the system's proxy settings (PAC and WPAD included), as Chromium resolves them.
    setProxyResolver(pacProxyResolver((url) => session.defaultSession.resolveProxy(url)))

    const userData = app.getPath('userData')
    // Only after 'ready': before it, Linux reports no keyring backend and we would fall back to a passphrase.
    const keychain = keychainUsable(safeStorage)
    if (!keychain.usable) console.info(`Vault: ${keychain.reason} The vault will ask for a passphrase.`)

    const started = await AppHost.start({
      liveDataDir: join(userData, 'live'),
      demoDataDir: join(userData, 'demo'),
      keyProvider: keychain.usable ? createKeychainKeyProvider(safeStorage) : null,
      shell: {
        ...createShellServices({
          showSaveDialog: (options) => {
            const w = liveWindow()
            return w ? dialog.showSaveDialog(w, options) : dialog.showSaveDialog(options)
          },
          defaultDir: () => app.getPath('documents'),
          copyToClipboard: createClipboardCopier(clipboard),
          openPath: (path) => shell.openPath(path),
          logsDir: () => app.getPath('logs')
        }),
        ...createBackupDialogs({
          showOpenDialog: (options) => {
            const w = liveWindow()
            return w ? dialog.showOpenDialog(w, options) : dialog.showOpenDialog(options)
          },
          defaultDir: () => app.getPath('documents')
        })
      },
      actor: actorName(),
      mode: 'auto',
      appVersion: app.getVersion(),
      log: (m) => logger.warn(m)
    })
    host = started
    logAppEvents(started.events, logger)
    logger.info(`started in ${started.info().mode} mode`)

    // IPC first: the renderer calls app.info as soon as it loads. Every call is logged by channel and outcome;
    // the reads the window repeats every few seconds only at debug level (not written to the file).
    const quiet = new Set<string>(CHANNELS.filter((c) => /\.(list|get|info|history|status)$/.test(c) || c === 'app.info'))
    registerIpc(ipcMain, { handlers: loggedHandlers(started.handlers, logger, { quiet }) }, createSenderCheck(isAppUrl, () => liveWindow()?.webContents ?? null))
    forwardEvents(started.events, rendererTargets)
    installMenu()
    openWindow({ show: !startedHidden })

    tray = createTrayService({
      events: started.events,
      createTray: () => createElectronTray({ Tray, Menu, icon: trayIcon() }),
      createNotification: createElectronNotificationFactory({ Notification }),
      showWindow,
      sendToRenderer: (event: AppEvent) => sendEvent(rendererTargets(), event),
      quit: () => app.quit(),
      isDemo: () => started.info().mode === 'demo',
      loadState: async () => {
        const balances = await started.handlers['balances.list']({})
        const states = [...ACTIVE_ORDER_STATES, 'needs_review'] as const
        const lists = await Promise.all(states.map((state) => started.handlers['orders.list']({ state, limit: 1000 })))
        return { balances, orders: lists.flat() }
      },
      onError: (e) => console.warn('Tray:', e instanceof Error ? e.message : e)
    })

    const ordersInFlight = async (): Promise<number> => {
      const lists = await Promise.all(ACTIVE_ORDER_STATES.map((state) => started.handlers['orders.list']({ state, limit: 1000 })))
      return lists.flat().length
    }
    updates = createUpdateController({
      updater: electronUpdater.autoUpdater,
      logger,
      enabled: () => updatesAvailable({ isPackaged: app.isPackaged, hasFeed: hasUpdateFeed(), env: process.env }) && started.info().mode !== 'demo',
      ordersInFlight,
      ask: async (title, body) => {
        const w = liveWindow()
        const options = { type: 'info' as const, title, message: title, detail: body, buttons: [strings.updateRestart, strings.updateLater], defaultId: 0, cancelId: 1 }
        const r = await (w ? dialog.showMessageBox(w, options) : dialog.showMessageBox(options))
        return r.response === 0
      },
      tell: (message) => sendEvent(rendererTargets(), { type: 'notice', level: 'info', message }),
      whenNoOrdersInFlight: () =>
        new Promise<void>((resolve) => {
          const off = started.events.on((e) => {
            if (e.type !== 'order.settled') return
            void ordersInFlight().then((n) => {
              if (n === 0) {
                off()
                resolve()
              }
            })
          })
        })
    })
    updates.start()
  }

  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      logger.error(`Start-up failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
      dialog.showErrorBox(strings.startFailedTitle, startFailureMessage(e))
      // exit, not quit, with a non-zero code that tells scripts it failed; stop the host first if it got that far.
      void Promise.resolve(host?.stop())
        .catch(() => undefined)
        .finally(() => app.exit(1))
    })
}

// One instance per profile: a second launch brings the first window forward instead of opening the same
// database twice.
if (app.requestSingleInstanceLock()) run()
else app.quit()
