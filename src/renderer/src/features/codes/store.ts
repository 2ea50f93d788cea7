// The code inventory: filtered list, selection, bulk marking (codes.mark) and CSV export (the core writes the file
// after a save dialog). codes.mark sends no event, so the list is read again after it.
import { create } from 'zustand'
import type { ChannelOutput } from '../../../../shared/contract'
import { EXPORT_COLUMNS, type CodeState, type ExportColumn } from '../../../../shared/domain'
import type { CodeFilter, CodeMarkResult, CodeView } from '../../../../shared/contract'
import { call, toUiError } from '../../api'
import { t } from '../../i18n'
import { historyChanged } from '../audit'
import { coalesce, newestLoad, type Loadable } from '../../state/list-store'
import { useNotices } from '../../state/notices'

/** The table is virtualised, so thousands of rows stay fast; this many is what one codes.list may return. */
export const CODES_LIMIT = 5000

/** Codes of one purchase (all its upstream orders) or of one order, set from the Buy and Orders screens. */
export type CodesScope = { kind: 'batch'; batchId: string } | { kind: 'order'; orderId: string }

export type MarkTo = CodeMarkResult['to']

/** What the inventory shows by default: the codes that can still be handed out. */
export const DEFAULT_STATE: CodeState = 'in_stock'

interface CodesState extends Loadable {
  accountId: string
  productId: string
  state: CodeState | ''
  /** Delivered on or after / on or before these local days ("2026-11-01"); '' for no bound. */
  from: string
  to: string
  scope: CodesScope | null
  list: CodeView[]
  /** Products seen in the inventory (id → title), for the product filter; kept while the filter narrows the list. */
  products: Record<string, string>
  selected: ReadonlySet<string>
  /** Where a Shift-selection starts: the code last toggled on its own. */
  anchorId: string | null
  markExported: boolean
  bom: boolean
  /** CSV columns, in the standard order; the code column cannot be left out. */
  columns: readonly ExportColumn[]
  exporting: boolean
  exportResult: Extract<ChannelOutput<'codes.export'>, { status: 'written' }> | null
  marking: boolean
  setAccount(accountId: string): void
  setProduct(productId: string): void
  setState(state: CodeState | ''): void
  setFrom(from: string): void
  setTo(to: string): void
  clearFilters(): void
  showBatch(batchId: string): void
  showOrder(orderId: string): void
  clearScope(): void
  load(): Promise<void>
  /** Toggles one code; with `range`, selects every code from the anchor to this one instead. */
  toggle(codeId: string, range?: boolean): void
  /** Adds the codes between two rows (inclusive, in list order) to the selection. */
  selectBetween(fromId: string, toId: string): void
  toggleAll(): void
  clearSelection(): void
  /** Marks the selected codes sold or void. Throws a UiError for the dialog (other failures are also toasted). */
  mark(to: MarkTo, reason: string): Promise<void>
  setMarkExported(v: boolean): void
  setBom(v: boolean): void
  setColumn(column: ExportColumn, on: boolean): void
  exportCsv(): Promise<void>
  /** A settled order may have brought codes: refetch if the screen has been opened. */
  scheduleRefresh(): void
  reset(): void
}

const listLoad = newestLoad(() => useCodes)
const refreshSoon = coalesce(() => void useCodes.getState().load(), 300)

export function listFilter(s: Pick<CodesState, 'accountId' | 'productId' | 'state' | 'from' | 'to' | 'scope'>): CodeFilter {
  const scope: CodeFilter =
    s.scope?.kind === 'batch' ? { batchId: s.scope.batchId } : s.scope?.kind === 'order' ? { orderId: s.scope.orderId } : s.accountId ? { accountId: s.accountId } : {}
  return {
    ...scope,
    ...(s.productId ? { productId: s.productId } : {}),
    ...(s.state ? { state: s.state } : {}),
    ...(s.from ? { from: s.from } : {}),
    ...(s.to ? { to: s.to } : {})
  }
}

const NO_SELECTION = { selected: new Set<string>(), anchorId: null }

/** The filters the screen opens with, and returns to on "Clear". */
const NO_FILTERS = { accountId: '', productId: '', state: DEFAULT_STATE, from: '', to: '', scope: null } satisfies Partial<CodesState>

/** A filter changed: the selection no longer applies, and the list is read again. */
function refilter(patch: Partial<CodesState>): void {
  useCodes.setState({ ...patch, ...NO_SELECTION })
  void useCodes.getState().load()
}

export const useCodes = create<CodesState>()((set, get) => ({
  ...NO_FILTERS,
  list: [],
  status: 'idle',
  error: null,
  products: {},
  selected: new Set(),
  anchorId: null,
  markExported: true,
  bom: false,
  columns: EXPORT_COLUMNS,
  exporting: false,
  exportResult: null,
  marking: false,
  setAccount(accountId) {
    refilter({ accountId })
  },
  setProduct(productId) {
    refilter({ productId })
  },
  setState(state) {
    refilter({ state })
  },
  setFrom(from) {
    refilter({ from })
  },
  setTo(to) {
    refilter({ to })
  },
  clearFilters() {
    refilter(NO_FILTERS)
  },
  showBatch(batchId) {
    // Freshly bought codes may already be exported or sold elsewhere: show every state.
    refilter({ scope: { kind: 'batch', batchId }, state: '', accountId: '', productId: '', from: '', to: '', exportResult: null })
  },
  showOrder(orderId) {
    refilter({ scope: { kind: 'order', orderId }, state: '', accountId: '', productId: '', from: '', to: '', exportResult: null })
  },
  clearScope() {
    refilter({ scope: null })
  },
  async load() {
    const filter = listFilter(get())
    await listLoad.run(
      () => call('codes.list', { filter, limit: CODES_LIMIT }),
      (list, cur) => {
        // Products seen are kept; the selection and its anchor keep only codes still listed.
        const ids = new Set(list.map((c) => c.id))
        const products = { ...cur.products }
        for (const c of list) products[c.productId] ??= c.title
        const selected = new Set([...cur.selected].filter((id) => ids.has(id)))
        return { list, products, selected, anchorId: cur.anchorId && ids.has(cur.anchorId) ? cur.anchorId : null }
      }
    )
  },
  toggle(codeId, range = false) {
    const { anchorId, list } = get()
    if (range && anchorId && anchorId !== codeId && list.some((c) => c.id === anchorId)) {
      get().selectBetween(anchorId, codeId)
      return
    }
    set((s) => {
      const next = new Set(s.selected)
      if (next.has(codeId)) next.delete(codeId)
      else next.add(codeId)
      return { selected: next, anchorId: codeId }
    })
  },
  selectBetween(fromId, toId) {
    set((s) => {
      const a = s.list.findIndex((c) => c.id === fromId)
      const b = s.list.findIndex((c) => c.id === toId)
      if (a < 0 || b < 0) return {}
      const next = new Set(s.selected)
      for (const c of s.list.slice(Math.min(a, b), Math.max(a, b) + 1)) next.add(c.id)
      return { selected: next }
    })
  },
  toggleAll() {
    set((s) => ({
      selected: s.list.length > 0 && s.list.every((c) => s.selected.has(c.id)) ? new Set() : new Set(s.list.map((c) => c.id)),
      anchorId: null
    }))
  },
  clearSelection() {
    set(NO_SELECTION)
  },
  async mark(to, reason) {
    const s = get()
    if (s.marking || s.selected.size === 0) return
    set({ marking: true })
    try {
      const note = reason.trim()
      const r = await call('codes.mark', { codeIds: [...s.selected], to, ...(note ? { reason: note } : {}) })
      const unchanged = r.matched - r.changed
      useNotices.getState().push('success', t.codes.marked(r.to, r.changed, unchanged))
      set(NO_SELECTION)
      await get().load()
      historyChanged()
    } catch (e) {
      // The dialog shows field errors (a missing reason) itself; anything else is a toast.
      if (!toUiError(e).fields['reason']) useNotices.getState().pushError(e)
      throw e
    } finally {
      set({ marking: false })
    }
  },
  setMarkExported(markExported) {
    set({ markExported })
  },
  setBom(bom) {
    set({ bom })
  },
  setColumn(column, on) {
    if (column === 'code') return
    const chosen = new Set(get().columns)
    if (on) chosen.add(column)
    else chosen.delete(column)
    set({ columns: EXPORT_COLUMNS.filter((c) => chosen.has(c)) })
  },
  async exportCsv() {
    const s = get()
    if (s.exporting) return
    const filter: CodeFilter = s.selected.size > 0 ? { codeIds: [...s.selected] } : listFilter(s)
    set({ exporting: true, exportResult: null })
    try {
      const r = await call('codes.export', { filter, columns: [...s.columns], markExported: s.markExported, bom: s.bom })
      if (r.status === 'written') {
        set({ exportResult: r, ...NO_SELECTION })
        if (s.markExported) await get().load()
        historyChanged()
      }
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      set({ exporting: false })
    }
  },
  scheduleRefresh() {
    if (get().status !== 'idle') refreshSoon()
  },
  reset() {
    listLoad.cancel()
    set({
      ...NO_FILTERS,
      list: [],
      status: 'idle',
      error: null,
      products: {},
      ...NO_SELECTION,
      exporting: false,
      exportResult: null,
      marking: false
    })
  }
}))
