// "Start ResellerDesk when I log in". Electron's app.setLoginItemSettings covers Windows and macOS only; on Linux
// the freedesktop way is a .desktop file in ~/.config/autostart, written here. The AppImage's own path is in
// $APPIMAGE (process.execPath points inside its temporary mount, gone after the app quits).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export interface LoginItemApp {
  getLoginItemSettings(): { openAtLogin: boolean }
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }): void
}

/** Started at login, the app opens to the tray only: the shop assistant did not ask for a window. */
export const HIDDEN_ARG = '--hidden'

export interface LoginItem {
  get(): boolean
  set(on: boolean): void
}

export function autostartDesktopFile(execPath: string): string {
  const quoted = /[\s"'\\]/.test(execPath) ? `"${execPath.replace(/(["\\`$])/g, '\\$1')}"` : execPath
  return ['[Desktop Entry]', 'Type=Application', 'Name=ResellerDesk', `Exec=${quoted} ${HIDDEN_ARG}`, 'X-GNOME-Autostart-enabled=true', 'Terminal=false', ''].join('\n')
}

export function createLoginItem(deps: { app: LoginItemApp; platform: NodeJS.Platform; execPath: string; env?: NodeJS.ProcessEnv; configDir?: string }): LoginItem {
  if (deps.platform !== 'linux') {
    return {
      get: () => deps.app.getLoginItemSettings().openAtLogin,
      set: (on) => deps.app.setLoginItemSettings({ openAtLogin: on, openAsHidden: true, args: [HIDDEN_ARG] })
    }
  }
  const env = deps.env ?? process.env
  const dir = join(deps.configDir ?? env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'autostart')
  const file = join(dir, 'resellerdesk.desktop')
  return {
    get: () => existsSync(file),
    set(on) {
      if (!on) return rmSync(file, { force: true })
      mkdirSync(dir, { recursive: true })
      writeFileSync(file, autostartDesktopFile(env['APPIMAGE'] || deps.execPath))
    }
  }
}
