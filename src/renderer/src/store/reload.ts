// Everything shown belongs to one session (demo or live data): after unlocking or switching mode, start clean.
import { useAccounts } from './accounts'
import { useAudit } from './audit'
import { useBalanceCharts } from './balance-charts'
import { useBalances } from '../state/balances'
import { useBackups } from './backups'
import { useBuy } from './buy'
import { useCatalog } from './catalog'
import { useCodes } from './codes'
import { resetDeliveries } from './deliveries'
import { useLedger } from './ledger'
import { useMarkup } from './markup'
import { useOrders } from './orders'
import { useReconcile } from './reconcile'
import { useSettings } from './settings'
import { useWatches } from './watches'

/** Synchronous, so no screen of the new session ever sees the old session's data or in-flight replies. */
export function resetSessionData(): void {
  useBuy.getState().reset()
  useCatalog.getState().reset()
  useOrders.getState().reset()
  useCodes.getState().reset()
  useAccounts.getState().reset()
  useBalances.getState().reset()
  useBalanceCharts.getState().reset()
  useLedger.getState().reset()
  useSettings.getState().reset()
  useAudit.getState().reset()
  useMarkup.getState().reset()
  useWatches.getState().reset()
  useReconcile.getState().reset()
  useBackups.getState().reset()
  resetDeliveries()
}

/** What the shell shows on every screen; each screen loads its own list when it opens. The watched items are
 *  loaded too, so the catalog's Watch buttons are right from the first search. */
export async function loadSessionData(): Promise<void> {
  await Promise.all([useAccounts.getState().load(), useBalances.getState().load(), useWatches.getState().load()])
}
