// The code inventory: filtered list, selection, and CSV export (the core writes the file after a save dialog).
import { create } from 'zustand'
import type { ChannelOutput } from '../../../shared/contract'
import type { CodeState } from '../../../shared/domain'
import type { CodeFilter, CodeView } from '../../../shared/schemas'
import { call, toUiError } from '../api'
import { useNotices } from './notices'

export const CODES_LIMIT = 1000

interface CodesState {
  accountId: string
  state: CodeState | ''
  /** Codes of particular orders (a batch, one order), set from the Buy and Orders screens. */
  orderIds: string[] | null
  list: CodeView[]
  status: 'idle' | 'loading' | 'ready' | 'failed'
  error: string | null
  selected: ReadonlySet<string>
  markExported: boolean
  bom: boolean
  exporting: boolean
  exportResult: Extract<ChannelOutput<'codes.export'>, { status: 'written' }> | null
  setAccount(accountId: string): void
  setState(state: CodeState | ''): void
  showOrders(orderIds: string[]): void
  clearOrders(): void
  load(): Promise<void>
  toggle(codeId: string): void
  toggleAll(): void
  setMarkExported(v: boolean): void
  setBom(v: boolean): void
  exportCsv(): Promise<void>
  /** A settled order may have brought codes: refetch if the screen has been opened. */
  scheduleRefresh(): void
  reset(): void
}

let seq = 0
let refreshTimer: ReturnType<typeof setTimeout> | null = null

function baseFilter(s: Pick<CodesState, 'accountId' | 'state'>): CodeFilter {
  return { ...(s.accountId ? { accountId: s.accountId } : {}), ...(s.state ? { state: s.state } : {}) }
}

export const useCodes = create<CodesState>()((set, get) => ({
  accountId: '',
  state: 'in_stock',
  orderIds: null,
  list: [],
  status: 'idle',
  error: null,
  selected: new Set(),
  markExported: true,
  bom: false,
  exporting: false,
  exportResult: null,
  setAccount(accountId) {
    set({ accountId, selected: new Set() })
    void get().load()
  },
  setState(state) {
    set({ state, selected: new Set() })
    void get().load()
  },
  showOrders(orderIds) {
    // Freshly bought codes may already be exported or sold elsewhere: show every state.
    set({ orderIds, state: '', accountId: '', selected: new Set(), exportResult: null })
    void get().load()
  },
  clearOrders() {
    set({ orderIds: null, selected: new Set() })
    void get().load()
  },
  async load() {
    const mySeq = ++seq
    const s = get()
    if (s.status !== 'ready') set({ status: 'loading' })
    try {
      const filter = baseFilter(s)
      let list: CodeView[]
      if (s.orderIds) {
        // The contract filters by one order at a time (see the report: a batchId filter would do this in one call).
        const parts = await Promise.all(
          s.orderIds.map((orderId) => call('codes.list', { filter: { ...filter, orderId }, limit: CODES_LIMIT }))
        )
        list = parts.flat().slice(0, CODES_LIMIT)
      } else {
        list = await call('codes.list', { filter, limit: CODES_LIMIT })
      }
      if (mySeq !== seq) return
      const ids = new Set(list.map((c) => c.id))
      set((cur) => ({
        list,
        status: 'ready',
        error: null,
        selected: new Set([...cur.selected].filter((id) => ids.has(id)))
      }))
    } catch (e) {
      if (mySeq === seq) set({ status: 'failed', error: toUiError(e).message })
    }
  },
  toggle(codeId) {
    set((s) => {
      const next = new Set(s.selected)
      if (next.has(codeId)) next.delete(codeId)
      else next.add(codeId)
      return { selected: next }
    })
  },
  toggleAll() {
    set((s) => ({
      selected: s.list.length > 0 && s.list.every((c) => s.selected.has(c.id)) ? new Set() : new Set(s.list.map((c) => c.id))
    }))
  },
  setMarkExported(markExported) {
    set({ markExported })
  },
  setBom(bom) {
    set({ bom })
  },
  async exportCsv() {
    const s = get()
    if (s.exporting) return
    const filter: CodeFilter =
      s.selected.size > 0 ? { codeIds: [...s.selected] } : s.orderIds ? { codeIds: s.list.map((c) => c.id) } : baseFilter(s)
    set({ exporting: true, exportResult: null })
    try {
      const r = await call('codes.export', { filter, markExported: s.markExported, bom: s.bom })
      if (r.status === 'written') {
        set({ exportResult: r, selected: new Set() })
        if (s.markExported) await get().load()
      }
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      set({ exporting: false })
    }
  },
  scheduleRefresh() {
    if (get().status === 'idle') return
    if (refreshTimer) clearTimeout(refreshTimer)
    refreshTimer = setTimeout(() => {
      refreshTimer = null
      void get().load()
    }, 300)
  },
  reset() {
    seq++
    set({
      accountId: '',
      state: 'in_stock',
      orderIds: null,
      list: [],
      status: 'idle',
      error: null,
      selected: new Set(),
      exporting: false,
      exportResult: null
    })
  }
}))
