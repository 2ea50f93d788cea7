// Reconcile: our journal against each account's balance over a period. Public surface; import this feature only from
// here (features/README.md).
import './events' // subscribes this feature's stores to the core's events and the session
export { ReconcileScreen } from './ReconcileScreen'
