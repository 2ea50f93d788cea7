// The simulator's book-keeping: sellers, tokens, account operations, sales, aggregator invoices. No HTTP here.
//
// Everything time-dependent is evaluated lazily from timestamps: a token is expired when its time has passed, a sale's
// money is locked until its release time. So no timers run, and a test that moves the clock sees the effect at once.
// Balances are never stored: free/lock/plus are the opening amounts plus the operations, summed at read time.
import { createHash } from 'node:crypto'
import type Decimal from 'decimal.js'
import type { SimClock } from '../common/clock'
import type { Rng } from '../common/rng'
import { Dec, afterFee, feeOf, formatAmount, parseAmount } from './money'
import {
  PURSES,
  type AddOperationInput,
  type AddSaleInput,
  type AggregatorCode,
  type PaymentMethod,
  type Purse,
  type RefundInput,
  type SimBalance,
  type SimCurrency,
  type SimOperationSnapshot,
  type SimProduct,
  type SimSaleSnapshot
} from './types'

export const PURSE_OF: Record<SimCurrency, Purse> = { WMZ: 'z', WMT: 't', WME: 'e', WMX: 'x', WML: 'l' }
export const SIM_CURRENCIES: readonly SimCurrency[] = ['WMZ', 'WMT', 'WME', 'WMX', 'WML']

/** Digiseller's percent per payment channel (assumed; the seed's example sale shows 1.50). */
const METHOD_PERCENT: Record<PaymentMethod, string> = { WebMoney: '1.50', 'Bank Card': '5.00', 'Faster Payments System': '3.00', 'USDT TRC20': '1.00' }
const AGGREGATOR_PERCENT = '2.00'
export const AGGREGATOR_NAMES: Record<AggregatorCode, string> = {
  enot: 'Enot.io',
  paypal: 'PayPal',
  yandex: 'YooMoney',
  robokassa: 'Robokassa',
  paymaster: 'PayMaster',
  interkassa: 'InterKassa',
  unitpay: 'UnitPay'
}

export interface ProductRef {
  readonly id: number
  readonly nameEn: string
  readonly nameRu: string
}

export interface OperationState {
  readonly accountOperationId: number
  readonly operationId: number
  readonly type: string
  readonly atMs: number
  readonly currency: SimCurrency
  readonly price: Decimal
  readonly percent: Decimal
  readonly onAccount: Decimal
  /** From this instant the amount counts as free (or plus); before it, as locked. */
  readonly releaseAtMs: number
  /** Limited top-ups count in the `plus` figure, everything else in free/lock. */
  readonly bucket: 'free' | 'plus'
  readonly product: ProductRef | null
  readonly response: 'positive' | 'negative' | null
  /** Sale operations show their release date (date_free). */
  readonly showsReleaseDate: boolean
}

export interface SaleState {
  readonly invoiceId: number
  readonly product: ProductRef
  readonly productEntryId: number
  readonly datePutMs: number
  readonly datePayMs: number
  readonly amountIn: Decimal
  readonly amountOut: Decimal
  readonly percent: Decimal
  readonly currency: SimCurrency
  readonly methodPay: string
  readonly aggregatorPay: string
  readonly aggregator: AggregatorCode | null
  readonly email: string
  readonly wmid: string
  readonly ip: string
  readonly lang: 'ru-RU' | 'en-US'
  readonly releaseAtMs: number
  readonly accountOperationId: number | null
  /** Digiseller's fee on an aggregator payment, null otherwise. */
  readonly fee: Decimal | null
  returned: boolean
}

export interface ExternalItemState {
  readonly saleInvoiceId: number
  readonly product: ProductRef
  readonly atMs: number
  readonly dsSet: Decimal
  readonly currencyDs: SimCurrency
}

export interface ExternalInvoiceState {
  readonly id: number
  readonly atMs: number
  readonly name: string
  readonly cartId: number | null
  readonly amount: Decimal
  readonly currencyCode: 'USD' | 'EUR'
  readonly aggregator: AggregatorCode
  readonly transactionId: string | null
  readonly items: ExternalItemState[]
}

export interface AccountState {
  readonly sellerId: number
  readonly apiKey: string
  readonly openingFree: Record<Purse, Decimal>
  readonly openingPlus: Record<Purse, Decimal>
  readonly operations: OperationState[]
  readonly sales: SaleState[]
  readonly external: ExternalInvoiceState[]
  /** Timestamps used by successful sign-ins (each may be used once), with when. */
  readonly usedTimestamps: Map<number, number>
  logins: number
  tokenRejections: number
}

interface TokenState {
  readonly sellerId: number
  readonly expiresAtMs: number
  revoked: boolean
}

export type LoginResult =
  | { ok: true; token: string; sellerId: number; validThruMs: number }
  | { ok: false; retval: 1 | 2 | 3; desc: string; endesc: string }

export type TokenCheck = { ok: true; account: AccountState } | { ok: false; reason: 'invalid' | 'expired' }

export interface StateConfig {
  clock: SimClock
  rng: Rng
  products: readonly SimProduct[]
  tokenLifetimeMs: number
  maxClockSkewSeconds: number
  holdMs: number
}

export interface SaleOptions {
  /** History is in the past: its hold is real time, not scaled. */
  history?: boolean
  response?: 'positive' | 'negative' | null
  /** The cart code groups this sale with others under one aggregator invoice (built by the caller). */
  noInvoice?: boolean
  buyer?: { email: string; wmid: string; ip: string; lang: 'ru-RU' | 'en-US' }
}

const FIRST_NAMES = ['alex', 'maria', 'dmitry', 'olga', 'ivan', 'sergey', 'anna', 'kirill', 'elena', 'max', 'nikita', 'sofia', 'john', 'lena']
const MAIL_DOMAINS = ['gmail.com', 'mail.ru', 'yandex.ru', 'outlook.com', 'proton.me']

export function apiSign(apiKey: string, timestamp: number): string {
  return createHash('sha256').update(`${apiKey}${timestamp}`, 'utf8').digest('hex')
}

function opening(map: Partial<Record<Purse, { free?: string; plus?: string }>> | undefined, field: 'free' | 'plus', sellerId: number): Record<Purse, Decimal> {
  const out = {} as Record<Purse, Decimal>
  for (const p of PURSES) out[p] = parseAmount(map?.[p]?.[field] ?? '0', `opening ${field} of purse ${p} for seller ${sellerId}`)
  return out
}

export class DigisellerState {
  private readonly accounts = new Map<number, AccountState>()
  private readonly tokens = new Map<string, TokenState>()
  private readonly catalog = new Map<number, SimProduct>()
  private readonly tokenRng: Rng
  private readonly buyerRng: Rng
  private nextInvoice = 182_700_000
  private nextOperation = 272_100_000
  private nextWithdrawal = 5_674_193
  private nextOther = 31_000_000
  private nextCart = 3_028_720
  private nextEntry = 41_600_000

  constructor(private readonly config: StateConfig) {
    for (const p of config.products) {
      if (!Number.isSafeInteger(p.id) || p.id < 1) throw new RangeError(`product id must be a positive integer, got ${p.id}`)
      if (this.catalog.has(p.id)) throw new RangeError(`duplicate product id ${p.id}`)
      parseAmount(p.price, `price of product ${p.id}`)
      this.catalog.set(p.id, p)
    }
    if (this.catalog.size === 0) throw new RangeError('the storefront needs at least one product')
    this.tokenRng = config.rng.fork('tokens')
    this.buyerRng = config.rng.fork('buyers')
  }

  get clock(): SimClock {
    return this.config.clock
  }

  products(): SimProduct[] {
    return [...this.catalog.values()]
  }

  addAccount(a: { sellerId: number | string; apiKey: string; opening?: Partial<Record<Purse, { free?: string; plus?: string }>> }): AccountState {
    const sellerId = Number(a.sellerId)
    if (!Number.isSafeInteger(sellerId) || sellerId < 1) throw new RangeError(`seller id must be a positive integer, got ${String(a.sellerId)}`)
    if (a.apiKey === '') throw new RangeError('api key must not be empty')
    if (this.accounts.has(sellerId)) throw new RangeError(`duplicate seller id ${sellerId}`)
    const account: AccountState = {
      sellerId,
      apiKey: a.apiKey,
      openingFree: opening(a.opening, 'free', sellerId),
      openingPlus: opening(a.opening, 'plus', sellerId),
      operations: [],
      sales: [],
      external: [],
      usedTimestamps: new Map(),
      logins: 0,
      tokenRejections: 0
    }
    this.accounts.set(sellerId, account)
    return account
  }

  account(sellerId: number | string): AccountState | undefined {
    return this.accounts.get(Number(sellerId))
  }

  // ---------- sign-in and tokens ----------

  /** Checks in this order: seller and sign (one answer for both, so a stranger learns nothing), clock skew, reuse. */
  login(sellerId: number, timestamp: number, sign: string): LoginResult {
    const account = this.accounts.get(sellerId)
    if (!account || sign.toLowerCase() !== apiSign(account.apiKey, timestamp)) {
      return { ok: false, retval: 1, desc: 'Неверный идентификатор продавца или подпись', endesc: 'Invalid seller id or signature' }
    }
    const now = this.config.clock.nowMs()
    const skew = this.config.maxClockSkewSeconds
    if (Math.abs(timestamp - Math.floor(now / 1000)) > skew) {
      return { ok: false, retval: 2, desc: 'Время запроса вне допустимого диапазона', endesc: `Timestamp is out of the allowed range (±${skew} seconds of server time)` }
    }
    for (const [ts, at] of account.usedTimestamps) if (now - at > 2 * skew * 1000) account.usedTimestamps.delete(ts)
    if (account.usedTimestamps.has(timestamp)) {
      return { ok: false, retval: 3, desc: 'Эта метка времени уже использована', endesc: 'Timestamp has already been used' }
    }
    account.usedTimestamps.set(timestamp, now)
    account.logins += 1
    let token: string
    do token = this.tokenRng.hex(40).toLowerCase()
    while (this.tokens.has(token))
    const validThruMs = now + this.config.clock.scaled(this.config.tokenLifetimeMs)
    this.tokens.set(token, { sellerId, expiresAtMs: validThruMs, revoked: false })
    return { ok: true, token, sellerId, validThruMs }
  }

  checkToken(token: string | null): TokenCheck {
    const t = token === null ? undefined : this.tokens.get(token)
    const account = t && this.accounts.get(t.sellerId)
    if (!t || !account) return { ok: false, reason: 'invalid' }
    if (t.revoked) {
      account.tokenRejections += 1
      return { ok: false, reason: 'invalid' }
    }
    if (this.config.clock.nowMs() >= t.expiresAtMs) {
      account.tokenRejections += 1
      return { ok: false, reason: 'expired' }
    }
    return { ok: true, account }
  }

  revokeTokens(sellerId: number): void {
    for (const t of this.tokens.values()) if (t.sellerId === sellerId) t.revoked = true
  }

  // ---------- balances ----------

  /** free/lock/plus of every purse at `atMs` (default now), counting operations made by then. */
  balances(account: AccountState, atMs: number = this.config.clock.nowMs()): Record<Purse, { free: Decimal; lock: Decimal; plus: Decimal }> {
    const out = {} as Record<Purse, { free: Decimal; lock: Decimal; plus: Decimal }>
    for (const p of PURSES) out[p] = { free: account.openingFree[p], lock: new Dec(0), plus: account.openingPlus[p] }
    for (const op of account.operations) {
      if (op.atMs > atMs) continue
      const purse = out[PURSE_OF[op.currency]]
      if (op.bucket === 'plus') purse.plus = purse.plus.plus(op.onAccount)
      else if (op.releaseAtMs <= atMs) purse.free = purse.free.plus(op.onAccount)
      else purse.lock = purse.lock.plus(op.onAccount)
    }
    return out
  }

  balanceView(account: AccountState): Record<Purse, SimBalance> {
    const b = this.balances(account)
    const out = {} as Record<Purse, SimBalance>
    for (const p of PURSES) out[p] = { free: formatAmount(b[p].free), lock: formatAmount(b[p].lock), plus: formatAmount(b[p].plus) }
    return out
  }

  // ---------- writing history ----------

  product(id: number): SimProduct | undefined {
    return this.catalog.get(id)
  }

  /** A buyer's purchase: the sale, and either its product_sale operation or (aggregator) its invoice and fee. */
  recordSale(account: AccountState, input: AddSaleInput = {}, opts: SaleOptions = {}): SaleState {
    const product = input.productId === undefined ? this.products()[0]! : this.catalog.get(input.productId)
    if (!product) throw new RangeError(`no product ${input.productId} in the storefront`)
    const currency = input.currency ?? product.currency
    if (!Object.hasOwn(PURSE_OF, currency)) throw new RangeError(`unknown currency ${currency}`)
    const amountIn = parseAmount(input.amountIn ?? product.price, 'amountIn')
    if (amountIn.isZero()) throw new RangeError('amountIn must be positive')
    const aggregator = input.aggregator ?? null
    if (aggregator !== null && !Object.hasOwn(AGGREGATOR_NAMES, aggregator)) throw new RangeError(`unknown aggregator ${aggregator}`)
    const method: PaymentMethod = input.method ?? (currency === 'WMT' ? 'USDT TRC20' : 'WebMoney')
    const percent = parseAmount(input.percent ?? (aggregator ? AGGREGATOR_PERCENT : METHOD_PERCENT[method]), 'percent')
    const now = this.config.clock.nowMs()
    const atMs = input.atMs ?? now
    const hold = opts.history ? this.config.holdMs : this.config.clock.scaled(this.config.holdMs)
    const invoiceId = (this.nextInvoice += 1 + (opts.history ? this.buyerRng.int(0, 40) : 0))
    const ref: ProductRef = { id: product.id, nameEn: product.nameEn, nameRu: product.nameRu }
    const buyer = opts.buyer ?? this.newBuyer()

    let accountOperationId: number | null = null
    let fee: Decimal | null = null
    let amountOut: Decimal
    if (aggregator === null) {
      amountOut = afterFee(amountIn, percent)
      accountOperationId = this.pushOperation(account, {
        operationId: invoiceId,
        type: 'product_sale',
        atMs,
        currency,
        price: amountIn,
        percent,
        onAccount: amountOut,
        releaseAtMs: atMs + hold,
        product: ref,
        response: opts.response ?? null,
        showsReleaseDate: true
      }).accountOperationId
    } else {
      // The buyer paid into the seller's own aggregator account: all of it is the seller's; Digiseller's fee comes off the balance.
      amountOut = amountIn
      fee = feeOf(amountIn, percent)
      this.pushOperation(account, {
        operationId: invoiceId,
        type: 'external_commission',
        atMs,
        currency,
        price: amountIn,
        percent,
        onAccount: fee.negated(),
        releaseAtMs: atMs,
        product: ref,
        response: null,
        showsReleaseDate: false
      })
      if (!opts.noInvoice) {
        account.external.push({
          id: invoiceId,
          atMs: atMs - 4_000,
          name: ref.nameRu,
          cartId: null,
          amount: amountIn,
          currencyCode: currency === 'WME' ? 'EUR' : 'USD',
          aggregator,
          transactionId: aggregator === 'paypal' ? this.buyerRng.hex(17) : null,
          items: [{ saleInvoiceId: invoiceId, product: ref, atMs, dsSet: fee, currencyDs: currency }]
        })
      }
    }
    const sale: SaleState = {
      invoiceId,
      product: ref,
      productEntryId: ++this.nextEntry,
      datePutMs: atMs - this.buyerRng.int(20, 600) * 1000,
      datePayMs: atMs,
      amountIn,
      amountOut,
      percent,
      currency,
      methodPay: aggregator ? 'Merchant' : method,
      aggregatorPay: aggregator ? AGGREGATOR_NAMES[aggregator] : method === 'WebMoney' ? 'WebMoney' : 'Digiseller',
      aggregator,
      ...buyer,
      releaseAtMs: aggregator ? atMs : atMs + hold,
      accountOperationId,
      fee,
      returned: false
    }
    account.sales.push(sale)
    return sale
  }

  /** One aggregator invoice for several sales bought together (a cart), as the seed's second external example. */
  recordCart(account: AccountState, sales: readonly SaleState[], aggregator: AggregatorCode): ExternalInvoiceState {
    const first = sales[0]
    if (!first) throw new RangeError('a cart needs sales')
    const cartId = (this.nextCart += this.buyerRng.int(1, 900))
    const invoice: ExternalInvoiceState = {
      id: (this.nextInvoice += 1),
      atMs: first.datePayMs - 4_500,
      name: `Корзина №${cartId}`,
      cartId,
      amount: sales.reduce((sum, s) => sum.plus(s.amountIn), new Dec(0)),
      currencyCode: first.currency === 'WME' ? 'EUR' : 'USD',
      aggregator,
      transactionId: aggregator === 'paypal' ? this.buyerRng.hex(17) : null,
      items: sales.map((s) => ({ saleInvoiceId: s.invoiceId, product: s.product, atMs: s.datePayMs, dsSet: s.fee ?? new Dec(0), currencyDs: s.currency }))
    }
    account.external.push(invoice)
    return invoice
  }

  refund(account: AccountState, invoiceId: number, input: RefundInput = {}): OperationState {
    const sale = account.sales.find((s) => s.invoiceId === invoiceId)
    if (!sale) throw new RangeError(`no sale ${invoiceId} for seller ${account.sellerId}`)
    if (sale.aggregator !== null) throw new RangeError(`sale ${invoiceId} was paid through ${sale.aggregator}: refunds happen there, not on the balance`)
    if (sale.returned) throw new RangeError(`sale ${invoiceId} was already refunded`)
    const type = input.type ?? 'refund'
    if (type === 'partial_refund' && input.amount === undefined) throw new RangeError('a partial refund needs an amount')
    const amount = input.amount === undefined ? sale.amountOut : parseAmount(input.amount, 'refund amount')
    const atMs = input.atMs ?? this.config.clock.nowMs()
    const op = this.pushOperation(account, {
      operationId: invoiceId,
      type,
      atMs,
      currency: sale.currency,
      price: amount,
      percent: new Dec(0),
      onAccount: amount.negated(),
      // Money still locked comes out of the locked part; money already free out of the free part.
      releaseAtMs: Math.max(atMs, sale.releaseAtMs),
      product: sale.product,
      response: null,
      showsReleaseDate: false
    })
    if (type !== 'partial_refund') sale.returned = true
    return op
  }

  addOperation(account: AccountState, input: AddOperationInput): OperationState {
    if (!/^[a-z_]{2,60}$/.test(input.type)) throw new RangeError(`operation type must be a word like "transfer_to_wallet", got "${input.type}"`)
    if (!Object.hasOwn(PURSE_OF, input.currency)) throw new RangeError(`unknown currency ${input.currency}`)
    const amount = parseAmount(input.amount, 'amount', { signed: true })
    const atMs = input.atMs ?? this.config.clock.nowMs()
    const withdrawal = input.type === 'transfer_to_wallet' || input.type === 'error_transfer_to_wallet'
    return this.pushOperation(account, {
      operationId: withdrawal ? this.nextWithdrawal++ : (this.nextOther += 1 + this.buyerRng.int(0, 500)),
      type: input.type,
      atMs,
      currency: input.currency,
      price: amount.abs(),
      percent: new Dec(0),
      onAccount: amount,
      releaseAtMs: atMs,
      bucket: input.type === 'add_funds_to_account_with_limits' ? 'plus' : 'free',
      product: null,
      response: null,
      showsReleaseDate: false
    })
  }

  /** An agent's commission for selling another seller's product. */
  addAgentAccrual(account: AccountState, product: ProductRef, amount: Decimal, atMs: number, history: boolean): OperationState {
    return this.pushOperation(account, {
      operationId: (this.nextInvoice += 1 + this.buyerRng.int(0, 40)),
      type: 'agent_accruals',
      atMs,
      currency: 'WMZ',
      price: amount,
      percent: new Dec(0),
      onAccount: amount,
      releaseAtMs: atMs + (history ? this.config.holdMs : this.config.clock.scaled(this.config.holdMs)),
      product,
      response: null,
      showsReleaseDate: true
    })
  }

  // ---------- reading ----------

  /** Newest first (receipts' order in the seed's example), ties by id. */
  operationsNewestFirst(account: AccountState): OperationState[] {
    return [...account.operations].sort((a, b) => b.atMs - a.atMs || b.accountOperationId - a.accountOperationId)
  }

  operationSnapshot(op: OperationState): SimOperationSnapshot {
    return {
      accountOperationId: op.accountOperationId,
      operationId: op.operationId,
      type: op.type,
      atMs: op.atMs,
      currency: op.currency,
      onAccount: formatAmount(op.onAccount),
      price: formatAmount(op.price),
      percent: op.percent.toFixed(2),
      releaseAtMs: op.releaseAtMs,
      productId: op.product?.id ?? null
    }
  }

  saleSnapshot(s: SaleState): SimSaleSnapshot {
    return {
      invoiceId: s.invoiceId,
      productId: s.product.id,
      productName: s.product.nameEn,
      datePayMs: s.datePayMs,
      amountIn: formatAmount(s.amountIn),
      amountOut: formatAmount(s.amountOut),
      currency: s.currency,
      percent: s.percent.toFixed(2),
      methodPay: s.methodPay,
      aggregator: s.aggregator,
      returned: s.returned,
      accountOperationId: s.accountOperationId
    }
  }

  newBuyer(): { email: string; wmid: string; ip: string; lang: 'ru-RU' | 'en-US' } {
    const r = this.buyerRng
    return {
      email: `${r.pick(FIRST_NAMES)}${r.int(1, 999)}@${r.pick(MAIL_DOMAINS)}`,
      wmid: r.chance(0.3) ? String(r.int(100_000_000_000, 999_999_999_999)) : '',
      ip: `${r.pick([5, 31, 37, 46, 77, 85, 91, 95, 176, 178, 185, 188, 212])}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
      lang: r.chance(0.7) ? 'ru-RU' : 'en-US'
    }
  }

  private pushOperation(account: AccountState, op: Omit<OperationState, 'accountOperationId' | 'bucket'> & { bucket?: 'free' | 'plus' }): OperationState {
    const full: OperationState = { ...op, bucket: op.bucket ?? 'free', accountOperationId: (this.nextOperation += 1 + this.buyerRng.int(0, 3)) }
    account.operations.push(full)
    return full
  }
}
