// Watches: products watched for price and stock changes. Public surface; import this feature only from here
// (features/README.md).
export { stockText, useWatches } from './store'
