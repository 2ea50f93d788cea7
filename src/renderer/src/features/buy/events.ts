// What the Buy screen hears: its purchase's orders as they change and settle; Buy on a product adds it to the basket.
import { onEvent, onSessionReset } from '../../state/events'
import { onOpen } from '../../state/nav'
import { useBuy } from './store'

onEvent('orders.changed', (e) => useBuy.getState().applyOrders(e.orders))
onEvent('order.settled', (e) => useBuy.getState().applyOrders([e.order]))
onSessionReset(() => useBuy.getState().reset())
onOpen('buy', ({ item }) => useBuy.getState().add(item))
