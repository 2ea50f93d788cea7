// Public types of the AI Digital Tools simulator (seed 001). Other code is written against these: change with care.
import type { FaultInjector } from '../common/faults'

/** One per documented endpoint; faults are injected per action. */
export type AiDigitalToolsAction = 'health' | 'balance' | 'products' | 'product' | 'create_order' | 'order_status' | 'cancel_order'

export const AIDIGITALTOOLS_ACTIONS: readonly AiDigitalToolsAction[] = [
  'health',
  'balance',
  'products',
  'product',
  'create_order',
  'order_status',
  'cancel_order'
]

/** The seed's status words. */
export type SimOrderStatus = 'pending' | 'processing' | 'delivered' | 'cancelled' | 'refunded'

/** [assume] The shape of one custom_fields entry (the seed only shows an empty list). */
export interface SimCustomField {
  name: string
  label: string
  type: 'text' | 'number' | 'email' | 'select'
  required: boolean
  placeholder?: string
  /** Whole-value pattern, as in an HTML input's pattern attribute (no anchors needed). */
  pattern?: string
  /** Only for type "select". */
  options?: string[]
}

export interface SimProduct {
  /** A UUID in the real API; any non-empty text here. */
  id: string
  name: string
  description: string
  /** List price as decimal text, e.g. "10.00". */
  price: string
  stock: number
  categoryId: string
  /** Delivered in the create reply itself; otherwise pending → processing → delivered by hand. */
  autoDeliver: boolean
  /** This product's discount for every reseller, overriding the account's own (e.g. a low-margin item). */
  discountPercent?: number
  customFields?: SimCustomField[]
  /** Pattern for issued items: `#` letter-or-digit, `&` digit, `@` letter, anything else literal. */
  codeFormat?: string
}

export interface SimAccount {
  apiKey: string
  /** Wallet balance as decimal text, e.g. "250.00". */
  balance: string
  /** The account's default discount in percent; default 10. */
  discountPercent?: number
  /** A revoked key answers 403 to everything but /health. */
  revoked?: boolean
  /** Requests per minute this key may make (GET /balance reports it); default 60. */
  rateLimitPerMinute?: number
}

export interface AiDigitalToolsSimOptions {
  /** Default 0 (random). The simulator always binds 127.0.0.1. */
  port?: number
  /** Time scale: 1 = real time; 100 = 100x faster. Default 1. */
  speed?: number
  /** RNG seed for determinism; default a random seed. */
  seed?: number
  /** Default: AIDIGITALTOOLS_DEMO_KEY with "250.00" and 10 % discount, and AIDIGITALTOOLS_REVOKED_KEY (revoked). */
  accounts?: SimAccount[]
  /** Default: the seeded demo catalog (see catalog.ts). */
  products?: SimProduct[]
  /** Real time a manually delivered order stays `pending`, before scaling; default [20_000, 60_000]. */
  pendingMs?: [number, number]
  /** Real time it then stays `processing` until delivered, before scaling; default [30_000, 120_000]. */
  processingMs?: [number, number]
  /** Share of manually delivered orders the seller refunds instead of delivering; default 0. */
  refundRate?: number
  /** Overrides every account's per-minute limit; false disables rate limiting. */
  rateLimits?: { perMinute: number } | false
}

export interface SimOrderSnapshot {
  orderId: string
  apiKey: string
  productId: string
  productName: string
  quantity: number
  /** Decimal text, two decimals at least. */
  unitPrice: string
  /** Decimal text, two decimals at least. */
  total: string
  customerRef: string | null
  customData: Record<string, string>
  status: SimOrderStatus
  /** ISO 8601. */
  createdAt: string
  deliveredAt: string | null
  cancelReason: string | null
  /** Issued items (empty unless delivered). */
  codes: string[]
  /** Decimal text, null unless cancelled or refunded. */
  refunded: string | null
}

export interface AiDigitalToolsSim {
  /** The site, e.g. "http://127.0.0.1:43123": the adapter appends "/api/public/v1/…". */
  baseUrl: string
  /** baseUrl + "/api/public/v1". */
  apiBaseUrl: string
  faults: FaultInjector<AiDigitalToolsAction>
  /** Every item ever delivered, per api key, in issue order — tests check the client's vault against this. */
  issuedCodes(apiKey: string): string[]
  /** All orders of the key, oldest first. */
  orders(apiKey: string): SimOrderSnapshot[]
  /** Wallet balance as decimal text (two decimals at least, e.g. "250.00"). */
  balance(apiKey: string): string
  setStock(productId: string, stock: number): void
  /** Revoke a key (403 from then on), as the admin does when a key leaks. */
  revokeKey(apiKey: string): void
  close(): Promise<void>
}
