// The daily workflow against the DigetalHube simulator, through a real Session (SQLite, vault, HTTP): low-balance
// warnings that survive a restart, watched products, markup in search, the daily catalog schedule, marking codes,
// and reconciliation of our journal against the supplier's own books.
import { afterEach, describe, expect, it } from 'vitest'
import type { AppEvent } from '../../src/core/events'
import { EventBus } from '../../src/core/events'
import { CatalogSchedule } from '../../src/core/catalog/catalog-schedule'
import { buy, KEY, openSession, world, type World } from './helpers'

let w: World | null = null
afterEach(async () => {
  await w?.close()
  w = null
})

const record = (events: EventBus): AppEvent[] => {
  const seen: AppEvent[] = []
  events.on((e) => seen.push(e))
  return seen
}
const lows = (seen: AppEvent[]) => seen.filter((e) => e.type === 'balance.low')
const changes = (seen: AppEvent[]) => seen.flatMap((e) => (e.type === 'catalog.changed' ? e.changes : []))

async function createOrderBehindOurBack(x: World, productId: number, quantity: number): Promise<void> {
  const res = await fetch(`${x.sim.baseUrl}/reseller_api.php?action=create_order`, {
    method: 'POST',
    headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify({ product_id: productId, quantity })
  })
  expect(res.status).toBe(200)
}

describe('the daily workflow against DigetalHube', () => {
  it('warns once when a purchase takes the balance below the threshold, not on later polls, not after a restart, and again on a new crossing', async () => {
    w = await world({}, { lowBalanceThreshold: '480' })
    const seen = record(w.events)
    await w.session.balances.refreshAccount(w.accountId) // 500: fine
    expect(lows(seen)).toHaveLength(0)

    await buy(w, '123', 25) // 26.25 → 473.75
    for (let i = 0; i < 3; i++) await w.session.balances.refreshAccount(w.accountId)
    expect(lows(seen)).toEqual([
      { type: 'balance.low', accountId: w.accountId, accountName: 'DH', available: { amount: '473.75', currency: 'USDT' }, threshold: { amount: '480', currency: 'USDT' } }
    ])
    expect(seen.filter((e) => e.type === 'notice' && e.level === 'warning')).toHaveLength(1)

    // Restart: the warning was for this dip already.
    await w.session.close()
    const events = new EventBus()
    const after = record(events)
    w.session = await openSession(w.dataDir, events)
    await w.session.balances.refreshAccount(w.accountId)
    await w.session.balances.refreshAccount(w.accountId)
    expect(lows(after)).toHaveLength(0)

    // Back at or above the threshold re-arms (here the shop lowers it), and the next dip below warns again.
    w.session.accounts.update(w.accountId, { settings: { lowBalanceThreshold: '400' } })
    await w.session.balances.refreshAccount(w.accountId)
    w.session.accounts.update(w.accountId, { settings: { lowBalanceThreshold: '480' } })
    await w.session.balances.refreshAccount(w.accountId)
    await w.session.balances.refreshAccount(w.accountId)
    expect(lows(after)).toHaveLength(1)
  })

  it('reconciles a purchase exactly (ok), then finds an upstream charge our journal does not know', async () => {
    w = await world()
    const from = new Date(Date.now() - 60_000).toISOString()
    await w.session.balances.refreshAccount(w.accountId)
    const { orders } = await buy(w, '123', 12)
    expect(orders.every((o) => o.state === 'completed')).toBe(true)
    await w.session.balances.refreshAccount(w.accountId)

    const ok = await w.session.handlers['reconcile.run']({ from, refresh: false })
    expect(ok.mismatches).toEqual([])
    expect(ok.accounts[0]).toMatchObject({
      status: 'ok',
      exact: true,
      journalNet: { amount: '12.6', currency: 'USDT' },
      upstreamChange: { amount: '-12.6', currency: 'USDT' },
      upstreamSpent: { amount: '12.6', currency: 'USDT' },
      difference: { amount: '0', currency: 'USDT' }
    })

    await createOrderBehindOurBack(w, 456, 1) // 10.50 spent with our key, not through ResellerDesk
    const report = await w.session.handlers['reconcile.run']({ from, refresh: true })
    expect(report.accounts[0]).toMatchObject({ status: 'mismatch', difference: { amount: '-10.5', currency: 'USDT' }, journalNet: { amount: '12.6', currency: 'USDT' } })
    expect(report.mismatches).toEqual([expect.objectContaining({ kind: 'balance', accountName: 'DH', difference: { amount: '-10.5', currency: 'USDT' }, message: expect.stringMatching(/fell 10\.50 USDT more than our orders explain/) })])
  })

  it('tells about a watched product when its stock or price changes, and stays quiet when nothing changed (also after a restart)', async () => {
    w = await world()
    const seen = record(w.events)
    w.session.watches.watch({ accountId: w.accountId, productId: '456', variantId: null })
    w.session.watches.watch({ accountId: w.accountId, productId: '123', variantId: null })
    await w.session.catalog.sync(w.accountId)
    expect(changes(seen)).toEqual([])
    expect(seen.filter((e) => e.type === 'notice')).toEqual([])

    w.sim.setStock(456, 0)
    await w.session.catalog.sync(w.accountId)
    expect(changes(seen)).toEqual([
      expect.objectContaining({ productId: '456', title: 'iTunes $10 USA', stockChanged: true, priceChanged: false, before: { price: { amount: '10.5', currency: 'USDT' }, stock: 25, inStock: true }, after: { price: { amount: '10.5', currency: 'USDT' }, stock: 0, inStock: false } })
    ])
    expect(seen.filter((e) => e.type === 'notice').map((e) => (e as { message: string }).message)).toEqual(['iTunes $10 USA (DH): stock 25 in stock → out of stock.'])

    // The supplier raises a price (the simulator has no price control: the adapter's answer is edited in flight).
    const rt = w.session.accounts.runtime(w.accountId)
    const listCatalog = rt.adapter.listCatalog.bind(rt.adapter)
    Object.assign(rt.adapter, {
      listCatalog: async () => (await listCatalog()).map((p) => (p.productId === '123' ? { ...p, price: { amount: '1.10', currency: 'USDT' } } : p))
    })
    seen.length = 0
    await w.session.catalog.sync(w.accountId)
    expect(changes(seen)).toEqual([expect.objectContaining({ productId: '123', priceChanged: true, stockChanged: false })])
    expect(seen.find((e) => e.type === 'notice')).toMatchObject({ message: 'PUBG Mobile 60 UC (DH): price 1.05 USDT → 1.10 USDT.' })
    expect(w.session.watches.list().find((x) => x.productId === '123')).toMatchObject({ current: { price: { amount: '1.10', currency: 'USDT' } }, lastChangedAt: expect.any(String) })

    seen.length = 0
    await w.session.catalog.sync(w.accountId)
    expect(seen.filter((e) => e.type === 'catalog.changed' || e.type === 'notice')).toEqual([])

    // After a restart, the same catalog again is still no news.
    await w.session.close()
    const events = new EventBus()
    const after = record(events)
    w.session = await openSession(w.dataDir, events)
    const rt2 = w.session.accounts.runtime(w.accountId)
    const list2 = rt2.adapter.listCatalog.bind(rt2.adapter)
    Object.assign(rt2.adapter, { listCatalog: async () => (await list2()).map((p) => (p.productId === '123' ? { ...p, price: { amount: '1.10', currency: 'USDT' } } : p)) })
    await w.session.catalog.sync(w.accountId)
    expect(after.filter((e) => e.type === 'catalog.changed' || e.type === 'notice')).toEqual([])
  })

  it('shows the sell price beside the cost in search, from the markup rules', async () => {
    w = await world()
    const h = w.session.handlers
    await h['markup.set']({ accountId: w.accountId, category: null, kind: 'percent', value: '10', rounding: { step: '0.05', mode: 'up' } })
    await h['markup.set']({ accountId: w.accountId, category: 'itunes', kind: 'fixed', value: '1.5', rounding: { step: '1', mode: 'nearest' } })
    const items = await h['catalog.search']({ text: '', accountId: w.accountId, limit: 500 })
    const by = (id: string) => items.find((i) => i.productId === id)!
    expect(by('123')).toMatchObject({ price: { amount: '1.05', currency: 'USDT' }, sellPrice: { amount: '1.2', currency: 'USDT' } }) // 1.155 → 1.20
    expect(by('456')).toMatchObject({ price: { amount: '10.5', currency: 'USDT' }, sellPrice: { amount: '12', currency: 'USDT' } }) // 12.00
    expect(by('457')).toMatchObject({ sellPrice: { amount: '28', currency: 'USDT' } }) // 27.75 → 28
    const rules = await h['markup.list']({})
    await h['markup.remove']({ ruleId: rules.find((r) => r.category === null)!.id })
    expect((await h['catalog.search']({ text: 'pubg 60', accountId: w.accountId, limit: 5 }))[0]).toMatchObject({ productId: '123', sellPrice: null })
  })

  it('keeps the last catalog sync time, so the daily refresh carries on after a restart', async () => {
    w = await world()
    const [status] = await w.session.handlers['catalog.status']({})
    expect(status).toMatchObject({ accountId: w.accountId, accountName: 'DH', lastSyncAt: expect.any(String), lastError: null })
    expect(Date.parse(status!.nextSyncAt!) - Date.parse(status!.lastSyncAt!)).toBe(24 * 60 * 60_000)
    expect(w.session.catalogSchedule.dueAccounts()).toEqual([])

    await w.session.close()
    w.session = await openSession(w.dataDir, w.events)
    expect((await w.session.handlers['catalog.status']({}))[0]!.lastSyncAt).toBe(status!.lastSyncAt)

    // A day later the account is due, and the scheduler syncs it.
    const later = new CatalogSchedule(w.session.storage, w.session.accounts, w.session.catalog, () => new Date(Date.now() + 25 * 60 * 60_000))
    expect(later.dueAccounts()).toEqual([w.accountId])
    const synced = w.events.waitFor((e) => e.type === 'catalog.synced', 10_000)
    await later.runDue()
    await synced
    expect((await w.session.handlers['catalog.status']({}))[0]!.lastSyncAt! > status!.lastSyncAt!).toBe(true)
    later.dispose()
  })

  it('marks delivered codes sold and void through the contract, audited with the staff member at the desk', async () => {
    w = await world()
    await buy(w, '123', 4)
    const h = w.session.handlers
    const codes = await h['codes.list']({ filter: { accountId: w.accountId, state: 'in_stock' }, limit: 10 })
    expect(codes).toHaveLength(4)
    expect(await h['codes.mark']({ codeIds: [codes[0]!.id, codes[1]!.id], to: 'sold' })).toEqual({ to: 'sold', matched: 2, changed: 2 })
    w.session.setActor('Nadia')
    expect(await h['codes.mark']({ filter: { accountId: w.accountId, state: 'in_stock' }, to: 'void', reason: 'duplicate sale' })).toEqual({ to: 'void', matched: 2, changed: 2 })
    const log = await h['audit.list']({ subjectType: 'code', limit: 50 })
    expect(log.map((e) => [e.actor, e.action]).sort()).toEqual([
      ['Nadia', 'code.void'],
      ['Nadia', 'code.void'],
      ['tester', 'code.sold'],
      ['tester', 'code.sold']
    ])
    const history = await h['balances.history']({ accountId: w.accountId, days: 7 })
    expect(history.points.length).toBeGreaterThan(0)
    expect(history.forecast.spendPerDay).toEqual({ amount: '4.2', currency: 'USDT' }) // 4 × 1.05, one day of history
  })
})
