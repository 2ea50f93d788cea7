// Closing the window keeps ResellerDesk running in the tray, so deliveries, balance alerts and open orders keep
// being followed; the first time, a notice says so (once per installation, remembered in the shell's preferences).
// Quitting is explicit: Quit in the tray menu or the application menu (or Cmd+Q), which sets `quitting` first.

export interface ClosableWindow {
  hide(): void
}
export interface PreventableEvent {
  preventDefault(): void
}

export function createCloseToTray(deps: {
  /** True once the person chose Quit (or the OS is shutting down): the close then goes through. */
  isQuitting: () => boolean
  /** Whether a tray icon exists to come back from (Linux desktops without a tray: close really closes). */
  hasTray: () => boolean
  wasNoticeShown: () => boolean
  markNoticeShown: () => void
  showNotice: () => void
}): (event: PreventableEvent, win: ClosableWindow) => void {
  return (event, win) => {
    if (deps.isQuitting() || !deps.hasTray()) return
    event.preventDefault()
    win.hide()
    if (!deps.wasNoticeShown()) {
      deps.markNoticeShown()
      deps.showNotice()
    }
  }
}
