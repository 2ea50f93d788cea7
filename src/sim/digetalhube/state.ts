// The simulator's book-keeping: accounts, catalog, orders. No HTTP here.
//
// Order progress is *lazy*: when an order is created we decide (seeded RNG) how long delivery takes and whether it
// will fail; every read then derives the status from the clock. `settle()` runs before every read (HTTP or test
// accessor) and applies the one-time effects of orders that became due — issuing codes or refunding — in due-time
// order. So no timers are needed, codes are issued exactly once and stay stable, and a balance read reflects a
// refund even if nobody polled that order.
import type Decimal from 'decimal.js'
import { assertNewApiKey, assertRange, assertRate, assertStock } from '../common/checks'
import { UniqueCodeIssuer } from '../common/code-format'
import type { SimClock } from '../common/clock'
import type { Rng } from '../common/rng'
import { scaledDuration, takeDue } from '../common/settle'
import { DEFAULT_CODE_FORMAT } from './catalog'
import { Usdt, formatUsdt, parseUsdt } from './money'
import { PROCESSING_STEPS, type ProcessingStep, type SimOrderSnapshot, type SimOrderStatus, type SimProduct } from './types'

export interface AccountState {
  readonly apiKey: string
  available: Decimal
  totalDeposited: Decimal
  /** Net of refunds, so available = total_deposited − total_spent always holds (as in the seed's example). */
  totalSpent: Decimal
  /** Every order placed, failed ones included ("total number of orders placed"). */
  totalOrders: number
  /** Codes in the order they were issued. */
  readonly issuedCodes: string[]
}

export interface ProductState {
  readonly id: number
  readonly title: string
  readonly description: string
  readonly price: Decimal
  stock: number
  readonly categoryId: number
  readonly categoryName: string
  readonly codeFormat: string
}

type Outcome = { kind: 'complete'; atMs: number } | { kind: 'fail'; atMs: number; step: ProcessingStep; message: string }

export interface OrderState {
  readonly seq: number
  readonly orderId: string
  readonly apiKey: string
  readonly productId: number
  readonly productName: string
  readonly codeFormat: string
  readonly quantity: number
  readonly pricePerUnit: Decimal
  readonly total: Decimal
  readonly createdAtMs: number
  /** Scaled delivery duration (ms of this run's real time). */
  readonly deliveryMs: number
  readonly outcome: Outcome
  status: SimOrderStatus
  settledAtMs: number | null
  codes: string[]
  refundAmount: Decimal | null
}

export type CreateOrderResult =
  | { ok: true; order: OrderState; previous: Decimal; remaining: Decimal }
  | { ok: false; reason: 'insufficient_stock'; requested: number; available: number }
  | { ok: false; reason: 'insufficient_balance'; required: Decimal; available: Decimal }

/** Why an order fails, by the step it fails at. The purchasing one is the seed's own example. */
const FAILURE_MESSAGES: Record<ProcessingStep, string> = {
  started: 'Order could not be processed. Your balance has been refunded.',
  checking_balance: 'Supplier balance check failed. Your balance has been refunded.',
  creating_invoice: 'Could not create the supplier invoice. Your balance has been refunded.',
  transferring: 'Payment to supplier failed. Your balance has been refunded.',
  waiting_deposit: 'Supplier did not confirm the payment in time. Your balance has been refunded.',
  purchasing: 'Product out of stock. Your balance has been refunded.'
}

export interface StateConfig {
  accounts: readonly { apiKey: string; balance: string }[]
  products: readonly SimProduct[]
  clock: SimClock
  rng: Rng
  /** Real-time delivery range before scaling. */
  deliveryMs: readonly [number, number]
  failureRate: number
}

export class DigetalHubeState {
  private readonly accounts = new Map<string, AccountState>()
  private readonly catalog = new Map<number, ProductState>()
  private readonly orders: OrderState[] = []
  private readonly ordersById = new Map<string, OrderState>()
  private pending: OrderState[] = []
  private readonly codes: UniqueCodeIssuer
  private readonly idRng: Rng
  private readonly deliveryRng: Rng
  private readonly outcomeRng: Rng
  private seq = 0

  constructor(private readonly config: StateConfig) {
    for (const a of config.accounts) {
      assertNewApiKey(a.apiKey, this.accounts)
      const balance = parseUsdt(a.balance, `balance of ${a.apiKey}`)
      this.accounts.set(a.apiKey, { apiKey: a.apiKey, available: balance, totalDeposited: balance, totalSpent: new Usdt(0), totalOrders: 0, issuedCodes: [] })
    }
    for (const p of config.products) {
      if (!Number.isSafeInteger(p.id) || p.id < 1) throw new RangeError(`product id must be a positive integer, got ${p.id}`)
      if (this.catalog.has(p.id)) throw new RangeError(`duplicate product id ${p.id}`)
      assertStock(p.stock)
      this.catalog.set(p.id, {
        id: p.id,
        title: p.title,
        description: p.description,
        price: parseUsdt(p.priceUsdt, `price of product ${p.id}`),
        stock: p.stock,
        categoryId: p.categoryId,
        categoryName: p.categoryName,
        codeFormat: p.codeFormat ?? DEFAULT_CODE_FORMAT
      })
    }
    assertRange('deliveryMs', config.deliveryMs)
    assertRate('failureRate', config.failureRate)
    this.codes = new UniqueCodeIssuer(config.rng.fork('codes'))
    this.idRng = config.rng.fork('order-ids')
    this.deliveryRng = config.rng.fork('delivery')
    this.outcomeRng = config.rng.fork('outcomes')
  }

  account(apiKey: string): AccountState | undefined {
    return this.accounts.get(apiKey)
  }

  product(id: number): ProductState | undefined {
    return this.catalog.get(id)
  }

  products(): ProductState[] {
    return [...this.catalog.values()]
  }

  /** All categories of the catalog, by id. */
  categories(): { id: number; name: string }[] {
    const byId = new Map<number, string>()
    for (const p of this.catalog.values()) if (!byId.has(p.categoryId)) byId.set(p.categoryId, p.categoryName)
    return [...byId.entries()].sort((a, b) => a[0] - b[0]).map(([id, name]) => ({ id, name }))
  }

  setStock(productId: number, stock: number): void {
    const product = this.catalog.get(productId)
    if (!product) throw new RangeError(`no product ${productId}`)
    assertStock(stock)
    product.stock = stock
  }

  /** Validated quantity and product; checks stock and balance, then deducts and reserves at once. */
  createOrder(account: AccountState, product: ProductState, quantity: number): CreateOrderResult {
    if (product.stock < quantity) return { ok: false, reason: 'insufficient_stock', requested: quantity, available: product.stock }
    const total = product.price.times(quantity)
    if (account.available.lessThan(total)) return { ok: false, reason: 'insufficient_balance', required: total, available: account.available }

    const now = this.config.clock.nowMs()
    const previous = account.available
    account.available = previous.minus(total)
    account.totalSpent = account.totalSpent.plus(total)
    account.totalOrders += 1
    product.stock -= quantity

    const deliveryMs = scaledDuration(this.config.clock, this.deliveryRng, this.config.deliveryMs)
    const order: OrderState = {
      seq: ++this.seq,
      orderId: this.newOrderId(now),
      apiKey: account.apiKey,
      productId: product.id,
      productName: product.title,
      codeFormat: product.codeFormat,
      quantity,
      pricePerUnit: product.price,
      total,
      createdAtMs: now,
      deliveryMs,
      outcome: this.decideOutcome(now, deliveryMs),
      status: 'processing',
      settledAtMs: null,
      codes: [],
      refundAmount: null
    }
    this.orders.push(order)
    this.ordersById.set(order.orderId, order)
    this.pending.push(order)
    return { ok: true, order, previous, remaining: account.available }
  }

  /** An order of this account, or undefined (unknown id and another key's order look the same, as documented). */
  order(apiKey: string, orderId: string): OrderState | undefined {
    const order = this.ordersById.get(orderId)
    return order && order.apiKey === apiKey ? order : undefined
  }

  /** The account's orders, oldest first. */
  ordersOf(apiKey: string): OrderState[] {
    return this.orders.filter((o) => o.apiKey === apiKey)
  }

  /** Where a processing order is now: the delivery time is split evenly over the six documented steps. */
  processingStep(order: OrderState): ProcessingStep {
    const elapsed = this.config.clock.nowMs() - order.createdAtMs
    const fraction = order.deliveryMs > 0 ? elapsed / order.deliveryMs : 1
    const index = Math.max(0, Math.min(PROCESSING_STEPS.length - 1, Math.floor(fraction * PROCESSING_STEPS.length)))
    return PROCESSING_STEPS[index] ?? 'purchasing'
  }

  failureMessage(order: OrderState): string | null {
    return order.outcome.kind === 'fail' ? order.outcome.message : null
  }

  /** Applies every outcome that is due: codes for completed orders, refunds for failed ones. */
  settle(): void {
    const now = this.config.clock.nowMs()
    const { due, rest } = takeDue(this.pending, now, (o) => o.outcome.atMs)
    if (due.length === 0) return
    this.pending = rest
    for (const order of due) {
      const account = this.accounts.get(order.apiKey)
      if (!account) throw new Error(`order ${order.orderId} has no account`)
      order.settledAtMs = now
      if (order.outcome.kind === 'complete') {
        order.codes.push(...this.codes.nextMany(order.codeFormat, order.quantity))
        account.issuedCodes.push(...order.codes)
        order.status = 'completed'
      } else {
        account.available = account.available.plus(order.total)
        account.totalSpent = account.totalSpent.minus(order.total)
        const product = this.catalog.get(order.productId)
        if (product) product.stock += order.quantity
        order.refundAmount = order.total
        order.status = 'error'
      }
    }
  }

  snapshot(order: OrderState): SimOrderSnapshot {
    return {
      orderId: order.orderId,
      apiKey: order.apiKey,
      productId: order.productId,
      productName: order.productName,
      quantity: order.quantity,
      pricePerUnit: formatUsdt(order.pricePerUnit),
      totalAmount: formatUsdt(order.total),
      status: order.status,
      processingStep: order.status === 'processing' ? this.processingStep(order) : null,
      createdAt: Math.floor(order.createdAtMs / 1000),
      settledAtMs: order.settledAtMs,
      codes: [...order.codes],
      refunded: order.refundAmount !== null,
      refundAmount: order.refundAmount === null ? null : formatUsdt(order.refundAmount),
      errorMessage: order.status === 'error' ? this.failureMessage(order) : null
    }
  }

  private newOrderId(nowMs: number): string {
    for (;;) {
      const id = `API-${this.idRng.hex(12)}-${Math.floor(nowMs / 1000)}`
      if (!this.ordersById.has(id)) return id
    }
  }

  /** A failing order fails in the middle of a random step, so the steps before it are observable first. */
  private decideOutcome(nowMs: number, deliveryMs: number): Outcome {
    if (!this.outcomeRng.chance(this.config.failureRate)) return { kind: 'complete', atMs: nowMs + deliveryMs }
    const index = this.outcomeRng.int(0, PROCESSING_STEPS.length - 1)
    const step = PROCESSING_STEPS[index] ?? 'purchasing'
    return { kind: 'fail', atMs: nowMs + (deliveryMs * (index + 0.5)) / PROCESSING_STEPS.length, step, message: FAILURE_MESSAGES[step] }
  }
}