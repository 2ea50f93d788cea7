// Tells the renderer's TypeScript that window.api is the contract's RendererApi (exposed by the preload, or by
// the test bridge's shim in Playwright runs).
import type { RendererApi } from '../shared/contract'

declare global {
  interface Window {
    api: RendererApi
  }
}
