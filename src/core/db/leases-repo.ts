// Account leases (migration 8): which process works an account's orders right now. Taking a lease is one
// BEGIN IMMEDIATE transaction (the write lock first), so two processes can never both see "free" and both take it.
import type { Db } from './open'
import { AppError } from '../errors'

/** The lease check made inside the transaction that moves an order planned→submitting (see OrdersRepo.transition). */
export interface SubmitGuard {
  accountId: string
  owner: string
  /** The lease is renewed to this by the same write. */
  expiresAt: string
  onRenewed?: () => void
}

/** The move to `submitting` was refused: this process no longer holds the account's lease. Nothing was sent. */
export class LeaseLostError extends AppError {
  constructor(accountId: string) {
    super('CONFLICT', `Another ResellerDesk process works account ${accountId} now; this one sends nothing more there.`)
  }
}

/** Run inside a write transaction: renew the lease if `guard.owner` holds it, else throw LeaseLostError. */
export function checkLeaseInTransaction(db: Db, guard: SubmitGuard): void {
  const res = db.prepare('UPDATE account_leases SET expires_at = ? WHERE account_id = ? AND owner = ?').run(guard.expiresAt, guard.accountId, guard.owner)
  if (res.changes === 0) throw new LeaseLostError(guard.accountId)
}

export interface LeaseRecord {
  accountId: string
  owner: string
  pid: number
  host: string
  kind: string
  since: string
  expiresAt: string
}

type Row = { account_id: string; owner: string; pid: number; host: string; kind: string; since: string; expires_at: string }

const fromRow = (r: Row): LeaseRecord => ({ accountId: r.account_id, owner: r.owner, pid: r.pid, host: r.host, kind: r.kind, since: r.since, expiresAt: r.expires_at })

export class LeasesRepo {
  constructor(private readonly db: Db) {}

  get(accountId: string): LeaseRecord | null {
    const r = this.db.prepare('SELECT * FROM account_leases WHERE account_id = ?').get(accountId) as Row | undefined
    return r ? fromRow(r) : null
  }

  /**
   * Take or renew the lease when `mayTake(current)` says so (current is null when nobody holds it). Returns the
   * lease as it stands afterwards. The read and the write are one IMMEDIATE transaction.
   * 'lapsed': the holder may still run (and have a create in flight); the account's orders left in `submitting` are
   * then not looked at before `deferSubmittingUntil`, in the same transaction.
   */
  acquire(
    want: Omit<LeaseRecord, 'since'> & { now: string; deferSubmittingUntil?: string },
    mayTake: (current: LeaseRecord | null) => 'free' | 'lapsed' | 'no'
  ): LeaseRecord {
    return this.db.transaction((): LeaseRecord => {
      const current = this.get(want.accountId)
      if (current && current.owner === want.owner) {
        this.db.prepare('UPDATE account_leases SET expires_at = ? WHERE account_id = ? AND owner = ?').run(want.expiresAt, want.accountId, want.owner)
        return { ...current, expiresAt: want.expiresAt }
      }
      const verdict = mayTake(current)
      if (verdict === 'no') return current!
      if (verdict === 'lapsed' && want.deferSubmittingUntil) {
        this.db
          .prepare(
            `UPDATE orders SET next_action_at = @until WHERE account_id = @accountId AND state = 'submitting'
               AND (next_action_at IS NULL OR next_action_at < @until)`
          )
          .run({ until: want.deferSubmittingUntil, accountId: want.accountId })
      }
      const rec: LeaseRecord = { accountId: want.accountId, owner: want.owner, pid: want.pid, host: want.host, kind: want.kind, since: want.now, expiresAt: want.expiresAt }
      this.db
        .prepare(
          `INSERT INTO account_leases (account_id, owner, pid, host, kind, since, expires_at) VALUES (@accountId, @owner, @pid, @host, @kind, @since, @expiresAt)
           ON CONFLICT(account_id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host, kind = excluded.kind,
             since = excluded.since, expires_at = excluded.expires_at`
        )
        .run(rec)
      return rec
    }).immediate()
  }

  /** Extend every lease this owner holds (the heartbeat). */
  renewAll(owner: string, expiresAt: string): void {
    this.db.prepare('UPDATE account_leases SET expires_at = ? WHERE owner = ?').run(expiresAt, owner)
  }

  release(accountId: string, owner: string): void {
    this.db.prepare('DELETE FROM account_leases WHERE account_id = ? AND owner = ?').run(accountId, owner)
  }

  releaseAll(owner: string): void {
    this.db.prepare('DELETE FROM account_leases WHERE owner = ?').run(owner)
  }
}
