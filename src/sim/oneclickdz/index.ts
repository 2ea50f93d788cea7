export {
  startOneClickDzSim,
  ONECLICKDZ_DEMO_ACCOUNT,
  ONECLICKDZ_DEMO_BALANCE,
  ONECLICKDZ_DEMO_KEY,
  ONECLICKDZ_DEMO_SANDBOX_KEY,
  ONECLICKDZ_DEMO_USERNAME
} from './server'
export { DEFAULT_CATALOG as ONECLICKDZ_DEFAULT_CATALOG } from './catalog'
export { TEST_PARTIAL as ONECLICKDZ_TEST_PARTIAL, TEST_REFUND as ONECLICKDZ_TEST_REFUND, ONECLICKDZ_ACTIONS } from './types'
export type {
  OneClickDzAction,
  OneClickDzSim,
  OneClickDzSimOptions,
  SimAccount as OneClickDzSimAccount,
  SimCard as OneClickDzSimCard,
  SimKey as OneClickDzSimKey,
  SimKeyType as OneClickDzKeyType,
  SimOrderSnapshot as OneClickDzOrderSnapshot,
  SimOrderStatus as OneClickDzOrderStatus,
  SimProduct as OneClickDzSimProduct,
  SimProductType as OneClickDzSimProductType
} from './types'
