// The latest balance reading per account: loaded once, then replaced by `balances.changed` events. App-wide state, not
// one feature's: the top bar's chips show it on every screen, and the Accounts and Balances screens show it too.
import { create } from 'zustand'
import type { BalanceView } from '../../../shared/contract'
import { call } from '../api'
import { useNotices } from './notices'

interface BalancesState {
  list: BalanceView[]
  refreshing: boolean
  load(): Promise<void>
  refresh(accountId?: string): Promise<void>
  apply(list: BalanceView[]): void
  /** A balance.low event: the account's chip turns low at once, whatever reading the list holds. */
  markLow(accountId: string): void
  reset(): void
}

/** Readings that arrived by event while a load was on its way: newer than what the load returns. */
let appliedDuringLoad: Map<string, BalanceView> | null = null

function newest(a: BalanceView | undefined, b: BalanceView): BalanceView {
  return a && a.at > b.at ? a : b
}

export const useBalances = create<BalancesState>()((set, get) => ({
  list: [],
  refreshing: false,
  async load() {
    const applied = new Map<string, BalanceView>()
    appliedDuringLoad = applied
    try {
      const loaded = await call('balances.list', {})
      // The reply was computed before any event that arrived meanwhile: those readings win.
      const list = loaded.map((b) => newest(applied.get(b.accountId), b))
      for (const b of applied.values()) if (!list.some((x) => x.accountId === b.accountId)) list.push(b)
      set({ list })
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      if (appliedDuringLoad === applied) appliedDuringLoad = null
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
    for (const b of fresh) appliedDuringLoad?.set(b.accountId, b)
    // An event may carry only the accounts that changed: merge by account, keep the order we have.
    set((s) => {
      const byId = new Map(fresh.map((b) => [b.accountId, b]))
      const merged = s.list.map((b) => byId.get(b.accountId) ?? b)
      const known = new Set(s.list.map((b) => b.accountId))
      for (const b of fresh) if (!known.has(b.accountId)) merged.push(b)
      return { list: merged }
    })
  },
  markLow(accountId) {
    set((s) => ({ list: s.list.map((b) => (b.accountId === accountId && !b.low ? { ...b, low: true } : b)) }))
  },
  reset() {
    appliedDuringLoad = null
    set({ list: [], refreshing: false })
  }
}))

export function balanceOf(list: BalanceView[], accountId: string): BalanceView | undefined {
  return list.find((b) => b.accountId === accountId)
}
