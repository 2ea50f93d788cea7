// What the engine has learned about one supplier account, kept across restarts (in app_settings, one JSON value per
// account): how far the supplier's clock is from ours, which time zone its order list writes, the account's order
// count after our last create, and whether someone else places orders on the same account.
//
// Recovery of a lost create leans on these (engine/recovery.ts): a shared account can never prove that a lone new
// order is ours, so once another client's orders are seen, lost creates go to review instead of being adopted.
import type { SettingsRepo } from '../db/settings-repo'

export interface AccountEvidence {
  /** Recent (supplier clock − our clock) samples, ms; the median is used. */
  serverOffsetSamples: number[]
  /** my_orders' `created_at` read as UTC − the supplier's true clock, ms (its time zone), once learned. */
  listOffsetMs: number | null
  /** The supplier's total_orders just after our last create it accepted (null: never measured). */
  lastKnownTotalOrders: number | null
  /** How many orders we have seen on the account that this data folder did not place. */
  foreignOrders: number
  foreignLastSeenAt: string | null
  /** Keys (upstream ids) of the other clients' orders already counted, newest last: each is counted once. */
  foreignSeen: string[]
}

const EMPTY: AccountEvidence = { serverOffsetSamples: [], listOffsetMs: null, lastKnownTotalOrders: null, foreignOrders: 0, foreignLastSeenAt: null, foreignSeen: [] }
const MAX_SAMPLES = 9
/** How many counted foreign order ids are remembered (to count each once). */
const MAX_FOREIGN_SEEN = 500
/**
 * [decision] An account counts as shared for 30 days after another client's order was last seen on it: long enough
 * to cover a website or second desk that buys now and then, short enough that a one-off (a purchase made by hand
 * in the supplier's dashboard) does not disable adoption for ever.
 */
export const SHARED_ACCOUNT_MEMORY_MS = 30 * 24 * 3600_000
/** Time zones are whole quarter hours: an offset bounded to within one of them is known exactly. */
const QUARTER_HOUR_MS = 15 * 60_000

const keyOf = (accountId: string): string => `account-evidence:${accountId}`

export class AccountEvidenceStore {
  constructor(private readonly settings: Pick<SettingsRepo, 'get' | 'set'>) {}

  get(accountId: string): AccountEvidence {
    return { ...EMPTY, ...(this.settings.get<Partial<AccountEvidence>>(keyOf(accountId)) ?? {}) }
  }

  private update(accountId: string, change: (e: AccountEvidence) => void): AccountEvidence {
    const e = this.get(accountId)
    change(e)
    this.settings.set(keyOf(accountId), e)
    return e
  }

  /** Supplier clock − ours, ms (null until a reply carried the supplier's time). */
  serverOffsetMs(accountId: string): number | null {
    const s = [...this.get(accountId).serverOffsetSamples].sort((a, b) => a - b)
    return s.length === 0 ? null : s[Math.floor(s.length / 2)]!
  }

  /**
   * One reading of the supplier's clock. Its `timestamp` is whole seconds, cut down: the true time was up to a
   * second later, so the middle of that second is the best estimate (latency on loopback or a LAN is far smaller).
   */
  noteServerTime(accountId: string, serverTime: Date | null | undefined, receivedAt: Date): void {
    if (!serverTime) return
    const sample = serverTime.getTime() + 500 - receivedAt.getTime()
    this.update(accountId, (e) => {
      e.serverOffsetSamples = [...e.serverOffsetSamples, sample].slice(-MAX_SAMPLES)
    })
  }

  /** An exact sample of the list's offset (same order: its listed time vs the create reply's UNIX time). */
  noteListOffset(accountId: string, offsetMs: number): void {
    if (this.get(accountId).listOffsetMs === offsetMs) return
    this.update(accountId, (e) => void (e.listOffsetMs = offsetMs))
  }

  /**
   * An order known to have been created between two supplier times (our pre-create and post-create readings) and
   * listed at `listedAt`: the list offset lies in [listedAt − to, listedAt − from]. Learned when exactly one whole
   * quarter hour fits in that range (the readings are seconds apart, so it nearly always does).
   */
  noteListOffsetBounds(accountId: string, listedAt: Date, from: Date, to: Date): void {
    if (this.get(accountId).listOffsetMs !== null) return
    const lo = listedAt.getTime() - to.getTime() - 1_000
    const hi = listedAt.getTime() - from.getTime() + 1_000
    const first = Math.ceil(lo / QUARTER_HOUR_MS) * QUARTER_HOUR_MS
    if (first <= hi && first + QUARTER_HOUR_MS > hi) this.noteListOffset(accountId, first)
  }

  setLastKnownTotalOrders(accountId: string, total: number): void {
    this.update(accountId, (e) => void (e.lastKnownTotalOrders = total))
  }

  /**
   * Records orders on the account that this data folder did not place, each under a key (its upstream id, or a key
   * for "all but one of these candidates") with how many orders it stands for. A key already counted is not counted
   * again (the same order is seen on every pass while a lost create is being checked). Returns how many were new.
   */
  noteForeign(accountId: string, entries: readonly { key: string; count: number }[], at: Date): number {
    const seen = new Set(this.get(accountId).foreignSeen)
    const fresh = entries.filter((x) => x.count > 0 && !seen.has(x.key))
    const count = fresh.reduce((n, x) => n + x.count, 0)
    if (count === 0) return 0
    this.update(accountId, (e) => {
      e.foreignOrders += count
      e.foreignLastSeenAt = at.toISOString()
      e.foreignSeen = [...e.foreignSeen, ...fresh.map((x) => x.key)].slice(-MAX_FOREIGN_SEEN)
    })
    return count
  }

  /** Whether another client has placed orders on this account recently (see SHARED_ACCOUNT_MEMORY_MS). */
  isShared(accountId: string, now: Date): boolean {
    const seen = this.get(accountId).foreignLastSeenAt
    return seen !== null && now.getTime() - Date.parse(seen) < SHARED_ACCOUNT_MEMORY_MS
  }
}
