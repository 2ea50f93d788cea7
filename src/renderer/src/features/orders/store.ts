// The order journal: list (filtered by state), the selected order's detail, needs_review decisions and cancels.
// Kept current by `orders.changed` / `order.settled` events; the detail is refetched when its order changes.
import { create } from 'zustand'
import type { ChannelInput } from '../../../../shared/contract'
import type { OrderState } from '../../../../shared/domain'
import type { OrderDetailView, OrderView } from '../../../../shared/contract'
import { call, toUiError } from '../../api'
import { coalesce, newestLoad, type Loadable, type LoadStatus } from '../../state/list-store'
import { publish } from '../../state/events'
import { useNotices } from '../../state/notices'
import { t } from '../../i18n'

export const ORDERS_LIMIT = 500

type Resolution = ChannelInput<'orders.resolve'>['resolution']

interface OrdersState extends Loadable {
  stateFilter: OrderState | ''
  list: OrderView[]
  selectedId: string | null
  detail: OrderDetailView | null
  detailStatus: LoadStatus
  detailError: string | null
  resolving: boolean
  /** The order whose cancel is on its way. */
  cancelling: string | null
  setStateFilter(state: OrderState | ''): void
  load(): Promise<void>
  select(orderId: string | null): void
  loadDetail(): Promise<void>
  resolve(orderId: string, resolution: Resolution): Promise<boolean>
  cancel(orderId: string, reason: string): Promise<boolean>
  applyOrders(orders: OrderView[]): void
  reset(): void
}

function byNewest(a: OrderView, b: OrderView): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1
}

const listLoad = newestLoad(() => useOrders)
let detailSeq = 0

const INITIAL = {
  stateFilter: '',
  list: [],
  status: 'idle',
  error: null,
  selectedId: null,
  detail: null,
  detailStatus: 'idle',
  detailError: null,
  resolving: false,
  cancelling: null
} satisfies Partial<OrdersState>
const refreshDetailSoon = coalesce(() => void useOrders.getState().loadDetail(), 150)

export const useOrders = create<OrdersState>()((set, get) => ({
  ...INITIAL,
  setStateFilter(stateFilter) {
    set({ stateFilter })
    void get().load()
  },
  async load() {
    const { stateFilter } = get()
    await listLoad.run(() => call('orders.list', { limit: ORDERS_LIMIT, ...(stateFilter ? { state: stateFilter } : {}) }), (list) => ({ list: [...list].sort(byNewest) }))
  },
  select(orderId) {
    set({ selectedId: orderId, detail: null, detailStatus: orderId ? 'loading' : 'idle', detailError: null })
    if (orderId) void get().loadDetail()
  },
  async loadDetail() {
    const id = get().selectedId
    if (!id) return
    const seq = ++detailSeq
    try {
      const detail = await call('orders.get', { orderId: id })
      if (seq === detailSeq && get().selectedId === id) set({ detail, detailStatus: 'ready', detailError: null })
    } catch (e) {
      if (seq === detailSeq && get().selectedId === id) set({ detailStatus: 'failed', detailError: toUiError(e).message })
    }
  },
  async resolve(orderId, resolution) {
    set({ resolving: true })
    try {
      const order = await call('orders.resolve', { orderId, resolution })
      get().applyOrders([order])
      useNotices.getState().push('success', t.orders.resolved)
      await get().loadDetail()
      return true
    } catch (e) {
      useNotices.getState().pushError(e)
      return false
    } finally {
      set({ resolving: false })
    }
  },
  async cancel(orderId, reason) {
    if (get().cancelling) return false
    set({ cancelling: orderId })
    try {
      const order = await call('orders.cancel', { orderId, ...(reason.trim() ? { reason: reason.trim() } : {}) })
      // Every store that shows this order (this list, the Buy screen's purchase) hears of it at once.
      publish({ type: 'orders.changed', orders: [order] })
      useNotices.getState().push('success', t.orders.cancelled)
      if (get().selectedId === orderId) await get().loadDetail()
      return true
    } catch (e) {
      useNotices.getState().pushError(e)
      return false
    } finally {
      set({ cancelling: null })
    }
  },
  applyOrders(orders) {
    const { status, stateFilter, selectedId } = get()
    if (status === 'idle') return
    set((s) => {
      const byId = new Map(s.list.map((o) => [o.id, o]))
      for (const o of orders) {
        const old = byId.get(o.id)
        if (old && o.updatedAt < old.updatedAt) continue
        // A row that left the filtered state goes away, unless the person is looking at it.
        if (stateFilter && o.state !== stateFilter && o.id !== selectedId) byId.delete(o.id)
        else byId.set(o.id, o)
      }
      return { list: [...byId.values()].sort(byNewest).slice(0, ORDERS_LIMIT) }
    })
    if (selectedId && orders.some((o) => o.id === selectedId)) {
      // Codes land with the final state; coalesce bursts of events into one refetch.
      refreshDetailSoon()
    }
  },
  reset() {
    listLoad.cancel()
    detailSeq++
    set(INITIAL)
  }
}))
