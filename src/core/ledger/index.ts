// The ledger slice's public surface: other slices and the composition root import only what is here.
export { ledgerHandlers } from './handlers'
export { LedgerService } from './ledger-service'
