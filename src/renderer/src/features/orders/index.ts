// Orders: the order journal, an order's detail, review decisions and cancels, and the delivery toasts. Public
// surface; import this feature only from here (features/README.md).
import './events' // subscribes this feature's stores to the core's events and the session
export { CancelOrderDialog } from './CancelOrderDialog'
export { OrdersScreen } from './OrdersScreen'
