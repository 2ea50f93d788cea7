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

  /** The newest reading at or before `at` (the balance as it stood then). */
  atOrBefore(accountId: string, at: string): BalanceSnapshot | null {
    const r = this.db.prepare('SELECT * FROM balance_snapshots WHERE account_id = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT 1').get(accountId, at) as Row | undefined
    return r ? fromRow(r) : null
  }

  /** Readings in [from, to] (inclusive), oldest first. */
  between(accountId: string, from: string, to: string): BalanceSnapshot[] {
    return (this.db.prepare('SELECT * FROM balance_snapshots WHERE account_id = ? AND at BETWEEN ? AND ? ORDER BY at, id').all(accountId, from, to) as Row[]).map(fromRow)
  }

  /** When this account's first reading was taken. */
  firstAt(accountId: string): string | null {
    return (this.db.prepare('SELECT MIN(at) AS at FROM balance_snapshots WHERE account_id = ?').get(accountId) as { at: string | null }).at
  }

  history(accountId: string, since: string): BalanceSnapshot[] {
    return (this.db.prepare('SELECT * FROM balance_snapshots WHERE account_id = ? AND at >= ? ORDER BY at, id').all(accountId, since) as Row[]).map(fromRow)
  }
}
