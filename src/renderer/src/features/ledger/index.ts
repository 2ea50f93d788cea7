// Ledger: account statements next to our own purchases and refunds. Public surface; import this feature only from here
// (features/README.md).
import './events' // subscribes this feature's stores to the core's events and the session
export { LedgerScreen } from './LedgerScreen'
