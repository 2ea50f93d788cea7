// The one subscription to the core's events; each event is handed to the stores that show it.
import type { AppEvent } from '../../../shared/contract'
import { hasBridge } from '../api'
import { formatMoney } from '../format/money'
import { t } from '../i18n'
import { useAccounts } from '../features/accounts'
import { useAudit } from '../features/audit'
import { useBalanceCharts } from '../features/balances'
import { useBalances } from '../state/balances'
import { useBuy } from '../features/buy'
import { useCatalog } from '../features/catalog'
import { useCodes } from '../features/codes'
import { noteSettled, showOrder, useOrders } from '../features/orders'
import { useLedger } from '../features/ledger'
import { useNotices } from '../state/notices'
import { useSession } from '../state/session'
import { useWatches } from '../features/watches'

export function routeEvent(event: AppEvent): void {
  switch (event.type) {
    case 'orders.changed':
      useOrders.getState().applyOrders(event.orders)
      useBuy.getState().applyOrders(event.orders)
      break
    case 'order.settled':
      useOrders.getState().applyOrders([event.order])
      useBuy.getState().applyOrders([event.order])
      useCodes.getState().scheduleRefresh()
      useLedger.getState().scheduleRefresh()
      useAudit.getState().scheduleRefresh()
      void noteSettled(event.order)
      break
    case 'balances.changed':
      useBalances.getState().apply(event.balances)
      useBalanceCharts.getState().scheduleRefresh()
      break
    case 'balance.low':
      useBalances.getState().markLow(event.accountId)
      useNotices.getState().push('warning', t.balances.lowToast(event.accountName, formatMoney(event.available), formatMoney(event.threshold)), undefined, 'balance.low')
      break
    case 'catalog.synced':
      useCatalog.getState().scheduleRefresh()
      break
    case 'catalog.changed':
      useWatches.getState().announce(event.changes)
      break
    case 'accounts.changed':
      void useAccounts.getState().load()
      void useBalances.getState().load()
      void useSession.getState().refreshInfo()
      break
    case 'notice':
      // The same news as a typed event above, which says it in the window's own words.
      if (event.about) break
      useNotices.getState().push(event.level, event.message, event.orderId)
      break
    case 'open.order':
      showOrder(event.orderId)
      break
  }
}

let unsubscribe: (() => void) | null = null

/** Subscribes once for the life of the page (outside React, so StrictMode cannot double it). */
export function connectEvents(): void {
  if (unsubscribe || !hasBridge()) return
  unsubscribe = window.api.onEvent(routeEvent)
}
