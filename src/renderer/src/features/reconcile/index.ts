// Reconcile: our journal against each account's balance over a period. Public surface; import this feature only from
// here (features/README.md).
export { ReconcileScreen } from './ReconcileScreen'
export { useReconcile } from './store'
