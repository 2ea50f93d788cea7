// Which upstream systems this build can speak, and what an account of each kind starts with.
import type { ProviderKind } from '../../shared/domain'
import { createDigetalHubeAdapter } from './digetalhube/adapter'
import type { AdapterFactory } from './types'

export interface ProviderInfo {
  kind: ProviderKind
  label: string
  defaultBaseUrl: string
  defaultCurrency: string
  /** null while the adapter is not built yet. */
  factory: AdapterFactory | null
}

export const PROVIDERS: Record<ProviderKind, ProviderInfo> = {
  digetalhube: { kind: 'digetalhube', label: 'DigetalHube', defaultBaseUrl: 'https://digetalhube.com', defaultCurrency: 'USDT', factory: (ctx) => createDigetalHubeAdapter(ctx) },
  aidigitaltools: { kind: 'aidigitaltools', label: 'AI Digital Tools', defaultBaseUrl: 'https://aidigitaltools.lovable.app', defaultCurrency: 'USD', factory: null },
  oneclickdz: { kind: 'oneclickdz', label: 'OneClickDz', defaultBaseUrl: 'https://api.oneclickdz.com', defaultCurrency: 'DZD', factory: null },
  hyper: { kind: 'hyper', label: 'Hyper Teknoloji', defaultBaseUrl: 'https://api.hyper.com.tr', defaultCurrency: 'TRY', factory: null },
  digiseller: { kind: 'digiseller', label: 'Digiseller', defaultBaseUrl: 'https://api.digiseller.com', defaultCurrency: 'USD', factory: null }
}
