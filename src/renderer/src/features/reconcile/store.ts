// Reconciliation (reconcile.run): our journal against each account's balance over a period, every mismatch listed.
import { create } from 'zustand'
import type { ReconcileReport } from '../../../../shared/contract'
import { call, toUiError } from '../../api'
import { daysAgo, localDate } from '../../format/time'
import { t } from '../../i18n'

/** The period shown when the screen first opens: the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30

interface ReconcileState {
  from: string
  to: string
  accountId: string
  /** Read balances (and import statements) before comparing. */
  refresh: boolean
  report: ReconcileReport | null
  running: boolean
  error: string | null
  fieldErrors: Record<string, string>
  setFrom(from: string): void
  setTo(to: string): void
  setAccount(accountId: string): void
  setRefresh(refresh: boolean): void
  run(): Promise<void>
  reset(): void
}

function defaults() {
  return { from: localDate(daysAgo(DEFAULT_PERIOD_DAYS)), to: localDate(new Date()), accountId: '', refresh: true }
}

let seq = 0

export const useReconcile = create<ReconcileState>()((set, get) => ({
  ...defaults(),
  report: null,
  running: false,
  error: null,
  fieldErrors: {},
  setFrom(from) {
    set({ from, fieldErrors: {} })
  },
  setTo(to) {
    set({ to, fieldErrors: {} })
  },
  setAccount(accountId) {
    set({ accountId })
  },
  setRefresh(refresh) {
    set({ refresh })
  },
  async run() {
    const { from, to, accountId, refresh } = get()
    const errors: Record<string, string> = {}
    if (!from) errors.from = t.reconcile.fromRequired
    if (from && to && to < from) errors.to = t.reconcile.toBeforeFrom
    if (Object.keys(errors).length) return set({ fieldErrors: errors })
    const mySeq = ++seq
    set({ running: true, error: null, fieldErrors: {} })
    try {
      const report = await call('reconcile.run', { from, refresh, ...(to ? { to } : {}), ...(accountId ? { accountId } : {}) })
      if (mySeq === seq) set({ report })
    } catch (e) {
      const ui = toUiError(e)
      if (mySeq === seq) set({ error: ui.message, fieldErrors: ui.fields })
    } finally {
      if (mySeq === seq) set({ running: false })
    }
  },
  reset() {
    seq++
    set({ ...defaults(), report: null, running: false, error: null, fieldErrors: {} })
  }
}))
