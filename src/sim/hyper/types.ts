// Public types of the Hyper Teknoloji simulator (seed 003, UPSTREAMS.md §4). Other code is written against these.
import type { FaultInjector } from '../common/faults'

/** One name per endpoint, for fault injection. */
export type HyperAction =
  | 'login'
  | 'categories'
  | 'category_types'
  | 'products'
  | 'product_detail'
  | 'order_create'
  | 'order_detail'
  | 'order_list'
  | 'order_cancel'
  | 'account_details'

export const HYPER_ACTIONS: readonly HyperAction[] = [
  'login',
  'categories',
  'category_types',
  'products',
  'product_detail',
  'order_create',
  'order_detail',
  'order_list',
  'order_cancel',
  'account_details'
]

/** The delivery status of an order line: 0 cancelled, 1 delivered, 2 processing, 3 removed. */
export type HyperDeliveryStatus = 0 | 1 | 2 | 3

export interface HyperSimCategory {
  id: number
  name: string
  parentId: number | null
}

/** A category type: the denomination or region products of a category come in. */
export interface HyperSimType {
  id: number
  categoryId: number
  name: string
}

export interface HyperSimRequireField {
  id: number
  /** The key sent back in an order's RequireData, e.g. "PlayerID". */
  identifier: string
  /** What people see, e.g. "Player ID". */
  name: string
  required: boolean
  /** Anchored regular expression the value must match; null for any non-empty text. */
  regex: string | null
}

export interface HyperSimProduct {
  id: number
  name: string
  categoryId: number
  typeId: number | null
  description: string
  /** Decimal text in the account currency, e.g. "42.90". */
  price: string
  /** null: delivered on demand, no stock count (direct top-ups). */
  stock: number | null
  active: boolean
  requireData?: HyperSimRequireField[]
  /** Pattern for issued codes: `#` letter-or-digit, `&` digit, `@` letter, anything else literal. */
  codeFormat?: string
}

export interface HyperSimCatalog {
  categories: HyperSimCategory[]
  types: HyperSimType[]
  products: HyperSimProduct[]
}

export interface HyperSimAccount {
  email: string
  password: string
  /** Decimal text, e.g. "20000.00". */
  balance: string
  /** How far the balance may go below zero; decimal text, default "0.00". */
  creditLimit?: string
  /** Default "TRY". */
  currency?: string
  /** The `Apikey` header value sent with delivery callbacks. */
  callbackApiKey?: string
}

export interface HyperSimOptions {
  /** Default 0 (random). The simulator always binds 127.0.0.1. */
  port?: number
  /** Time scale: 1 = real time; 100 = every duration (delivery, token lifetime) 100x shorter. Default 1. */
  speed?: number
  /** Wall clock for tests (ms); default Date.now. Timestamps on the wire follow it. */
  now?: () => number
  /** Real-time delivery range before scaling; default [5_000, 60_000]. */
  deliveryMs?: [number, number]
  /** Probability a line ends "removed" (status 3) with a full refund instead of being delivered; default 0. */
  failureRate?: number
  /** Real-time token lifetime before scaling; default 3_600_000 (one hour). */
  tokenLifetimeMs?: number
  /** RNG seed for determinism; default a random seed. */
  seed?: number
  /** Default: one demo account (HYPER_DEMO_EMAIL / HYPER_DEMO_PASSWORD, balance HYPER_DEMO_BALANCE TRY). */
  accounts?: HyperSimAccount[]
  /** Default 60 requests per minute per account, 10 logins per minute per e-mail; false disables. */
  rateLimits?: { perMinute: number; loginsPerMinute: number } | false
  /** Default: the seeded demo catalog (catalog.ts). */
  catalog?: HyperSimCatalog
}

export interface HyperSimRequireValue {
  ProductRequireID: number
  Identifier: string
  Value: string
}

export interface HyperSimOrderSnapshot {
  orderId: number
  orderDetailId: number
  deliverId: string
  email: string
  productId: number
  productName: string
  typeId: number | null
  quantity: number
  /** Decimal text. */
  unitPrice: string
  /** Decimal text. */
  totalPrice: string
  status: HyperDeliveryStatus
  createdAtMs: number
  /** Wall-clock ms when the line reached a final status; null while processing. */
  settledAtMs: number | null
  codes: string[]
  /** Decimal text; null unless cancelled or removed. */
  refundAmount: string | null
  requireData: HyperSimRequireValue[]
  notifyUrl: string | null
}

export interface HyperSim {
  /** e.g. "http://127.0.0.1:43123" — the adapter appends "/Order/create" etc. */
  baseUrl: string
  faults: FaultInjector<HyperAction>
  /** Every code ever issued to the account, in issue order. */
  issuedCodes(email: string): string[]
  /** All order lines of the account, oldest first. */
  orders(email: string): HyperSimOrderSnapshot[]
  /** The account's Balance as decimal text (two decimals at least, e.g. "20000.00"). */
  balance(email: string): string
  /** Successful logins (tokens issued) for the e-mail so far. */
  logins(email: string): number
  /** Requests refused with 401 TOKEN_EXPIRED because a token of this account had expired. */
  authFailures(email: string): number
  /** Makes every token of the account expire now (the next request with one gets 401 TOKEN_EXPIRED). */
  expireTokens(email: string): void
  /** null: no stock count. */
  setStock(productId: number, stock: number | null): void
  close(): Promise<void>
}
