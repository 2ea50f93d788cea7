// Balances per account: loaded once, then replaced by `balances.changed` events.
import { create } from 'zustand'
import type { BalanceView } from '../../../shared/schemas'
import { call } from '../api'
import { useNotices } from './notices'

interface BalancesState {
  list: BalanceView[]
  refreshing: boolean
  load(): Promise<void>
  refresh(accountId?: string): Promise<void>
  apply(list: BalanceView[]): void
  reset(): void
}

export const useBalances = create<BalancesState>()((set, get) => ({
  list: [],
  refreshing: false,
  async load() {
    try {
      set({ list: await call('balances.list', {}) })
    } catch (e) {
      useNotices.getState().pushError(e)
    }
  },
  async refresh(accountId) {
    set({ refreshing: true })
    try {
      const fresh = await call('balances.refresh', accountId === undefined ? {} : { accountId })
      get().apply(fresh)
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      set({ refreshing: false })
    }
  },
  apply(fresh) {
    // An event may carry only the accounts that changed: merge by account, keep the order we have.
    set((s) => {
      const byId = new Map(fresh.map((b) => [b.accountId, b]))
      const merged = s.list.map((b) => byId.get(b.accountId) ?? b)
      const known = new Set(s.list.map((b) => b.accountId))
      for (const b of fresh) if (!known.has(b.accountId)) merged.push(b)
      return { list: merged }
    })
  },
  reset() {
    set({ list: [], refreshing: false })
  }
}))

export function balanceOf(list: BalanceView[], accountId: string): BalanceView | undefined {
  return list.find((b) => b.accountId === accountId)
}
