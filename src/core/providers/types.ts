// One interface for every upstream system. Adapters translate; they hold no state beyond auth tokens,
// never touch the database, and validate every reply at the boundary (zod), turning anything
// unexpected into an UpstreamError('MALFORMED_REPLY').
import type { Money } from '../money'
import type { Credentials, CustomField } from '../../shared/contract'
import type { ProviderKind } from '../../shared/domain'

/** Which token bucket a request draws from (DigetalHube: products are limited per IP, apart from the key's limit). */
export type RateBucket = 'default' | 'catalog'
/** Submits and polls go before balance and catalog calls. */
export type RequestPriority = 'high' | 'low'

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Path relative to the account's base URL, e.g. "/reseller_api.php". */
  path: string
  query?: Record<string, string | number | boolean | undefined>
  headers?: Record<string, string>
  body?: unknown
  bucket?: RateBucket
  priority?: RequestPriority
  timeoutMs?: number
  /**
   * Whether the request is safe to repeat. Idempotent requests (GETs) are retried by the client on 429/5xx/network
   * errors with backoff; non-idempotent ones (create order) are sent exactly once and any doubt is reported as
   * UpstreamError placement 'unknown'.
   */
  idempotent?: boolean
}

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  /** The raw body; parse it with parseUpstreamJson so amounts keep their exact decimal text. */
  text: string
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>
}

export interface AdapterContext {
  baseUrl: string
  credentials: Credentials
  http: HttpClient
  now(): Date
  /** The account's currency where the upstream does not name one. */
  currency: string
}

export interface ProviderCapabilities {
  /** Upstream accepts our own client reference (idempotency / lookup), e.g. customer_ref, ref, DeliverID. */
  clientReference: boolean
  cancel: boolean
  /** listOrders is available (one call for many orders; crash recovery by matching). */
  listOrders: boolean
  /** A supplier sells codes; Digiseller is our own storefront and is not one. */
  supplier: boolean
  minQuantityPerOrder: number
  maxQuantityPerOrder: number
  /** Documented delivery time, to delay the first poll. */
  typicalDeliverySeconds: number
  pollIntervalSeconds: number
  /** Requests per minute per bucket. */
  rateLimits: Partial<Record<RateBucket, number>> & { default: number }
  /** Whether several codes of one order can arrive partially (OneClickDz PARTIALLY_FILLED). */
  partialFulfilment: boolean
}

/**
 * UpstreamBalance.details key: set (to words for people) when the supplier's balance reply does not add up by a rule
 * we inferred but the supplier never documented (a bonus credit, an adjustment). The reading is kept, the person is
 * told, and reconciliation does not treat the account's totals as exact.
 */
export const BALANCE_FLAG = 'flag'

export interface UpstreamBalance {
  /** What can be spent now, in the account's main currency. */
  available: Money
  /** Extra figures worth showing (total_spent, credit limit, locked…), already as text. */
  details: Record<string, string>
  /** Where the upstream keeps several currencies (Digiseller): every one, free and locked. */
  perCurrency?: { currency: string; free: Money; locked: Money }[]
}

/** One money movement at an upstream (Digiseller operations and sales), for the local ledger. */
export interface LedgerEntry {
  /** Stable upstream id, so importing the same entry again adds nothing. */
  externalId: string
  kind: 'sale' | 'refund' | 'withdrawal' | 'deposit' | 'fee' | 'other'
  at: Date
  /** Signed: money in is positive, money out negative. */
  amount: Money
  description: string
  productId: string | null
  productName: string | null
  /** Invoice / order reference at the upstream, when there is one. */
  reference: string | null
  /** The upstream's own type word, kept for people. */
  upstreamType: string
}

export interface UpstreamProduct {
  productId: string
  variantId: string | null
  title: string
  variantName: string | null
  category: string
  description: string
  price: Money
  stock: number | null
  inStock: boolean
  maxPerOrder: number
  fields: CustomField[]
}

export interface CreateOrderRequest {
  productId: string
  variantId: string | null
  quantity: number
  /** Our journal's reference for this order; sent where the upstream takes one. */
  clientRef: string
  fields: Record<string, string>
}

export type UpstreamOrderStatus = 'pending' | 'processing' | 'completed' | 'partially_completed' | 'failed' | 'cancelled'

export interface UpstreamOrder {
  upstreamId: string
  clientRef: string | null
  productId: string | null
  variantId: string | null
  quantity: number | null
  createdAt: Date | null
  status: UpstreamOrderStatus
  /** Delivered codes (plain text: they live only in memory until the vault encrypts them). */
  codes: string[]
  charged: Money | null
  refunded: Money | null
  fulfilledQuantity: number | null
  /** Progress for people, e.g. "purchasing". */
  step: string | null
  message: string | null
  /** The upstream's own status word, kept for the journal. */
  upstreamStatus: string
  /** The supplier's clock when it sent this reply (its `timestamp`), where it says. */
  serverTime?: Date | null
  /**
   * The delivery could not be split into exactly `quantity` items by the supplier's rule: `codes` then holds the
   * whole delivery as one item, and a person must look at it before anything is sold.
   */
  unsplitDelivery?: boolean
}

/** A supplier's running account totals (DigetalHube balance: total_orders, total_spent), for recovery proofs. */
export interface AccountTotals {
  totalOrders: number
  /** Decimal text. */
  totalSpent: string
  serverTime: Date | null
  /** Our clock when the reply arrived. */
  receivedAt: Date
}

/** The newest orders of the account, with the list's own count and the supplier's clock at the reply. */
export interface OrderHistory {
  /** Newest first. */
  orders: UpstreamOrder[]
  /** How many orders the account has in all (the list's `total`), where it says. */
  total: number | null
  serverTime: Date | null
  receivedAt: Date
}

export interface ProviderAdapter {
  readonly kind: ProviderKind
  readonly capabilities: ProviderCapabilities
  getBalance(): Promise<UpstreamBalance>
  listCatalog(): Promise<UpstreamProduct[]>
  createOrder(req: CreateOrderRequest): Promise<UpstreamOrder>
  getOrder(upstreamId: string): Promise<UpstreamOrder>
  /** Most recent first, at least back to `since` when the upstream allows. Only when capabilities.listOrders. */
  listOrders?(opts: { since: Date }): Promise<UpstreamOrder[]>
  /** Only when capabilities.clientReference and the upstream can look an order up by it. */
  findByClientRef?(clientRef: string, opts: { since: Date }): Promise<UpstreamOrder | null>
  /**
   * Suppliers without a client reference: the account's running totals. Read just before each create and again
   * when its reply is lost, they prove whether an order landed in between.
   */
  accountTotals?(): Promise<AccountTotals>
  /** Suppliers without a client reference: at least the `newest` most recent orders, newest first. */
  orderHistory?(opts: { newest: number }): Promise<OrderHistory>
  /** Only when capabilities.cancel. */
  cancelOrder?(upstreamId: string, reason: string | null): Promise<UpstreamOrder>
  /**
   * Only where the upstream keeps an account statement (Digiseller): entries since `since` (null: everything),
   * any order; paging is the adapter's business.
   */
  listLedger?(opts: { since: Date | null }): Promise<LedgerEntry[]>
}

export type AdapterFactory = (ctx: AdapterContext) => ProviderAdapter

/**
 * The per-account rate limiter as the HTTP client sees it: every request waits for a token from its bucket
 * (high priority first), and a 429/Retry-After pauses the whole account.
 */
export interface RequestGate {
  acquire(bucket: RateBucket, priority: RequestPriority): Promise<void>
  /** Pause every bucket of this account for at least `ms` (429 with Retry-After, repeated 5xx). */
  backoff(ms: number): void
}
