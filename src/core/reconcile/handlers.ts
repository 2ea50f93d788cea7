// The reconcile slice's part of the contract. A date alone means the whole local day: from its start, to its end.
import type { reconcileChannels } from '../../shared/contract'
import type { HandlersOf } from '../handler-types'
import { periodEnd, periodStart } from '../period'
import type { ReconcileService } from './reconcile-service'

export type ReconcileChannel = keyof typeof reconcileChannels

export function reconcileHandlers(reconcile: ReconcileService): HandlersOf<ReconcileChannel> {
  return {
    'reconcile.run': async (i) => reconcile.run({ from: periodStart(i.from), to: i.to === undefined ? undefined : periodEnd(i.to), accountId: i.accountId, refresh: i.refresh })
  }
}
