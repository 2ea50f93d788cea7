// When each background job last ran (per account where it is per account), so a restart picks the schedule up
// where it was instead of running everything again, or never.
import type { Db } from './open'

export interface ScheduledRun {
  job: string
  /** '' for a job that is not per account, else the account id. */
  scope: string
  lastRunAt: string
  lastOkAt: string | null
  lastError: string | null
}

type Row = { job: string; scope: string; last_run_at: string; last_ok_at: string | null; last_error: string | null }

export class ScheduleRepo {
  constructor(private readonly db: Db) {}

  get(job: string, scope: string): ScheduledRun | null {
    const r = this.db.prepare('SELECT * FROM scheduled_runs WHERE job = ? AND scope = ?').get(job, scope) as Row | undefined
    return r ? { job: r.job, scope: r.scope, lastRunAt: r.last_run_at, lastOkAt: r.last_ok_at, lastError: r.last_error } : null
  }

  recordOk(job: string, scope: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO scheduled_runs (job, scope, last_run_at, last_ok_at, last_error) VALUES (?, ?, ?, ?, NULL)
         ON CONFLICT (job, scope) DO UPDATE SET last_run_at = excluded.last_run_at, last_ok_at = excluded.last_ok_at, last_error = NULL`
      )
      .run(job, scope, at, at)
  }

  recordFailure(job: string, scope: string, at: string, message: string): void {
    this.db
      .prepare(
        `INSERT INTO scheduled_runs (job, scope, last_run_at, last_ok_at, last_error) VALUES (?, ?, ?, NULL, ?)
         ON CONFLICT (job, scope) DO UPDATE SET last_run_at = excluded.last_run_at, last_error = excluded.last_error`
      )
      .run(job, scope, at, message)
  }
}
