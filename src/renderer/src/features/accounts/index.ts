// Accounts: the supplier accounts and the storefront (add, edit, test, remove). Public surface for the other features
// and the shell; import this feature only from here (features/README.md).
import './events' // subscribes this feature's stores to the core's events and the session
export { AccountFilter } from './AccountFilter'
export { AccountsScreen } from './AccountsScreen'
export { useAccounts } from './store'
