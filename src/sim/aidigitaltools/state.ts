// The simulator's book-keeping: accounts, catalog, orders. No HTTP here.
//
// Order progress is *lazy*: when a manually delivered order is created we decide (seeded RNG) how long it stays
// pending, how long processing, and whether the seller delivers or refunds it; every read derives the status from the
// clock. `settle()` runs before every read (HTTP or test accessor) and applies the one-time effects of orders that
// became due — issuing items or refunding — in due-time order. Auto-deliver products are delivered inside the create.
import type Decimal from 'decimal.js'
import { assertNewApiKey, assertRange, assertRate, assertStock } from '../common/checks'
import { UniqueCodeIssuer } from '../common/code-format'
import type { SimClock } from '../common/clock'
import type { Rng } from '../common/rng'
import { scaledDuration } from '../common/settle'
import { DEFAULT_CODE_FORMAT } from './catalog'
import { centsText, discounted, parseAmount, parsePercent } from './money'
import type { SimAccount, SimCustomField, SimOrderSnapshot, SimOrderStatus, SimProduct } from './types'

export const DEFAULT_DISCOUNT_PERCENT = 10
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 60
export const REFUND_REASON = 'The seller could not deliver this item; the full amount was refunded to your wallet.'

export interface AccountState {
  readonly apiKey: string
  balance: Decimal
  readonly discountPercent: Decimal
  revoked: boolean
  readonly rateLimitPerMinute: number
  /** Items in the order they were delivered. */
  readonly issuedCodes: string[]
}

export interface ProductState {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly price: Decimal
  stock: number
  readonly categoryId: string
  readonly autoDeliver: boolean
  readonly discountPercent: Decimal | null
  readonly customFields: readonly SimCustomField[]
  readonly codeFormat: string
}

/** When a manual order moves on, and how it ends. */
interface Schedule {
  processingAtMs: number
  finalAtMs: number
  outcome: 'deliver' | 'refund'
}

export interface OrderState {
  readonly seq: number
  readonly id: string
  readonly apiKey: string
  readonly productId: string
  readonly productName: string
  readonly codeFormat: string
  readonly quantity: number
  readonly unitPrice: Decimal
  readonly total: Decimal
  readonly customerRef: string | null
  readonly customData: Readonly<Record<string, string>>
  readonly createdAtMs: number
  /** null for auto-delivered orders (delivered at creation). */
  readonly schedule: Schedule | null
  /** Set once delivered, cancelled or refunded; while null the status is derived from the schedule. */
  final: 'delivered' | 'cancelled' | 'refunded' | null
  finalAtMs: number | null
  codes: string[]
  refunded: Decimal | null
  cancelReason: string | null
}

export type CreateOrderResult =
  | { ok: true; order: OrderState; balance: Decimal }
  | { ok: false; reason: 'out_of_stock'; requested: number; available: number }
  | { ok: false; reason: 'insufficient_balance'; required: Decimal; available: Decimal }

export type CancelResult = { ok: true; order: OrderState; balance: Decimal } | { ok: false; status: SimOrderStatus }

export interface StateConfig {
  accounts: readonly SimAccount[]
  products: readonly SimProduct[]
  clock: SimClock
  rng: Rng
  pendingMs: readonly [number, number]
  processingMs: readonly [number, number]
  refundRate: number
}

export class AiDigitalToolsState {
  private readonly accounts = new Map<string, AccountState>()
  private readonly catalog = new Map<string, ProductState>()
  private readonly orders: OrderState[] = []
  private readonly ordersById = new Map<string, OrderState>()
  private open: OrderState[] = []
  private readonly codes: UniqueCodeIssuer
  private readonly idRng: Rng
  private readonly timingRng: Rng
  private readonly outcomeRng: Rng
  private seq = 0

  constructor(private readonly config: StateConfig) {
    for (const a of config.accounts) {
      assertNewApiKey(a.apiKey, this.accounts)
      const rate = a.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE
      if (!Number.isInteger(rate) || rate < 1) throw new RangeError(`rateLimitPerMinute must be a positive integer, got ${rate}`)
      this.accounts.set(a.apiKey, {
        apiKey: a.apiKey,
        balance: parseAmount(a.balance, `balance of ${a.apiKey}`),
        discountPercent: parsePercent(a.discountPercent ?? DEFAULT_DISCOUNT_PERCENT, `discount of ${a.apiKey}`),
        revoked: a.revoked ?? false,
        rateLimitPerMinute: rate,
        issuedCodes: []
      })
    }
    for (const p of config.products) {
      if (p.id === '' || p.id.includes('/')) throw new RangeError(`product id must be non-empty without "/", got "${p.id}"`)
      if (this.catalog.has(p.id)) throw new RangeError(`duplicate product id ${p.id}`)
      assertStock(p.stock)
      this.catalog.set(p.id, {
        id: p.id,
        name: p.name,
        description: p.description,
        price: parseAmount(p.price, `price of product ${p.id}`),
        stock: p.stock,
        categoryId: p.categoryId,
        autoDeliver: p.autoDeliver,
        discountPercent: p.discountPercent === undefined ? null : parsePercent(p.discountPercent, `discount of product ${p.id}`),
        customFields: p.customFields ?? [],
        codeFormat: p.codeFormat ?? DEFAULT_CODE_FORMAT
      })
    }
    assertRange('pendingMs', config.pendingMs)
    assertRange('processingMs', config.processingMs)
    assertRate('refundRate', config.refundRate)
    this.codes = new UniqueCodeIssuer(config.rng.fork('codes'))
    this.idRng = config.rng.fork('order-ids')
    this.timingRng = config.rng.fork('timing')
    this.outcomeRng = config.rng.fork('outcomes')
  }

  account(apiKey: string): AccountState | undefined {
    return this.accounts.get(apiKey)
  }

  product(id: string): ProductState | undefined {
    return this.catalog.get(id)
  }

  products(): ProductState[] {
    return [...this.catalog.values()]
  }

  /** The discount that applies to this account for this product. */
  discountFor(account: AccountState, product: ProductState): Decimal {
    return product.discountPercent ?? account.discountPercent
  }

  yourPrice(account: AccountState, product: ProductState): Decimal {
    return discounted(product.price, this.discountFor(account, product))
  }

  setStock(productId: string, stock: number): void {
    const product = this.catalog.get(productId)
    if (!product) throw new RangeError(`no product ${productId}`)
    assertStock(stock)
    product.stock = stock
  }

  /** Validated input; checks stock, then balance, then deducts and reserves at once (and delivers auto-deliver items). */
  createOrder(
    account: AccountState,
    product: ProductState,
    quantity: number,
    customerRef: string | null,
    customData: Record<string, string>
  ): CreateOrderResult {
    if (product.stock < quantity) return { ok: false, reason: 'out_of_stock', requested: quantity, available: product.stock }
    const unitPrice = this.yourPrice(account, product)
    const total = unitPrice.times(quantity)
    if (account.balance.lessThan(total)) return { ok: false, reason: 'insufficient_balance', required: total, available: account.balance }

    const now = this.config.clock.nowMs()
    account.balance = account.balance.minus(total)
    product.stock -= quantity
    const order: OrderState = {
      seq: ++this.seq,
      id: this.newOrderId(),
      apiKey: account.apiKey,
      productId: product.id,
      productName: product.name,
      codeFormat: product.codeFormat,
      quantity,
      unitPrice,
      total,
      customerRef,
      customData: { ...customData },
      createdAtMs: now,
      schedule: product.autoDeliver ? null : this.newSchedule(now),
      final: null,
      finalAtMs: null,
      codes: [],
      refunded: null,
      cancelReason: null
    }
    this.orders.push(order)
    this.ordersById.set(order.id, order)
    if (order.schedule === null) this.deliver(order, account, now)
    else this.open.push(order)
    return { ok: true, order, balance: account.balance }
  }

  /** An order of this account, or undefined (unknown ids and other keys' orders look the same). */
  order(apiKey: string, orderId: string): OrderState | undefined {
    const order = this.ordersById.get(orderId)
    return order && order.apiKey === apiKey ? order : undefined
  }

  /** The account's orders, oldest first. */
  ordersOf(apiKey: string): OrderState[] {
    return this.orders.filter((o) => o.apiKey === apiKey)
  }

  status(order: OrderState): SimOrderStatus {
    if (order.final !== null) return order.final
    const schedule = order.schedule
    if (schedule === null) return 'delivered'
    return this.config.clock.nowMs() >= schedule.processingAtMs ? 'processing' : 'pending'
  }

  /** Seed: "Only orders that are not yet delivered, cancelled, or refunded can be cancelled. Full order amount is refunded." */
  cancel(account: AccountState, order: OrderState, reason: string | null): CancelResult {
    const status = this.status(order)
    if (status !== 'pending' && status !== 'processing') return { ok: false, status }
    this.close(order, account, 'cancelled', reason, this.config.clock.nowMs())
    return { ok: true, order, balance: account.balance }
  }

  /** Applies every outcome that is due: items for delivered orders, refunds for refunded ones. */
  settle(): void {
    const now = this.config.clock.nowMs()
    const due = this.open
      .filter((o) => o.final === null && o.schedule !== null && o.schedule.finalAtMs <= now)
      .sort((a, b) => (a.schedule?.finalAtMs ?? 0) - (b.schedule?.finalAtMs ?? 0) || a.seq - b.seq)
    this.open = this.open.filter((o) => o.final === null && !due.includes(o))
    for (const order of due) {
      const account = this.accounts.get(order.apiKey)
      const schedule = order.schedule
      if (!account || !schedule) throw new Error(`order ${order.id} has no account or schedule`)
      if (schedule.outcome === 'deliver') this.deliver(order, account, schedule.finalAtMs)
      else this.close(order, account, 'refunded', REFUND_REASON, schedule.finalAtMs)
    }
  }

  snapshot(order: OrderState): SimOrderSnapshot {
    return {
      orderId: order.id,
      apiKey: order.apiKey,
      productId: order.productId,
      productName: order.productName,
      quantity: order.quantity,
      unitPrice: centsText(order.unitPrice),
      total: centsText(order.total),
      customerRef: order.customerRef,
      customData: { ...order.customData },
      status: this.status(order),
      createdAt: new Date(order.createdAtMs).toISOString(),
      deliveredAt: order.final === 'delivered' && order.finalAtMs !== null ? new Date(order.finalAtMs).toISOString() : null,
      cancelReason: order.cancelReason,
      codes: [...order.codes],
      refunded: order.refunded === null ? null : centsText(order.refunded)
    }
  }

  private deliver(order: OrderState, account: AccountState, atMs: number): void {
    order.codes.push(...this.codes.nextMany(order.codeFormat, order.quantity))
    account.issuedCodes.push(...order.codes)
    order.final = 'delivered'
    order.finalAtMs = atMs
  }

  private close(order: OrderState, account: AccountState, final: 'cancelled' | 'refunded', reason: string | null, atMs: number): void {
    account.balance = account.balance.plus(order.total)
    const product = this.catalog.get(order.productId)
    if (product) product.stock += order.quantity
    order.refunded = order.total
    order.cancelReason = reason
    order.final = final
    order.finalAtMs = atMs
    this.open = this.open.filter((o) => o !== order)
  }

  private newSchedule(nowMs: number): Schedule {
    const processingAtMs = nowMs + scaledDuration(this.config.clock, this.timingRng, this.config.pendingMs)
    const finalAtMs = processingAtMs + scaledDuration(this.config.clock, this.timingRng, this.config.processingMs)
    return { processingAtMs, finalAtMs, outcome: this.outcomeRng.chance(this.config.refundRate) ? 'refund' : 'deliver' }
  }

  /** A version-4 UUID from the seeded stream. */
  private newOrderId(): string {
    for (;;) {
      const hex = this.idRng.hex(32).toLowerCase()
      const variant = '89ab'.charAt(Number.parseInt(hex.charAt(16), 16) % 4)
      const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
      if (!this.ordersById.has(id)) return id
    }
  }
}
