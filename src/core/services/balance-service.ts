// Balances: read from each account on demand, on a schedule and after every settled order; every reading is
// kept (the history feeds the chart and the run-out forecast later).
import type { BalanceView, Money } from '../../shared/schemas'
import type { BalanceSnapshot } from '../db/balances-repo'
import type { Storage } from '../db/storage'
import type { EventBus } from '../events'
import { compare } from '../money'
import type { AccountService } from './account-service'

export class BalanceService {
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(
    private readonly storage: Storage,
    private readonly accounts: AccountService,
    private readonly events: EventBus,
    private readonly now: () => Date
  ) {}

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
    this.storage.balances.insert(snapshot)
    const view = this.toView(snapshot)
    this.events.emit({ type: 'balances.changed', balances: this.list() })
    return view
  }

  /** Refresh one or all accounts; an account that cannot be reached keeps its last reading. */
  async refresh(accountId?: string): Promise<BalanceView[]> {
    const ids = accountId ? [accountId] : this.accounts.list().map((a) => a.id)
    const results = await Promise.allSettled(ids.map((id) => this.refreshAccount(id)))
    if (accountId && results[0]?.status === 'rejected') throw results[0].reason
    return this.list()
  }

  startSchedule(everyMs: number): void {
    this.stopSchedule()
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), everyMs)
    this.timer.unref?.()
  }

  stopSchedule(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}
