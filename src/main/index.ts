// The Electron main process: wiring only. Each decision lives in a small module that is tested without Electron
// (security, ipc, tray, notifications, lifecycle, export-dialog, window); this file connects them to the real
// Electron objects and to the core's AppHost.
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, Notification, safeStorage, session, shell, Tray } from 'electron'
import { join } from 'node:path'
import { userInfo } from 'node:os'
import trayIconPath from '../../resources/tray.png?asset'
import { AppHost } from '../core/app/app-host'
import { ACTIVE_ORDER_STATES } from '../shared/domain'
import type { AppEvent } from '../shared/contract'
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
  const page = appPage()
  const isAppUrl = createAppUrlMatcher(page)
  let win: BrowserWindow | null = null
  let host: AppHost | null = null
  let tray: TrayService | null = null

  const liveWindow = (): BrowserWindow | null => (win && !win.isDestroyed() ? win : null)
  const rendererTargets = (): Electron.WebContents[] => {
    const w = liveWindow()
    return w ? [w.webContents] : []
  }

  function openWindow(): BrowserWindow {
    const w = createMainWindow({
      BrowserWindow,
      page,
      preloadPath: join(__dirname, '../preload/index.cjs'),
      isPackaged: app.isPackaged,
      icon: trayIconPath
    })
    w.on('closed', () => {
      if (win === w) win = null
    })
    win = w
    return w
  }

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
      onError: (e) => console.error('Stopping ResellerDesk:', e)
    })
  )

  async function start(): Promise<void> {
    if (process.platform === 'win32') app.setAppUserModelId('com.resellerdesk.app') // needed for Windows notifications
    hardenSession(session.defaultSession, isAppUrl)

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
          copyToClipboard: createClipboardCopier(clipboard)
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
      log: (m) => console.info(m)
    })
    host = started

    // IPC first: the renderer calls app.info as soon as it loads.
    registerIpc(ipcMain, started, createSenderCheck(isAppUrl, () => liveWindow()?.webContents ?? null))
    forwardEvents(started.events, rendererTargets)
    openWindow()

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
  }

  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      console.error('Start-up failed:', e)
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
