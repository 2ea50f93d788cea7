export {
  AIDIGITALTOOLS_CAPABILITIES,
  createAiDigitalToolsAdapter,
  type AiDigitalToolsAdapter,
  type AiDigitalToolsOptions,
  type KeyPlacement
} from './adapter'
