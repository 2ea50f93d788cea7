// Names are prefixed where a bare one (SimProduct, SimBalance…) would clash with another simulator's in src/sim/index.ts.
export { startDigisellerSim, DIGISELLER_DEMO_SELLER_ID, DIGISELLER_DEMO_API_KEY, DIGISELLER_DEMO_OPENING } from './server'
export { DEFAULT_STOREFRONT as DIGISELLER_DEFAULT_STOREFRONT } from './catalog'
export type {
  AddOperationInput as DigisellerAddOperationInput,
  AddSaleInput as DigisellerAddSaleInput,
  AggregatorCode as DigisellerAggregator,
  DigisellerAction,
  DigisellerSim,
  DigisellerSimAccount,
  DigisellerSimOptions,
  PaymentMethod as DigisellerPaymentMethod,
  Purse as DigisellerPurse,
  RefundInput as DigisellerRefundInput,
  SimBalance as DigisellerSimBalance,
  SimCurrency as DigisellerCurrency,
  SimOperationSnapshot as DigisellerOperationSnapshot,
  SimProduct as DigisellerSimProduct,
  SimSaleSnapshot as DigisellerSaleSnapshot
} from './types'
