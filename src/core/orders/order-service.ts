// Plans, places and shows orders. Placing writes every planned order to the journal in one transaction before
// the engine sends anything.
import { randomBytes, randomUUID } from 'node:crypto'
import { Basket as BasketSchema, type Basket, type OrderDetailView, type OrderView, type PlanView } from '../../shared/contract'
import { parseOrThrow } from '../validation'
import type { OrderState } from '../../shared/domain'
import type { NewOrder, OrderRecord } from '../db/orders-repo'
import type { Storage } from '../db/storage'
import { AppError } from '../errors'
import type { EventBus } from '../events'
import { multiply, subtract, sum } from '../money'
import { planBasket, splitQuantity, type PlannerInputs } from './planner'
import type { OrderEngine } from './order-engine'
import type { OrderViewOf } from './order-view'
import type { AccountService } from '../accounts'
import type { BalanceService } from '../balances'
import type { CodeService } from '../codes'

/** The repositories this service uses (SQL stays in the storage layer, src/core/db). */
export type OrderStorage = Pick<Storage, 'accounts' | 'audit' | 'catalog' | 'orders' | 'transaction'>

export class OrderService {
  constructor(
    private readonly storage: OrderStorage,
    private readonly accounts: AccountService,
    private readonly balances: BalanceService,
    private readonly codes: CodeService,
    private readonly engine: OrderEngine,
    private readonly view: OrderViewOf,
    private readonly events: EventBus,
    /** Who is acting now (the staff profile chosen at start), for the audit log. */
    private readonly actor: () => string,
    private readonly now: () => Date
  ) {}

  toView(o: OrderRecord): OrderView {
    return this.view(o)
  }

  /** Money promised to orders not yet charged upstream (planned or in flight): not spendable for a new plan. */
  private reserved(accountId: string, currency: string) {
    const open = this.storage.orders.active(accountId).filter((o) => o.state === 'planned' || o.state === 'submitting')
    return sum(
      open.filter((o) => o.currency === currency).map((o) => multiply({ amount: o.unitPrice, currency }, o.quantity)),
      currency
    )
  }

  private plannerInputs(): PlannerInputs {
    return {
      account: (id) => {
        const a = this.storage.accounts.get(id)
        if (!a) return null
        const caps = this.accounts.runtime(id).adapter.capabilities
        return { id: a.id, name: a.name, currency: a.currency, supplier: caps.supplier, minPerOrder: caps.minQuantityPerOrder, maxPerOrder: caps.maxQuantityPerOrder }
      },
      item: (accountId, productId, variantId) => {
        const r = this.storage.catalog.get(accountId, productId, variantId)
        if (!r) return null
        return { title: r.title, variantName: r.variantName, price: { amount: r.price, currency: r.currency }, stock: r.stock, inStock: r.inStock, maxPerOrder: r.maxPerOrder, fields: r.fields }
      },
      balance: (accountId) => {
        const b = this.balances.latest(accountId)
        return b ? subtract(b, this.reserved(accountId, b.currency)) : null
      }
    }
  }

  /** Fresh balances for the accounts in the basket (a failed read falls back to the last one). */
  private async refreshBalancesFor(basket: Basket): Promise<void> {
    const ids = [...new Set(basket.lines.map((l) => l.accountId))].filter((id) => this.storage.accounts.get(id))
    await Promise.allSettled(ids.map((id) => this.balances.refreshAccount(id)))
  }

  async plan(basket: Basket): Promise<PlanView> {
    // The CLI and the demo come here without the IPC layer: the same size limits on fields whichever way.
    basket = parseOrThrow(BasketSchema, basket)
    await this.refreshBalancesFor(basket)
    return planBasket(basket.lines, this.plannerInputs())
  }

  async place(basket: Basket): Promise<{ batchId: string; orderIds: string[]; plan: PlanView }> {
    basket = parseOrThrow(BasketSchema, basket)
    await this.refreshBalancesFor(basket)
    // Planned and written in one synchronous stretch, so two clicks cannot both spend the same balance.
    const plan = planBasket(basket.lines, this.plannerInputs())
    if (!plan.canPlace) {
      throw new AppError('VALIDATION', plan.problems.map((p) => p.message).join(' ') || 'This basket cannot be bought.')
    }
    const batchId = randomUUID()
    const orders: NewOrder[] = []
    plan.lines.forEach((line, i) => {
      const fields = basket.lines[i]?.fields ?? {}
      for (const quantity of line.orderQuantities.length ? line.orderQuantities : splitQuantity(line.quantity, 1)) {
        orders.push({
          id: randomUUID(),
          batchId,
          accountId: line.accountId,
          productId: line.productId,
          variantId: line.variantId,
          title: line.title,
          quantity,
          unitPrice: line.unitPrice.amount,
          currency: line.unitPrice.currency,
          fields,
          // Our client reference: short, ASCII, unique; sent to upstreams that accept one.
          clientRef: `rd${randomBytes(12).toString('hex')}`
        })
      }
    })
    const at = this.now().toISOString()
    this.storage.transaction(() => {
      this.storage.orders.insertPlanned(orders, at)
      this.storage.audit.append({ at, actor: this.actor(), action: 'orders.place', subjectType: 'order', subjectId: batchId, detail: { orders: orders.length, lines: plan.lines.length } })
    })
    this.events.emit({ type: 'orders.changed', orders: orders.map((o) => this.toView(this.storage.orders.mustGet(o.id))) })
    this.engine.track(orders.map((o) => o.id))
    for (const accountId of new Set(orders.map((o) => o.accountId))) this.engine.wake(accountId)
    return { batchId, orderIds: orders.map((o) => o.id), plan }
  }

  /** The one order whose id is, or starts with, this text; refused when none or several match. */
  find(idOrPrefix: string): string {
    if (this.storage.orders.get(idOrPrefix)) return idOrPrefix
    const matches = this.storage.orders.list({ limit: 100_000 }).filter((o) => o.id.startsWith(idOrPrefix))
    if (matches.length === 1) return matches[0]!.id
    throw new AppError('NOT_FOUND', matches.length ? `“${idOrPrefix}” matches ${matches.length} orders; give more of the id.` : `No order “${idOrPrefix}”.`)
  }

  /** Every order the engine still works on, oldest first. */
  activeIds(): string[] {
    return this.storage.orders.active().map((o) => o.id)
  }

  list(f: { state?: OrderState | undefined; batchId?: string | undefined; limit?: number | undefined }): OrderView[] {
    return this.storage.orders.list(f).map((o) => this.toView(o))
  }

  get(orderId: string): OrderDetailView {
    const o = this.storage.orders.mustGet(orderId)
    return { order: this.toView(o), codes: this.codes.list({ orderId }, 10_000) }
  }

  async cancel(orderId: string, reason: string | null): Promise<OrderView> {
    const rec = await this.engine.cancel(orderId, reason)
    this.storage.audit.append({ at: this.now().toISOString(), actor: this.actor(), action: 'order.cancel', subjectType: 'order', subjectId: orderId, detail: { reason } })
    return this.toView(rec)
  }

  /** Checked with the supplier where it can be (see OrderEngine.resolvePlaced / resolveNotPlaced); refused when not. */
  async resolve(orderId: string, resolution: { kind: 'placed'; upstreamId: string; force?: boolean | undefined } | { kind: 'not_placed' }): Promise<OrderView> {
    const o = this.storage.orders.mustGet(orderId)
    if (o.state !== 'needs_review') throw new AppError('CONFLICT', 'Only an order that needs review can be resolved.')
    const rec =
      resolution.kind === 'placed'
        ? await this.engine.resolvePlaced(orderId, resolution.upstreamId.trim(), { force: resolution.force === true })
        : await this.engine.resolveNotPlaced(orderId, this.actor())
    this.storage.audit.append({
      at: this.now().toISOString(),
      actor: this.actor(),
      action: `order.resolve.${resolution.kind}`,
      subjectType: 'order',
      subjectId: orderId,
      detail: resolution.kind === 'placed' ? { upstreamId: resolution.upstreamId, ...(resolution.force ? { force: true } : {}) } : {}
    })
    return this.toView(rec)
  }
}
