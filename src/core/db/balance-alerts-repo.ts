// Whether each account's low-balance warning has fired for the current dip below its threshold. Kept in the
// database so a restart (or the next poll) does not warn again about the same dip.
import type { Db } from './open'

export type BalanceAlertState = 'armed' | 'low'

export interface BalanceAlertRecord {
  accountId: string
  state: BalanceAlertState
  /** The threshold in force when the state last changed. */
  threshold: string | null
  changedAt: string
}

type Row = { account_id: string; state: BalanceAlertState; threshold: string | null; changed_at: string }

export class BalanceAlertsRepo {
  constructor(private readonly db: Db) {}

  get(accountId: string): BalanceAlertRecord | null {
    const r = this.db.prepare('SELECT * FROM balance_alerts WHERE account_id = ?').get(accountId) as Row | undefined
    return r ? { accountId: r.account_id, state: r.state, threshold: r.threshold, changedAt: r.changed_at } : null
  }

  set(a: BalanceAlertRecord): void {
    this.db
      .prepare(
        `INSERT INTO balance_alerts (account_id, state, threshold, changed_at) VALUES (@accountId, @state, @threshold, @changedAt)
         ON CONFLICT (account_id) DO UPDATE SET state = excluded.state, threshold = excluded.threshold, changed_at = excluded.changed_at`
      )
      .run(a)
  }
}
