// Everything shown belongs to one session (demo or live data): after unlocking or switching mode, start clean.
import { useAccounts } from '../features/accounts'
import { useAudit } from '../features/audit'
import { useBalanceCharts } from '../features/balances'
import { useBalances } from '../state/balances'
import { useBackups, useSettings } from '../features/settings'
import { useBuy } from '../features/buy'
import { useCatalog } from '../features/catalog'
import { useCodes } from '../features/codes'
import { resetDeliveries, useOrders } from '../features/orders'
import { useLedger } from '../features/ledger'
import { useMarkup } from '../features/markup'
import { useReconcile } from '../features/reconcile'
import { useWatches } from '../features/watches'

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
