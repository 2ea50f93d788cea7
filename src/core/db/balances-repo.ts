import type { Db } from './open'

export interface BalanceSnapshot {
  accountId: string
  available: string
  currency: string
  details: Record<string, string>
  at: string
}

type Row = { account_id: string; available: string; currency: string; details: string; at: string }
const fromRow = (r: Row): BalanceSnapshot => ({
  accountId: r.account_id,
  available: r.available,
  currency: r.currency,
  details: JSON.parse(r.details) as Record<string, string>,
  at: r.at
})

export class BalancesRepo {
  constructor(private readonly db: Db) {}

  insert(s: BalanceSnapshot): void {
    this.db
      .prepare('INSERT INTO balance_snapshots (account_id, available, currency, details, at) VALUES (@accountId, @available, @currency, @details, @at)')
      .run({ ...s, details: JSON.stringify(s.details) })
  }

  latest(accountId: string): BalanceSnapshot | null {
    const r = this.db.prepare('SELECT * FROM balance_snapshots WHERE account_id = ? ORDER BY at DESC, id DESC LIMIT 1').get(accountId) as Row | undefined
    return r ? fromRow(r) : null
  }

  history(accountId: string, since: string): BalanceSnapshot[] {
    return (this.db.prepare('SELECT * FROM balance_snapshots WHERE account_id = ? AND at >= ? ORDER BY at, id').all(accountId, since) as Row[]).map(fromRow)
  }
}
