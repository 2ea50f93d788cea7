// The one app window, with Electron's secure defaults spelled out (and checked by main-window.test.ts) so a
// future Electron default change or a hurried edit cannot quietly weaken them.
import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron'
import { appPageUrl, type AppPage } from './app-url'
import { strings } from './strings'

export function secureWebPreferences(opts: { preloadPath: string; isPackaged: boolean }): WebPreferences {
  return {
    preload: opts.preloadPath,
    // The renderer gets window.api from the preload and nothing else: no Node, its own JS world, OS sandbox.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Spellcheck would send typed text (names, sometimes codes) to a dictionary service on some platforms.
    spellcheck: false,
    devTools: !opts.isPackaged,
    safeDialogs: true
  }
}

export interface WindowBounds {
  x?: number
  y?: number
  width: number
  height: number
}

export function mainWindowOptions(opts: { preloadPath: string; isPackaged: boolean; icon?: string; bounds?: WindowBounds }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    // The remembered size and place (window-state.ts), already checked to be on a connected screen.
    ...(opts.bounds ?? {}),
    minWidth: 960,
    minHeight: 600,
    title: strings.appName,
    // Shown on ready-to-show, so the person never sees a blank white frame.
    show: false,
    autoHideMenuBar: true,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: secureWebPreferences(opts)
  }
}

export interface CreateWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow
  page: AppPage
  preloadPath: string
  isPackaged: boolean
  icon?: string
  bounds?: WindowBounds
  /** false when started at login: the app lives in the tray until the person opens it. */
  showWhenReady?: boolean
  /** Maximised when last closed: maximised just before it is first shown (maximize() would show it at once). */
  maximized?: boolean
}

export function createMainWindow(deps: CreateWindowDeps): BrowserWindow {
  const win = new deps.BrowserWindow(
    mainWindowOptions({ preloadPath: deps.preloadPath, isPackaged: deps.isPackaged, ...(deps.icon ? { icon: deps.icon } : {}), ...(deps.bounds ? { bounds: deps.bounds } : {}) })
  )
  let restoreMaximized = deps.maximized === true
  const firstShow = (): void => {
    if (!restoreMaximized) return
    restoreMaximized = false
    win.maximize()
  }
  win.once('show', firstShow) // shown later from the tray (started at login)
  if (deps.showWhenReady !== false)
    win.once('ready-to-show', () => {
      firstShow()
      win.show()
    })
  const load = deps.page.kind === 'dev' ? win.loadURL(appPageUrl(deps.page)) : win.loadFile(deps.page.indexHtmlPath)
  load.catch((e: unknown) => console.error('The window could not load the app page:', e instanceof Error ? e.message : e))
  return win
}

/** Bring the window to the front (tray click, notification click, a second app instance). */
export function revealWindow(win: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'isVisible' | 'show' | 'focus'>): void {
  if (win.isMinimized()) win.restore()
  if (!win.isVisible()) win.show()
  win.focus()
}
