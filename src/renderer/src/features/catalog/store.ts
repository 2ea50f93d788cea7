// Catalog search across every account's cached catalog, on-demand sync and when each account was last synced.
import { create } from 'zustand'
import type { ChannelOutput } from '../../../../shared/contract'
import type { CatalogItemView } from '../../../../shared/contract'
import { call } from '../../api'
import { coalesce, newestLoad, type Loadable } from '../../state/list-store'
import { useNotices } from '../../state/notices'

export const SEARCH_LIMIT = 200

export type SyncStatus = ChannelOutput<'catalog.status'>[number]

interface CatalogState extends Loadable {
  text: string
  accountId: string
  items: CatalogItemView[]
  /** The text the shown results are for (the box may already hold newer text). */
  shownText: string
  syncing: boolean
  syncResult: ChannelOutput<'catalog.sync'> | null
  /** Per supplier account: last successful sync, next one due, last error. */
  syncStatus: SyncStatus[]
  setText(text: string): void
  setAccount(accountId: string): void
  search(): Promise<void>
  sync(): Promise<void>
  loadStatus(): Promise<void>
  /** Coalesces the burst of `catalog.synced` events a sync of several accounts sends. */
  scheduleRefresh(): void
  reset(): void
}

const searchLoad = newestLoad(() => useCatalog)
let statusSeq = 0
const refreshSoon = coalesce(() => {
  void useCatalog.getState().search()
  void useCatalog.getState().loadStatus()
}, 250)

export const useCatalog = create<CatalogState>()((set, get) => ({
  text: '',
  accountId: '',
  items: [],
  shownText: '',
  status: 'idle',
  error: null,
  syncing: false,
  syncResult: null,
  syncStatus: [],
  setText(text) {
    set({ text })
  },
  setAccount(accountId) {
    set({ accountId })
    void get().search()
  },
  async search() {
    const { text, accountId } = get()
    await searchLoad.run(
      () => call('catalog.search', { text: text.trim(), limit: SEARCH_LIMIT, ...(accountId ? { accountId } : {}) }),
      (items) => ({ items, shownText: text.trim() })
    )
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
    if (get().status !== 'idle') refreshSoon()
  },
  reset() {
    searchLoad.cancel()
    statusSeq++
    set({ text: '', accountId: '', items: [], shownText: '', status: 'idle', error: null, syncing: false, syncResult: null, syncStatus: [] })
  }
}))
