// Public types of the DigetalHube simulator (seed 000). Other code is written against these: change with care.
import type { FaultInjector } from '../common/faults'

export type DigetalHubeAction = 'create_order' | 'order_status' | 'my_orders' | 'balance' | 'products'

export const DIGETALHUBE_ACTIONS: readonly DigetalHubeAction[] = ['balance', 'products', 'create_order', 'order_status', 'my_orders']

export const PROCESSING_STEPS = ['started', 'checking_balance', 'creating_invoice', 'transferring', 'waiting_deposit', 'purchasing'] as const
export type ProcessingStep = (typeof PROCESSING_STEPS)[number]

export type SimOrderStatus = 'processing' | 'completed' | 'error'

export interface SimProduct {
  id: number
  title: string
  description: string
  /** Decimal text, e.g. "1.05". */
  priceUsdt: string
  stock: number
  categoryId: number
  categoryName: string
  /** Pattern for issued codes: `#` letter-or-digit, `&` digit, `@` letter, anything else literal. Default "####-####-####-####". */
  codeFormat?: string
}

export interface DigetalHubeSimOptions {
  /** Default 0 (random). The simulator always binds 127.0.0.1. */
  port?: number
  /** Time scale: 1 = real time (delivery 60–180 s); 100 = 100x faster. Default 1. */
  speed?: number
  /** Real-time delivery range before scaling; default [60_000, 180_000]. */
  deliveryMs?: [number, number]
  /** Probability an order ends in status "error" with a refund; default 0. */
  failureRate?: number
  /** RNG seed for determinism; default a random seed. */
  seed?: number
  /** Default: one demo account, DIGETALHUBE_DEMO_KEY with balance "500.00". */
  accounts?: { apiKey: string; balance: string }[]
  /** Default 60 per key per minute (authenticated actions) / 30 per IP per minute (products); false disables. */
  rateLimits?: { authenticatedPerMinute: number; productsPerMinute: number } | false
  /** Default: the seeded demo catalog (see catalog.ts). */
  products?: SimProduct[]
  /**
   * How far the supplier's clock runs ahead of ours (negative: behind), in ms. Every time it reports moves with it:
   * `timestamp`, create_order's `created_at`, my_orders' `created_at` and the order ids. Default 0.
   */
  clockOffsetMs?: number
  /**
   * The time zone my_orders writes its zone-less `created_at` in, as minutes east of UTC (180 = UTC+3, a PHP
   * server left on local time). create_order's UNIX `created_at` and `timestamp` are unaffected. Default 0.
   */
  listUtcOffsetMinutes?: number
  /**
   * What my_orders' `total` counts: the account's orders (default) or only the rows on the page. Seed 000's example
   * (one order, total 1) fits either reading.
   */
  myOrdersTotal?: 'account' | 'page'
}

/** A reply that lies once about an order (the next one tells the truth again). */
export interface SimLie {
  /** Which reply lies: order_status about that order, or my_orders' entry for it. */
  action: 'order_status' | 'my_orders'
  /**
   * `error`: a refunded failure of an order that is fine; `fewer_codes`: a completed order with its last code
   * missing; `not_found` (order_status only): ORDER_NOT_FOUND for an order that exists.
   */
  kind: 'error' | 'fewer_codes' | 'not_found'
  /** Default: the next reply about any order that can carry the lie. */
  orderId?: string
}

export interface SimOrderSnapshot {
  orderId: string
  apiKey: string
  productId: number
  productName: string
  quantity: number
  /** Decimal text. */
  pricePerUnit: string
  /** Decimal text. */
  totalAmount: string
  status: SimOrderStatus
  /** Only while processing. */
  processingStep: ProcessingStep | null
  /** UNIX seconds, as create_order reports it. */
  createdAt: number
  /** Wall-clock ms when the order reached completed/error; null while processing. */
  settledAtMs: number | null
  /** Issued codes (empty unless completed). */
  codes: string[]
  refunded: boolean
  /** Decimal text, null unless refunded. */
  refundAmount: string | null
  /** The error message for failed orders, null otherwise. */
  errorMessage: string | null
}

export interface DigetalHubeSim {
  /** e.g. "http://127.0.0.1:43123" — the adapter appends "/reseller_api.php?action=…". */
  baseUrl: string
  faults: FaultInjector<DigetalHubeAction>
  /** Every code ever issued, per api key, in issue order — tests check the client's vault against this. */
  issuedCodes(apiKey: string): string[]
  /** All orders of the key, oldest first, including status, quantity, product id, codes and refund. */
  orders(apiKey: string): SimOrderSnapshot[]
  /** Available balance as decimal text (two decimals at least, e.g. "500.00"). */
  balance(apiKey: string): string
  setStock(productId: number, stock: number): void
  /**
   * Another client of the same account (its website, a second desk on another data folder) places an order: the
   * same effect as its create_order, without going through HTTP. Throws when the supplier would refuse it.
   */
  placeOrder(apiKey: string, productId: number, quantity: number): SimOrderSnapshot
  /**
   * Runs `fn` when the next create_order request arrives, just before it is handled: another client's order that
   * lands while ours is on its way (after our balance reading, before our order).
   */
  beforeNextCreate(fn: () => void): void
  /** The next matching reply lies once (see SimLie). */
  lieOnce(lie: SimLie): void
  /** my_orders leaves out the newest `n` orders (and counts them out of its total) until set back to 0: a list that lags. */
  setListBehind(n: number): void
  /** How many requests for `action` reached the simulator (faults included). */
  hits(action: string): number
  close(): Promise<void>
}
