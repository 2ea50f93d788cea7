// The order engine against the DigetalHube simulator, fault by fault: what a shop assistant would see, and what
// the supplier's books say afterwards (no order placed twice, every code kept).
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { buy, KEY, openSession, vaultCodes, world, type World } from './helpers'

let w: World | null = null
afterEach(async () => {
  await w?.close()
  w = null
})

const simOrders = (x: World) => x.sim.orders(KEY)

describe('buying from DigetalHube through the engine', () => {
  it('buys 25 codes as 10 + 10 + 5, keeps all 25 sealed, and the balance drops by exactly 26.25', async () => {
    w = await world()
    const { orders } = await buy(w, '123', 25)
    expect(orders.map((o) => o.quantity).sort()).toEqual([10, 10, 5])
    expect(orders.every((o) => o.state === 'completed')).toBe(true)
    expect(vaultCodes(w.session).sort()).toEqual(w.sim.issuedCodes(KEY).sort())
    expect(vaultCodes(w.session)).toHaveLength(25)
    expect(w.sim.balance(KEY)).toBe('473.75')
    const balance = await w.session.balances.refreshAccount(w.accountId)
    expect(balance.available).toEqual({ amount: '473.75', currency: 'USDT' })
  })

  it('emits a settled event per order with the delivered count (what the tray notification shows)', async () => {
    w = await world()
    const settled: { state: string; delivered: number }[] = []
    w.events.on((e) => {
      if (e.type === 'order.settled') settled.push({ state: e.order.state, delivered: e.order.deliveredCount })
    })
    await buy(w, '123', 12)
    expect(settled.sort((a, b) => a.delivered - b.delivered)).toEqual([
      { state: 'completed', delivered: 2 },
      { state: 'completed', delivered: 10 }
    ])
  })

  it('waits out a 429 on create and then places the order once', async () => {
    w = await world()
    w.sim.faults.inject({ action: 'create_order', kind: 'http429', times: 2 })
    const { orders } = await buy(w, '123', 5)
    expect(orders[0]!.state).toBe('completed')
    expect(simOrders(w)).toHaveLength(1)
  })

  it('after a lost reply (order committed, connection dropped) finds the order upstream instead of buying again', async () => {
    w = await world()
    await buy(w, '123', 1) // the account's order count after a create of ours is known from here on
    w.sim.faults.inject({ action: 'create_order', kind: 'drop_after_commit' })
    const { orders } = await buy(w, '123', 10)
    expect(orders[0]!.state).toBe('completed')
    expect(simOrders(w)).toHaveLength(2)
    expect(vaultCodes(w.session).sort()).toEqual(w.sim.issuedCodes(KEY).sort())
    expect(w.sim.faults.pendingCount()).toBe(0)
    const events = w.session.storage.orders.events(orders[0]!.id).map((e) => e.note ?? '')
    expect(events.some((n) => n.startsWith('recovered'))).toBe(true)
  })

  it('after a garbled reply to a committed order, recovers it the same way', async () => {
    w = await world()
    await buy(w, '123', 1)
    w.sim.faults.inject({ action: 'create_order', kind: 'malformed_json' })
    const { orders } = await buy(w, '123', 3)
    expect(orders[0]!.state).toBe('completed')
    expect(simOrders(w)).toHaveLength(2)
  })

  it('after a 500 that created nothing, verifies that and sends the order again (once)', async () => {
    w = await world()
    w.sim.faults.inject({ action: 'create_order', kind: 'http500' })
    const { orders } = await buy(w, '123', 4)
    expect(orders[0]!.state).toBe('completed')
    expect(simOrders(w)).toHaveLength(1)
    expect(orders[0]!.attempts).toBe(2)
  })

  it('after a timeout that created nothing, verifies that and sends the order again (once)', async () => {
    w = await world()
    w.sim.faults.inject({ action: 'create_order', kind: 'hang' })
    const { orders } = await buy(w, '123', 4)
    expect(orders[0]!.state).toBe('completed')
    expect(simOrders(w)).toHaveLength(1)
  })

  it('keeps polling through 503s and HTML error pages', async () => {
    w = await world()
    w.sim.faults.inject({ action: 'order_status', kind: 'http503', times: 2 })
    w.sim.faults.inject({ action: 'order_status', kind: 'html_error', times: 1 })
    const { orders } = await buy(w, '123', 2)
    expect(orders[0]!.state).toBe('completed')
    expect(vaultCodes(w.session)).toHaveLength(2)
  })

  it('records a supplier-side failure as failed with the refund, and the money comes back', async () => {
    w = await world({ failureRate: 1 })
    const { orders } = await buy(w, '456', 2)
    expect(orders[0]!.state).toBe('failed')
    expect(orders[0]!.refunded).toBe('21')
    expect(orders[0]!.errorMessage).toMatch(/refund/i)
    expect(w.sim.balance(KEY)).toBe('500.00')
  })

  it('fails an order the supplier refuses for lack of balance, in plain words, without retrying', async () => {
    w = await world()
    // The plan saw 500; someone else spends it between our plan and our order reaching the supplier.
    const rt = w.session.accounts.runtime(w.accountId)
    const createOrder = rt.adapter.createOrder.bind(rt.adapter)
    const sim = w.sim
    let drained = false
    Object.assign(rt.adapter, {
      createOrder: async (req: Parameters<typeof createOrder>[0]) => {
        if (!drained) {
          drained = true
          sim.setStock(123, 100_000)
          for (let i = 0; i < 46; i++) {
            await fetch(`${sim.baseUrl}/reseller_api.php?action=create_order`, {
              method: 'POST',
              headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' },
              body: JSON.stringify({ product_id: 123, quantity: 10 })
            })
          }
        }
        return createOrder(req)
      }
    })
    const { orders } = await buy(w, '456', 20)
    expect(orders.map((o) => o.state)).toEqual(['failed', 'failed'])
    expect(orders[0]!.errorCode).toBe('INSUFFICIENT_BALANCE')
    expect(orders[0]!.errorMessage).toMatch(/Not enough balance at DigetalHube/)
    expect(orders.map((o) => o.attempts)).toEqual([1, 1])
    expect(w.sim.orders(KEY).filter((o) => o.productId === 456)).toHaveLength(0)
  })

  it('refuses to plan what the balance cannot pay, and sends nothing', async () => {
    w = await world()
    const plan = await w.session.orders.plan({ lines: [{ accountId: w.accountId, productId: '456', variantId: null, quantity: 48, fields: {} }] })
    expect(plan.canPlace).toBe(false)
    await expect(w.session.orders.place({ lines: [{ accountId: w.accountId, productId: '456', variantId: null, quantity: 48, fields: {} }] })).rejects.toThrow(/needs 504 USDT but has 500/)
    expect(simOrders(w)).toHaveLength(0)
  })

  it('counts money already promised to unsent orders when planning the next basket', async () => {
    w = await world()
    // The first basket stays open whatever the machine's speed: the supplier holds the reply to its first create
    // (so that order is being sent and the rest wait unsent) until the plan below has been made.
    w.sim.faults.hold('create_order', 'after_commit')
    await w.session.orders.place({ lines: [{ accountId: w.accountId, productId: '456', variantId: null, quantity: 25, fields: {} }] })
    await w.sim.faults.whenHeld('create_order')
    const plan = await w.session.orders.plan({ lines: [{ accountId: w.accountId, productId: '123', variantId: null, quantity: 230, fields: {} }] })
    w.sim.faults.release('create_order')
    // 500 − 262.50 already spent or reserved = 237.50 < 241.50
    expect(plan.canPlace).toBe(false)
  })

  it('polls several open orders with one my_orders call instead of one call each', async () => {
    w = await world()
    const session = w.session
    const accountId = w.accountId
    const rt = session.accounts.runtime(accountId)
    const calls = { getOrderWhileSeveralOpen: 0, listOrders: 0 }
    const getOrder = rt.adapter.getOrder.bind(rt.adapter)
    const listOrders = rt.adapter.listOrders!.bind(rt.adapter)
    const openAtUpstream = () => session.storage.orders.active(accountId).filter((o) => o.state === 'submitted' || o.state === 'processing').length
    Object.assign(rt.adapter, {
      getOrder: (id: string) => {
        if (openAtUpstream() >= 2) calls.getOrderWhileSeveralOpen++
        return getOrder(id)
      },
      listOrders: (o: { since: Date }) => (calls.listOrders++, listOrders(o))
    })
    await buy(w, '123', 50)
    expect(calls.listOrders).toBeGreaterThan(0)
    expect(calls.getOrderWhileSeveralOpen).toBe(0)
  })

  it('after a lost reply with look-alikes placed just before by someone else: only our order is a candidate, and a person confirms it', async () => {
    w = await world()
    // Someone else with the same key bought the same thing a moment before: those orders were in the count we read
    // before sending, so they are not candidates (the old ±5 minutes match found three). Nothing earlier shows that
    // nobody else was buying while ours was on its way, so the one new order is not adopted on its own.
    w.sim.placeOrder(KEY, 123, 5)
    w.sim.placeOrder(KEY, 123, 5)
    w.sim.faults.inject({ action: 'create_order', kind: 'drop_after_commit' })
    const { orders } = await buy(w, '123', 5)
    expect(orders[0]!.state).toBe('needs_review')
    const ours = simOrders(w).at(-1)!
    expect(w.session.orders.get(orders[0]!.id).order.reviewCandidates?.map((c) => c.upstreamId)).toEqual([ours.orderId])
    await w.session.orders.resolve(orders[0]!.id, { kind: 'placed', upstreamId: ours.orderId })
    const [done] = await w.session.engine.whenSettled([orders[0]!.id], 30_000)
    expect(done!.upstreamId).toBe(ours.orderId)
    expect(vaultCodes(w.session).sort()).toEqual([...simOrders(w).at(-1)!.codes].sort())
  })

  it('lets a person close a review as not placed, recorded as their word; an order the supplier has stays a charge', async () => {
    w = await world()
    const { orders } = await buy(w, '123', 1)
    const id = orders[0]!.id
    // Force a review case directly in the journal: a delivered order the supplier has, and one it never had.
    w.session.storage.orders.transition(id, ['completed'], 'needs_review', { reviewReason: 'test' }, new Date().toISOString())
    await expect(w.session.orders.resolve(id, { kind: 'not_placed' })).rejects.toThrow(/stays a charge/)
    expect(w.session.storage.orders.mustGet(id).state).toBe('needs_review')

    const [never] = (await w.session.orders.place({ lines: [{ accountId: w.accountId, productId: '123', variantId: null, quantity: 1, fields: {} }] })).orderIds
    await w.session.engine.whenSettled([never!])
    w.session.storage.orders.transition(never!, ['completed'], 'needs_review', { reviewReason: 'test', upstreamId: null, charged: null }, new Date().toISOString())
    const v = await w.session.orders.resolve(never!, { kind: 'not_placed' })
    expect(v.state).toBe('cancelled')
    expect(v.error?.message).toMatch(/as stated by tester/)
    expect(v.error?.message).not.toMatch(/nothing was charged/i)
    await expect(w.session.orders.resolve(never!, { kind: 'not_placed' })).rejects.toThrow(/Only an order that needs review/)
  })

  it('tells a shop assistant clearly when the API key is wrong', async () => {
    w = await world()
    const bad = w.session.accounts.add({ name: 'Wrong key', baseUrl: w.sim.baseUrl, credentials: { kind: 'digetalhube', apiKey: 'nope' } })
    const r = await w.session.handlers['accounts.test']({ accountId: bad.id })
    expect(r.ok).toBe(false)
    expect(r.message).toMatch(/rejected the API key/)
  })

  it('resumes unfinished orders after a restart of the app', async () => {
    w = await world({ speed: 50 })
    const placed = await w.session.orders.place({ lines: [{ accountId: w.accountId, productId: '123', variantId: null, quantity: 20, fields: {} }] })
    await w.events.waitFor((e) => e.type === 'orders.changed' && e.orders.some((o) => o.state === 'submitted' || o.state === 'processing'))
    await w.session.close()
    const again = await openSession(w.dataDir)
    w.session = again
    again.start()
    const orders = await again.engine.whenSettled(placed.orderIds, 30_000)
    expect(orders.every((o) => o.state === 'completed')).toBe(true)
    expect(vaultCodes(again).sort()).toEqual(w.sim.issuedCodes(KEY).sort())
  })

  it('refuses a wrong passphrase with a clear error and leaves the data intact', async () => {
    w = await world()
    await buy(w, '123', 2)
    await w.session.close()
    await expect(openSession(w.dataDir, undefined, 'not the passphrase')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' })
    w.session = await openSession(w.dataDir)
    expect(vaultCodes(w.session)).toHaveLength(2)
  })
})

describe('who did what', () => {
  it('names the staff member at the desk in every reveal, copy and export', async () => {
    w = await world()
    await buy(w, '123', 2)
    const [a, b] = w.session.storage.codes.list({})
    w.session.setActor('Amina')
    w.session.codes.reveal(a!.id)
    let copied = ''
    await w.session.codes.copy(b!.id, async (t) => void (copied = t), 30)
    expect(copied).toBe(w.session.vault.open(b!.sealed, `code:${b!.id}`))
    w.session.setActor('Karim')
    const r = await w.session.handlers['codes.export']({ filter: {}, markExported: true, bom: false })
    expect(r.status).toBe('written')
    const log = w.session.storage.audit.recent(10).map((e) => `${e.actor}:${e.action}`)
    expect(log).toEqual(expect.arrayContaining(['Amina:code.reveal', 'Amina:code.copy', 'Karim:codes.export']))
    expect(w.session.storage.settings.profiles().map((p) => p.name).sort()).toEqual(['Amina', 'Karim'])
  })
})

describe('choosing CSV columns', () => {
  it('writes only the chosen columns, in the standard order, always with the code', async () => {
    w = await world()
    await buy(w, '123', 3)
    const r = await w.session.handlers['codes.export']({ filter: {}, columns: ['delivered_at', 'product'], markExported: false, bom: false })
    expect(r.status).toBe('written')
    const lines = readFileSync((r as { path: string }).path, 'utf8').trim().split('\r\n')
    expect(lines[0]).toBe('product,code,delivered_at')
    expect(lines.slice(1).map((l) => l.split(',')[1]).sort()).toEqual(vaultCodes(w.session).sort())
  })
})
