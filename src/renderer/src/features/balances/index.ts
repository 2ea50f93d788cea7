// Balances: each account's balance over time with its run-out forecast. Public surface; import this feature only from
// here (features/README.md).
export { BalancesScreen } from './BalancesScreen'
export { useBalanceCharts } from './store'
