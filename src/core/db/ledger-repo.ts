// Money movements imported from upstreams (Digiseller's operations and sales). Keyed by the upstream's own id,
// so a re-import, however often, adds nothing.
import type { Db } from './open'
import type { LedgerEntry } from '../providers/types'

export interface LedgerRecord {
  accountId: string
  externalId: string
  kind: LedgerEntry['kind']
  at: string
  amount: string
  currency: string
  description: string
  productId: string | null
  productName: string | null
  reference: string | null
  upstreamType: string
}

type Row = {
  account_id: string
  external_id: string
  kind: LedgerEntry['kind']
  at: string
  amount: string
  currency: string
  description: string
  product_id: string | null
  product_name: string | null
  reference: string | null
  upstream_type: string
}

const fromRow = (r: Row): LedgerRecord => ({
  accountId: r.account_id,
  externalId: r.external_id,
  kind: r.kind,
  at: r.at,
  amount: r.amount,
  currency: r.currency,
  description: r.description,
  productId: r.product_id,
  productName: r.product_name,
  reference: r.reference,
  upstreamType: r.upstream_type
})

export class LedgerRepo {
  constructor(private readonly db: Db) {}

  /** Inserts the entries not seen before; returns how many were new. */
  insertNew(entries: readonly LedgerRecord[], importedAt: string): number {
    const ins = this.db.prepare(
      `INSERT INTO ledger_entries (account_id, external_id, kind, at, amount, currency, description, product_id, product_name, reference, upstream_type, imported_at)
       VALUES (@accountId, @externalId, @kind, @at, @amount, @currency, @description, @productId, @productName, @reference, @upstreamType, @importedAt)
       ON CONFLICT (account_id, external_id) DO NOTHING`
    )
    return this.db.transaction(() => entries.reduce((n, e) => n + ins.run({ ...e, importedAt }).changes, 0)).immediate()
  }

  /** The newest entry's time, to import incrementally from there. */
  latestAt(accountId: string): string | null {
    const r = this.db.prepare('SELECT MAX(at) AS at FROM ledger_entries WHERE account_id = ?').get(accountId) as { at: string | null }
    return r.at
  }

  list(f: { accountId?: string | undefined; since?: string | undefined; limit: number }): LedgerRecord[] {
    const where: string[] = []
    const params: Record<string, unknown> = { limit: f.limit }
    if (f.accountId) (where.push('account_id = @accountId'), (params.accountId = f.accountId))
    if (f.since) (where.push('at >= @since'), (params.since = f.since))
    const sql = `SELECT * FROM ledger_entries ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY at DESC, id DESC LIMIT @limit`
    return (this.db.prepare(sql).all(params) as Row[]).map(fromRow)
  }

  /** One account's entries in [from, to] (ISO instants, inclusive), oldest first. */
  between(accountId: string, from: string, to: string): LedgerRecord[] {
    return (this.db.prepare('SELECT * FROM ledger_entries WHERE account_id = ? AND at BETWEEN ? AND ? ORDER BY at, id').all(accountId, from, to) as Row[]).map(fromRow)
  }

  count(accountId?: string): number {
    const sql = `SELECT COUNT(*) AS n FROM ledger_entries ${accountId ? 'WHERE account_id = ?' : ''}`
    return ((accountId ? this.db.prepare(sql).get(accountId) : this.db.prepare(sql).get()) as { n: number }).n
  }
}
