// The wire shapes now live with their feature's channels in ./contract/<feature>.ts; this re-export keeps older
// imports working while they move (new code imports from './contract').
export * from './contract/common'
export * from './contract/app'
export * from './contract/settings'
export * from './contract/accounts'
export * from './contract/catalog'
export * from './contract/balances'
export * from './contract/orders'
export * from './contract/ledger'
export * from './contract/codes'
export * from './contract/audit'
export * from './contract/reconcile'
