// The balances slice's part of the contract.
import type { balancesChannels } from '../../shared/contract'
import type { HandlersOf } from '../handler-types'
import type { BalanceService } from './balance-service'

export type BalancesChannel = keyof typeof balancesChannels

export function balancesHandlers(balances: BalanceService): HandlersOf<BalancesChannel> {
  return {
    'balances.list': async () => balances.list(),
    'balances.refresh': async (i) => balances.refresh(i.accountId),
    'balances.history': async (i) => balances.history(i.accountId, i.days)
  }
}
