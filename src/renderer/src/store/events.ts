// The one subscription to the core's events; each event is handed to the stores that show it.
import type { AppEvent } from '../../../shared/contract'
import { hasBridge } from '../api'
import { useAccounts } from './accounts'
import { useBalances } from './balances'
import { useBuy } from './buy'
import { useCatalog } from './catalog'
import { useCodes } from './codes'
import { useLedger } from './ledger'
import { useNotices } from './notices'
import { useOrders } from './orders'
import { useSession } from './session'

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
      break
    case 'balances.changed':
      useBalances.getState().apply(event.balances)
      break
    case 'catalog.synced':
      useCatalog.getState().scheduleRefresh()
      break
    case 'accounts.changed':
      void useAccounts.getState().load()
      void useBalances.getState().load()
      void useSession.getState().refreshInfo()
      break
    case 'notice':
      useNotices.getState().push(event.level, event.message, event.orderId)
      break
  }
}

let unsubscribe: (() => void) | null = null

/** Subscribes once for the life of the page (outside React, so StrictMode cannot double it). */
export function connectEvents(): void {
  if (unsubscribe || !hasBridge()) return
  unsubscribe = window.api.onEvent(routeEvent)
}
