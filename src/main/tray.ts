// The tray and the OS notifications: one small service over the core's events, with the Electron classes
// injected (electron-tray.ts adapts them) so everything here runs in plain Node tests (main-tray.test.ts).
import { format } from '../core/money'
import { isActiveState } from '../shared/domain'
import type { AppEvent } from '../shared/contract'
import type { BalanceView, OrderView } from '../shared/contract'
import type { EventBus } from '../core/events'
import type { OrderState } from '../shared/domain'
import { noticeMessage, summarizeSettled, type NotificationContent } from './notifications'
import { strings } from './strings'

// ---- what the service asks of the platform ---------------------------------------------------------------------

/** 'order:<id>' opens that order (the tray's last deliveries). */
export type TrayAction = 'open' | 'quit' | `order:${string}`
export type TrayMenuItem =
  | { kind: 'label'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; label: string; action: TrayAction }

export interface TrayLike {
  setToolTip(text: string): void
  setMenu(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): void
  /** A left click on the icon (not every Linux tray reports one; the menu's "Open" always works). */
  onClick(listener: () => void): void
  destroy(): void
}

export interface NotificationLike {
  onClick(listener: () => void): void
  show(): void
}

export interface Timers {
  set(fn: () => void, ms: number): unknown
  clear(handle: unknown): void
}

export interface TrayServiceDeps {
  events: Pick<EventBus, 'on'>
  /** null when this desktop has no tray; notifications still work. */
  createTray: () => TrayLike | null
  /** null when the OS cannot show notifications. */
  createNotification: (content: { title: string; body: string }) => NotificationLike | null
  showWindow: () => void
  /** Tells the renderer what was clicked, so it can open the order (an AppEvent 'notice' with orderId). */
  sendToRenderer: (event: AppEvent) => void
  quit: () => void
  /** Whether the host runs on demo data; asked at start and whenever the accounts change (a mode switch). */
  isDemo?: () => boolean
  /** Current balances and unfinished orders, read at start and whenever the accounts change. */
  loadState?: () => Promise<{ balances: readonly BalanceView[]; orders: readonly OrderView[] }>
  /** Orders of one batch settling within this window make one notification. */
  coalesceMs?: number
  timers?: Timers
  onError?: (e: unknown) => void
}

export interface TrayService {
  /** Re-read balances and open orders (after a mode switch or an unlock). */
  refresh(): Promise<void>
  /** Show any notification still waiting for its batch to go quiet (tests; quitting). */
  flush(): void
  dispose(): void
}

const DEFAULT_COALESCE_MS = 1500
const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
}

// ---- the pure part: what the tray shows ---------------------------------------------------------------------------

export interface TraySnapshot {
  /** Demo data is labelled as demo everywhere (DESIGN.md §5). */
  demo: boolean
  balances: readonly BalanceView[]
  openOrders: number
  needsReview: number
  /** Newest first: what was delivered lately, each opening its order. */
  recent?: readonly RecentDelivery[]
}

export interface RecentDelivery {
  orderId: string
  /** "14:02" */
  time: string
  /** "25 codes delivered — PUBG Mobile 60 UC" */
  summary: string
}

const MAX_RECENT = 5

export function trayMenu(s: TraySnapshot): TrayMenuItem[] {
  const balances = [...s.balances].sort((a, b) => a.accountName.localeCompare(b.accountName))
  const items: TrayMenuItem[] = balances.length
    ? balances.map((b) => ({ kind: 'label', label: strings.trayBalanceLine(b.accountName, format(b.available), b.low) }))
    : [{ kind: 'label', label: strings.trayNoAccounts }]
  items.push({ kind: 'separator' }, { kind: 'label', label: strings.trayOpenOrders(s.openOrders) })
  if (s.needsReview > 0) items.push({ kind: 'label', label: strings.needsReview(s.needsReview) })
  if (s.recent && s.recent.length > 0) {
    items.push({ kind: 'separator' }, { kind: 'label', label: strings.trayLastDeliveries })
    for (const r of s.recent) items.push({ kind: 'action', label: strings.trayDeliveryLine(r.time, r.summary), action: `order:${r.orderId}` })
  }
  items.push(
    { kind: 'separator' },
    { kind: 'action', label: strings.trayOpen, action: 'open' },
    { kind: 'action', label: strings.trayQuit, action: 'quit' }
  )
  return items
}

export function trayTooltip(s: TraySnapshot): string {
  return strings.trayTooltip(s.openOrders, s.balances.filter((b) => b.low).length, s.demo)
}

// ---- the service ------------------------------------------------------------------------------------------------------

export function createTrayService(deps: TrayServiceDeps): TrayService {
  const timers = deps.timers ?? realTimers
  const coalesceMs = deps.coalesceMs ?? DEFAULT_COALESCE_MS
  const onError = deps.onError ?? ((e: unknown) => console.error('Tray:', e))

  // Events may carry all orders or only the changed ones: keeping the latest state per id handles both.
  const balances = new Map<string, BalanceView>()
  const orderStates = new Map<string, OrderState>()
  const pending = new Map<string, { orders: Map<string, OrderView>; timer: unknown }>()
  let demo = false
  let disposed = false

  const tray = safely(() => deps.createTray(), null)

  const recent: RecentDelivery[] = []

  function openOrder(orderId: string): void {
    deps.showWindow()
    deps.sendToRenderer({ type: 'open.order', orderId })
  }

  const onAction = (action: TrayAction): void => {
    if (action === 'open') return deps.showWindow()
    if (action === 'quit') return deps.quit()
    openOrder(action.slice('order:'.length))
  }
  tray?.onClick(() => deps.showWindow())

  function snapshot(): TraySnapshot {
    let open = 0
    let review = 0
    for (const s of orderStates.values()) {
      if (isActiveState(s)) open++
      else if (s === 'needs_review') review++
    }
    return { demo, balances: [...balances.values()], openOrders: open, needsReview: review, recent }
  }

  function render(): void {
    if (!tray || disposed) return
    const s = snapshot()
    safely(() => {
      tray.setToolTip(trayTooltip(s))
      tray.setMenu(trayMenu(s), onAction)
    }, undefined)
  }

  function noteOrders(orders: readonly OrderView[]): void {
    for (const o of orders) {
      // Finished orders no longer count anywhere in the tray; dropping them keeps the map small.
      if (isActiveState(o.state) || o.state === 'needs_review') orderStates.set(o.id, o.state)
      else orderStates.delete(o.id)
    }
  }

  function notify(content: NotificationContent): void {
    const n = safely(() => deps.createNotification({ title: content.title, body: content.body }), null)
    if (!n) return
    n.onClick(() => {
      // Clicking a notification about an order opens that order; any other just brings the window up.
      if (content.orderId) openOrder(content.orderId)
      else deps.showWindow()
    })
    safely(() => n.show(), undefined)
  }

  function settle(batchId: string): void {
    const batch = pending.get(batchId)
    if (!batch) return
    pending.delete(batchId)
    timers.clear(batch.timer)
    const content = summarizeSettled([...batch.orders.values()])
    if (!content) return
    notify(content)
    if (content.orderId) {
      recent.unshift({ orderId: content.orderId, time: new Date().toTimeString().slice(0, 5), summary: noticeMessage(content) })
      recent.splice(MAX_RECENT)
      render()
    }
  }

  function onSettled(order: OrderView): void {
    const batch = pending.get(order.batchId) ?? { orders: new Map<string, OrderView>(), timer: undefined }
    timers.clear(batch.timer)
    batch.orders.set(order.id, order)
    batch.timer = timers.set(() => settle(order.batchId), coalesceMs)
    pending.set(order.batchId, batch)
  }

  async function refresh(): Promise<void> {
    demo = safely(() => deps.isDemo?.() ?? false, false)
    if (!deps.loadState) return render()
    try {
      const state = await deps.loadState()
      if (disposed) return
      balances.clear()
      for (const b of state.balances) balances.set(b.accountId, b)
      orderStates.clear()
      noteOrders(state.orders)
    } catch (e) {
      // A locked vault cannot list anything yet; the tray fills in from events once it opens.
      onError(e)
    }
    render()
  }

  const off = deps.events.on((event) => {
    switch (event.type) {
      case 'balances.changed':
        for (const b of event.balances) balances.set(b.accountId, b)
        return render()
      case 'orders.changed':
        noteOrders(event.orders)
        return render()
      case 'order.settled':
        noteOrders([event.order])
        render()
        return onSettled(event.order)
      case 'balance.low':
        return notify({
          title: strings.balanceLowTitle(event.accountName),
          body: strings.balanceLowBody(format(event.available), format(event.threshold)),
          level: 'warning'
        })
      case 'accounts.changed':
        recent.splice(0) // a mode switch shows other data: its deliveries are not these
        void refresh()
        return
      default:
        return
    }
  })

  void refresh()

  function safely<T>(fn: () => T, fallback: T): T {
    try {
      return fn()
    } catch (e) {
      onError(e)
      return fallback
    }
  }

  return {
    refresh,
    flush() {
      for (const batchId of [...pending.keys()]) settle(batchId)
    },
    dispose() {
      disposed = true
      off()
      for (const b of pending.values()) timers.clear(b.timer)
      pending.clear()
      tray?.destroy()
    }
  }
}
