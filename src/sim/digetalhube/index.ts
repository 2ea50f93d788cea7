export { startDigetalHubeSim, DIGETALHUBE_DEMO_KEY, DIGETALHUBE_DEMO_BALANCE } from './server'
export { DEFAULT_CATALOG } from './catalog'
export type { DigetalHubeAction, DigetalHubeSim, DigetalHubeSimOptions, ProcessingStep, SimLie, SimOrderSnapshot, SimOrderStatus, SimProduct } from './types'
