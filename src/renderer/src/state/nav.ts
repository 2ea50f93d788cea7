// Which screen is shown; opening a screen on something (an order, the codes of a purchase, a code's history, a product
// to buy); and one-shot focus requests between screens. No feature is imported here: the feature that owns a screen
// says what opening it on a target does (onOpen, in its events.ts), and the others open it by name.
import { create } from 'zustand'
import type { AuditEntryView, CatalogItemView } from '../../../shared/contract'

/** Every screen; their order in the sidebar and their shortcuts are the shell's (app/screens.ts). */
export type Screen =
  | 'catalog'
  | 'watches'
  | 'balances'
  | 'buy'
  | 'orders'
  | 'codes'
  | 'history'
  | 'reconcile'
  | 'ledger'
  | 'accounts'
  | 'markup'
  | 'settings'

/** What a screen can be opened on, for the screens that can. */
export interface OpenTargets {
  /** The order's detail. */
  orders: { orderId: string }
  /** The codes of one purchase (all its upstream orders), or of one order. */
  codes: { batchId: string } | { orderId: string }
  /** The history of one code or order. */
  history: { subjectType: AuditEntryView['subjectType']; subjectId: string }
  /** The product, as a new basket line. */
  buy: { item: CatalogItemView }
}

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

const openers = new Map<keyof OpenTargets, (target: never) => void>()

/** What opening `screen` on a target does to its feature's store; registered by that feature. */
export function onOpen<S extends keyof OpenTargets>(screen: S, open: (target: OpenTargets[S]) => void): void {
  openers.set(screen, open)
}

/** Shows `screen` on `target` (a toast's "Open order", a code's History button, Buy on a catalog row…). */
export function openScreen<S extends keyof OpenTargets>(screen: S, target: OpenTargets[S]): void {
  const open = openers.get(screen) as ((target: OpenTargets[S]) => void) | undefined
  open?.(target)
  useNav.getState().go(screen)
}
