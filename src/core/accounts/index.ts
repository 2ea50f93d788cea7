// The accounts slice's public surface: other slices and the composition root import only what is here.
export { AccountService, type NewAccountInput } from './account-service'
export { accountsHandlers } from './handlers'
