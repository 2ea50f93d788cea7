// Watches: products watched for price and stock changes. Public surface; import this feature only from here
// (features/README.md).
import './events' // subscribes this feature's stores to the core's events and the session
export { useWatches } from './store'
export { WatchesScreen } from './WatchesScreen'
