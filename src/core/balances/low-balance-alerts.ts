// The low-balance warning: once per dip below an account's threshold. A reading below the threshold warns when the
// account was "armed" and disarms it; only a reading at or above the threshold arms it again. The state is stored,
// so neither the next poll nor a restart warns twice about the same dip.
import type { Money } from '../../shared/contract'
import type { Storage } from '../db/storage'
import type { EventBus } from '../events'
import { compare } from '../money'
import { balancesText } from './text'

export interface BalanceReading {
  accountId: string
  accountName: string
  available: Money
  /** The account's threshold (decimal text in the reading's currency), null when it has none. */
  threshold: string | null
  at: string
}

export class LowBalanceAlerts {
  constructor(
    private readonly storage: Pick<Storage, 'balanceAlerts'>,
    private readonly events: EventBus
  ) {}

  /** Updates the alert state with a new reading; returns true when it warned. */
  check(r: BalanceReading): boolean {
    const state = this.storage.balanceAlerts.get(r.accountId)?.state ?? 'armed'
    if (r.threshold === null) {
      if (state === 'low') this.storage.balanceAlerts.set({ accountId: r.accountId, state: 'armed', threshold: null, changedAt: r.at })
      return false
    }
    const threshold: Money = { amount: r.threshold, currency: r.available.currency }
    const below = compare(r.available, threshold) < 0
    if (below && state === 'armed') {
      // Stored before anyone is told: a crash right after can cost one warning, never repeat one.
      this.storage.balanceAlerts.set({ accountId: r.accountId, state: 'low', threshold: r.threshold, changedAt: r.at })
      this.events.emit({ type: 'notice', level: 'warning', message: balancesText.balanceLow(r.accountName, r.available, threshold), about: 'balance.low' })
      this.events.emit({ type: 'balance.low', accountId: r.accountId, accountName: r.accountName, available: r.available, threshold })
      return true
    }
    if (!below && state === 'low') this.storage.balanceAlerts.set({ accountId: r.accountId, state: 'armed', threshold: r.threshold, changedAt: r.at })
    return false
  }
}
