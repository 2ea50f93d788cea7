// Accounts: the supplier accounts and the storefront (add, edit, test, remove). Public surface for the other features
// and the shell; import this feature only from here (features/README.md).
export { AccountsScreen } from './AccountsScreen'
export { useAccounts } from './store'
