// The balances slice's public surface: other slices and the composition root import only what is here.
export { BalanceService } from './balance-service'
export { balancesHandlers } from './handlers'
