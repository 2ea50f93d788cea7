// Which screen is shown, and one-shot focus requests between screens.
import { create } from 'zustand'

export const SCREENS = ['catalog', 'buy', 'orders', 'codes', 'accounts', 'ledger'] as const
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
