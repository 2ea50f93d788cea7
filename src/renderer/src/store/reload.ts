// Everything shown belongs to one session (demo or live data): after unlocking or switching mode, start clean.
import { useAccounts } from './accounts'
import { useBalances } from './balances'
import { useBuy } from './buy'
import { useCatalog } from './catalog'
import { useCodes } from './codes'
import { useLedger } from './ledger'
import { useOrders } from './orders'
import { useSettings } from './settings'

/** Synchronous, so no screen of the new session ever sees the old session's data or in-flight replies. */
export function resetSessionData(): void {
  useBuy.getState().reset()
  useCatalog.getState().reset()
  useOrders.getState().reset()
  useCodes.getState().reset()
  useAccounts.getState().reset()
  useBalances.getState().reset()
  useLedger.getState().reset()
  useSettings.getState().reset()
}

/** What the shell shows on every screen; each screen loads its own list when it opens. */
export async function loadSessionData(): Promise<void> {
  await Promise.all([useAccounts.getState().load(), useBalances.getState().load()])
}
