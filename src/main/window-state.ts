// The window's size and position, remembered between starts in the shell's own preferences file (electron-store:
// the product owner's choice for the shell's preferences; the core's data stays in SQLite). A saved position is
// used only when it is still on a connected screen, so unplugging a second monitor never opens the window off-screen.
import type { Rectangle } from 'electron'

export interface WindowState {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false }
const MIN = { width: 960, height: 600 }

/** The part of electron-store used here. */
export interface PrefsStore<T> {
  get<K extends keyof T>(key: K): T[K] | undefined
  set<K extends keyof T>(key: K, value: T[K]): void
}

function isState(v: unknown): v is WindowState {
  const s = v as WindowState
  const num = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n)
  return typeof v === 'object' && v !== null && num(s.width) && num(s.height) && typeof s.maximized === 'boolean' && (s.x === undefined || num(s.x)) && (s.y === undefined || num(s.y))
}

/** Enough of the window's title bar on a screen to grab it: 100 px wide, 40 px tall. */
function reachable(state: WindowState, workAreas: readonly Rectangle[]): boolean {
  if (state.x === undefined || state.y === undefined) return false
  const x = state.x
  const y = state.y
  return workAreas.some((a) => x + state.width - 100 >= a.x && x + 100 <= a.x + a.width && y >= a.y && y + 40 <= a.y + a.height)
}

/** The state to open with: the saved one, sized to the minimum and recentred when its place is no longer visible. */
export function restoreWindowState(saved: unknown, workAreas: readonly Rectangle[]): WindowState {
  if (!isState(saved)) return { ...DEFAULT_WINDOW_STATE }
  const state: WindowState = { ...saved, width: Math.max(MIN.width, Math.round(saved.width)), height: Math.max(MIN.height, Math.round(saved.height)) }
  if (reachable(state, workAreas)) return state
  const { x: _x, y: _y, ...centred } = state // no position: Electron centres the window
  return centred
}

export interface TrackedWindow {
  getNormalBounds(): Rectangle
  isMaximized(): boolean
  isMinimized(): boolean
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): void
}

/**
 * Saves the window's normal (un-maximised) bounds and whether it was maximised: on close at once, and after a
 * quiet half second while it is being dragged or resized (a crash then loses at most the last drag).
 */
export function trackWindowState(win: TrackedWindow, store: PrefsStore<{ window: WindowState }>, timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } = { setTimeout, clearTimeout }): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const save = (): void => {
    if (timer !== undefined) timers.clearTimeout(timer)
    timer = undefined
    if (win.isMinimized()) return // a minimised window's bounds are not where the person wants it back
    const b = win.getNormalBounds()
    store.set('window', { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() })
  }
  const later = (): void => {
    if (timer !== undefined) timers.clearTimeout(timer)
    timer = timers.setTimeout(save, 500)
  }
  for (const e of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(e, later)
  win.on('close', save)
  return save
}
