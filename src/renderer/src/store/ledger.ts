// The ledger: upstream statements (ledger.sync imports them) next to our own purchases and refunds (ledger.list).
import { create } from 'zustand'
import type { ChannelOutput } from '../../../shared/contract'
import type { LedgerRowView } from '../../../shared/schemas'
import { call, toUiError } from '../api'
import { useNotices } from './notices'

export const LEDGER_LIMIT = 500

interface LedgerState {
  accountId: string
  rows: LedgerRowView[]
  status: 'idle' | 'loading' | 'ready' | 'failed'
  error: string | null
  syncing: boolean
  syncResult: ChannelOutput<'ledger.sync'> | null
  setAccount(accountId: string): void
  load(): Promise<void>
  sync(): Promise<void>
  /** A settled order adds a purchase or refund: refetch if the screen has been opened. */
  scheduleRefresh(): void
  reset(): void
}

let seq = 0
let refreshTimer: ReturnType<typeof setTimeout> | null = null

export const useLedger = create<LedgerState>()((set, get) => ({
  accountId: '',
  rows: [],
  status: 'idle',
  error: null,
  syncing: false,
  syncResult: null,
  setAccount(accountId) {
    set({ accountId, syncResult: null })
    void get().load()
  },
  async load() {
    const mySeq = ++seq
    const { accountId } = get()
    if (get().status !== 'ready') set({ status: 'loading' })
    try {
      const rows = await call('ledger.list', { limit: LEDGER_LIMIT, ...(accountId ? { accountId } : {}) })
      if (mySeq === seq) set({ rows, status: 'ready', error: null })
    } catch (e) {
      if (mySeq === seq) set({ status: 'failed', error: toUiError(e).message })
    }
  },
  async sync() {
    if (get().syncing) return
    set({ syncing: true, syncResult: null })
    try {
      const { accountId } = get()
      const syncResult = await call('ledger.sync', accountId ? { accountId } : {})
      set({ syncResult })
      await get().load()
    } catch (e) {
      useNotices.getState().pushError(e)
    } finally {
      set({ syncing: false })
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
    set({ accountId: '', rows: [], status: 'idle', error: null, syncing: false, syncResult: null })
  }
}))
