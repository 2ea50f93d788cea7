// The application menu: File/Edit/View/Window/Help with Electron's standard roles. On macOS copy, paste, undo and
// select-all work only through menu items with those roles, so the Edit menu is what makes Cmd+C work in the window.
// Built as a plain template so it is tested without Electron; index.ts hands it to Menu.buildFromTemplate.
import type { MenuItemConstructorOptions } from 'electron'
import { strings } from './strings'

export interface MenuActions {
  openLogsFolder(): void
  setOpenAtLogin(on: boolean): void
  checkForUpdates?: () => void
  /** The real quit: the window's close button only hides it (close-to-tray.ts). */
  quit(): void
}

export function applicationMenuTemplate(opts: { platform: NodeJS.Platform; isPackaged: boolean; openAtLogin: boolean; actions: MenuActions }): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin'
  const { actions } = opts
  const startAtLogin: MenuItemConstructorOptions = {
    label: strings.menuStartAtLogin,
    type: 'checkbox',
    checked: opts.openAtLogin,
    click: (item) => actions.setOpenAtLogin(Boolean(item.checked))
  }
  const quit: MenuItemConstructorOptions = { label: mac ? strings.menuQuitMac : strings.menuQuit, accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() }
  const updates: MenuItemConstructorOptions[] = actions.checkForUpdates ? [{ label: strings.menuCheckForUpdates, click: () => actions.checkForUpdates?.() }] : []

  const template: MenuItemConstructorOptions[] = []
  if (mac) {
    template.push({
      label: strings.appName,
      submenu: [{ role: 'about' }, ...updates, { type: 'separator' }, startAtLogin, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, quit]
    })
  }
  template.push({
    label: strings.menuFile,
    submenu: mac ? [{ role: 'close' }] : [startAtLogin, { type: 'separator' }, { role: 'close', label: strings.menuCloseWindow }, quit]
  })
  template.push({
    label: strings.menuEdit,
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'pasteAndMatchStyle' }, { role: 'delete' }, { role: 'selectAll' }]
  })
  template.push({
    label: strings.menuView,
    submenu: [
      { role: 'reload' },
      // Developer tools only in development: a packaged app has them off (window.ts), so the item would do nothing.
      ...(opts.isPackaged ? [] : ([{ role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' }
    ]
  })
  template.push({ role: 'windowMenu', label: strings.menuWindow })
  template.push({
    role: 'help',
    label: strings.menuHelp,
    submenu: [{ label: strings.menuOpenLogsFolder, click: () => actions.openLogsFolder() }, ...(mac ? [] : updates)]
  })
  return template
}
