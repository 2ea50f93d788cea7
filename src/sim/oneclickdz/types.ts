// Public types of the OneClickDz Flexy API v3 gift-card simulator (seed 002, UPSTREAMS.md §3). Other code is
// written against these: change with care.
import type { FaultInjector } from '../common/faults'

/** One per endpoint; faults are injected per action. */
export type OneClickDzAction = 'validate' | 'balance' | 'catalog' | 'checkProduct' | 'placeOrder' | 'checkOrder' | 'list'

export const ONECLICKDZ_ACTIONS: readonly OneClickDzAction[] = ['validate', 'balance', 'catalog', 'checkProduct', 'placeOrder', 'checkOrder', 'list']

export type SimKeyType = 'SANDBOX' | 'PRODUCTION'

export type SimOrderStatus = 'HANDLING' | 'FULFILLED' | 'PARTIALLY_FILLED' | 'REFUNDED'

/** Sandbox type ids ([seed]): TEST_REFUND ends REFUNDED, TEST_PARTIAL delivers half (rounded down). */
export const TEST_REFUND = 'TEST_REFUND'
export const TEST_PARTIAL = 'TEST_PARTIAL'

export interface SimKey {
  apiKey: string
  type: SimKeyType
  /** Default "READ-WRITE"; a "READ-ONLY" key may not place orders. */
  scope?: 'READ-WRITE' | 'READ-ONLY'
  /** Default true; a disabled key is answered like an unknown one. */
  enabled?: boolean
  /** Client IPs the key accepts; empty or absent = any (the docs' `allowedips`). */
  allowedIps?: string[]
}

/** One OneClickDz account: one balance, usually a SANDBOX and a PRODUCTION key. */
export interface SimAccount {
  /** The docs show the account's phone number, e.g. "+213665983439". */
  username: string
  /** DZD as decimal text, e.g. "50000.00". */
  balance: string
  keys: SimKey[]
}

export interface SimProductType {
  id: string
  /** e.g. "PSN 500 DA". */
  name: string
  /** The wholesale price in DA, decimal text, e.g. "490". */
  price: string
  stock: number
}

export interface SimProduct {
  /** 24 hex digits, like the real ids. */
  id: string
  title: string
  category: string
  /** Default true. Disabled products are listed in the catalog but cannot be checked or ordered. */
  enabled?: boolean
  region?: string
  /** Pattern for card values: `#` letter-or-digit, `&` digit, `@` letter, else literal. Default "####-####-####-####". */
  codeFormat?: string
  types: SimProductType[]
}

export interface OneClickDzSimOptions {
  /** Default 0 (random). The simulator always binds 127.0.0.1. */
  port?: number
  /** Time scale: 1 = real time (delivery 3–45 s); 100 = 100x faster. Default 1. */
  speed?: number
  /** Real-time delivery range before scaling; default [3_000, 45_000]. */
  deliveryMs?: [number, number]
  /** Probability a production order ends REFUNDED (the supplier failed); default 0. */
  failureRate?: number
  /** Probability a production order of 2+ cards delivers only some (the supplier ran short); default 0. */
  partialRate?: number
  /** RNG seed for determinism; default a random seed. */
  seed?: number
  /** Default: one demo account with ONECLICKDZ_DEMO_KEY (PRODUCTION) and ONECLICKDZ_DEMO_SANDBOX_KEY, 50000.00 DA. */
  accounts?: SimAccount[]
  /** Requests per key per minute; default 60; false disables. */
  rateLimitPerMinute?: number | false
  /** Default: the seeded demo catalog (see catalog.ts). */
  products?: SimProduct[]
}

export interface SimCard {
  value: string
  serial: string
}

export interface SimOrderSnapshot {
  orderId: string
  /** The key that placed it. */
  apiKey: string
  keyType: SimKeyType
  ref: string | null
  productId: string
  typeId: string
  quantity: number
  /** Decimal text; "0" for sandbox orders (they cost nothing). */
  pricePerCard: string
  status: SimOrderStatus
  /** Wall-clock ms. */
  createdAtMs: number
  /** Wall-clock ms when the order reached its final status; null while HANDLING. */
  settledAtMs: number | null
  /** null while HANDLING. */
  fulfilledQuantity: number | null
  /** Charged, decimal text; null while HANDLING. */
  fulfilledAmount: string | null
  /** Given back to the balance, decimal text; null while HANDLING. */
  refundAmount: string | null
  cards: SimCard[]
}

export interface OneClickDzSim {
  /** e.g. "http://127.0.0.1:43123" — the adapter appends "/v3/…". */
  baseUrl: string
  faults: FaultInjector<OneClickDzAction>
  /** Every card issued to orders of this key, in issue order. */
  issuedCards(apiKey: string): SimCard[]
  /** The same cards as ResellerDesk's adapter stores them ("value / serial"), for comparing with the vault. */
  issuedCodes(apiKey: string): string[]
  /** The key's orders, oldest first. */
  orders(apiKey: string): SimOrderSnapshot[]
  /** The key's account balance in DA as decimal text with at least two decimals, e.g. "50000.00". */
  balance(apiKey: string): string
  setStock(productId: string, typeId: string, stock: number): void
  close(): Promise<void>
}
