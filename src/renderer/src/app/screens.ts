// The main window's screens, in sidebar order: the day's work from top to bottom, set-up last. Ctrl/⌘+1…9 go to the
// screens marked `shortcut`, numbered in this order. The screens split out of older ones (Watched and Markup rules out
// of Catalog, Settings out of Accounts) have none, so the shortcuts people know still lead where they did.
import type { ComponentType } from 'react'
import { AccountsScreen } from '../features/accounts'
import { HistoryScreen } from '../features/audit'
import { BalancesScreen } from '../features/balances'
import { BasketBadge, BuyScreen } from '../features/buy'
import { CatalogScreen } from '../features/catalog'
import { CodesScreen } from '../features/codes'
import { LedgerScreen } from '../features/ledger'
import { MarkupScreen } from '../features/markup'
import { OrdersScreen } from '../features/orders'
import { ReconcileScreen } from '../features/reconcile'
import { SettingsScreen } from '../features/settings'
import { WatchesScreen } from '../features/watches'
import type { Screen } from '../state/nav'

interface ScreenSpec {
  view: ComponentType
  /** Has a Ctrl/⌘+digit shortcut, numbered among the screens that have one. */
  shortcut?: boolean
  /** Shown beside the screen's name in the sidebar (Buy: how many lines the basket holds). */
  badge?: ComponentType
}

/** Every screen exactly once (the type says so), in sidebar order. */
const TABLE = {
  catalog: { view: CatalogScreen, shortcut: true },
  watches: { view: WatchesScreen },
  balances: { view: BalancesScreen, shortcut: true },
  buy: { view: BuyScreen, shortcut: true, badge: BasketBadge },
  orders: { view: OrdersScreen, shortcut: true },
  codes: { view: CodesScreen, shortcut: true },
  history: { view: HistoryScreen, shortcut: true },
  reconcile: { view: ReconcileScreen, shortcut: true },
  ledger: { view: LedgerScreen, shortcut: true },
  accounts: { view: AccountsScreen, shortcut: true },
  markup: { view: MarkupScreen },
  settings: { view: SettingsScreen }
} satisfies Record<Screen, ScreenSpec>

export interface ScreenEntry extends ScreenSpec {
  id: Screen
}

export const SCREENS: readonly ScreenEntry[] = (Object.keys(TABLE) as Screen[]).map((id) => ({ id, ...TABLE[id] }))

/** The screens of Ctrl/⌘+1…9, in that order. */
export const SHORTCUT_SCREENS: readonly Screen[] = SCREENS.filter((s) => s.shortcut)
  .map((s) => s.id)
  .slice(0, 9)

export function screenView(screen: Screen): ComponentType {
  return TABLE[screen].view
}
