// The codes slice's public surface: other slices and the composition root import only what is here.
export { CodeService } from './code-service'
export { isOurTempName } from './csv'
export { codesHandlers } from './handlers'
