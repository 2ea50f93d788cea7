// The simulator's book-keeping: accounts and their keys, catalog, orders. No HTTP here.
//
// Order progress is *lazy*, as in the DigetalHube simulator: when an order is placed we decide (seeded RNG) when it
// settles and how many cards it delivers; `settle()` runs before every read and applies the one-time effects of the
// orders that fell due — issuing cards, charging for what was delivered, refunding the rest to the balance and
// returning unsold stock — in due-time order. No timers; cards are issued exactly once.
//
// Money (PRODUCTION keys): placing an order takes quantity × price from the balance at once (so two orders cannot
// spend the same dinars); settling gives back (quantity − delivered) × price. Stock: placing reserves up to the
// quantity asked for; an order for more than is in stock is accepted while any stock is left and delivers only
// what was reserved (the seed's "order 5, only 3 available: 3 delivered, charged for 3, 2 refunded").
// SANDBOX keys ([docs] "no real balance deduction", the list example's sandbox card has price_per_card 0): orders
// cost nothing, touch neither balance nor stock, deliver SANDBOX-CARD-n cards, and honour TEST_REFUND / TEST_PARTIAL.
import type Decimal from 'decimal.js'
import { assertNewApiKey, assertRange, assertRate, assertStock } from '../common/checks'
import { UniqueCodeIssuer } from '../common/code-format'
import type { SimClock } from '../common/clock'
import type { Rng } from '../common/rng'
import { scaledDuration, takeDue } from '../common/settle'
import { DEFAULT_CODE_FORMAT } from './catalog'
import { Dzd, formatDzd, parseDzd } from './money'
import {
  TEST_PARTIAL,
  TEST_REFUND,
  type SimAccount,
  type SimCard,
  type SimKeyType,
  type SimOrderSnapshot,
  type SimOrderStatus,
  type SimProduct
} from './types'

const SERIAL_FORMAT = '&&&&&&&&&&&&'
/** Stock the sandbox shows for its test types. */
export const SANDBOX_TEST_STOCK = 1000

export interface AccountState {
  readonly username: string
  balance: Decimal
}

export interface KeyState {
  readonly apiKey: string
  readonly type: SimKeyType
  readonly scope: 'READ-WRITE' | 'READ-ONLY'
  readonly enabled: boolean
  readonly allowedIps: readonly string[]
  readonly account: AccountState
  /** Cards of this key's orders, in issue order. */
  readonly issued: SimCard[]
}

export interface TypeState {
  readonly id: string
  readonly name: string
  readonly price: Decimal
  stock: number
}

export interface ProductState {
  readonly id: string
  readonly title: string
  readonly category: string
  readonly enabled: boolean
  readonly region: string | null
  readonly codeFormat: string
  readonly types: Map<string, TypeState>
}

export interface OrderState {
  readonly seq: number
  readonly orderId: string
  readonly key: KeyState
  readonly ref: string | null
  readonly productId: string
  readonly typeId: string
  readonly codeFormat: string
  readonly quantity: number
  /** 0 for sandbox orders. */
  readonly pricePerCard: Decimal
  /** Taken from the balance when placed (quantity × price; 0 in sandbox). */
  readonly held: Decimal
  /** Stock taken when placed (0 in sandbox). */
  readonly reserved: number
  readonly createdAtMs: number
  readonly settlesAtMs: number
  /** How many cards it will deliver. */
  readonly deliver: number
  status: SimOrderStatus
  settledAtMs: number | null
  cards: SimCard[]
  fulfilledAmount: Decimal | null
  refundAmount: Decimal | null
}

export type PlaceResult =
  | { ok: true; order: OrderState }
  | { ok: false; reason: 'duplicate_ref'; existing: OrderState }
  | { ok: false; reason: 'out_of_stock' }
  | { ok: false; reason: 'insufficient_balance'; required: Decimal; available: Decimal }

export interface StateConfig {
  accounts: readonly SimAccount[]
  products: readonly SimProduct[]
  clock: SimClock
  rng: Rng
  /** Real-time delivery range before scaling. */
  deliveryMs: readonly [number, number]
  failureRate: number
  partialRate: number
}

export class OneClickDzState {
  private readonly keys = new Map<string, KeyState>()
  private readonly catalog = new Map<string, ProductState>()
  private readonly orders: OrderState[] = []
  private readonly ordersById = new Map<string, OrderState>()
  /** "username|keyType|ref" → order: refs are unique per account and environment. */
  private readonly ordersByRef = new Map<string, OrderState>()
  private pending: OrderState[] = []
  private readonly codes: UniqueCodeIssuer
  private readonly idRng: Rng
  private readonly deliveryRng: Rng
  private readonly outcomeRng: Rng
  private sandboxCards = 0
  private seq = 0

  constructor(private readonly config: StateConfig) {
    const usernames = new Set<string>()
    for (const a of config.accounts) {
      if (usernames.has(a.username)) throw new RangeError(`duplicate account ${a.username}`)
      usernames.add(a.username)
      const account: AccountState = { username: a.username, balance: parseDzd(a.balance, `balance of ${a.username}`) }
      for (const k of a.keys) {
        assertNewApiKey(k.apiKey, this.keys)
        this.keys.set(k.apiKey, {
          apiKey: k.apiKey,
          type: k.type,
          scope: k.scope ?? 'READ-WRITE',
          enabled: k.enabled ?? true,
          allowedIps: k.allowedIps ?? [],
          account,
          issued: []
        })
      }
    }
    for (const p of config.products) {
      if (this.catalog.has(p.id)) throw new RangeError(`duplicate product id ${p.id}`)
      const types = new Map<string, TypeState>()
      for (const t of p.types) {
        if (types.has(t.id)) throw new RangeError(`duplicate type id ${t.id} in product ${p.id}`)
        if (t.id === TEST_REFUND || t.id === TEST_PARTIAL) throw new RangeError(`type id ${t.id} is reserved for the sandbox`)
        assertStock(t.stock)
        types.set(t.id, { id: t.id, name: t.name, price: parseDzd(t.price, `price of type ${t.id}`), stock: t.stock })
      }
      this.catalog.set(p.id, {
        id: p.id,
        title: p.title,
        category: p.category,
        enabled: p.enabled ?? true,
        region: p.region ?? null,
        codeFormat: p.codeFormat ?? DEFAULT_CODE_FORMAT,
        types
      })
    }
    assertRange('deliveryMs', config.deliveryMs)
    assertRate('failureRate', config.failureRate)
    assertRate('partialRate', config.partialRate)
    this.codes = new UniqueCodeIssuer(config.rng.fork('codes'))
    this.idRng = config.rng.fork('order-ids')
    this.deliveryRng = config.rng.fork('delivery')
    this.outcomeRng = config.rng.fork('outcomes')
  }

  key(apiKey: string): KeyState | undefined {
    return this.keys.get(apiKey)
  }

  product(id: string): ProductState | undefined {
    return this.catalog.get(id)
  }

  products(): ProductState[] {
    return [...this.catalog.values()]
  }

  setStock(productId: string, typeId: string, stock: number): void {
    const type = this.catalog.get(productId)?.types.get(typeId)
    if (!type) throw new RangeError(`no type ${typeId} in product ${productId}`)
    assertStock(stock)
    type.stock = stock
  }

  /** Product and type already validated (sandbox: typeId may be a TEST_ id). */
  place(key: KeyState, product: ProductState, typeId: string, quantity: number, ref: string | null): PlaceResult {
    if (ref !== null) {
      const existing = this.ordersByRef.get(refKey(key, ref))
      if (existing) return { ok: false, reason: 'duplicate_ref', existing }
    }
    const now = this.config.clock.nowMs()
    const sandbox = key.type === 'SANDBOX'
    let pricePerCard = new Dzd(0)
    let held = new Dzd(0)
    let reserved = 0
    let deliver: number
    if (sandbox) {
      deliver = typeId === TEST_REFUND ? 0 : typeId === TEST_PARTIAL ? Math.floor(quantity / 2) : quantity
    } else {
      const type = product.types.get(typeId)
      if (!type) throw new Error(`type ${typeId} not validated`)
      if (type.stock === 0) return { ok: false, reason: 'out_of_stock' }
      const total = type.price.times(quantity)
      if (key.account.balance.lessThan(total)) return { ok: false, reason: 'insufficient_balance', required: total, available: key.account.balance }
      pricePerCard = type.price
      held = total
      reserved = Math.min(quantity, type.stock)
      type.stock -= reserved
      key.account.balance = key.account.balance.minus(total)
      deliver = this.decideDelivery(reserved)
    }

    const settlesAtMs = now + scaledDuration(this.config.clock, this.deliveryRng, this.config.deliveryMs)
    const order: OrderState = {
      seq: ++this.seq,
      orderId: this.newOrderId(now),
      key,
      ref,
      productId: product.id,
      typeId,
      codeFormat: product.codeFormat,
      quantity,
      pricePerCard,
      held,
      reserved,
      createdAtMs: now,
      settlesAtMs,
      deliver,
      status: 'HANDLING',
      settledAtMs: null,
      cards: [],
      fulfilledAmount: null,
      refundAmount: null
    }
    this.orders.push(order)
    this.ordersById.set(order.orderId, order)
    if (ref !== null) this.ordersByRef.set(refKey(key, ref), order)
    this.pending.push(order)
    return { ok: true, order }
  }

  /** An order this key may see (same account and environment), or undefined. */
  order(key: KeyState, orderId: string): OrderState | undefined {
    const order = this.ordersById.get(orderId)
    return order && sameBook(order.key, key) ? order : undefined
  }

  /** Orders this key may see, oldest first. */
  visibleOrders(key: KeyState): OrderState[] {
    return this.orders.filter((o) => sameBook(o.key, key))
  }

  /** Orders placed with exactly this key, oldest first (test accessor). */
  ordersOfKey(apiKey: string): OrderState[] {
    return this.orders.filter((o) => o.key.apiKey === apiKey)
  }

  /** Applies every outcome that is due. */
  settle(): void {
    const now = this.config.clock.nowMs()
    const { due, rest } = takeDue(this.pending, now, (o) => o.settlesAtMs)
    if (due.length === 0) return
    this.pending = rest
    for (const order of due) {
      for (let i = 0; i < order.deliver; i++) order.cards.push(this.issueCard(order))
      order.key.issued.push(...order.cards)
      const charged = order.pricePerCard.times(order.deliver)
      const refund = order.held.minus(charged)
      order.key.account.balance = order.key.account.balance.plus(refund)
      const type = this.catalog.get(order.productId)?.types.get(order.typeId)
      if (type) type.stock += order.reserved - Math.min(order.deliver, order.reserved)
      order.fulfilledAmount = charged
      order.refundAmount = order.pricePerCard.times(order.quantity).minus(charged)
      order.settledAtMs = now
      order.status = order.deliver === order.quantity ? 'FULFILLED' : order.deliver === 0 ? 'REFUNDED' : 'PARTIALLY_FILLED'
    }
  }

  snapshot(order: OrderState): SimOrderSnapshot {
    return {
      orderId: order.orderId,
      apiKey: order.key.apiKey,
      keyType: order.key.type,
      ref: order.ref,
      productId: order.productId,
      typeId: order.typeId,
      quantity: order.quantity,
      pricePerCard: formatDzd(order.pricePerCard),
      status: order.status,
      createdAtMs: order.createdAtMs,
      settledAtMs: order.settledAtMs,
      fulfilledQuantity: order.status === 'HANDLING' ? null : order.cards.length,
      fulfilledAmount: order.fulfilledAmount === null ? null : formatDzd(order.fulfilledAmount),
      refundAmount: order.refundAmount === null ? null : formatDzd(order.refundAmount),
      cards: order.cards.map((c) => ({ ...c }))
    }
  }

  /** Production: everything reserved, unless the dice say the supplier fails (none) or runs short (some). */
  private decideDelivery(reserved: number): number {
    if (this.outcomeRng.chance(this.config.failureRate)) return 0
    if (reserved >= 2 && this.outcomeRng.chance(this.config.partialRate)) return this.outcomeRng.int(1, reserved - 1)
    return reserved
  }

  private issueCard(order: OrderState): SimCard {
    if (order.key.type === 'SANDBOX') {
      const n = ++this.sandboxCards
      return { value: `SANDBOX-CARD-${n}`, serial: `SANDBOX-${n}` }
    }
    return { value: this.codes.next(order.codeFormat), serial: this.codes.next(SERIAL_FORMAT) }
  }

  /** 24 lowercase hex digits like a MongoDB ObjectId: 8 of them the creation time in seconds. */
  private newOrderId(nowMs: number): string {
    const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0').slice(-8)
    for (;;) {
      const id = seconds + this.idRng.hex(16).toLowerCase()
      if (!this.ordersById.has(id)) return id
    }
  }
}

/** Orders of one account and environment form one book: sandbox and production keys do not see each other's. */
function sameBook(a: KeyState, b: KeyState): boolean {
  return a.account === b.account && a.type === b.type
}

function refKey(key: KeyState, ref: string): string {
  return `${key.account.username}|${key.type}|${ref}`
}