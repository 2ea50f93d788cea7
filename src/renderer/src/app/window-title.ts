// The window title names the screen ("Codes — ResellerDesk"), so the taskbar, Alt+Tab and a screen reader say where
// the person is. Electron's window follows document.title, so nothing crosses IPC for it.
import { useEffect } from 'react'
import { t } from '../i18n'
import { useNav } from '../state/nav'

export function windowTitle(screenLabel: string): string {
  return `${screenLabel} — ${t.appName}`
}

export function useWindowTitle(): void {
  const screen = useNav((s) => s.screen)
  useEffect(() => {
    document.title = windowTitle(t.nav[screen])
  }, [screen])
}
