// Orders: the order journal, an order's detail, review decisions and cancels, and the delivery toasts. Public
// surface; import this feature only from here (features/README.md).
export { CancelOrderDialog } from './CancelOrderDialog'
export { OrdersScreen } from './OrdersScreen'
export { showOrder, useOrders } from './store'
export { noteSettled, resetDeliveries } from './deliveries'
