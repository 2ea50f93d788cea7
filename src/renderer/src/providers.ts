// What the Add-account form asks for, per supplier kind (mirrors the Credentials schema in src/shared).
import type { ProviderKind } from '../../shared/domain'
import type { Credentials } from '../../shared/contract'

export type CredentialField = 'apiKey' | 'email' | 'password' | 'sellerId'

export interface ProviderForm {
  /** The usual API address; empty where every customer has their own host (Hyper is tenant-specific). */
  defaultBaseUrl: string
  credentials: readonly CredentialField[]
}

export const PROVIDER_FORMS: Record<ProviderKind, ProviderForm> = {
  digetalhube: { defaultBaseUrl: 'https://digetalhube.com', credentials: ['apiKey'] },
  aidigitaltools: { defaultBaseUrl: 'https://aidigitaltools.lovable.app', credentials: ['apiKey'] },
  oneclickdz: { defaultBaseUrl: 'https://api.oneclickdz.com', credentials: ['apiKey'] },
  hyper: { defaultBaseUrl: '', credentials: ['email', 'password'] },
  digiseller: { defaultBaseUrl: 'https://api.digiseller.com', credentials: ['sellerId', 'apiKey'] }
}

/** Secrets are typed into password boxes; identifiers (e-mail, seller id) stay readable. */
export const CREDENTIAL_INPUT: Record<CredentialField, { type: 'password' | 'email' | 'text'; autoComplete: string }> = {
  apiKey: { type: 'password', autoComplete: 'off' },
  password: { type: 'password', autoComplete: 'new-password' },
  email: { type: 'email', autoComplete: 'off' },
  sellerId: { type: 'text', autoComplete: 'off' }
}

export function buildCredentials(kind: ProviderKind, v: Record<CredentialField, string>): Credentials {
  switch (kind) {
    case 'digetalhube':
    case 'aidigitaltools':
    case 'oneclickdz':
      return { kind, apiKey: v.apiKey.trim() }
    case 'hyper':
      return { kind, email: v.email.trim(), password: v.password }
    case 'digiseller':
      return { kind, sellerId: v.sellerId.trim(), apiKey: v.apiKey.trim() }
  }
}
