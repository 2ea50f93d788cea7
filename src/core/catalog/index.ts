// The catalog slice's public surface: other slices and the composition root import only what is here.
export { CatalogSchedule, DAY_MS } from './catalog-schedule'
export { CatalogService } from './catalog-service'
export { CatalogWatchService } from './catalog-watch-service'
export { catalogHandlers } from './handlers'
export { MarkupService } from './markup-service'
