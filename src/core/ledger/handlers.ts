// The ledger slice's part of the contract.
import type { ledgerChannels } from '../../shared/contract'
import type { HandlersOf } from '../handler-types'
import type { LedgerService } from './ledger-service'

export type LedgerChannel = keyof typeof ledgerChannels

export function ledgerHandlers(ledger: LedgerService): HandlersOf<LedgerChannel> {
  return {
    'ledger.sync': async (i) => ledger.sync(i.accountId),
    'ledger.list': async (i) => ledger.list(i)
  }
}
