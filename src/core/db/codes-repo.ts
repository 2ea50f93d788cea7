// Delivered codes, sealed. This module never sees plain text: the vault seals before insert and opens after read.
import type Database from 'better-sqlite3'
import type { Db } from './open'
import type { CodeState } from '../../shared/domain'
import { periodEnd, periodStart } from '../period'

export interface CodeRecord {
  id: string
  orderId: string
  seq: number
  accountId: string
  productId: string
  sealed: Buffer
  fingerprint: Buffer
  duplicateOf: string | null
  state: CodeState
  voidReason: string | null
  createdAt: string
  exportedAt: string | null
  soldAt: string | null
}

export interface CodeListFilter {
  accountId?: string | undefined
  productId?: string | undefined
  orderId?: string | undefined
  batchId?: string | undefined
  state?: CodeState | undefined
  codeIds?: readonly string[] | undefined
  /** Delivered at or after / at or before (ISO instants or dates people typed; see core/period). */
  from?: string | undefined
  to?: string | undefined
  /** Codes held for review (their order needs review): left out ('exclude') or only those ('only'). Default: both. */
  held?: 'exclude' | 'only' | undefined
}

/**
 * A code is *held* while its order needs review (an unsplit delivery, a count that does not match, an order a person
 * must confirm): it is kept and can be revealed, but it is never exported, copied or sold until the order is resolved.
 */
export const HELD_SQL = "order_id IN (SELECT id FROM orders WHERE state = 'needs_review')"

type Row = {
  id: string
  order_id: string
  seq: number
  account_id: string
  product_id: string
  sealed: Buffer
  fingerprint: Buffer
  duplicate_of: string | null
  state: CodeState
  void_reason: string | null
  created_at: string
  exported_at: string | null
  sold_at: string | null
}

function fromRow(r: Row): CodeRecord {
  return {
    id: r.id,
    orderId: r.order_id,
    seq: r.seq,
    accountId: r.account_id,
    productId: r.product_id,
    sealed: r.sealed,
    fingerprint: r.fingerprint,
    duplicateOf: r.duplicate_of,
    state: r.state,
    voidReason: r.void_reason,
    createdAt: r.created_at,
    exportedAt: r.exported_at,
    soldAt: r.sold_at
  }
}

export class CodesRepo {
  constructor(private readonly db: Db) {}

  /** Call inside the transaction that completes the order. */
  insertMany(codes: readonly CodeRecord[]): void {
    const ins = this.db.prepare(
      `INSERT INTO codes (id, order_id, seq, account_id, product_id, sealed, fingerprint, duplicate_of, state, created_at)
       VALUES (@id, @orderId, @seq, @accountId, @productId, @sealed, @fingerprint, @duplicateOf, @state, @createdAt)`
    )
    for (const c of codes) ins.run(c)
  }

  /** The first stored code with this fingerprint, if any. */
  private byFingerprint: Database.Statement | null = null

  findByFingerprint(fingerprint: Buffer): { id: string; orderId: string } | null {
    // Prepared once: it runs for every delivered code.
    this.byFingerprint ??= this.db.prepare('SELECT id, order_id FROM codes WHERE fingerprint = ? ORDER BY created_at LIMIT 1')
    const r = this.byFingerprint.get(fingerprint) as
      | { id: string; order_id: string }
      | undefined
    return r ? { id: r.id, orderId: r.order_id } : null
  }

  get(id: string): CodeRecord | null {
    const r = this.db.prepare('SELECT * FROM codes WHERE id = ?').get(id) as Row | undefined
    return r ? fromRow(r) : null
  }

  /** Whether this code is held for review (see HELD_SQL). */
  isHeld(codeId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM codes WHERE id = ? AND ${HELD_SQL}`).get(codeId) !== undefined
  }

  countForOrder(orderId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM codes WHERE order_id = ?').get(orderId) as { n: number }).n
  }

  private where(f: CodeListFilter): { sql: string; params: Record<string, unknown> } {
    const where: string[] = []
    const params: Record<string, unknown> = {}
    if (f.accountId) (where.push('account_id = @accountId'), (params.accountId = f.accountId))
    if (f.productId) (where.push('product_id = @productId'), (params.productId = f.productId))
    if (f.orderId) (where.push('order_id = @orderId'), (params.orderId = f.orderId))
    if (f.batchId) (where.push('order_id IN (SELECT id FROM orders WHERE batch_id = @batchId)'), (params.batchId = f.batchId))
    if (f.state) (where.push('state = @state'), (params.state = f.state))
    if (f.codeIds) {
      // json_each keeps one statement for any number of ids (no 999-parameter limit).
      where.push('id IN (SELECT value FROM json_each(@codeIds))')
      params.codeIds = JSON.stringify(f.codeIds)
    }
    if (f.from) (where.push('created_at >= @from'), (params.from = periodStart(f.from)))
    if (f.to) (where.push('created_at <= @to'), (params.to = periodEnd(f.to)))
    if (f.held === 'exclude') where.push(`NOT (${HELD_SQL})`)
    if (f.held === 'only') where.push(HELD_SQL)
    return { sql: where.length ? 'WHERE ' + where.join(' AND ') : '', params }
  }

  list(f: CodeListFilter, limit?: number): CodeRecord[] {
    const w = this.where(f)
    // Exactly the reverse of the export order, so one index (codes_by_time / codes_by_state_time) serves both.
    const sql = `SELECT * FROM codes ${w.sql} ORDER BY created_at DESC, order_id DESC, seq DESC ${limit ? 'LIMIT @limit' : ''}`
    return (this.db.prepare(sql).all(limit ? { ...w.params, limit } : w.params) as Row[]).map(fromRow)
  }

  /** Streams matching codes in delivery order without holding them all (exports of 100k rows). */
  *iterate(f: CodeListFilter): IterableIterator<CodeRecord> {
    const w = this.where(f)
    const stmt = this.db.prepare(`SELECT * FROM codes ${w.sql} ORDER BY created_at, order_id, seq`)
    for (const r of stmt.iterate(w.params) as IterableIterator<Row>) yield fromRow(r)
  }

  markExported(ids: readonly string[], at: string): number {
    return this.db
      .prepare(`UPDATE codes SET state = 'exported', exported_at = @at WHERE state = 'in_stock' AND NOT (${HELD_SQL}) AND id IN (SELECT value FROM json_each(@ids))`)
      .run({ at, ids: JSON.stringify(ids) }).changes
  }

  markSold(ids: readonly string[], at: string): number {
    return this.db
      .prepare(`UPDATE codes SET state = 'sold', sold_at = @at WHERE state IN ('in_stock', 'exported') AND NOT (${HELD_SQL}) AND id IN (SELECT value FROM json_each(@ids))`)
      .run({ at, ids: JSON.stringify(ids) }).changes
  }

  markVoid(ids: readonly string[], reason: string): number {
    return this.db
      .prepare(`UPDATE codes SET state = 'void', void_reason = @reason WHERE state != 'void' AND id IN (SELECT value FROM json_each(@ids))`)
      .run({ reason, ids: JSON.stringify(ids) }).changes
  }

  /** Id and state of every matching code (bulk marking by filter). */
  states(f: CodeListFilter): { id: string; state: CodeState }[] {
    const w = this.where(f)
    return this.db.prepare(`SELECT id, state FROM codes ${w.sql} ORDER BY created_at, order_id, seq`).all(w.params) as { id: string; state: CodeState }[]
  }

  /**
   * Moves codes to `to` from the states that may lead there (exported ← in_stock; sold ← in_stock, exported;
   * void ← anything but void) and returns the codes that changed with the state each left, so every change can
   * be audited. One transaction (a savepoint inside the caller's).
   */
  transition(ids: readonly string[], to: 'exported' | 'sold' | 'void', at: string, reason: string | null = null): { id: string; from: CodeState }[] {
    const from: Record<typeof to, readonly CodeState[]> = { exported: ['in_stock'], sold: ['in_stock', 'exported'], void: ['in_stock', 'exported', 'sold'] }
    const allowed = JSON.stringify(from[to])
    // Held codes may be voided (a person decided), never exported or sold.
    const notHeld = to === 'void' ? '' : `AND NOT (${HELD_SQL})`
    const set = to === 'exported' ? 'exported_at = @at' : to === 'sold' ? 'sold_at = @at' : 'void_reason = @reason'
    return this.db.transaction(() => {
      const changed = this.db
        .prepare(`SELECT id, state AS "from" FROM codes WHERE id IN (SELECT value FROM json_each(@ids)) AND state IN (SELECT value FROM json_each(@allowed)) ${notHeld} ORDER BY created_at, order_id, seq`)
        .all({ ids: JSON.stringify(ids), allowed }) as { id: string; from: CodeState }[]
      if (changed.length === 0) return changed
      this.db
        .prepare(`UPDATE codes SET state = @to, ${set} WHERE id IN (SELECT value FROM json_each(@ids))`)
        .run({ to, at, reason, ids: JSON.stringify(changed.map((c) => c.id)) })
      return changed
    }).immediate()
  }

  /** Codes marked sold in [from, to] (ISO instants, inclusive). */
  countSoldBetween(from: string, to: string): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM codes WHERE state = 'sold' AND sold_at BETWEEN ? AND ?`).get(from, to) as { n: number }).n
  }

  /** Ids starting with `prefix` (the CLI shows short ids). */
  idsByPrefix(prefix: string, limit: number): string[] {
    const escaped = prefix.replace(/[\\%_]/g, (c) => '\\' + c)
    return (this.db.prepare(`SELECT id FROM codes WHERE id LIKE ? ESCAPE '\\' LIMIT ?`).all(escaped + '%', limit) as { id: string }[]).map((r) => r.id)
  }

  count(f: CodeListFilter = {}): number {
    const w = this.where(f)
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM codes ${w.sql}`).get(w.params) as { n: number }).n
  }
}
