// Public types of the Digiseller simulator (seed 004). Other code is written against these: change with care.
import type { FaultInjector } from '../common/faults'

export type DigisellerAction = 'apilogin' | 'balance' | 'receipts' | 'receipts_external' | 'sells'

export const DIGISELLER_ACTIONS: readonly DigisellerAction[] = ['apilogin', 'balance', 'receipts', 'receipts_external', 'sells']

/** Balance purses as the seed names them: amount_{z,t,e,x,l}_…; z=WMZ (USD), t=WMT (USDT), e=WME (EUR), x=WMX, l=WML. */
export type Purse = 'z' | 't' | 'e' | 'x' | 'l'
export const PURSES: readonly Purse[] = ['z', 't', 'e', 'x', 'l']
export type SimCurrency = 'WMZ' | 'WMT' | 'WME' | 'WMX' | 'WML'

/** Payment aggregators a sale can be paid through (the receipts/external `aggregator` codes). */
export type AggregatorCode = 'enot' | 'paypal' | 'yandex' | 'robokassa' | 'paymaster' | 'interkassa' | 'unitpay'

export type PaymentMethod = 'WebMoney' | 'Bank Card' | 'Faster Payments System' | 'USDT TRC20'

export interface SimProduct {
  id: number
  nameEn: string
  nameRu: string
  /** Decimal text, e.g. "21.90". */
  price: string
  currency: SimCurrency
}

export interface DigisellerSimAccount {
  /** Digiseller seller ids are numbers; the credential carries it as text. */
  sellerId: number | string
  /** The API key ("API_GUID") the sign is made with. */
  apiKey: string
  /** Balances before the generated history, per purse (decimal text); default "0.00". */
  opening?: Partial<Record<Purse, { free?: string; plus?: string }>>
  /** 'demo': a seeded history of the last 60 days (a few hundred sales and operations); 'none': an empty account. Default 'demo'. */
  history?: 'demo' | 'none'
}

export interface DigisellerSimOptions {
  /** Default 0 (random). The simulator always binds 127.0.0.1. */
  port?: number
  /** Time scale for durations (token lifetime, the hold on new sales): 100 = 100x faster. Default 1. */
  speed?: number
  /** RNG seed for determinism; default a random seed. */
  seed?: number
  /** Wall-clock source in ms (tests move time with it); default Date.now. */
  now?: () => number
  /** Default: one demo account (DIGISELLER_DEMO_SELLER_ID / DIGISELLER_DEMO_API_KEY) with the demo history. */
  accounts?: DigisellerSimAccount[]
  /** Default: the seeded storefront catalog (see catalog.ts). */
  products?: SimProduct[]
  /** Requests per seller per minute; default 60; false disables. */
  rateLimitPerMinute?: number | false
  /** Token lifetime in real time before scaling; default 2 h. */
  tokenLifetimeMs?: number
  /** How far apilogin's timestamp may be from the simulator's clock, in seconds (not scaled); default 300. */
  maxClockSkewSeconds?: number
  /** How long a sale's money stays locked before it is free, real time before scaling (new sales only); default 2 days. */
  holdMs?: number
}

export interface AddSaleInput {
  /** Default: the first product of the catalog. */
  productId?: number
  /** What the buyer paid, decimal text; default the product's price. */
  amountIn?: string
  /** Default: the product's currency. */
  currency?: SimCurrency
  /** Default by channel: WebMoney 1.50, Bank Card 5.00, Faster Payments System 3.00, USDT TRC20 1.00, aggregators 2.00. */
  percent?: string
  /** Default: USDT TRC20 for WMT products, WebMoney otherwise. Ignored when `aggregator` is set. */
  method?: PaymentMethod
  /** Paid through a payment aggregator: the money goes to the seller's own account there and Digiseller takes its fee from the balance. */
  aggregator?: AggregatorCode
  /** Wall-clock ms; default now. */
  atMs?: number
}

export interface AddOperationInput {
  /** An operation type as receipts reports it, e.g. "transfer_to_wallet", "add_funds_to_account", "hard_disk_rent". */
  type: string
  /** Signed decimal text: money in positive, out negative. */
  amount: string
  currency: SimCurrency
  atMs?: number
}

export interface RefundInput {
  /** Default "refund"; "partial_refund" needs `amount`. */
  type?: 'refund' | 'partial_refund' | 'chargeback' | 'bank_refund'
  /** Positive decimal text; default everything the sale brought in. */
  amount?: string
  atMs?: number
}

export interface SimSaleSnapshot {
  invoiceId: number
  productId: number
  productName: string
  datePayMs: number
  /** Decimal text. */
  amountIn: string
  amountOut: string
  currency: SimCurrency
  percent: string
  methodPay: string
  aggregator: AggregatorCode | null
  returned: boolean
  /** The product_sale operation; null when paid through an aggregator (the money never reached the balance). */
  accountOperationId: number | null
}

export interface SimOperationSnapshot {
  accountOperationId: number
  /** The invoice id for sales and refunds; the operation's own id otherwise. */
  operationId: number
  type: string
  atMs: number
  currency: SimCurrency
  /** Decimal text, signed. */
  onAccount: string
  price: string
  percent: string
  /** When the money counts as free (after the hold for sales). */
  releaseAtMs: number
  productId: number | null
}

/** Decimal text per purse. */
export interface SimBalance {
  free: string
  lock: string
  plus: string
}

export interface DigisellerSim {
  /** e.g. "http://127.0.0.1:43123" — the adapter appends "/api/…". */
  baseUrl: string
  faults: FaultInjector<DigisellerAction>
  /** A new sale now (or at `atMs`), with its account operation (or aggregator invoice and fee), as a buyer's purchase makes it. */
  addSale(sellerId: number | string, input?: AddSaleInput): SimSaleSnapshot
  /** Refunds a sale: a refund operation, and the sale marked returned (unless partial). */
  refundSale(sellerId: number | string, invoiceId: number, input?: RefundInput): SimOperationSnapshot
  /** Any other account operation (withdrawal, top-up, fee…). */
  addOperation(sellerId: number | string, input: AddOperationInput): SimOperationSnapshot
  /** All sales, oldest first. */
  sales(sellerId: number | string): SimSaleSnapshot[]
  /** All account operations, oldest first. */
  operations(sellerId: number | string): SimOperationSnapshot[]
  /** Free balance of one purse (decimal text, two decimals at least); default WMZ. */
  balance(sellerId: number | string, currency?: SimCurrency): string
  balances(sellerId: number | string): Record<Purse, SimBalance>
  /** Successful sign-ins so far. */
  loginCount(sellerId: number | string): number
  /** Calls refused for an invalid or expired token so far. */
  tokenRejections(sellerId: number | string): number
  /** Invalidates every token of the seller (as a key change on Digiseller's side would). */
  revokeTokens(sellerId: number | string): void
  /** Digiseller sells no codes to us: always empty (kept so demo mode can treat every simulator alike). */
  issuedCodes(sellerId: number | string): string[]
  /** No orders are placed at a storefront: always empty (same reason). */
  orders(sellerId: number | string): never[]
  close(): Promise<void>
}
