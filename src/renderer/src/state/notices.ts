// Toasts: `notice` events from the core and errors from our own calls. Errors stay until dismissed.
import { create } from 'zustand'
import { toUiError } from '../api'

export type NoticeLevel = 'info' | 'success' | 'warning' | 'error'
/** What a toast is about, when it comes from one of the core's typed events (tests and styles tell them apart). */
export type NoticeTopic = 'delivery' | 'balance.low' | 'catalog.changed'

export interface Notice {
  id: number
  level: NoticeLevel
  message: string
  orderId?: string
  topic?: NoticeTopic
}

const AUTO_DISMISS_MS: Record<NoticeLevel, number | null> = { info: 8000, success: 5000, warning: 12000, error: null }
const MAX_SHOWN = 6

interface NoticesState {
  items: Notice[]
  push(level: NoticeLevel, message: string, orderId?: string, topic?: NoticeTopic): void
  pushError(e: unknown): void
  dismiss(id: number): void
}

let nextId = 1

export const useNotices = create<NoticesState>()((set, get) => ({
  items: [],
  push(level, message, orderId, topic) {
    const id = nextId++
    const notice: Notice = { id, level, message, ...(orderId === undefined ? {} : { orderId }), ...(topic === undefined ? {} : { topic }) }
    set((s) => ({ items: [...s.items, notice].slice(-MAX_SHOWN) }))
    const after = AUTO_DISMISS_MS[level]
    if (after !== null) setTimeout(() => get().dismiss(id), after)
  },
  pushError(e) {
    get().push('error', toUiError(e).message)
  },
  dismiss(id) {
    set((s) => ({ items: s.items.filter((n) => n.id !== id) }))
  }
}))
