import { describe, expect, it } from 'vitest'
import { EventBus } from '../../src/core/events'
import type { AppEvent } from '../../src/shared/contract'
import type { BalanceView, OrderView } from '../../src/shared/contract'
import { summarizeSettled } from '../../src/main/notifications'
import { createTrayService, trayMenu, type Timers, type TrayAction, type TrayLike, type TrayMenuItem } from '../../src/main/tray'

let seq = 0
function order(over: Partial<OrderView> = {}): OrderView {
  seq++
  return {
    id: `o${seq}`,
    batchId: 'b1',
    accountId: 'a1',
    accountName: 'DigetalHube main',
    kind: 'digetalhube',
    productId: 'p1',
    variantId: null,
    title: 'PUBG Mobile 60 UC',
    quantity: 10,
    unitPrice: { amount: '1.05', currency: 'USDT' },
    total: { amount: '10.5', currency: 'USDT' },
    state: 'completed',
    upstreamId: `u${seq}`,
    upstreamStatus: 'completed',
    step: null,
    deliveredCount: 10,
    refunded: null,
    error: null,
    reviewReason: null,
    clientRef: `rd${seq}`,
    reviewCandidates: null,
    cancellable: false,
    fields: {},
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:01:00.000Z',
    completedAt: '2026-11-01T10:01:00.000Z',
    ...over
  }
}

function balance(over: Partial<BalanceView> = {}): BalanceView {
  return { accountId: 'a1', accountName: 'DigetalHube main', available: { amount: '120.5', currency: 'USDT' }, at: '2026-11-01T10:00:00.000Z', low: false, ...over }
}

describe('what a settled batch says', () => {
  it('one notification for the whole batch: "25 codes delivered — PUBG Mobile 60 UC"', () => {
    const n = summarizeSettled([order(), order(), order({ quantity: 5, deliveredCount: 5 })])
    expect(n).toMatchObject({ title: '25 codes delivered', body: 'PUBG Mobile 60 UC', level: 'info' })
  })

  it('says "1 code"', () => {
    expect(summarizeSettled([order({ quantity: 1, deliveredCount: 1 })])?.title).toBe('1 code delivered')
  })

  it('a failed, refunded order', () => {
    const failed = order({ state: 'failed', deliveredCount: 0, refunded: { amount: '10.5', currency: 'USDT' } })
    expect(summarizeSettled([failed])).toEqual({
      title: 'Order failed — refunded 10.50 USDT',
      body: 'PUBG Mobile 60 UC',
      level: 'error',
      orderId: failed.id
    })
  })

  it('a partly delivered batch, refunds summed per currency, opens the short order', () => {
    const done = order()
    const partial = order({ state: 'partially_completed', deliveredCount: 6, refunded: { amount: '4.2', currency: 'USDT' } })
    const failed = order({ state: 'failed', deliveredCount: 0, refunded: { amount: '10.5', currency: 'USDT' }, title: 'iTunes $10 USA' })
    const failedDzd = order({ state: 'failed', deliveredCount: 0, quantity: 2, refunded: { amount: '1200', currency: 'DZD' }, title: 'Free Fire 100' })
    expect(summarizeSettled([done, partial, failed, failedDzd])).toEqual({
      title: '16 of 32 codes delivered — refunded 14.70 USDT, 1,200.00 DZD',
      body: 'PUBG Mobile 60 UC, iTunes $10 USA, Free Fire 100',
      level: 'warning',
      orderId: partial.id
    })
  })

  it('needs review wins, with its reason', () => {
    const r = order({ state: 'needs_review', deliveredCount: 0, reviewReason: 'The upstream did not say whether the order was placed.' })
    expect(summarizeSettled([order(), r])).toEqual({
      title: 'An order needs your review',
      body: 'The upstream did not say whether the order was placed.',
      level: 'warning',
      orderId: r.id
    })
  })

  it('cancelled, and many products', () => {
    const titles = ['A', 'B', 'C', 'D', 'E']
    const n = summarizeSettled(titles.map((title) => order({ title, state: 'cancelled', deliveredCount: 0 })))
    expect(n).toMatchObject({ title: 'Order cancelled', body: 'A, B, C, and 2 more', level: 'error' })
    expect(summarizeSettled([])).toBeNull()
  })
})

describe('the tray menu', () => {
  it('lists each balance, the open orders, and the two actions', () => {
    const items = trayMenu({
      demo: false,
      balances: [balance({ accountName: 'Zed', low: true, available: { amount: '3', currency: 'USDT' } }), balance({ accountId: 'a2', accountName: 'Alpha', available: { amount: '15000', currency: 'DZD' } })],
      openOrders: 3,
      needsReview: 1
    })
    expect(items).toEqual<TrayMenuItem[]>([
      { kind: 'label', label: 'Alpha: 15,000.00 DZD' },
      { kind: 'label', label: 'Zed: 3.00 USDT — low' },
      { kind: 'separator' },
      { kind: 'label', label: '3 open orders' },
      { kind: 'label', label: 'An order needs your review' },
      { kind: 'separator' },
      { kind: 'action', label: 'Open ResellerDesk', action: 'open' },
      { kind: 'action', label: 'Quit', action: 'quit' }
    ])
  })
})

// ---- the service, with fake Electron classes ---------------------------------------------------------------

class FakeTray implements TrayLike {
  tooltip = ''
  menu: readonly TrayMenuItem[] = []
  act: ((a: TrayAction) => void) | null = null
  click: (() => void) | null = null
  destroyed = false
  setToolTip(text: string): void {
    this.tooltip = text
  }
  setMenu(items: readonly TrayMenuItem[], onAction: (a: TrayAction) => void): void {
    this.menu = items
    this.act = onAction
  }
  onClick(listener: () => void): void {
    this.click = listener
  }
  destroy(): void {
    this.destroyed = true
  }
  labels(): string[] {
    return this.menu.flatMap((i) => (i.kind === 'separator' ? [] : [i.label]))
  }
}

class ManualTimers implements Timers {
  private next = 1
  readonly due = new Map<number, () => void>()
  set(fn: () => void, _ms: number): unknown {
    const id = this.next++
    this.due.set(id, fn)
    return id
  }
  clear(handle: unknown): void {
    this.due.delete(handle as number)
  }
  runAll(): void {
    for (const [id, fn] of [...this.due]) {
      this.due.delete(id)
      fn()
    }
  }
}

function setup(loadState?: () => Promise<{ balances: BalanceView[]; orders: OrderView[] }>, isDemo?: () => boolean) {
  const events = new EventBus()
  const tray = new FakeTray()
  const timers = new ManualTimers()
  const shown: { title: string; body: string; click: () => void }[] = []
  const toRenderer: AppEvent[] = []
  const log: string[] = []
  const service = createTrayService({
    events,
    createTray: () => tray,
    createNotification: (content) => {
      const n = { ...content, click: () => undefined as void }
      return {
        onClick: (l) => (n.click = l),
        show: () => shown.push(n)
      }
    },
    showWindow: () => log.push('show'),
    sendToRenderer: (e) => toRenderer.push(e),
    quit: () => log.push('quit'),
    ...(loadState ? { loadState } : {}),
    ...(isDemo ? { isDemo } : {}),
    timers,
    onError: () => undefined
  })
  return { events, tray, timers, shown, toRenderer, log, service }
}

describe('the tray service', () => {
  it('fills the tray from the current state, then follows balance and order events', async () => {
    const { tray, events, service } = setup(async () => ({ balances: [balance()], orders: [order({ state: 'processing' })] }))
    await service.refresh()
    expect(tray.labels()).toContain('DigetalHube main: 120.50 USDT')
    expect(tray.labels()).toContain('1 open order')
    expect(tray.tooltip).toBe('ResellerDesk — 1 open order')

    const placed = [order({ state: 'submitting' }), order({ state: 'submitted' })]
    events.emit({ type: 'orders.changed', orders: placed })
    expect(tray.labels()).toContain('3 open orders')

    events.emit({ type: 'balances.changed', balances: [balance({ available: { amount: '5', currency: 'USDT' }, low: true })] })
    expect(tray.labels()).toContain('DigetalHube main: 5.00 USDT — low')
    expect(tray.tooltip).toBe('ResellerDesk — 3 open orders — 1 balance low')

    events.emit({ type: 'orders.changed', orders: placed.map((o) => ({ ...o, state: 'completed' as const })) })
    expect(tray.labels()).toContain('1 open order')
  })

  it('labels demo data as demo, and follows a switch to live', async () => {
    let mode = 'demo'
    const { tray, events } = setup(async () => ({ balances: [], orders: [] }), () => mode === 'demo')
    await new Promise((r) => setImmediate(r))
    expect(tray.tooltip).toBe('ResellerDesk (demo)')
    mode = 'live'
    events.emit({ type: 'accounts.changed' })
    await new Promise((r) => setImmediate(r))
    expect(tray.tooltip).toBe('ResellerDesk')
  })

  it('the tray actions open the window and quit', () => {
    const { tray, log } = setup()
    tray.act?.('open')
    tray.click?.()
    tray.act?.('quit')
    expect(log).toEqual(['show', 'show', 'quit'])
  })

  it('buys 25 codes in three upstream orders: one notification once the batch goes quiet; a click opens the order', () => {
    const { events, timers, shown, toRenderer, log } = setup()
    const orders = [order({ batchId: 'b9' }), order({ batchId: 'b9' }), order({ batchId: 'b9', quantity: 5, deliveredCount: 5 })]
    for (const o of orders) events.emit({ type: 'order.settled', order: o })
    expect(shown).toEqual([]) // still gathering the batch
    timers.runAll()
    expect(shown.map((n) => [n.title, n.body])).toEqual([['25 codes delivered', 'PUBG Mobile 60 UC']])

    shown[0]!.click()
    expect(log).toEqual(['show'])
    expect(toRenderer).toEqual([{ type: 'open.order', orderId: orders[0]!.id }])
  })

  it('separate batches make separate notifications; flush shows what is waiting', () => {
    const { events, shown, service } = setup()
    events.emit({ type: 'order.settled', order: order({ batchId: 'x', state: 'failed', deliveredCount: 0, refunded: { amount: '10.5', currency: 'USDT' } }) })
    events.emit({ type: 'order.settled', order: order({ batchId: 'y', state: 'needs_review', deliveredCount: 0 }) })
    service.flush()
    expect(shown.map((n) => n.title)).toEqual(['Order failed — refunded 10.50 USDT', 'An order needs your review'])
  })

  it('re-reads the state when the accounts change (a mode switch), and survives a locked vault', async () => {
    let calls = 0
    const { events, tray } = setup(async () => {
      calls++
      if (calls === 1) throw new Error('VAULT_LOCKED')
      return { balances: [balance({ accountName: 'Demo DigetalHube' })], orders: [] }
    })
    await new Promise((r) => setImmediate(r)) // the service's own first read, which fails
    expect(tray.labels()).toContain('No accounts yet')
    events.emit({ type: 'accounts.changed' })
    await new Promise((r) => setImmediate(r))
    expect(calls).toBe(2)
    expect(tray.labels()).toContain('Demo DigetalHube: 120.50 USDT')
  })

  it('works with no tray and no notifications, and stops cleanly', () => {
    const events = new EventBus()
    const service = createTrayService({
      events,
      createTray: () => null,
      createNotification: () => null,
      showWindow: () => undefined,
      sendToRenderer: () => undefined,
      quit: () => undefined,
      coalesceMs: 0
    })
    events.emit({ type: 'order.settled', order: order() })
    service.flush()
    service.dispose()
    events.emit({ type: 'order.settled', order: order() })
  })

  it('dispose removes the tray and drops waiting notifications', () => {
    const { events, tray, timers, shown, service } = setup()
    events.emit({ type: 'order.settled', order: order() })
    service.dispose()
    timers.runAll()
    expect(shown).toEqual([])
    expect(tray.destroyed).toBe(true)
  })
})

describe('the tray service, daily use', () => {
  it('lists the last deliveries, each opening its order, and warns once per low-balance event', () => {
    const events = new EventBus()
    const menus: TrayMenuItem[][] = []
    let act: ((a: TrayAction) => void) | null = null
    const shown: { title: string; body: string }[] = []
    const toRenderer: unknown[] = []
    const timers: (() => void)[] = []
    const svc = createTrayService({
      events,
      createTray: () => ({ setToolTip: () => undefined, setMenu: (items, on) => (menus.push([...items]), (act = on)), onClick: () => undefined, destroy: () => undefined }),
      createNotification: (c) => ({ onClick: () => undefined, show: () => void shown.push(c) }),
      showWindow: () => undefined,
      sendToRenderer: (e) => void toRenderer.push(e),
      quit: () => undefined,
      timers: { set: (fn) => (timers.push(fn), timers.length), clear: () => undefined }
    })
    const o = order({ state: 'completed', deliveredCount: 10, quantity: 10 })
    events.emit({ type: 'order.settled', order: o })
    timers.splice(0).forEach((f) => f())
    const last = menus.at(-1)!
    const entry = last.find((i) => i.kind === 'action' && i.action === `order:${o.id}`)
    expect(entry).toBeDefined()
    act!(`order:${o.id}`)
    expect(toRenderer).toEqual([{ type: 'open.order', orderId: o.id }])

    events.emit({ type: 'balance.low', accountId: 'a', accountName: 'Main DH', available: { amount: '45', currency: 'USDT' }, threshold: { amount: '50', currency: 'USDT' } })
    expect(shown.at(-1)).toEqual({ title: 'Balance low — Main DH', body: '45.00 USDT left, below your warning level of 50.00 USDT. Top up to keep buying.' })
    svc.dispose()
  })
})
