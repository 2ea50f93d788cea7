// Ledger: account statements next to our own purchases and refunds. Public surface; import this feature only from here
// (features/README.md).
export { LedgerScreen } from './LedgerScreen'
export { useLedger } from './store'
