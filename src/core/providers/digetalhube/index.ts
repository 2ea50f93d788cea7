export { createDigetalHubeAdapter, DIGETALHUBE_CAPABILITIES, type DigetalHubeOptions, type KeyPlacement } from './adapter'
