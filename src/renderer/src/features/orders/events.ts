// What the orders feature hears: orders changing and settling (with the delivery toast once a purchase is done), and
// a notification or tray click about an order, which opens it.
import { onEvent, onSessionReset } from '../../state/events'
import { onOpen, openScreen } from '../../state/nav'
import { noteSettled, resetDeliveries } from './deliveries'
import { useOrders } from './store'

onEvent('orders.changed', (e) => useOrders.getState().applyOrders(e.orders))
onEvent('order.settled', (e) => {
  useOrders.getState().applyOrders([e.order])
  void noteSettled(e.order)
})
onEvent('open.order', (e) => openScreen('orders', { orderId: e.orderId }))
onSessionReset(() => {
  useOrders.getState().reset()
  resetDeliveries()
})
onOpen('orders', ({ orderId }) => useOrders.getState().select(orderId))
