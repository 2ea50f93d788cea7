// The ledger: upstream statements (ledger.sync imports them) next to our own purchases and refunds (ledger.list).
import { create } from 'zustand'
import type { ChannelOutput } from '../../../../shared/contract'
import type { LedgerRowView } from '../../../../shared/contract'
import { call } from '../../api'
import { coalesce, newestLoad, type Loadable } from '../../state/list-store'
import { useNotices } from '../../state/notices'

export const LEDGER_LIMIT = 500

interface LedgerState extends Loadable {
  accountId: string
  rows: LedgerRowView[]
  syncing: boolean
  syncResult: ChannelOutput<'ledger.sync'> | null
  setAccount(accountId: string): void
  load(): Promise<void>
  sync(): Promise<void>
  /** A settled order adds a purchase or refund: refetch if the screen has been opened. */
  scheduleRefresh(): void
  reset(): void
}

const rowsLoad = newestLoad(() => useLedger)
const refreshSoon = coalesce(() => void useLedger.getState().load(), 300)

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
    const { accountId } = get()
    await rowsLoad.run(() => call('ledger.list', { limit: LEDGER_LIMIT, ...(accountId ? { accountId } : {}) }), (rows) => ({ rows }))
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
    if (get().status !== 'idle') refreshSoon()
  },
  reset() {
    rowsLoad.cancel()
    set({ accountId: '', rows: [], status: 'idle', error: null, syncing: false, syncResult: null })
  }
}))
