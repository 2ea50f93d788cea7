// Which screen is shown, and one-shot focus requests between screens.
import { create } from 'zustand'

/** Sidebar order, and Ctrl/⌘+1…9 in the same order: the day's work from top to bottom, set-up last. */
export const SCREENS = ['catalog', 'balances', 'buy', 'orders', 'codes', 'history', 'reconcile', 'ledger', 'accounts'] as const
export type Screen = (typeof SCREENS)[number]

interface NavState {
  screen: Screen
  /** Bumped by the `/` shortcut: the catalog focuses its search box when it changes. */
  searchFocusToken: number
  go(screen: Screen): void
  focusSearch(): void
}

export const useNav = create<NavState>()((set) => ({
  screen: 'catalog',
  searchFocusToken: 0,
  go(screen) {
    set({ screen })
  },
  focusSearch() {
    set((s) => ({ screen: 'catalog', searchFocusToken: s.searchFocusToken + 1 }))
  }
}))
