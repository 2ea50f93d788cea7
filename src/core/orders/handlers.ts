// The orders slice's part of the contract.
import type { ordersChannels } from '../../shared/contract'
import type { HandlersOf } from '../handler-types'
import type { OrderEngine } from './order-engine'
import { describeHolder } from './order-leases'
import type { OrderService } from './order-service'

export type OrdersChannel = keyof typeof ordersChannels

export function ordersHandlers(orders: OrderService, engine: OrderEngine): HandlersOf<OrdersChannel> {
  return {
    'orders.plan': async (i) => orders.plan(i),
    'orders.place': async (i) => {
      // A command's engine starts with its first purchase; the app's runs from the start.
      engine.ensureStarted()
      const placed = await orders.place(i)
      // One process works an account's orders at a time (order-leases.ts): say who, when it is not us.
      const accountIds = [...new Set(placed.plan.lines.map((l) => l.accountId))]
      const workedElsewhere = accountIds.flatMap((accountId) => {
        const holder = engine.leases.holder(accountId)
        return holder ? [{ accountId, by: describeHolder(holder) }] : []
      })
      return { ...placed, workedElsewhere }
    },
    'orders.list': async (i) => orders.list(i),
    'orders.get': async (i) => orders.get(i.orderId),
    'orders.find': async (i) => ({ orderId: orders.find(i.idOrPrefix) }),
    'orders.wait': async (i) => {
      const ids = i.orderIds ?? orders.activeIds()
      if (ids.length === 0) return []
      engine.ensureStarted()
      const settled = await engine.whenSettled(ids)
      return settled.map((o) => orders.toView(o))
    },
    'orders.resolve': async (i) => orders.resolve(i.orderId, i.resolution),
    'orders.cancel': async (i) => orders.cancel(i.orderId, i.reason ?? null)
  }
}
