// Which orders this process works on, when several processes (the app, CLIs) share one data folder.
//
// The unit is the account, not the order: the engine sends at most one create at a time per account so that an
// unanswered create can be matched in the supplier's list without confusing it with a sibling, and it paces calls
// with one rate limiter per account. Both hold across processes only if one process at a time works an account.
// So an engine works an account's orders only while it holds that account's lease (a row in the journal):
// - it takes a free lease, renews its own once less than half the TTL is left (checked on every step and every
//   HEARTBEAT_MS: no write per step, so other processes are not woken for nothing), and gives it back as soon as the
//   account has no unfinished order (or the engine stops), so the next process takes over at once;
// - it takes over someone else's lease only when it has lapsed or its holder is seen to be gone (a pid on this
//   computer that no longer runs: a crashed CLI's orders are resumed straight away). "Lapsed" is judged by the
//   waiting process's own monotonic clock: the lease row has not changed for TTL_MS *as seen by this process*. Wall
//   clocks are never compared (a clock stepped forward, or two computers that disagree, must not hand over a live
//   account);
// - a create is sent only if the order's move planned→submitting finds this process still holding the lease, in
//   the same write transaction (LeasesRepo.guardSubmit), so a lease lost while stalled never sends a second create;
// - taking over from a holder that may still run (it lapsed, it did not crash) defers the orders left in
//   `submitting` by the HTTP timeout + reconcile delay: a create the old holder still has in flight has ended by
//   then, so it is not judged "not found" while it may still land.
// Other processes still see every order settle (DbWatch) and may cancel or resolve orders; those are guarded
// state transitions, safe whoever makes them.
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { performance } from 'node:perf_hooks'
import type { Db } from '../db/open'
import { LeasesRepo, type LeaseRecord } from '../db/leases-repo'

/** A lease not renewed for this long is free. Long against a heartbeat of 5 s: a busy machine is not a dead one. */
export const LEASE_TTL_MS = 30_000
const HEARTBEAT_MS = 5_000
/** While another process holds an account, look again at least this often (a release is seen sooner, via DbWatch). */
const RECHECK_MS = 2_000

export type ProcessKind = 'app' | 'cli'

export function currentProcessKind(): ProcessKind {
  return process.versions.electron ? 'app' : 'cli'
}

/** Whether a process on this computer is still running (EPERM: it runs, as another user). */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export interface LeaseOptions {
  kind?: ProcessKind
  now?: () => Date
  ttlMs?: number
  /** Tests: how to tell whether a pid still runs. */
  isAlive?: (pid: number) => boolean
  /** This process's monotonic clock in ms (performance.now): what "not renewed for the TTL" is measured with. */
  monotonic?: () => number
  /** After taking over from a holder that may still run: how long orders left in `submitting` wait (ms). */
  takeoverWaitMs?: number
}

/** A lease row as this process last saw it, and when (monotonic) it first saw it like that. */
interface Observation {
  owner: string
  expiresAt: string
  at: number
}

export class AccountLeases {
  readonly owner = randomUUID()
  private readonly repo: LeasesRepo
  private readonly held = new Set<string>()
  private heartbeat: ReturnType<typeof setInterval> | null = null
  private readonly host = hostname()
  private readonly kind: ProcessKind
  private readonly now: () => Date
  private readonly ttlMs: number
  private readonly isAlive: (pid: number) => boolean
  private readonly mono: () => number
  private readonly takeoverWaitMs: number
  private readonly observed = new Map<string, Observation>()
  /** When (monotonic) this process last wrote its own lease's expiry, per account. */
  private readonly renewedAt = new Map<string, number>()
  private lastExpiryMs = 0

  constructor(db: Db, opts: LeaseOptions = {}) {
    this.repo = new LeasesRepo(db)
    this.kind = opts.kind ?? currentProcessKind()
    this.now = opts.now ?? (() => new Date())
    this.ttlMs = opts.ttlMs ?? LEASE_TTL_MS
    this.isAlive = opts.isAlive ?? pidAlive
    this.mono = opts.monotonic ?? (() => performance.now())
    this.takeoverWaitMs = opts.takeoverWaitMs ?? 0
  }

  /** Take or renew the account's lease. false: another live process works this account now. */
  hold(accountId: string): boolean {
    // Ours and renewed recently: a read, no write (a write wakes every other process's DbWatch).
    if (this.held.has(accountId) && !this.needsRenewal(accountId)) {
      if (this.repo.get(accountId)?.owner === this.owner) return true
    }
    const now = this.now()
    const lease = this.repo.acquire(
      {
        accountId,
        owner: this.owner,
        pid: process.pid,
        host: this.host,
        kind: this.kind,
        now: now.toISOString(),
        expiresAt: this.expiry(),
        deferSubmittingUntil: new Date(now.getTime() + this.takeoverWaitMs).toISOString()
      },
      (current) => (current === null || this.gone(current) ? 'free' : this.lapsed(current) ? 'lapsed' : 'no')
    )
    const mine = lease.owner === this.owner
    if (mine) {
      this.renewedAt.set(accountId, this.mono())
      this.observed.delete(accountId)
      this.held.add(accountId)
      this.startHeartbeat()
    } else this.held.delete(accountId)
    return mine
  }

  /**
   * The lease check made inside the transaction that moves an order planned→submitting: the move is refused unless
   * this engine holds the account's lease right then (and the lease is renewed by the same write).
   */
  submitGuard(accountId: string): { accountId: string; owner: string; expiresAt: string; onRenewed: () => void } {
    return { accountId, owner: this.owner, expiresAt: this.expiry(), onRenewed: () => this.renewedAt.set(accountId, this.mono()) }
  }

  /** Whether this engine still holds the lease (checked between steps: a lease can lapse while we were stalled). */
  stillHolds(accountId: string): boolean {
    return this.repo.get(accountId)?.owner === this.owner
  }

  /** Who else works this account, for a message; null when nobody (or we) do. */
  holder(accountId: string): LeaseRecord | null {
    const l = this.repo.get(accountId)
    return l && l.owner !== this.owner && !this.gone(l) && !this.lapsed(l) ? l : null
  }

  /** Whether nobody works this account now (no lease, or one this process sees as lapsed or its holder gone). */
  isFree(accountId: string): boolean {
    const l = this.repo.get(accountId)
    return l === null || (l.owner !== this.owner && (this.gone(l) || this.lapsed(l)))
  }

  /** When to look again at an account another process holds. */
  recheckInMs(accountId: string): number {
    const l = this.repo.get(accountId)
    if (!l) return 0
    const seen = this.observed.get(accountId)
    const left = seen ? this.ttlMs - (this.mono() - seen.at) : this.ttlMs
    return Math.max(50, Math.min(RECHECK_MS, left + 50))
  }

  release(accountId: string): void {
    if (!this.held.delete(accountId)) return
    this.renewedAt.delete(accountId)
    this.repo.release(accountId, this.owner)
    if (this.held.size === 0) this.stopHeartbeat()
  }

  releaseAll(): void {
    this.stopHeartbeat()
    this.held.clear()
    this.renewedAt.clear()
    try {
      this.repo.releaseAll(this.owner)
    } catch {
      // The database may already be closed; the leases then lapse by time, or at once since we are gone.
    }
  }

  /**
   * Lapsed: this process has watched the row stay exactly as it is (same owner, same expiry) for the whole TTL, by
   * its own monotonic clock. The expiry's value is only a renewal mark, never compared with our wall clock.
   */
  private lapsed(l: LeaseRecord): boolean {
    const m = this.mono()
    const seen = this.observed.get(l.accountId)
    if (!seen || seen.owner !== l.owner || seen.expiresAt !== l.expiresAt) {
      this.observed.set(l.accountId, { owner: l.owner, expiresAt: l.expiresAt, at: m })
      return false
    }
    return m - seen.at >= this.ttlMs
  }

  /**
   * Same computer: a holder that no longer runs has crashed; do not make its orders wait for the lease to lapse.
   * (Our own pid with another owner is a second engine in this process, e.g. the app's session and a test's.)
   */
  private gone(l: LeaseRecord): boolean {
    return l.host === this.host && l.pid !== process.pid && !this.isAlive(l.pid)
  }

  /**
   * The expiry to write: now + TTL, but always later than the last one written, so every renewal changes the row
   * (waiters see a renewal as a change, whatever this computer's clock does: frozen, or stepped back).
   */
  private expiry(): string {
    const at = Math.max(this.now().getTime() + this.ttlMs, this.lastExpiryMs + 1)
    this.lastExpiryMs = at
    return new Date(at).toISOString()
  }

  /** Less than half the TTL left since our last renewal (by our monotonic clock). */
  private needsRenewal(accountId: string): boolean {
    const at = this.renewedAt.get(accountId)
    return at === undefined || this.mono() - at >= this.ttlMs / 2
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return
    this.heartbeat = setInterval(() => {
      if (![...this.held].some((id) => this.needsRenewal(id))) return
      try {
        this.repo.renewAll(this.owner, this.expiry())
        const m = this.mono()
        for (const id of this.held) this.renewedAt.set(id, m)
      } catch {
        // Busy or closed: the next beat (or the next step's hold) renews; a lapse only hands the orders over.
      }
    }, Math.min(HEARTBEAT_MS, this.ttlMs / 6))
    this.heartbeat.unref?.()
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.heartbeat = null
  }
}

export function describeHolder(l: LeaseRecord): string {
  const who = l.kind === 'app' ? 'the ResellerDesk app' : 'a ResellerDesk command'
  return `${who} (process ${l.pid}${l.host !== hostname() ? ` on ${l.host}` : ''}, since ${new Date(l.since).toLocaleTimeString()})`
}
