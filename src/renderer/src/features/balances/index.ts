// Balances: each account's balance over time with its run-out forecast. Public surface; import this feature only from
// here (features/README.md).
import './events' // subscribes this feature's stores to the core's events and the session
export { BalancesScreen } from './BalancesScreen'
