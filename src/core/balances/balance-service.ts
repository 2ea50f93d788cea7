// Balances: read from each account on demand, on a schedule and after every settled order; every reading is
// kept (the history feeds the chart and the run-out forecast later).
import type { BalanceHistoryView, BalanceView, Money } from '../../shared/contract'
import type { BalanceSnapshot } from '../db/balances-repo'
import type { Storage } from '../db/storage'
import type { EventBus } from '../events'
import { compare } from '../money'
import { BALANCE_FLAG } from '../providers/types'
import { balancesText } from './text'
import { daysBefore } from '../period'
import type { AccountService } from '../accounts'
import { FORECAST_WINDOW_DAYS, forecastRunOut, thinPoints } from './balance-forecast'
import { LowBalanceAlerts } from './low-balance-alerts'

/** The repositories this service uses (SQL stays in the storage layer, src/core/db). */
export type BalanceStorage = Pick<Storage, 'accounts' | 'balanceAlerts' | 'balances' | 'journalMoney'>

/** Points in one history reply (a chart cannot show more). */
const MAX_HISTORY_POINTS = 400
/** The scheduler never sleeps longer than this, so a changed per-account interval takes effect soon. */
const MAX_SCHEDULE_SLEEP_MS = 60_000

export class BalanceService {
  private timer: ReturnType<typeof setTimeout> | null = null
  private readonly alerts: LowBalanceAlerts
  /** When each account was last read by the schedule (ms), so each keeps its own interval. */
  private readonly lastScheduled = new Map<string, number>()
  private defaultEveryMs = 5 * 60_000

  constructor(
    private readonly storage: BalanceStorage,
    private readonly accounts: AccountService,
    private readonly events: EventBus,
    private readonly now: () => Date
  ) {
    this.alerts = new LowBalanceAlerts(storage, events)
  }

  toView(s: BalanceSnapshot): BalanceView {
    const account = this.accounts.get(s.accountId)
    const threshold = account.settings.lowBalanceThreshold
    const available: Money = { amount: s.available, currency: s.currency }
    return {
      accountId: s.accountId,
      accountName: account.name,
      available,
      at: s.at,
      low: threshold !== null && compare(available, { amount: threshold, currency: s.currency }) < 0
    }
  }

  latest(accountId: string): Money | null {
    const s = this.storage.balances.latest(accountId)
    return s ? { amount: s.available, currency: s.currency } : null
  }

  list(): BalanceView[] {
    return this.accounts.list().flatMap((a) => {
      const s = this.storage.balances.latest(a.id)
      return s ? [this.toView(s)] : []
    })
  }

  async refreshAccount(accountId: string): Promise<BalanceView> {
    const rt = this.accounts.runtime(accountId)
    const b = await rt.adapter.getBalance()
    const snapshot: BalanceSnapshot = { accountId, available: b.available.amount, currency: b.available.currency, details: b.details, at: this.now().toISOString() }
    const before = this.storage.balances.latest(accountId)
    this.storage.balances.insert(snapshot)
    // A reading that does not add up is kept and flagged (types.ts BALANCE_FLAG): say so when it starts (or changes).
    const flag = b.details[BALANCE_FLAG]
    if (flag && before?.details[BALANCE_FLAG] !== flag) {
      this.events.emit({ type: 'notice', level: 'warning', message: balancesText.balanceFlagged(this.accounts.get(accountId).name, flag) })
    }
    const view = this.toView(snapshot)
    this.events.emit({ type: 'balances.changed', balances: this.list() })
    this.alerts.check({ accountId, accountName: view.accountName, available: view.available, threshold: this.accounts.get(accountId).settings.lowBalanceThreshold, at: snapshot.at })
    return view
  }

  /** Refresh one or all accounts; an account that cannot be reached keeps its last reading. */
  async refresh(accountId?: string): Promise<BalanceView[]> {
    const ids = accountId ? [accountId] : this.accounts.list().map((a) => a.id)
    const results = await Promise.allSettled(ids.map((id) => this.refreshAccount(id)))
    if (accountId && results[0]?.status === 'rejected') throw results[0].reason
    return this.list()
  }

  /** Readings of the last `days` days for the chart, and the run-out forecast from the last week's spend. */
  history(accountId: string, days: number): BalanceHistoryView {
    const account = this.accounts.get(accountId)
    const now = this.now()
    const nowIso = now.toISOString()
    const latest = this.storage.balances.latest(accountId)
    const currency = latest?.currency ?? account.currency
    const points = this.storage.balances
      .between(accountId, daysBefore(now, days), nowIso)
      .filter((s) => s.currency === currency)
      .map((s) => ({ at: s.at, available: { amount: s.available, currency: s.currency } }))
    const windowStart = daysBefore(now, FORECAST_WINDOW_DAYS)
    const firstReading = this.storage.balances.firstAt(accountId)
    const firstCharge = this.storage.journalMoney.firstChargeAt(accountId)
    const historyStart = [firstReading, firstCharge].filter((x): x is string => x !== null).sort()[0] ?? null
    const forecast = forecastRunOut({
      now,
      windowDays: FORECAST_WINDOW_DAYS,
      currency,
      available: latest ? { amount: latest.available, currency: latest.currency } : null,
      readings: this.storage.balances.between(accountId, windowStart, nowIso).filter((s) => s.currency === currency),
      journal: this.storage.journalMoney.touching(accountId, windowStart, nowIso),
      historyStart,
      kind: account.kind
    })
    const threshold = account.settings.lowBalanceThreshold
    return {
      accountId,
      accountName: account.name,
      currency,
      threshold: threshold === null ? null : { amount: threshold, currency },
      points: thinPoints(points, MAX_HISTORY_POINTS),
      forecast
    }
  }

  /**
   * Reads every account on its own interval (AccountSettings.balancePollSeconds, else `everyMs`). The first
   * reading of each account is due one interval after start: whoever starts the schedule reads balances at start.
   */
  startSchedule(everyMs: number): void {
    this.stopSchedule()
    this.defaultEveryMs = everyMs
    const startMs = this.now().getTime()
    for (const a of this.accounts.list()) this.lastScheduled.set(a.id, startMs)
    this.armSchedule(Math.min(everyMs, MAX_SCHEDULE_SLEEP_MS))
  }

  stopSchedule(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.lastScheduled.clear()
  }

  private intervalOf(accountId: string): number {
    const seconds = this.storage.accounts.get(accountId)?.settings.balancePollSeconds
    return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : this.defaultEveryMs
  }

  /** Reads the accounts that are due; returns ms until the next one is. */
  private scheduleTick(): number {
    const nowMs = this.now().getTime()
    let nextMs = MAX_SCHEDULE_SLEEP_MS
    for (const a of this.accounts.list()) {
      const every = this.intervalOf(a.id)
      const last = this.lastScheduled.get(a.id) ?? (this.storage.balances.latest(a.id) ? Date.parse(this.storage.balances.latest(a.id)!.at) : 0)
      if (nowMs - last >= every) {
        this.lastScheduled.set(a.id, nowMs)
        void this.refreshAccount(a.id).catch(() => undefined)
        nextMs = Math.min(nextMs, every)
      } else {
        nextMs = Math.min(nextMs, every - (nowMs - last))
      }
    }
    return nextMs
  }

  private armSchedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null
      let next = MAX_SCHEDULE_SLEEP_MS
      try {
        next = this.scheduleTick()
      } catch {
        // A closed database or a removed account: try again later.
      }
      this.armSchedule(Math.max(1_000, next))
    }, ms)
    this.timer.unref?.()
  }
}
