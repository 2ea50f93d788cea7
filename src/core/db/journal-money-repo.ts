// Read-only view of the order journal as money: what each order charged and refunded, and when. Forecasts and
// reconciliation read it; the arithmetic stays in the services (decimal.js), never in SQL.
import type { Db } from './open'
import type { OrderState } from '../../shared/domain'

export interface JournalMoneyRow {
  orderId: string
  title: string
  /** Our client reference: what a person searches for in the supplier's dashboard. */
  clientRef: string
  state: OrderState
  upstreamId: string | null
  quantity: number
  unitPrice: string
  currency: string
  /** What the upstream said it charged, when it said. */
  charged: string | null
  refunded: string | null
  /** When the create request left (the charge's time); created_at for an order never sent. */
  chargedAt: string
  completedAt: string | null
  /** Codes stored for the order (what it delivered). */
  delivered: number
}

type Row = {
  id: string
  title: string
  client_ref: string
  state: OrderState
  upstream_id: string | null
  quantity: number
  unit_price: string
  currency: string
  charged: string | null
  refunded: string | null
  charged_at: string
  completed_at: string | null
  delivered: number
}

export class JournalMoneyRepo {
  constructor(private readonly db: Db) {}

  /**
   * Orders of one account whose charge or completion falls in [from, to] (ISO instants, both inclusive), plus
   * every order still unsettled (open or needing review), whose money is not known yet.
   */
  touching(accountId: string, from: string, to: string): JournalMoneyRow[] {
    const rows = this.db
      .prepare(
        `SELECT id, title, client_ref, state, upstream_id, quantity, unit_price, currency, charged, refunded,
                COALESCE(submit_started_at, created_at) AS charged_at, completed_at,
                (SELECT COUNT(*) FROM codes WHERE codes.order_id = orders.id) AS delivered
         FROM orders
         WHERE account_id = @accountId
           AND ((COALESCE(submit_started_at, created_at) BETWEEN @from AND @to)
                OR (completed_at BETWEEN @from AND @to)
                OR state IN ('submitting', 'submitted', 'processing', 'needs_review'))
         ORDER BY charged_at, id`
      )
      .all({ accountId, from, to }) as Row[]
    return rows.map((r) => ({
      orderId: r.id,
      title: r.title,
      clientRef: r.client_ref,
      state: r.state,
      upstreamId: r.upstream_id,
      quantity: r.quantity,
      unitPrice: r.unit_price,
      currency: r.currency,
      charged: r.charged,
      refunded: r.refunded,
      chargedAt: r.charged_at,
      completedAt: r.completed_at,
      delivered: r.delivered
    }))
  }

  /** The first time this account's journal shows any order (the start of its known history). */
  firstChargeAt(accountId: string): string | null {
    const r = this.db.prepare('SELECT MIN(COALESCE(submit_started_at, created_at)) AS at FROM orders WHERE account_id = ? AND upstream_id IS NOT NULL').get(accountId) as { at: string | null }
    return r.at
  }
}
