export {
  startAiDigitalToolsSim,
  AIDIGITALTOOLS_DEMO_KEY,
  AIDIGITALTOOLS_DEMO_BALANCE,
  AIDIGITALTOOLS_DEMO_DISCOUNT_PERCENT,
  AIDIGITALTOOLS_REVOKED_KEY
} from './server'
export { DEFAULT_CATALOG as AIDIGITALTOOLS_DEFAULT_CATALOG, PRODUCT_IDS as AIDIGITALTOOLS_PRODUCT_IDS, CATEGORY_IDS as AIDIGITALTOOLS_CATEGORY_IDS } from './catalog'
export type {
  AiDigitalToolsAction,
  AiDigitalToolsSim,
  AiDigitalToolsSimOptions,
  SimAccount as AiDigitalToolsSimAccount,
  SimCustomField as AiDigitalToolsSimCustomField,
  SimOrderSnapshot as AiDigitalToolsSimOrderSnapshot,
  SimOrderStatus as AiDigitalToolsSimOrderStatus,
  SimProduct as AiDigitalToolsSimProduct
} from './types'
