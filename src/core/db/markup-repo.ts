// The shop's markup rules: per account, optionally narrowed to one catalog category ('' in the table = every
// category). One rule per (account, category): setting it again replaces it.
import type { Db } from './open'

export interface MarkupRuleRecord {
  id: string
  accountId: string
  /** null: every category of the account. */
  category: string | null
  kind: 'percent' | 'fixed'
  /** Decimal text: percent points ("15" = +15 %) or an amount in the account's currency. */
  value: string
  roundStep: string | null
  roundMode: 'up' | 'nearest' | null
  updatedAt: string
}

type Row = {
  id: string
  account_id: string
  category: string
  kind: 'percent' | 'fixed'
  value: string
  round_step: string | null
  round_mode: 'up' | 'nearest' | null
  updated_at: string
}

const fromRow = (r: Row): MarkupRuleRecord => ({
  id: r.id,
  accountId: r.account_id,
  category: r.category === '' ? null : r.category,
  kind: r.kind,
  value: r.value,
  roundStep: r.round_step,
  roundMode: r.round_mode,
  updatedAt: r.updated_at
})

export class MarkupRepo {
  constructor(private readonly db: Db) {}

  /** Inserts or replaces the rule for (account, category); returns the stored rule (its id is kept on replace). */
  upsert(r: MarkupRuleRecord): MarkupRuleRecord {
    this.db
      .prepare(
        `INSERT INTO markup_rules (id, account_id, category, kind, value, round_step, round_mode, updated_at)
         VALUES (@id, @accountId, @category, @kind, @value, @roundStep, @roundMode, @updatedAt)
         ON CONFLICT (account_id, category) DO UPDATE SET kind = excluded.kind, value = excluded.value,
           round_step = excluded.round_step, round_mode = excluded.round_mode, updated_at = excluded.updated_at`
      )
      .run({ ...r, category: r.category ?? '' })
    const row = this.db.prepare('SELECT * FROM markup_rules WHERE account_id = ? AND category = ?').get(r.accountId, r.category ?? '') as Row
    return fromRow(row)
  }

  list(accountId?: string): MarkupRuleRecord[] {
    const rows = (
      accountId
        ? this.db.prepare('SELECT * FROM markup_rules WHERE account_id = ? ORDER BY category').all(accountId)
        : this.db.prepare('SELECT * FROM markup_rules ORDER BY account_id, category').all()
    ) as Row[]
    return rows.map(fromRow)
  }

  get(id: string): MarkupRuleRecord | null {
    const r = this.db.prepare('SELECT * FROM markup_rules WHERE id = ?').get(id) as Row | undefined
    return r ? fromRow(r) : null
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM markup_rules WHERE id = ?').run(id).changes > 0
  }
}
