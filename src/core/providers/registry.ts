// Which upstream systems this build can speak, and what an account of each kind starts with.
import type { ProviderKind } from '../../shared/domain'
import { AIDIGITALTOOLS_CAPABILITIES, createAiDigitalToolsAdapter } from './aidigitaltools/adapter'
import { createDigetalHubeAdapter, DIGETALHUBE_CAPABILITIES } from './digetalhube/adapter'
import { createDigisellerAdapter, DIGISELLER_CAPABILITIES } from './digiseller/adapter'
import { createHyperAdapter, HYPER_CAPABILITIES } from './hyper/adapter'
import { createOneClickDzAdapter, ONECLICKDZ_CAPABILITIES } from './oneclickdz/adapter'
import type { AdapterFactory, ProviderCapabilities } from './types'

export interface ProviderInfo {
  kind: ProviderKind
  label: string
  defaultBaseUrl: string
  defaultCurrency: string
  factory: AdapterFactory
  capabilities: ProviderCapabilities
  /** Keeps a statement we import into the ledger. */
  ledger: boolean
}

export const PROVIDERS: Record<ProviderKind, ProviderInfo> = {
  digetalhube: { kind: 'digetalhube', label: 'DigetalHube', defaultBaseUrl: 'https://digetalhube.com', defaultCurrency: 'USDT', factory: (ctx) => createDigetalHubeAdapter(ctx), capabilities: DIGETALHUBE_CAPABILITIES, ledger: false },
  aidigitaltools: {
    kind: 'aidigitaltools',
    label: 'AI Digital Tools',
    defaultBaseUrl: 'https://aidigitaltools.lovable.app',
    defaultCurrency: 'USD',
    factory: (ctx) => createAiDigitalToolsAdapter(ctx),
    capabilities: AIDIGITALTOOLS_CAPABILITIES,
    ledger: false
  },
  oneclickdz: {
    kind: 'oneclickdz',
    label: 'OneClickDz',
    defaultBaseUrl: 'https://api.oneclickdz.com',
    defaultCurrency: 'DZD',
    factory: (ctx) => createOneClickDzAdapter(ctx),
    capabilities: ONECLICKDZ_CAPABILITIES,
    ledger: false
  },
  hyper: {
    kind: 'hyper',
    label: 'Hyper Teknoloji',
    // Each reseller platform runs on its own host: there is no meaningful default.
    defaultBaseUrl: '',
    defaultCurrency: 'TRY',
    factory: (ctx) => createHyperAdapter(ctx),
    capabilities: HYPER_CAPABILITIES,
    ledger: false
  },
  digiseller: {
    kind: 'digiseller',
    label: 'Digiseller',
    defaultBaseUrl: 'https://api.digiseller.com',
    defaultCurrency: 'USD',
    factory: (ctx) => createDigisellerAdapter(ctx),
    capabilities: DIGISELLER_CAPABILITIES,
    ledger: true
  }
}
