// The orders slice's part of the contract.
import type { ordersChannels } from '../../shared/contract'
import type { HandlersOf } from '../handler-types'
import type { OrderService } from './order-service'

export type OrdersChannel = keyof typeof ordersChannels

export function ordersHandlers(orders: OrderService): HandlersOf<OrdersChannel> {
  return {
    'orders.plan': async (i) => orders.plan(i),
    'orders.place': async (i) => orders.place(i),
    'orders.list': async (i) => orders.list(i),
    'orders.get': async (i) => orders.get(i.orderId),
    'orders.resolve': async (i) => orders.resolve(i.orderId, i.resolution),
    'orders.cancel': async (i) => orders.cancel(i.orderId, i.reason ?? null)
  }
}
