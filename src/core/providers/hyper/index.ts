export { createHyperAdapter, HYPER_CAPABILITIES, PATHS as HYPER_PATHS, type HyperOptions } from './adapter'
export { DeliveryWebhook as HyperDeliveryWebhook } from './schemas'
