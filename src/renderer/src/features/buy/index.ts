// Buy: the basket, its plan, placing it and following the purchase. Public surface; import this feature only from here
// (features/README.md).
import './events' // subscribes this feature's stores to the core's events and the session
export { BasketBadge } from './BasketBadge'
export { BuyScreen } from './BuyScreen'
