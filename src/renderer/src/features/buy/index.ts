// Buy: the basket, its plan, placing it and following the purchase. Public surface; import this feature only from here
// (features/README.md).
export { BuyScreen } from './BuyScreen'
export { useBuy } from './store'
