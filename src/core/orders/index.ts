// The orders slice's public surface: other slices and the composition root import only what is here.
export { AccountEvidenceStore } from './account-evidence'
export { ordersHandlers } from './handlers'
export { type EngineAccountRuntime, type EngineOptions, OrderEngine, scaledEngineOptions } from './order-engine'
export { describeHolder } from './order-leases'
export { grossCharge } from './order-money'
export { OrderService } from './order-service'
export { orderViewOf } from './order-view'
