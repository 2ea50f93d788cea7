// The order journal. Every state change is a guarded transition: it names the states it may leave, and a row
// in any other state is left alone and reported as a conflict. Each change is also written to order_events,
// so the history of an order can always be read back.
import type Database from 'better-sqlite3'
import type { Db } from './open'
import type { OrderState } from '../../shared/domain'
import { AppError } from '../errors'
import { checkLeaseInTransaction, type SubmitGuard } from './leases-repo'

export interface OrderRecord {
  id: string
  batchId: string
  accountId: string
  productId: string
  variantId: string | null
  title: string
  quantity: number
  unitPrice: string
  currency: string
  fields: Record<string, string>
  clientRef: string
  state: OrderState
  upstreamId: string | null
  upstreamStatus: string | null
  step: string | null
  /** What the upstream says it charged (text decimal), once known. */
  charged: string | null
  refunded: string | null
  fulfilledQuantity: number | null
  errorCode: string | null
  errorMessage: string | null
  reviewReason: string | null
  attempts: number
  /** When the latest create request was about to be sent (the window for recovery by matching). */
  submitStartedAt: string | null
  /** When the engine should next look at this order (submit, poll or reconcile). */
  nextActionAt: string | null
  /**
   * The supplier's account totals read just before the latest create was sent (suppliers without a client
   * reference): what recovery compares against to prove whether that create landed.
   */
  preCreate: PreCreateReading | null
  /** Supplier orders that could be this one, kept for the person who reviews it (never adopted on their own). */
  reviewCandidates: ReviewCandidate[] | null
  /** When the supplier says it created the order, on the supplier's clock (from the create reply). */
  upstreamCreatedAt: string | null
  createdAt: string
  updatedAt: string
  completedAt: string | null
}

export interface PreCreateReading {
  totalOrders: number
  totalSpent: string
  /** The supplier's clock at the reading (ISO), when its reply said. */
  serverTime: string | null
  /** Our clock when the reply arrived (ISO). */
  localTime: string
  /**
   * The account's order count as known just before this reading (after our previous create); null: never measured.
   * Equal to totalOrders: no order we cannot explain was placed since (one of the conditions for adopting).
   */
  priorKnownTotal?: number | null
}

export interface ReviewCandidate {
  upstreamId: string
  /** On the supplier's clock, converted to UTC where we know the list's time zone (ISO), else as listed. */
  createdAt: string | null
  quantity: number | null
  amount: string | null
  status: string
  productId: string | null
}

export type NewOrder = Pick<
  OrderRecord,
  'id' | 'batchId' | 'accountId' | 'productId' | 'variantId' | 'title' | 'quantity' | 'unitPrice' | 'currency' | 'fields' | 'clientRef'
>

type Row = {
  id: string
  batch_id: string
  account_id: string
  product_id: string
  variant_id: string | null
  title: string
  quantity: number
  unit_price: string
  currency: string
  fields: string
  client_ref: string
  state: OrderState
  upstream_id: string | null
  upstream_status: string | null
  step: string | null
  charged: string | null
  refunded: string | null
  fulfilled_quantity: number | null
  error_code: string | null
  error_message: string | null
  review_reason: string | null
  attempts: number
  submit_started_at: string | null
  next_action_at: string | null
  pre_create: string | null
  review_candidates: string | null
  upstream_created_at: string | null
  created_at: string
  updated_at: string
  completed_at: string | null
}

function fromRow(r: Row): OrderRecord {
  return {
    id: r.id,
    batchId: r.batch_id,
    accountId: r.account_id,
    productId: r.product_id,
    variantId: r.variant_id,
    title: r.title,
    quantity: r.quantity,
    unitPrice: r.unit_price,
    currency: r.currency,
    fields: JSON.parse(r.fields) as Record<string, string>,
    clientRef: r.client_ref,
    state: r.state,
    upstreamId: r.upstream_id,
    upstreamStatus: r.upstream_status,
    step: r.step,
    charged: r.charged,
    refunded: r.refunded,
    fulfilledQuantity: r.fulfilled_quantity,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    reviewReason: r.review_reason,
    attempts: r.attempts,
    submitStartedAt: r.submit_started_at,
    nextActionAt: r.next_action_at,
    preCreate: r.pre_create ? (JSON.parse(r.pre_create) as PreCreateReading) : null,
    reviewCandidates: r.review_candidates ? (JSON.parse(r.review_candidates) as ReviewCandidate[]) : null,
    upstreamCreatedAt: r.upstream_created_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    completedAt: r.completed_at
  }
}

/** Columns a transition may set, by their record names. */
type Patch = Partial<
  Pick<
    OrderRecord,
    | 'upstreamId'
    | 'upstreamStatus'
    | 'step'
    | 'charged'
    | 'refunded'
    | 'fulfilledQuantity'
    | 'errorCode'
    | 'errorMessage'
    | 'reviewReason'
    | 'submitStartedAt'
    | 'nextActionAt'
    | 'completedAt'
    | 'upstreamCreatedAt'
    | 'attempts'
  >
> & {
  preCreate?: PreCreateReading | null
  reviewCandidates?: ReviewCandidate[] | null
}

const COLUMN: Record<keyof Patch, string> = {
  upstreamId: 'upstream_id',
  upstreamStatus: 'upstream_status',
  step: 'step',
  charged: 'charged',
  refunded: 'refunded',
  fulfilledQuantity: 'fulfilled_quantity',
  errorCode: 'error_code',
  errorMessage: 'error_message',
  reviewReason: 'review_reason',
  submitStartedAt: 'submit_started_at',
  nextActionAt: 'next_action_at',
  completedAt: 'completed_at',
  upstreamCreatedAt: 'upstream_created_at',
  attempts: 'attempts',
  preCreate: 'pre_create',
  reviewCandidates: 'review_candidates'
}

/** JSON columns are written as text; null stays null. */
function columnValue(k: keyof Patch, v: unknown): unknown {
  return (k === 'preCreate' || k === 'reviewCandidates') && v !== null ? JSON.stringify(v) : v
}

export interface OrderListFilter {
  state?: OrderState | undefined
  states?: readonly OrderState[] | undefined
  batchId?: string | undefined
  accountId?: string | undefined
  limit?: number | undefined
}

/** The journal note that marks a create refused as a duplicate of our own reference (the order exists upstream). */
export const DUPLICATE_REFERENCE_NOTE = 'supplier already has our reference: placed'

export class OrdersRepo {
  constructor(private readonly db: Db) {}

  insertPlanned(orders: readonly NewOrder[], now: string): void {
    const ins = this.db.prepare(
      `INSERT INTO orders (id, batch_id, account_id, product_id, variant_id, title, quantity, unit_price, currency, fields,
                           client_ref, state, next_action_at, created_at, updated_at)
       VALUES (@id, @batchId, @accountId, @productId, @variantId, @title, @quantity, @unitPrice, @currency, @fields,
               @clientRef, 'planned', @now, @now, @now)`
    )
    const ev = this.db.prepare(`INSERT INTO order_events (order_id, at, from_state, to_state, note) VALUES (?, ?, NULL, 'planned', NULL)`)
    this.db.transaction(() => {
      for (const o of orders) {
        ins.run({ ...o, fields: JSON.stringify(o.fields), now })
        ev.run(o.id, now)
      }
    }).immediate()
  }

  /**
   * Move an order from one of `from` to `to`, setting `patch`. Throws CONFLICT when the order is not in one of
   * `from` (another worker or a person got there first). Call inside a transaction when it must be atomic with
   * other writes (codes).
   */
  /** guard: moved only while that engine holds the account's lease, checked in this transaction (order-leases.ts). */
  transition(id: string, from: readonly OrderState[], to: OrderState, patch: Patch, now: string, note?: string, guard?: SubmitGuard): OrderRecord {
    const sets = ['state = @to', 'updated_at = @now']
    const params: Record<string, unknown> = { id, to, now }
    for (const [k, v] of Object.entries(patch) as [keyof Patch, unknown][]) {
      if (v === undefined) continue
      sets.push(`${COLUMN[k]} = @${k}`)
      params[k] = columnValue(k, v)
    }
    if (to === 'submitting' && patch.attempts === undefined) sets.push('attempts = attempts + 1')
    const fromList = from.map((_, i) => `@from${i}`).join(', ')
    from.forEach((s, i) => (params[`from${i}`] = s))
    const run = this.db.transaction(() => {
      const before = this.db.prepare('SELECT state FROM orders WHERE id = ?').get(id) as { state: OrderState } | undefined
      if (!before) throw new AppError('NOT_FOUND', 'That order does not exist.')
      if (guard) checkLeaseInTransaction(this.db, guard)
      const res = this.db.prepare(`UPDATE orders SET ${sets.join(', ')} WHERE id = @id AND state IN (${fromList})`).run(params)
      if (res.changes === 0) {
        throw new AppError('CONFLICT', `The order is ${before.state.replace('_', ' ')} and cannot become ${to.replace('_', ' ')}.`)
      }
      this.db.prepare('INSERT INTO order_events (order_id, at, from_state, to_state, note) VALUES (?, ?, ?, ?, ?)').run(id, now, before.state, to, note ?? null)
      return this.mustGet(id)
    })
    const rec = run.immediate()
    guard?.onRenewed?.()
    return rec
  }

  /** Update details without changing state (progress steps, next poll time). */
  touch(id: string, patch: Patch, now: string): void {
    const sets = ['updated_at = @now']
    const params: Record<string, unknown> = { id, now }
    for (const [k, v] of Object.entries(patch) as [keyof Patch, unknown][]) {
      if (v === undefined) continue
      sets.push(`${COLUMN[k]} = @${k}`)
      params[k] = columnValue(k, v)
    }
    this.db.prepare(`UPDATE orders SET ${sets.join(', ')} WHERE id = @id`).run(params)
  }

  private byId: Database.Statement | null = null

  get(id: string): OrderRecord | null {
    this.byId ??= this.db.prepare('SELECT * FROM orders WHERE id = ?')
    const r = this.byId.get(id) as Row | undefined
    return r ? fromRow(r) : null
  }

  mustGet(id: string): OrderRecord {
    const o = this.get(id)
    if (!o) throw new AppError('NOT_FOUND', 'That order does not exist.')
    return o
  }

  list(f: OrderListFilter = {}): OrderRecord[] {
    const where: string[] = []
    const params: Record<string, unknown> = { limit: f.limit ?? 1000 }
    if (f.state) {
      where.push('state = @state')
      params.state = f.state
    }
    if (f.states) {
      where.push(`state IN (${f.states.map((_, i) => `@s${i}`).join(', ') || "''"})`)
      f.states.forEach((s, i) => (params[`s${i}`] = s))
    }
    if (f.batchId) {
      where.push('batch_id = @batchId')
      params.batchId = f.batchId
    }
    if (f.accountId) {
      where.push('account_id = @accountId')
      params.accountId = f.accountId
    }
    const sql = `SELECT * FROM orders ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, rowid DESC LIMIT @limit`
    return (this.db.prepare(sql).all(params) as Row[]).map(fromRow)
  }

  /** Orders the engine still has work on, oldest first (submission order matters to people). */
  active(accountId?: string): OrderRecord[] {
    // rowid: the order they were written in, i.e. the plan's order (a basket's orders share one created_at).
    const sql = `SELECT * FROM orders WHERE state IN ('planned', 'submitting', 'submitted', 'processing')
                 ${accountId ? 'AND account_id = ?' : ''} ORDER BY created_at, rowid`
    const rows = (accountId ? this.db.prepare(sql).all(accountId) : this.db.prepare(sql).all()) as Row[]
    return rows.map(fromRow)
  }

  findByUpstreamId(accountId: string, upstreamId: string): OrderRecord | null {
    const r = this.db.prepare('SELECT * FROM orders WHERE account_id = ? AND upstream_id = ?').get(accountId, upstreamId) as Row | undefined
    return r ? fromRow(r) : null
  }

  findByClientRef(clientRef: string): OrderRecord | null {
    const r = this.db.prepare('SELECT * FROM orders WHERE client_ref = ?').get(clientRef) as Row | undefined
    return r ? fromRow(r) : null
  }

  /** Upstream ids already claimed by one of our orders on this account (recovery must not claim them twice). */
  claimedUpstreamIds(accountId: string): Set<string> {
    const rows = this.db.prepare('SELECT upstream_id FROM orders WHERE account_id = ? AND upstream_id IS NOT NULL').all(accountId) as { upstream_id: string }[]
    return new Set(rows.map((r) => r.upstream_id))
  }

  /** When the order was first sent (its first move to `submitting`), from the journal; null: never sent. */
  firstSubmittedAt(orderId: string): string | null {
    const r = this.db.prepare("SELECT MIN(at) AS at FROM order_events WHERE order_id = ? AND to_state = 'submitting'").get(orderId) as { at: string | null }
    return r.at
  }

  /**
   * Records in the order's journal that the supplier refused a create because it already has our reference: from
   * then on the order is known to have been placed, whatever a lookup says (see duplicateReferenceSeen).
   */
  noteDuplicateReference(orderId: string, at: string): void {
    const o = this.mustGet(orderId)
    this.db.prepare('INSERT INTO order_events (order_id, at, from_state, to_state, note) VALUES (?, ?, ?, ?, ?)').run(orderId, at, o.state, o.state, DUPLICATE_REFERENCE_NOTE)
  }

  duplicateReferenceSeen(orderId: string): boolean {
    return this.db.prepare('SELECT 1 FROM order_events WHERE order_id = ? AND note = ? LIMIT 1').get(orderId, DUPLICATE_REFERENCE_NOTE) !== undefined
  }

  events(orderId: string): { at: string; fromState: string | null; toState: string; note: string | null }[] {
    return (
      this.db.prepare('SELECT at, from_state, to_state, note FROM order_events WHERE order_id = ? ORDER BY id').all(orderId) as {
        at: string
        from_state: string | null
        to_state: string
        note: string | null
      }[]
    ).map((r) => ({ at: r.at, fromState: r.from_state, toState: r.to_state, note: r.note }))
  }
}
