// The Balances screen: each account's readings over the chosen days, with the run-out forecast (balances.history).
// Loaded when the screen opens, and again (coalesced) when new readings arrive.
import { create } from 'zustand'
import type { BalanceHistoryView } from '../../../../shared/contract'
import { call, toUiError } from '../../api'
import { useBalances } from '../../state/balances'
import { useNotices } from '../../state/notices'

export const HISTORY_DAYS = [7, 30, 90] as const
export type HistoryDays = (typeof HISTORY_DAYS)[number]

export type AccountHistory = { status: 'loading' } | { status: 'ready'; view: BalanceHistoryView } | { status: 'failed'; error: string }

interface BalanceChartsState {
  days: HistoryDays
  /** Per account id; an account missing here has not been asked for yet. */
  histories: Record<string, AccountHistory>
  status: 'idle' | 'loading' | 'ready'
  refreshing: boolean
  setDays(days: HistoryDays): void
  load(accountIds: readonly string[]): Promise<void>
  /** Read every balance now (balances.refresh), then the histories again. */
  refresh(accountIds: readonly string[]): Promise<void>
  /** New readings arrived (balances.changed): reload once the burst is over, if the screen was opened. */
  scheduleRefresh(): void
  reset(): void
}

let seq = 0
let refreshTimer: ReturnType<typeof setTimeout> | null = null
/** The accounts last shown, so an event-driven reload asks for the same ones. */
let shown: readonly string[] = []

export const useBalanceCharts = create<BalanceChartsState>()((set, get) => ({
  days: 30,
  histories: {},
  status: 'idle',
  refreshing: false,
  setDays(days) {
    set({ days })
    void get().load(shown)
  },
  async load(accountIds) {
    shown = accountIds
    const mySeq = ++seq
    const { days } = get()
    set((s) => ({
      status: s.status === 'ready' ? 'ready' : 'loading',
      // Keep what is shown while the new days load: no flashing empty cards.
      histories: Object.fromEntries(accountIds.map((id) => [id, s.histories[id] ?? { status: 'loading' }]))
    }))
    const results = await Promise.all(
      accountIds.map(async (accountId): Promise<[string, AccountHistory]> => {
        try {
          return [accountId, { status: 'ready', view: await call('balances.history', { accountId, days }) }]
        } catch (e) {
          return [accountId, { status: 'failed', error: toUiError(e).message }]
        }
      })
    )
    if (mySeq === seq) set({ histories: Object.fromEntries(results), status: 'ready' })
  },
  async refresh(accountIds) {
    if (get().refreshing) return
    set({ refreshing: true })
    try {
      const fresh = await call('balances.refresh', {})
      useBalances.getState().apply(fresh)
      await get().load(accountIds)
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      set({ refreshing: false })
    }
  },
  scheduleRefresh() {
    // A refresh from this screen reloads by itself when its readings are in.
    if (get().status === 'idle' || get().refreshing) return
    if (refreshTimer) clearTimeout(refreshTimer)
    refreshTimer = setTimeout(() => {
      refreshTimer = null
      void get().load(shown)
    }, 400)
  },
  reset() {
    seq++
    shown = []
    if (refreshTimer) clearTimeout(refreshTimer)
    refreshTimer = null
    set({ days: 30, histories: {}, status: 'idle', refreshing: false })
  }
}))
