// The code inventory: filtered list, selection, and CSV export (the core writes the file after a save dialog).
import { create } from 'zustand'
import type { ChannelOutput } from '../../../shared/contract'
import type { CodeState } from '../../../shared/domain'
import type { CodeFilter, CodeView } from '../../../shared/schemas'
import { call, toUiError } from '../api'
import { useNotices } from './notices'

export const CODES_LIMIT = 1000

/** Codes of one purchase (all its upstream orders) or of one order, set from the Buy and Orders screens. */
export type CodesScope = { kind: 'batch'; batchId: string } | { kind: 'order'; orderId: string }

interface CodesState {
  accountId: string
  state: CodeState | ''
  scope: CodesScope | null
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
  showBatch(batchId: string): void
  showOrder(orderId: string): void
  clearScope(): void
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

function listFilter(s: Pick<CodesState, 'accountId' | 'state' | 'scope'>): CodeFilter {
  const scope: CodeFilter =
    s.scope?.kind === 'batch' ? { batchId: s.scope.batchId } : s.scope?.kind === 'order' ? { orderId: s.scope.orderId } : s.accountId ? { accountId: s.accountId } : {}
  return { ...scope, ...(s.state ? { state: s.state } : {}) }
}

export const useCodes = create<CodesState>()((set, get) => ({
  accountId: '',
  state: 'in_stock',
  scope: null,
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
  showBatch(batchId) {
    // Freshly bought codes may already be exported or sold elsewhere: show every state.
    set({ scope: { kind: 'batch', batchId }, state: '', accountId: '', selected: new Set(), exportResult: null })
    void get().load()
  },
  showOrder(orderId) {
    set({ scope: { kind: 'order', orderId }, state: '', accountId: '', selected: new Set(), exportResult: null })
    void get().load()
  },
  clearScope() {
    set({ scope: null, selected: new Set() })
    void get().load()
  },
  async load() {
    const mySeq = ++seq
    const s = get()
    if (s.status !== 'ready') set({ status: 'loading' })
    try {
      const list = await call('codes.list', { filter: listFilter(s), limit: CODES_LIMIT })
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
    const filter: CodeFilter = s.selected.size > 0 ? { codeIds: [...s.selected] } : listFilter(s)
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
      scope: null,
      list: [],
      status: 'idle',
      error: null,
      selected: new Set(),
      exporting: false,
      exportResult: null
    })
  }
}))
