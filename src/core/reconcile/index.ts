// The reconcile slice's public surface: other slices and the composition root import only what is here.
export { reconcileHandlers } from './handlers'
export { ReconcileService } from './reconcile-service'
