// Catalog search across every account's cached catalog, on-demand sync and when each account was last synced.
import { create } from 'zustand'
import type { ChannelOutput } from '../../../shared/contract'
import type { CatalogItemView } from '../../../shared/schemas'
import { call, toUiError } from '../api'
import { useNotices } from './notices'

export const SEARCH_LIMIT = 200

export function catalogKey(item: Pick<CatalogItemView, 'accountId' | 'productId' | 'variantId'>): string {
  return `${item.accountId}|${item.productId}|${item.variantId ?? ''}`
}

export type CatalogTab = 'products' | 'watched' | 'markup'
export type SyncStatus = ChannelOutput<'catalog.status'>[number]

interface CatalogState {
  tab: CatalogTab
  text: string
  accountId: string
  items: CatalogItemView[]
  /** The text the shown results are for (the box may already hold newer text). */
  shownText: string
  status: 'idle' | 'loading' | 'ready' | 'failed'
  error: string | null
  syncing: boolean
  syncResult: ChannelOutput<'catalog.sync'> | null
  /** Per supplier account: last successful sync, next one due, last error. */
  syncStatus: SyncStatus[]
  setTab(tab: CatalogTab): void
  setText(text: string): void
  setAccount(accountId: string): void
  search(): Promise<void>
  sync(): Promise<void>
  loadStatus(): Promise<void>
  /** Coalesces the burst of `catalog.synced` events a sync of several accounts sends. */
  scheduleRefresh(): void
  reset(): void
}

let requestSeq = 0
let statusSeq = 0
let refreshTimer: ReturnType<typeof setTimeout> | null = null

export const useCatalog = create<CatalogState>()((set, get) => ({
  tab: 'products',
  text: '',
  accountId: '',
  items: [],
  shownText: '',
  status: 'idle',
  error: null,
  syncing: false,
  syncResult: null,
  syncStatus: [],
  setTab(tab) {
    set({ tab })
  },
  setText(text) {
    set({ text })
  },
  setAccount(accountId) {
    set({ accountId })
    void get().search()
  },
  async search() {
    const seq = ++requestSeq
    const { text, accountId } = get()
    if (get().status !== 'ready') set({ status: 'loading' })
    try {
      const items = await call('catalog.search', {
        text: text.trim(),
        limit: SEARCH_LIMIT,
        ...(accountId ? { accountId } : {})
      })
      if (seq === requestSeq) set({ items, shownText: text.trim(), status: 'ready', error: null })
    } catch (e) {
      if (seq === requestSeq) set({ status: 'failed', error: toUiError(e).message })
    }
  },
  async sync() {
    set({ syncing: true, syncResult: null })
    try {
      const { accountId } = get()
      const result = await call('catalog.sync', accountId ? { accountId } : {})
      set({ syncResult: result })
      await Promise.all([get().search(), get().loadStatus()])
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      set({ syncing: false })
    }
  },
  async loadStatus() {
    const mySeq = ++statusSeq
    try {
      const syncStatus = await call('catalog.status', {})
      if (mySeq === statusSeq) set({ syncStatus })
    } catch {
      // Only the "last synced" line is missing; the catalog itself still works.
    }
  },
  scheduleRefresh() {
    if (get().status === 'idle') return
    if (refreshTimer) clearTimeout(refreshTimer)
    refreshTimer = setTimeout(() => {
      refreshTimer = null
      void get().search()
      void get().loadStatus()
    }, 250)
  },
  reset() {
    requestSeq++
    statusSeq++
    set({ tab: 'products', text: '', accountId: '', items: [], shownText: '', status: 'idle', error: null, syncing: false, syncResult: null, syncStatus: [] })
  }
}))
