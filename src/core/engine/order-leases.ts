// Which orders this process works on, when several processes (the app, CLIs) share one data folder.
//
// The unit is the account, not the order: the engine sends at most one create at a time per account so that an
// unanswered create can be matched in the supplier's list without confusing it with a sibling, and it paces calls
// with one rate limiter per account. Both hold across processes only if one process at a time works an account.
// So an engine works an account's orders only while it holds that account's lease (a row in the journal):
// - it takes a free lease, renews its own on every step and every HEARTBEAT_MS, and gives it back as soon as the
//   account has no unfinished order (or the engine stops), so the next process takes over at once;
// - it takes over someone else's lease only when it has lapsed (not renewed for TTL_MS) or its holder is seen to
//   be gone (a pid on this computer that no longer runs: a crashed CLI's orders are resumed straight away).
// Other processes still see every order settle (DbWatch) and may cancel or resolve orders; those are guarded
// state transitions, safe whoever makes them.
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
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

  constructor(db: Db, opts: LeaseOptions = {}) {
    this.repo = new LeasesRepo(db)
    this.kind = opts.kind ?? currentProcessKind()
    this.now = opts.now ?? (() => new Date())
    this.ttlMs = opts.ttlMs ?? LEASE_TTL_MS
    this.isAlive = opts.isAlive ?? pidAlive
  }

  /** Take or renew the account's lease. false: another live process works this account now. */
  hold(accountId: string): boolean {
    const now = this.now()
    const lease = this.repo.acquire(
      { accountId, owner: this.owner, pid: process.pid, host: this.host, kind: this.kind, now: now.toISOString(), expiresAt: new Date(now.getTime() + this.ttlMs).toISOString() },
      (current) => current === null || this.lapsed(current, now)
    )
    const mine = lease.owner === this.owner
    if (mine) {
      this.held.add(accountId)
      this.startHeartbeat()
    } else this.held.delete(accountId)
    return mine
  }

  /** Whether this engine still holds the lease (checked between steps: a lease can lapse while we were stalled). */
  stillHolds(accountId: string): boolean {
    return this.repo.get(accountId)?.owner === this.owner
  }

  /** Who else works this account, for a message; null when nobody (or we) do. */
  holder(accountId: string): LeaseRecord | null {
    const l = this.repo.get(accountId)
    return l && l.owner !== this.owner && !this.lapsed(l, this.now()) ? l : null
  }

  /** When to look again at an account another process holds. */
  recheckInMs(accountId: string): number {
    const l = this.repo.get(accountId)
    if (!l) return 0
    return Math.max(50, Math.min(RECHECK_MS, Date.parse(l.expiresAt) - this.now().getTime() + 50))
  }

  release(accountId: string): void {
    if (!this.held.delete(accountId)) return
    this.repo.release(accountId, this.owner)
    if (this.held.size === 0) this.stopHeartbeat()
  }

  releaseAll(): void {
    this.stopHeartbeat()
    this.held.clear()
    try {
      this.repo.releaseAll(this.owner)
    } catch {
      // The database may already be closed; the leases then lapse by time, or at once since we are gone.
    }
  }

  private lapsed(l: LeaseRecord, now: Date): boolean {
    if (Date.parse(l.expiresAt) <= now.getTime()) return true
    // Same computer: a holder that no longer runs has crashed; do not make its orders wait for the lease to lapse.
    // (Our own pid with another owner is a second engine in this process, e.g. the app's session and a test's.)
    return l.host === this.host && l.pid !== process.pid && !this.isAlive(l.pid)
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return
    this.heartbeat = setInterval(() => {
      try {
        this.repo.renewAll(this.owner, new Date(this.now().getTime() + this.ttlMs).toISOString())
      } catch {
        // Busy or closed: the next beat (or the next step's hold) renews; a lapse only hands the orders over.
      }
    }, HEARTBEAT_MS)
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
