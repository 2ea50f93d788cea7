// Everything shown belongs to one session (demo or live data): after unlocking or switching mode, start clean.
import { useAccounts } from './accounts'
import { useBalances } from './balances'
import { useBuy } from './buy'
import { useCatalog } from './catalog'
import { useCodes } from './codes'
import { useOrders } from './orders'

export async function reloadSessionData(): Promise<void> {
  useBuy.getState().reset()
  useCatalog.getState().reset()
  useOrders.getState().reset()
  useCodes.getState().reset()
  useAccounts.getState().reset()
  useBalances.getState().reset()
  await Promise.all([useAccounts.getState().load(), useBalances.getState().load()])
}
