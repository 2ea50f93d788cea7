// Catalog: search every account's catalog with cost and sell price, sync, Buy and Watch. Public surface; import this
// feature only from here (features/README.md).
export { CatalogScreen } from './CatalogScreen'
export { SEARCH_LIMIT, useCatalog } from './store'
