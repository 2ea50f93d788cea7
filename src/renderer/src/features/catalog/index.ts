// Catalog: search every account's catalog with cost and sell price, sync, Buy and Watch. Public surface; import this
// feature only from here (features/README.md).
import './events' // subscribes this feature's stores to the core's events and the session
export { CatalogScreen } from './CatalogScreen'
export { useCatalog } from './store'
