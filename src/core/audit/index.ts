// The audit slice's public surface: other slices and the composition root import only what is here.
export { auditHandlers } from './handlers'
