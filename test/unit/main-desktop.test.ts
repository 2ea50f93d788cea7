// Desktop habits, with fakes of Electron's pieces: the application menu, the remembered window, close-to-tray,
// start at login.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MenuItemConstructorOptions, Rectangle } from 'electron'
import { afterEach, describe, expect, it } from 'vitest'
import { createCloseToTray } from '../../src/main/close-to-tray'
import { autostartDesktopFile, createLoginItem, HIDDEN_ARG } from '../../src/main/login-item'
import { applicationMenuTemplate, type MenuActions } from '../../src/main/menu'
import { DEFAULT_WINDOW_STATE, restoreWindowState, trackWindowState, type TrackedWindow, type WindowState } from '../../src/main/window-state'

function actionsLog() {
  const calls: string[] = []
  const actions: MenuActions = {
    openLogsFolder: () => calls.push('logs'),
    setOpenAtLogin: (on) => calls.push(`login:${on}`),
    checkForUpdates: () => calls.push('updates'),
    quit: () => calls.push('quit')
  }
  return { calls, actions }
}

const sub = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] => (item?.submenu ?? []) as MenuItemConstructorOptions[]
const roles = (items: MenuItemConstructorOptions[]): string[] => items.map((i) => i.role).filter((r): r is NonNullable<typeof r> => Boolean(r))
const byLabel = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label)
const click = (item: MenuItemConstructorOptions | undefined, checked?: boolean): void =>
  (item!.click as unknown as (i: { checked?: boolean }) => void)({ ...(checked === undefined ? {} : { checked }) })

describe('the application menu', () => {
  it('has File, Edit, View, Window and Help on Windows and Linux, with the standard editing roles', () => {
    const { actions } = actionsLog()
    const menu = applicationMenuTemplate({ platform: 'win32', isPackaged: true, openAtLogin: false, actions })
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help'])
    expect(roles(sub(menu[1]))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll'])
    expect(menu[3]!.role).toBe('windowMenu')
    expect(menu[4]!.role).toBe('help')
    // No developer tools in a packaged app's View menu (they are disabled in the window anyway).
    expect(roles(sub(menu[2]))).not.toContain('toggleDevTools')
    expect(roles(applicationMenuTemplate({ platform: 'linux', isPackaged: false, openAtLogin: false, actions })[2]!.submenu as MenuItemConstructorOptions[])).toContain('toggleDevTools')
  })

  it('on macOS starts with the app menu (About, Hide, Quit) and keeps Edit so Cmd+C and Cmd+V work', () => {
    const { actions, calls } = actionsLog()
    const menu = applicationMenuTemplate({ platform: 'darwin', isPackaged: true, openAtLogin: false, actions })
    expect(menu.map((m) => m.label)).toEqual(['ResellerDesk', 'File', 'Edit', 'View', 'Window', 'Help'])
    expect(roles(sub(menu[0]))).toEqual(expect.arrayContaining(['about', 'hide', 'hideOthers', 'unhide']))
    expect(roles(sub(menu[2]))).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll']))
    const quit = byLabel(sub(menu[0]), 'Quit ResellerDesk')!
    expect(quit.accelerator).toBe('CmdOrCtrl+Q')
    click(quit)
    expect(calls).toEqual(['quit'])
  })

  it('quits, opens the logs folder, checks for updates and toggles start at login from its items', () => {
    const { actions, calls } = actionsLog()
    const menu = applicationMenuTemplate({ platform: 'linux', isPackaged: true, openAtLogin: true, actions })
    const file = sub(menu[0])
    const login = byLabel(file, 'Start ResellerDesk when I log in')!
    expect(login.type).toBe('checkbox')
    expect(login.checked).toBe(true)
    click(login, false)
    click(byLabel(file, 'Quit ResellerDesk'))
    click(byLabel(sub(menu[4]), 'Open logs folder'))
    click(byLabel(sub(menu[4]), 'Check for updates…'))
    expect(calls).toEqual(['login:false', 'quit', 'logs', 'updates'])
  })
})

describe('the remembered window', () => {
  const screen: Rectangle = { x: 0, y: 0, width: 1920, height: 1040 }
  const right: Rectangle = { x: 1920, y: 0, width: 1920, height: 1040 }

  it('opens where it was left, on a screen that is still there', () => {
    const saved: WindowState = { x: 2100, y: 80, width: 1400, height: 900, maximized: false }
    expect(restoreWindowState(saved, [screen, right])).toEqual(saved)
  })

  it('recentres a window whose screen was unplugged, keeping its size', () => {
    const saved: WindowState = { x: 2100, y: 80, width: 1400, height: 900, maximized: true }
    expect(restoreWindowState(saved, [screen])).toEqual({ width: 1400, height: 900, maximized: true })
  })

  it('uses the defaults for a first start or a damaged preferences file, and never goes below the minimum size', () => {
    expect(restoreWindowState(undefined, [screen])).toEqual(DEFAULT_WINDOW_STATE)
    expect(restoreWindowState({ width: 'big' }, [screen])).toEqual(DEFAULT_WINDOW_STATE)
    expect(restoreWindowState({ x: 10, y: 10, width: 200, height: 100, maximized: false }, [screen])).toEqual({ x: 10, y: 10, width: 960, height: 600, maximized: false })
  })

  it('saves the normal bounds on close and after a drag settles, but not a minimised window', () => {
    const listeners = new Map<string, () => void>()
    let bounds: Rectangle = { x: 50, y: 60, width: 1300, height: 850 }
    let minimized = false
    const win: TrackedWindow = {
      getNormalBounds: () => bounds,
      isMaximized: () => false,
      isMinimized: () => minimized,
      on: (event, l) => void listeners.set(event, l)
    }
    const saved: WindowState[] = []
    const pending: (() => void)[] = []
    trackWindowState(
      win,
      { get: () => undefined, set: (_k, v) => void saved.push(v) },
      { setTimeout: ((fn: () => void) => (pending.push(fn), pending.length)) as unknown as typeof setTimeout, clearTimeout: (() => undefined) as typeof clearTimeout }
    )
    listeners.get('move')!()
    expect(saved).toHaveLength(0) // not on every pixel of a drag
    bounds = { x: 70, y: 60, width: 1300, height: 850 }
    pending.at(-1)!()
    expect(saved).toEqual([{ x: 70, y: 60, width: 1300, height: 850, maximized: false }])
    minimized = true
    listeners.get('close')!()
    expect(saved).toHaveLength(1)
    minimized = false
    listeners.get('close')!()
    expect(saved).toHaveLength(2)
  })
})

describe('closing the window', () => {
  function setup(opts: { quitting?: boolean; tray?: boolean } = {}) {
    let noticeShown = false
    const notices: string[] = []
    const handler = createCloseToTray({
      isQuitting: () => opts.quitting ?? false,
      hasTray: () => opts.tray ?? true,
      wasNoticeShown: () => noticeShown,
      markNoticeShown: () => void (noticeShown = true),
      showNotice: () => void notices.push('kept running')
    })
    const close = () => {
      const e = { prevented: false, preventDefault: () => void (e.prevented = true) }
      const w = { hidden: false, hide: () => void (w.hidden = true) }
      handler(e, w)
      return { prevented: e.prevented, hidden: w.hidden }
    }
    return { close, notices }
  }

  it('hides it to the tray instead, and says so the first time only', () => {
    const { close, notices } = setup()
    expect(close()).toEqual({ prevented: true, hidden: true })
    expect(close()).toEqual({ prevented: true, hidden: true })
    expect(notices).toEqual(['kept running'])
  })

  it('really closes when quitting, or when there is no tray to come back from', () => {
    expect(setup({ quitting: true }).close()).toEqual({ prevented: false, hidden: false })
    expect(setup({ tray: false }).close()).toEqual({ prevented: false, hidden: false })
  })
})

describe('start at login', () => {
  let dirs: string[] = []
  afterEach(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
    dirs = []
  })

  it('uses the OS login items on Windows and macOS, started hidden in the tray', () => {
    const set: unknown[] = []
    const item = createLoginItem({
      app: { getLoginItemSettings: () => ({ openAtLogin: true }), setLoginItemSettings: (s) => void set.push(s) },
      platform: 'win32',
      execPath: 'C:\\\\Program Files\\\\ResellerDesk\\\\ResellerDesk.exe'
    })
    expect(item.get()).toBe(true)
    item.set(false)
    expect(set).toEqual([{ openAtLogin: false, openAsHidden: true, args: [HIDDEN_ARG] }])
  })

  it('writes and removes an XDG autostart entry on Linux, pointing at the AppImage when run from one', () => {
    const configDir = mkdtempSync(join(tmpdir(), 'rd-autostart-'))
    dirs.push(configDir)
    const item = createLoginItem({
      app: { getLoginItemSettings: () => ({ openAtLogin: false }), setLoginItemSettings: () => undefined },
      platform: 'linux',
      execPath: '/tmp/.mount_Resell/resellerdesk',
      env: { APPIMAGE: '/home/ana/Apps/ResellerDesk 1.0.AppImage' },
      configDir
    })
    const file = join(configDir, 'autostart', 'resellerdesk.desktop')
    expect(item.get()).toBe(false)
    item.set(true)
    expect(item.get()).toBe(true)
    expect(readFileSync(file, 'utf8')).toContain('Exec="/home/ana/Apps/ResellerDesk 1.0.AppImage" --hidden\n')
    item.set(false)
    expect(existsSync(file)).toBe(false)
    expect(item.get()).toBe(false)
  })

  it('quotes an Exec path with spaces or quotes as the desktop entry spec asks', () => {
    expect(autostartDesktopFile('/opt/ResellerDesk/resellerdesk')).toContain('Exec=/opt/ResellerDesk/resellerdesk --hidden')
    expect(autostartDesktopFile('/home/a "b"/x')).toContain('Exec="/home/a \\"b\\"/x" --hidden')
  })
})

describe('Settings → Open logs folder', () => {
  it('opens the logs folder through the shell, and says when it could not', async () => {
    const { createShellServices } = await import('../../src/main/export-dialog')
    const opened: string[] = []
    const base = { showSaveDialog: async () => ({ canceled: true }), defaultDir: () => '/d', copyToClipboard: async () => undefined, logsDir: () => '/home/ana/.config/ResellerDesk/logs' }
    const ok = createShellServices({ ...base, openPath: async (p) => (opened.push(p), '') })
    expect(await ok.openLogsFolder?.()).toBe(true)
    expect(opened).toEqual(['/home/ana/.config/ResellerDesk/logs'])
    const failed = createShellServices({ ...base, openPath: async () => 'No application is registered for folders' })
    expect(await failed.openLogsFolder?.()).toBe(false)
    // Without a shell that can open folders (the CLI, the test bridge) there is no such service.
    expect(createShellServices(base).openLogsFolder).toBeUndefined()
  })
})

describe('opening the window', () => {
  async function open(opts: { showWhenReady?: boolean; maximized?: boolean }) {
    const { createMainWindow } = await import('../../src/main/window')
    const once = new Map<string, () => void>()
    const calls: string[] = []
    let options: Record<string, unknown> = {}
    class FakeWindow {
      constructor(o: Record<string, unknown>) {
        options = o
      }
      once(event: string, l: () => void) {
        once.set(event, l)
      }
      show() {
        calls.push('show')
        once.get('show')?.()
      }
      maximize() {
        calls.push('maximize')
      }
      loadFile() {
        return Promise.resolve()
      }
    }
    createMainWindow({
      BrowserWindow: FakeWindow as unknown as Parameters<typeof createMainWindow>[0]['BrowserWindow'],
      page: { kind: 'file', indexHtmlPath: '/app/out/renderer/index.html' },
      preloadPath: '/app/out/preload/index.cjs',
      isPackaged: true,
      bounds: { x: 40, y: 30, width: 1400, height: 900 },
      ...opts
    })
    return { once, calls, options }
  }

  it('opens at the remembered place and size, maximised before it is first shown', async () => {
    const { once, calls, options } = await open({ maximized: true })
    expect(options).toMatchObject({ x: 40, y: 30, width: 1400, height: 900, show: false })
    once.get('ready-to-show')!()
    expect(calls).toEqual(['maximize', 'show'])
  })

  it('started at login, stays hidden until opened from the tray, then shows maximised', async () => {
    const { once, calls } = await open({ showWhenReady: false, maximized: true })
    expect(once.has('ready-to-show')).toBe(false)
    expect(calls).toEqual([])
    once.get('show')!() // the tray's Open shows it
    expect(calls).toEqual(['maximize'])
  })
})
