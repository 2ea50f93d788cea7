export { startHyperSim, HYPER_DEMO_EMAIL, HYPER_DEMO_PASSWORD, HYPER_DEMO_BALANCE, HYPER_DEMO_CALLBACK_APIKEY } from './server'
export { DEFAULT_HYPER_CATALOG } from './catalog'
export { HYPER_ACTIONS } from './types'
export type {
  HyperAction,
  HyperDeliveryStatus,
  HyperSim,
  HyperSimAccount,
  HyperSimCatalog,
  HyperSimCategory,
  HyperSimOptions,
  HyperSimOrderSnapshot,
  HyperSimProduct,
  HyperSimRequireField,
  HyperSimRequireValue,
  HyperSimType
} from './types'
