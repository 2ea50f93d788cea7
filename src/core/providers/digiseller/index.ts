export { createDigisellerAdapter, currencyOf, DIGISELLER_CAPABILITIES, loginSign, PATHS, RENEW_MARGIN_MS, UNSUPPORTED_MESSAGE } from './adapter'
