// The simulator's book-keeping: accounts, catalog, baskets and their order lines. No HTTP here.
//
// Delivery is *lazy*, as in the DigetalHube simulator: when a line is created we decide (seeded RNG) how long it
// takes and whether it will be removed instead of delivered; `settle()` runs before every read and applies the
// one-time effects of lines that fell due — codes, or the refund — in due-time order. Codes are issued exactly once
// and a balance read reflects a refund even if nobody looked at that line.
//
// [assume] DeliverID is unique per reseller account, forever; a basket is all-or-nothing, lines checked one by one
// (every failing line is reported), stock across the whole basket, the balance (plus credit limit) last.
import type Decimal from 'decimal.js'
import { assertRange, assertRate } from '../common/checks'
import { UniqueCodeIssuer } from '../common/code-format'
import type { SimClock } from '../common/clock'
import type { Rng } from '../common/rng'
import { scaledDuration, takeDue } from '../common/settle'
import { DEFAULT_CODE_FORMAT } from './catalog'
import { Try, formatAmount, parseAmount } from './money'
import type { LineErrorCode } from './replies'
import type {
  HyperDeliveryStatus,
  HyperSimAccount,
  HyperSimCatalog,
  HyperSimCategory,
  HyperSimOrderSnapshot,
  HyperSimRequireField,
  HyperSimRequireValue,
  HyperSimType
} from './types'

export const MAX_QUANTITY = 50
export const MAX_DELIVER_ID_LENGTH = 64

export interface AccountState {
  readonly email: string
  readonly password: string
  balance: Decimal
  readonly creditLimit: Decimal
  readonly currency: string
  readonly callbackApiKey: string
  readonly issuedCodes: string[]
  logins: number
  authFailures: number
}

export interface ProductState {
  readonly id: number
  readonly name: string
  readonly categoryId: number
  readonly typeId: number | null
  readonly description: string
  readonly price: Decimal
  stock: number | null
  readonly active: boolean
  readonly requireData: readonly HyperSimRequireField[]
  readonly codeFormat: string
}

type Outcome = { kind: 'deliver'; atMs: number } | { kind: 'remove'; atMs: number }

export interface LineState {
  readonly seq: number
  readonly orderId: number
  readonly orderDetailId: number
  readonly deliverId: string
  readonly email: string
  readonly productId: number
  readonly productName: string
  readonly typeId: number | null
  readonly codeFormat: string
  readonly quantity: number
  readonly unitPrice: Decimal
  readonly total: Decimal
  readonly currency: string
  readonly createdAtMs: number
  readonly outcome: Outcome
  readonly requireData: HyperSimRequireValue[]
  readonly notifyUrl: string | null
  status: HyperDeliveryStatus
  settledAtMs: number | null
  codes: string[]
  notes: string[] | null
  refund: Decimal | null
}

/** One basket line as the request carried it (types already checked by the route). */
export interface BasketLineInput {
  DeliverID: string | null
  CustomerStoreProductID: number
  Quantity: number
  RequireData: { ProductRequireID: number; Identifier: string | null; Value: string | null }[]
}

export interface LineFailure {
  DeliverID: string | null
  CustomerStoreProductID: number
  errorCode: LineErrorCode
  message: string
  /** The line that already carries this DeliverID. */
  OrderDetailID?: number
  ProductRequireID?: number
}

export type PlaceResult =
  | { ok: true; orderId: number; lines: LineState[] }
  | { ok: false; reason: 'insufficient_balance'; required: Decimal; available: Decimal; currency: string }

export type CancelResult =
  | { ok: true; line: LineState }
  | { ok: false; reason: 'not_found' | 'already_cancelled' | 'not_cancellable'; line?: LineState }

export interface StateConfig {
  accounts: readonly HyperSimAccount[]
  catalog: HyperSimCatalog
  clock: SimClock
  rng: Rng
  deliveryMs: [number, number]
  failureRate: number
  /** Called once for every line that reaches a final status (delivered, removed, cancelled). */
  onFinal?: (line: LineState) => void
}

const DEFAULT_CURRENCY = 'TRY'

export class HyperState {
  private readonly accounts = new Map<string, AccountState>()
  private readonly categoryList: HyperSimCategory[]
  private readonly typeList: HyperSimType[]
  private readonly catalog = new Map<number, ProductState>()
  private readonly lines: LineState[] = []
  private readonly byDetailId = new Map<number, LineState>()
  private readonly byDeliverId = new Map<string, LineState>()
  private pending: LineState[] = []
  private readonly codes: UniqueCodeIssuer
  private readonly deliveryRng: Rng
  private readonly outcomeRng: Rng
  private nextOrderId: number
  private nextDetailId: number
  private seq = 0

  constructor(private readonly config: StateConfig) {
    for (const a of config.accounts) {
      const key = a.email.trim().toLowerCase()
      if (key === '' || a.password === '') throw new RangeError('account e-mail and password must not be empty')
      if (this.accounts.has(key)) throw new RangeError(`duplicate account ${a.email}`)
      this.accounts.set(key, {
        email: a.email,
        password: a.password,
        balance: parseAmount(a.balance, `balance of ${a.email}`, { allowNegative: true }),
        creditLimit: parseAmount(a.creditLimit ?? '0.00', `credit limit of ${a.email}`),
        currency: a.currency ?? DEFAULT_CURRENCY,
        callbackApiKey: a.callbackApiKey ?? '',
        issuedCodes: [],
        logins: 0,
        authFailures: 0
      })
    }
    const categoryIds = new Set<number>()
    for (const c of config.catalog.categories) {
      if (categoryIds.has(c.id)) throw new RangeError(`duplicate category id ${c.id}`)
      categoryIds.add(c.id)
    }
    this.categoryList = [...config.catalog.categories].sort((a, b) => a.id - b.id)
    this.typeList = [...config.catalog.types].sort((a, b) => a.id - b.id)
    for (const p of config.catalog.products) {
      if (!Number.isSafeInteger(p.id) || p.id < 1) throw new RangeError(`product id must be a positive integer, got ${p.id}`)
      if (this.catalog.has(p.id)) throw new RangeError(`duplicate product id ${p.id}`)
      if (!categoryIds.has(p.categoryId)) throw new RangeError(`product ${p.id} names unknown category ${p.categoryId}`)
      assertStockOrNull(p.stock)
      this.catalog.set(p.id, {
        id: p.id,
        name: p.name,
        categoryId: p.categoryId,
        typeId: p.typeId,
        description: p.description,
        price: parseAmount(p.price, `price of product ${p.id}`),
        stock: p.stock,
        active: p.active,
        requireData: p.requireData ?? [],
        codeFormat: p.codeFormat ?? DEFAULT_CODE_FORMAT
      })
    }
    assertRange('deliveryMs', config.deliveryMs)
    assertRate('failureRate', config.failureRate)
    this.codes = new UniqueCodeIssuer(config.rng.fork('codes'))
    this.deliveryRng = config.rng.fork('delivery')
    this.outcomeRng = config.rng.fork('outcomes')
    const idRng = config.rng.fork('ids')
    this.nextOrderId = 240_000 + idRng.int(0, 9_999)
    this.nextDetailId = 1_800_000 + idRng.int(0, 99_999)
  }

  account(email: string): AccountState | undefined {
    return this.accounts.get(email.trim().toLowerCase())
  }

  categories(): HyperSimCategory[] {
    return this.categoryList
  }

  category(id: number): HyperSimCategory | undefined {
    return this.categoryList.find((c) => c.id === id)
  }

  typesOf(categoryId: number): HyperSimType[] {
    return this.typeList.filter((t) => t.categoryId === categoryId)
  }

  products(): ProductState[] {
    return [...this.catalog.values()]
  }

  product(id: number): ProductState | undefined {
    return this.catalog.get(id)
  }

  setStock(productId: number, stock: number | null): void {
    const product = this.catalog.get(productId)
    if (!product) throw new RangeError(`no product ${productId}`)
    assertStockOrNull(stock)
    product.stock = stock
  }

  /** Every line of a basket that cannot be ordered, with why; empty when the whole basket can be. */
  checkBasket(account: AccountState, basket: readonly BasketLineInput[]): LineFailure[] {
    const failures: LineFailure[] = []
    const seenInBasket = new Set<string>()
    const okLines: { line: BasketLineInput; product: ProductState }[] = []
    for (const line of basket) {
      const fail = (errorCode: LineErrorCode, message: string, extra: Partial<LineFailure> = {}): void => {
        failures.push({ DeliverID: line.DeliverID, CustomerStoreProductID: line.CustomerStoreProductID, errorCode, message, ...extra })
      }
      const deliverId = line.DeliverID?.trim() ?? ''
      if (deliverId === '' || deliverId.length > MAX_DELIVER_ID_LENGTH) {
        fail('INVALID_DELIVER_ID', `DeliverID is required and may be at most ${MAX_DELIVER_ID_LENGTH} characters.`)
        continue
      }
      const existing = this.byDeliverId.get(deliverKey(account, deliverId))
      if (existing) {
        fail('DUPLICATE_DELIVER_ID', `DeliverID ${deliverId} was already used for order detail ${existing.orderDetailId}.`, {
          OrderDetailID: existing.orderDetailId
        })
        continue
      }
      if (seenInBasket.has(deliverId)) {
        fail('DUPLICATE_DELIVER_ID', `DeliverID ${deliverId} appears more than once in the basket.`)
        continue
      }
      seenInBasket.add(deliverId)
      const product = this.catalog.get(line.CustomerStoreProductID)
      if (!product) {
        fail('PRODUCT_NOT_FOUND', `Product ${line.CustomerStoreProductID} was not found in your store.`)
        continue
      }
      if (!product.active) {
        fail('PRODUCT_INACTIVE', `Product ${product.id} is not on sale at the moment.`)
        continue
      }
      if (!Number.isSafeInteger(line.Quantity) || line.Quantity < 1 || line.Quantity > MAX_QUANTITY) {
        fail('INVALID_QUANTITY', `Quantity must be between 1 and ${MAX_QUANTITY}.`)
        continue
      }
      const requireProblem = checkRequireData(product, line.RequireData)
      if (requireProblem) {
        fail(requireProblem.errorCode, requireProblem.message, requireProblem.requireId === undefined ? {} : { ProductRequireID: requireProblem.requireId })
        continue
      }
      okLines.push({ line, product })
    }
    // Stock across the whole basket: two lines of one product share it.
    const wanted = new Map<number, number>()
    for (const { line, product } of okLines) wanted.set(product.id, (wanted.get(product.id) ?? 0) + line.Quantity)
    for (const { line, product } of okLines) {
      const want = wanted.get(product.id) ?? 0
      if (product.stock !== null && product.stock < want) {
        failures.push({
          DeliverID: line.DeliverID,
          CustomerStoreProductID: line.CustomerStoreProductID,
          errorCode: 'OUT_OF_STOCK',
          message: `Insufficient stock for product ${product.id}. Requested: ${want}, Available: ${product.stock}.`
        })
      }
    }
    return failures
  }

  /** Places a basket that passed checkBasket: all lines or none (the balance is checked against the total). */
  placeBasket(account: AccountState, basket: readonly BasketLineInput[], notifyUrl: string | null): PlaceResult {
    const priced = basket.map((line) => {
      const product = this.catalog.get(line.CustomerStoreProductID)
      if (!product) throw new Error(`placeBasket: product ${line.CustomerStoreProductID} vanished after checkBasket`)
      return { line, product, total: product.price.times(line.Quantity) }
    })
    const required = priced.reduce((sum, p) => sum.plus(p.total), new Try(0))
    const available = account.balance.plus(account.creditLimit)
    if (available.lessThan(required)) return { ok: false, reason: 'insufficient_balance', required, available, currency: account.currency }

    const now = this.config.clock.nowMs()
    const orderId = this.nextOrderId++
    account.balance = account.balance.minus(required)
    const created = priced.map(({ line, product, total }): LineState => {
      if (product.stock !== null) product.stock -= line.Quantity
      const deliveryMs = scaledDuration(this.config.clock, this.deliveryRng, this.config.deliveryMs)
      const state: LineState = {
        seq: ++this.seq,
        orderId,
        orderDetailId: this.nextDetailId++,
        deliverId: (line.DeliverID ?? '').trim(),
        email: account.email,
        productId: product.id,
        productName: product.name,
        typeId: product.typeId,
        codeFormat: product.codeFormat,
        quantity: line.Quantity,
        unitPrice: product.price,
        total,
        currency: account.currency,
        createdAtMs: now,
        outcome: this.outcomeRng.chance(this.config.failureRate)
          ? { kind: 'remove', atMs: now + deliveryMs * (0.2 + 0.6 * this.outcomeRng.next()) }
          : { kind: 'deliver', atMs: now + deliveryMs },
        requireData: line.RequireData.map((r) => ({ ProductRequireID: r.ProductRequireID, Identifier: r.Identifier ?? '', Value: (r.Value ?? '').trim() })),
        notifyUrl,
        status: 2,
        settledAtMs: null,
        codes: [],
        notes: null,
        refund: null
      }
      this.lines.push(state)
      this.byDetailId.set(state.orderDetailId, state)
      this.byDeliverId.set(deliverKey(account, state.deliverId), state)
      this.pending.push(state)
      return state
    })
    return { ok: true, orderId, lines: created }
  }

  /** A line of this account, or undefined (unknown ids and other accounts' lines look the same). */
  line(email: string, orderDetailId: number): LineState | undefined {
    const line = this.byDetailId.get(orderDetailId)
    return line && line.email === this.account(email)?.email ? line : undefined
  }

  /** The account's lines, oldest first. */
  linesOf(email: string): LineState[] {
    const account = this.account(email)
    return account ? this.lines.filter((l) => l.email === account.email) : []
  }

  /** The earliest moment a pending line with a NotifyURL falls due, for the callback timer; null when none. */
  nextCallbackDueMs(): number | null {
    return this.pending.reduce<number | null>(
      (min, l) => (l.notifyUrl === null || (min !== null && l.outcome.atMs >= min) ? min : l.outcome.atMs),
      null
    )
  }

  /** Cancel before delivery: the line's total goes back to the balance and its stock back on the shelf. */
  cancel(email: string, orderDetailId: number): CancelResult {
    this.settle()
    const line = this.line(email, orderDetailId)
    if (!line) return { ok: false, reason: 'not_found' }
    if (line.status === 0) return { ok: false, reason: 'already_cancelled', line }
    if (line.status !== 2) return { ok: false, reason: 'not_cancellable', line }
    this.pending = this.pending.filter((l) => l !== line)
    this.refund(line, 0, `Cancelled at the reseller's request; ${formatAmount(line.total)} ${line.currency} refunded to the balance.`)
    return { ok: true, line }
  }

  /** Applies every outcome that is due: codes for delivered lines, refunds for removed ones. */
  settle(): void {
    const now = this.config.clock.nowMs()
    const { due, rest } = takeDue(this.pending, now, (l) => l.outcome.atMs)
    if (due.length === 0) return
    this.pending = rest
    for (const line of due) {
      if (line.outcome.kind === 'deliver') {
        const account = this.mustAccount(line.email)
        line.codes.push(...this.codes.nextMany(line.codeFormat, line.quantity))
        account.issuedCodes.push(...line.codes)
        line.status = 1
        line.settledAtMs = now
        line.notes = ['Your order has been delivered.']
        this.config.onFinal?.(line)
      } else {
        this.refund(line, 3, `The supplier could not fulfil this order; ${formatAmount(line.total)} ${line.currency} refunded to the balance.`)
      }
    }
  }

  snapshot(line: LineState): HyperSimOrderSnapshot {
    return {
      orderId: line.orderId,
      orderDetailId: line.orderDetailId,
      deliverId: line.deliverId,
      email: line.email,
      productId: line.productId,
      productName: line.productName,
      typeId: line.typeId,
      quantity: line.quantity,
      unitPrice: formatAmount(line.unitPrice),
      totalPrice: formatAmount(line.total),
      status: line.status,
      createdAtMs: line.createdAtMs,
      settledAtMs: line.settledAtMs,
      codes: [...line.codes],
      refundAmount: line.refund === null ? null : formatAmount(line.refund),
      requireData: line.requireData.map((r) => ({ ...r })),
      notifyUrl: line.notifyUrl
    }
  }

  private refund(line: LineState, status: 0 | 3, note: string): void {
    const account = this.mustAccount(line.email)
    account.balance = account.balance.plus(line.total)
    const product = this.catalog.get(line.productId)
    if (product && product.stock !== null) product.stock += line.quantity
    line.refund = line.total
    line.status = status
    line.settledAtMs = this.config.clock.nowMs()
    line.notes = [note]
    this.config.onFinal?.(line)
  }

  private mustAccount(email: string): AccountState {
    const account = this.account(email)
    if (!account) throw new Error(`line of unknown account ${email}`)
    return account
  }
}

function deliverKey(account: AccountState, deliverId: string): string {
  return `${account.email.toLowerCase()}\u0000${deliverId}`
}

/** Hyper products may have no stock limit at all (null). */
function assertStockOrNull(stock: number | null): void {
  if (stock !== null && (!Number.isSafeInteger(stock) || stock < 0)) throw new RangeError(`stock must be a non-negative integer or null, got ${stock}`)
}

/** The first problem with a line's RequireData against the product's definitions, or null. */
function checkRequireData(
  product: ProductState,
  given: BasketLineInput['RequireData']
): { errorCode: 'REQUIRE_DATA_MISSING' | 'REQUIRE_DATA_INVALID'; message: string; requireId?: number } | null {
  for (const g of given) {
    const def = product.requireData.find((d) => d.id === g.ProductRequireID)
    if (!def) return { errorCode: 'REQUIRE_DATA_INVALID', message: `Product ${product.id} does not take ProductRequireID ${g.ProductRequireID}.`, requireId: g.ProductRequireID }
    if ((g.Identifier ?? '').trim().toLowerCase() !== def.identifier.toLowerCase()) {
      return { errorCode: 'REQUIRE_DATA_INVALID', message: `Identifier of ProductRequireID ${def.id} must be ${def.identifier}.`, requireId: def.id }
    }
  }
  for (const def of product.requireData) {
    const value = (given.find((g) => g.ProductRequireID === def.id)?.Value ?? '').trim()
    if (value === '') {
      if (def.required) return { errorCode: 'REQUIRE_DATA_MISSING', message: `${def.name} (${def.identifier}) is required.`, requireId: def.id }
      continue
    }
    if (def.regex !== null && !new RegExp(def.regex).test(value)) {
      return { errorCode: 'REQUIRE_DATA_INVALID', message: `${def.name} (${def.identifier}) is not valid.`, requireId: def.id }
    }
  }
  return null
}
