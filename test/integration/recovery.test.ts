// Recovery that cannot be fooled (issue 9): a lost create at DigetalHube (no client reference) is judged by the
// account's own order count and total spent, read before and after, never by "something similar in a time window".
// Against the simulator with a second client on the same key, a server in UTC+3 with its clock 12 minutes ahead,
// garbled and lying replies. What is checked is what a shop would notice: codes in two vaults, a second purchase,
// money spent without codes or a review order.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/core/app/session'
import { UpstreamError } from '../../src/core/errors'
import type { AppEvent } from '../../src/shared/contract'
import { startAiDigitalToolsSim } from '../../src/sim/index'
import { buy, KEY, openSession, sessionWith, vaultCodes, world, type World } from './helpers'

let w: World | null = null
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
  await w?.close()
  w = null
})

/** Another desk: its own data folder and vault, the same DigetalHube key. */
async function secondDesk(x: World): Promise<{ session: Session; accountId: string; buy(productId: string, quantity: number): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'rd-int-b-'))
  const session = await openSession(dir)
  const account = session.accounts.add({
    name: 'DH (desk A)',
    baseUrl: x.sim.baseUrl,
    credentials: { kind: 'digetalhube', apiKey: KEY },
    settings: { pollIntervalSeconds: 0.02, firstPollDelaySeconds: 0.02, rateLimitPerMinute: 100_000 }
  })
  session.start()
  await session.catalog.sync(account.id)
  cleanups.push(async () => {
    await session.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return {
    session,
    accountId: account.id,
    async buy(productId, quantity) {
      const placed = await session.orders.place({ lines: [{ accountId: account.id, productId, variantId: null, quantity, fields: {} }] })
      const settled = await session.engine.whenSettled(placed.orderIds, 30_000)
      expect(settled.every((o) => o.state === 'completed')).toBe(true)
    }
  }
}

/** Runs `before` just before this session's next create request leaves (once). */
function beforeNextCreate(session: Session, accountId: string, before: () => Promise<void>): void {
  const adapter = session.accounts.runtime(accountId).adapter
  const createOrder = adapter.createOrder.bind(adapter)
  let done = false
  Object.assign(adapter, {
    createOrder: async (req: Parameters<typeof createOrder>[0]) => {
      if (!done) {
        done = true
        await before()
      }
      return createOrder(req)
    }
  })
}

function notices(x: World): string[] {
  const seen: string[] = []
  x.events.on((e: AppEvent) => {
    if (e.type === 'notice') seen.push(e.message)
  })
  return seen
}

const intersection = (a: string[], b: string[]) => a.filter((c) => b.includes(c))

describe('two data folders on one DigetalHube account', () => {
  it("B's create never arrives while A buys the same thing: B's order goes to review with A's order as a candidate, never adopted", async () => {
    w = await world()
    const said = notices(w)
    const a = await secondDesk(w)
    await buy(w, '123', 5) // B's first order: B now knows the account's order count
    await a.buy('123', 5) // A buys: B sees the count moved by an order it did not place
    beforeNextCreate(w.session, w.accountId, async () => {
      await a.buy('123', 5) // A's identical order lands while B's request is on its way…
      w!.sim.faults.inject({ action: 'create_order', kind: 'hang' }) // …and B's never reaches DigetalHube
    })
    const { orders } = await buy(w, '123', 5)

    const b = orders[0]!
    expect(b.state).toBe('needs_review')
    const view = w.session.orders.get(b.id).order
    const aOrders = w.sim.orders(KEY).slice(1)
    expect(view.reviewCandidates?.map((c) => c.upstreamId)).toEqual([aOrders.at(-1)!.orderId])
    expect(view.reviewCandidates?.[0]).toMatchObject({ quantity: 5, amount: '5.25' })
    expect(view.reviewReason).toMatch(/Another program or person also places orders/)
    expect(view.error).toBeNull() // no stale "Checking whether the order was placed…"
    expect(said.some((m) => /not placed by ResellerDesk on this computer/.test(m))).toBe(true)
    expect(w.session.engine.evidence.isShared(w.accountId, new Date())).toBe(true)
    expect(w.session.accounts.toView(w.session.accounts.get(w.accountId)).sharedKey?.foreignOrders).toBe(1)

    // No code in two vaults, and B bought exactly once (its lost order never existed at DigetalHube).
    expect(intersection(vaultCodes(w.session), vaultCodes(a.session))).toEqual([])
    expect(w.sim.orders(KEY)).toHaveLength(3)
    expect([...vaultCodes(w.session), ...vaultCodes(a.session)].sort()).toEqual(w.sim.issuedCodes(KEY).sort())

    // A's earlier identical order is not a candidate (it predates B's reading): refused unless the person overrides.
    await expect(w.session.orders.resolve(b.id, { kind: 'placed', upstreamId: aOrders[0]!.orderId })).rejects.toThrow(/not one of the candidates/)
    expect(w.session.storage.orders.mustGet(b.id).state).toBe('needs_review')

    // The person checks and says: not placed. Recorded as their word; the supplier's figures are read again and the
    // rejected candidate is recorded as another client's order, so its charge is not left unexplained.
    const closed = await w.session.orders.resolve(b.id, { kind: 'not_placed' })
    expect(closed.state).toBe('cancelled')
    expect(closed.error?.message).toMatch(/as stated by tester/)
    expect(closed.error?.message).not.toMatch(/were not available/)
    expect(closed.error?.message).toContain(`${aOrders.at(-1)!.orderId} is recorded as another client's`)
    expect(w.session.accounts.toView(w.session.accounts.get(w.accountId)).sharedKey?.foreignOrders).toBe(2)
  })

  it("both creates land and B's reply is lost: two candidates, review; resolving with the right one delivers B's own codes", async () => {
    w = await world()
    const a = await secondDesk(w)
    beforeNextCreate(w.session, w.accountId, async () => {
      await a.buy('123', 5)
      w!.sim.faults.inject({ action: 'create_order', kind: 'drop_after_commit' })
    })
    const { orders } = await buy(w, '123', 5)
    const b = orders[0]!
    expect(b.state).toBe('needs_review')
    const [aOrder, bOrder] = w.sim.orders(KEY)
    expect(w.session.orders.get(b.id).order.reviewCandidates?.map((c) => c.upstreamId).sort()).toEqual([aOrder!.orderId, bOrder!.orderId].sort())
    expect(vaultCodes(w.session)).toEqual([])
    // Two new orders where we sent one: at least one is someone else's, and the account now says so.
    expect(w.session.accounts.toView(w.session.accounts.get(w.accountId)).sharedKey?.foreignOrders).toBe(1)

    // A wrong id is refused with a clear message, and nothing changes.
    await expect(w.session.orders.resolve(b.id, { kind: 'placed', upstreamId: 'API-000000000000-1' })).rejects.toThrow(/has no order “API-000000000000-1”/)
    const other = w.sim.placeOrder(KEY, 124, 5)
    await expect(w.session.orders.resolve(b.id, { kind: 'placed', upstreamId: other.orderId })).rejects.toThrow(/is for product 124, not 123/)
    expect(w.session.storage.orders.mustGet(b.id).state).toBe('needs_review')

    await w.session.orders.resolve(b.id, { kind: 'placed', upstreamId: bOrder!.orderId })
    const [done] = await w.session.engine.whenSettled([b.id], 30_000)
    expect(done!.state).toBe('completed')
    expect(vaultCodes(w.session).sort()).toEqual(w.sim.orders(KEY).find((o) => o.orderId === bOrder!.orderId)!.codes.sort())
    expect(intersection(vaultCodes(w.session), vaultCodes(a.session))).toEqual([])
  })
})

describe('another client on the key, not yet seen (review finding 1)', () => {
  it("the first-time race: another client's identical order lands while ours hangs; ours is not adopted and not re-sent", async () => {
    w = await world()
    beforeNextCreate(w.session, w.accountId, async () => {
      w!.sim.placeOrder(KEY, 123, 5) // someone else, same product and quantity, while ours is on its way…
      w!.sim.faults.inject({ action: 'create_order', kind: 'hang' }) // …and ours never reaches DigetalHube
    })
    const { orders } = await buy(w, '123', 5)
    const o = orders[0]!
    expect(o.state).toBe('needs_review')
    expect(o.upstreamId).toBeNull()
    expect(vaultCodes(w.session)).toEqual([])
    const theirs = w.sim.orders(KEY)
    expect(theirs).toHaveLength(1)
    expect(w.session.orders.get(o.id).order.reviewCandidates?.map((c) => c.upstreamId)).toEqual([theirs[0]!.orderId])
  })

  it('a look-alike bought after our create could have arrived (a request that never left, the app closed meanwhile) is not adopted', async () => {
    w = await world()
    await buy(w, '123', 1)
    // Our create never reaches DigetalHube; the identical order that appears is bought long after it was sent.
    beforeNextCreate(w.session, w.accountId, async () => w!.sim.faults.inject({ action: 'create_order', kind: 'hang' }))
    const placed = await w.session.orders.place({ lines: [{ accountId: w.accountId, productId: '123', variantId: null, quantity: 5, fields: {} }] })
    const id = placed.orderIds[0]!
    await w.events.waitFor((e) => e.type === 'orders.changed' && e.orders.some((x) => x.id === id && x.state === 'submitting' && /Checking/.test(x.error?.message ?? '')))
    // Pretend our send was an hour ago (as if the app had been closed since).
    const hourAgo = new Date(Date.now() - 3600_000).toISOString()
    w.session.storage.orders.touch(id, { submitStartedAt: hourAgo }, hourAgo)
    w.sim.placeOrder(KEY, 123, 5)
    const [o] = await w.session.engine.whenSettled([id], 30_000)
    expect(o!.state).toBe('needs_review')
    expect(o!.upstreamId).toBeNull()
    expect(w.sim.orders(KEY)).toHaveLength(2)
  })
})

describe('figures that never settle (review finding 2)', () => {
  it("a my_orders total that is only the page's row count does not hold the order in `submitting`: judged by the balance's count", async () => {
    w = await world({ myOrdersTotal: 'page' })
    for (let i = 0; i < 101; i++) w.sim.placeOrder(KEY, 201, 1) // more orders than one page holds
    await buy(w, '123', 1)
    w.sim.faults.inject({ action: 'create_order', kind: 'drop_after_commit' })
    const { orders } = await buy(w, '123', 3)
    expect(orders[0]!.state).toBe('completed')
    expect(w.sim.orders(KEY)).toHaveLength(103)
  })

  it('a list that never catches up with the count ends in review within the deadline, with few reads, and nothing bought twice', async () => {
    w = await world()
    await buy(w, '123', 1)
    const before = w.sim.hits('balance')
    beforeNextCreate(w.session, w.accountId, async () => {
      w!.sim.faults.inject({ action: 'create_order', kind: 'drop_after_commit' })
      w!.sim.setListBehind(1) // the new order is counted but never listed
    })
    const { orders } = await buy(w, '123', 3)
    expect(orders[0]!.state).toBe('needs_review')
    expect(w.sim.orders(KEY)).toHaveLength(2)
    // One reading before the create, then a handful while waiting (backing off), not one every pass for ever.
    expect(w.sim.hits('balance') - before).toBeLessThan(12)
  })
})

describe('a supplier in UTC+3 whose clock runs 12 minutes ahead', () => {
  it('with every create reply lost: no second purchase, every code in the vault, and the offsets measured', async () => {
    w = await world({ listUtcOffsetMinutes: 180, clockOffsetMs: 12 * 60_000 })
    await buy(w, '123', 1) // one answered create: the account's count after it, and one of our orders in the list
    w.sim.faults.setRandom('create_order', 'drop_after_commit', 1)
    const { orders } = await buy(w, '123', 25)
    expect(orders.map((o) => o.state)).toEqual(['completed', 'completed', 'completed'])
    expect(w.sim.orders(KEY)).toHaveLength(4)
    expect(vaultCodes(w.session).sort()).toEqual(w.sim.issuedCodes(KEY).sort())
    expect(vaultCodes(w.session)).toHaveLength(26)
    expect(w.sim.balance(KEY)).toBe('472.70')
    for (const o of orders) expect(w.session.storage.orders.events(o.id).some((e) => (e.note ?? '').startsWith('recovered'))).toBe(true)

    // What was learned about the account, from the supplier's own replies.
    const ev = w.session.engine.evidence
    expect(ev.get(w.accountId).listOffsetMs).toBe(180 * 60_000)
    expect(Math.abs(ev.serverOffsetMs(w.accountId)! - 12 * 60_000)).toBeLessThan(2_000)
    expect(ev.isShared(w.accountId, new Date())).toBe(false)
  })

  it('with every create lost before it lands: sent again only on the proof of the unchanged totals, then given up without a charge', async () => {
    w = await world({ listUtcOffsetMinutes: 180, clockOffsetMs: -12 * 60_000 })
    w.sim.faults.setRandom('create_order', 'hang', 1)
    const { orders } = await buy(w, '123', 3)
    expect(orders[0]!.state).toBe('failed')
    expect(w.sim.orders(KEY)).toHaveLength(0)
    expect(w.sim.balance(KEY)).toBe('500.00')
    const notes = w.session.storage.orders.events(orders[0]!.id).map((e) => e.note ?? '')
    expect(notes.filter((n) => n.startsWith('verified not placed (order count 0 → 0)'))).toHaveLength(5)
    expect(orders[0]!.errorMessage).toMatch(/^Gave up after 5 tries\. The supplier's order count \(0\) and total spent \(0(\.00)?\) show this try was not placed/)
  })
})

describe('replies that break or lie', () => {
  it('a garbled order list and a 5xx balance while recovering are read again, not sent to review', async () => {
    w = await world()
    await buy(w, '123', 1)
    w.sim.faults.inject({ action: 'create_order', kind: 'drop_after_commit' })
    w.sim.faults.inject({ action: 'my_orders', kind: 'malformed_json', times: 2 })
    beforeNextCreate(w.session, w.accountId, async () => w!.sim.faults.inject({ action: 'balance', kind: 'http500', times: 3 }))
    const { orders } = await buy(w, '123', 4)
    expect(orders[0]!.state).toBe('completed')
    expect(w.sim.orders(KEY)).toHaveLength(2)
    expect(w.sim.faults.pendingCount()).toBe(0)
    expect(vaultCodes(w.session).sort()).toEqual(w.sim.issuedCodes(KEY).sort())
  })

  it('a false "error, refunded" status is checked by a second read: no code lost', async () => {
    w = await world()
    w.sim.lieOnce({ action: 'order_status', kind: 'error' })
    const { orders } = await buy(w, '123', 5)
    expect(orders[0]!.state).toBe('completed')
    expect(orders[0]!.refunded).toBeNull()
    expect(vaultCodes(w.session).sort()).toEqual(w.sim.issuedCodes(KEY).sort())
    expect(vaultCodes(w.session)).toHaveLength(5)
  })

  it('a list that lies about one of several open orders is checked the same way', async () => {
    w = await world()
    w.sim.lieOnce({ action: 'my_orders', kind: 'error' })
    const { orders } = await buy(w, '123', 20)
    expect(orders.map((o) => o.state)).toEqual(['completed', 'completed'])
    expect(vaultCodes(w.session)).toHaveLength(20)
  })

  it('an order the supplier once says it does not have is read again, not sent to review', async () => {
    w = await world()
    w.sim.lieOnce({ action: 'order_status', kind: 'not_found' })
    const { orders } = await buy(w, '123', 3)
    expect(orders[0]!.state).toBe('completed')
    expect(vaultCodes(w.session)).toHaveLength(3)
  })

  it('a completed status with a code missing is read again before the order is called partial', async () => {
    w = await world()
    w.sim.lieOnce({ action: 'order_status', kind: 'fewer_codes' })
    const { orders } = await buy(w, '123', 6)
    expect(orders[0]!.state).toBe('completed')
    expect(vaultCodes(w.session).sort()).toEqual(w.sim.issuedCodes(KEY).sort())
    expect(vaultCodes(w.session)).toHaveLength(6)
  })

  it('429s on create wait for the limiter and never use up the order’s tries', async () => {
    w = await world()
    w.sim.faults.inject({ action: 'create_order', kind: 'http429', times: 6 })
    const { orders } = await buy(w, '123', 2)
    expect(orders[0]!.state).toBe('completed')
    expect(orders[0]!.attempts).toBe(1)
    expect(w.sim.orders(KEY)).toHaveLength(1)
  })
})

describe('a delivery that does not split by the supplier’s rule (AI Digital Tools)', () => {
  it('is kept whole as one item and the order waits for a person, instead of storing guessed codes', async () => {
    const ADT_KEY = 'adt_split_key'
    // Each item is a login on one line and a password on the next, with no blank line between items.
    const sim = await startAiDigitalToolsSim({
      speed: 2000,
      rateLimits: false,
      seed: 5,
      accounts: [{ apiKey: ADT_KEY, balance: '100.00' }],
      products: [{ id: 'acc-1', name: 'Streaming account', description: 'Login and password', price: '5.00', stock: 50, categoryId: 'c1', autoDeliver: true, codeFormat: 'user-####\npass-####' }]
    })
    const desk = await sessionWith({ name: 'ADT', baseUrl: sim.baseUrl, credentials: { kind: 'aidigitaltools', apiKey: ADT_KEY } })
    cleanups.push(async () => {
      await desk.close()
      await sim.close()
    })
    await desk.session.catalog.sync(desk.accountId)
    const [order] = await desk.buy('acc-1', 3)
    expect(order!.state).toBe('needs_review')
    expect(order!.reviewReason).toMatch(/could not be split into 3 codes/)
    // Nothing lost: the whole delivery is in the vault, as one item.
    const stored = vaultCodes(desk.session)
    expect(stored).toHaveLength(1)
    for (const item of sim.issuedCodes(ADT_KEY)) expect(stored[0]).toContain(item)

    // Held for review (finding 4): the blob is never exported, copied or sold as one code while the order waits.
    const codes = desk.session.codes
    const [blob] = codes.list({}, 10)
    expect(blob).toMatchObject({ held: true, state: 'in_stock' })
    const dir = mkdtempSync(join(tmpdir(), 'rd-held-'))
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
    expect(codes.exportCsv(join(dir, 'all.csv'), {}, { markExported: true, bom: false })).toBe(0)
    expect(readFileSync(join(dir, 'all.csv'), 'utf8')).not.toContain('user-')
    expect(codes.exportCsv(join(dir, 'picked.csv'), { codeIds: [blob!.id] }, { markExported: true, bom: false })).toBe(0)
    expect(codes.mark({ to: 'sold', filter: { orderId: order!.id } })).toMatchObject({ changed: 0 })
    await expect(codes.copy(blob!.id, async () => undefined, 30)).rejects.toThrow(/held for review/)
    expect(codes.list({}, 10)[0]).toMatchObject({ state: 'in_stock', held: true })
    // A person voids it once checked (void stays possible); the order's other decisions are the usual ones.
    expect(codes.mark({ to: 'void', codeIds: [blob!.id], reason: 'checked with the supplier: sent as one text' })).toMatchObject({ changed: 1 })
  })
})

/** Counts the engine's steps, and what `during` sees happen inside each (the worker calls `this.step` every time). */
function countSteps(session: Session): { steps: number } {
  const engine = session.engine as unknown as { step(accountId: string): Promise<number | null> }
  const step = engine.step.bind(engine)
  const seen = { steps: 0 }
  engine.step = async (accountId) => {
    seen.steps++
    return step(accountId)
  }
  return seen
}

describe('an account worker that does not spin (review findings 8 and 9)', () => {
  it('a planned order waiting behind an unanswered create does not wake the worker over and over', async () => {
    w = await world()
    await buy(w, '123', 1)
    const seen = countSteps(w.session)
    w.sim.faults.inject({ action: 'create_order', kind: 'drop_after_commit' })
    w.sim.faults.inject({ action: 'my_orders', kind: 'malformed_json', times: 4 }) // the first order stays unanswered a while
    const { orders } = await buy(w, '123', 20)
    expect(orders.map((o) => o.state)).toEqual(['completed', 'completed'])
    expect(w.sim.orders(KEY)).toHaveLength(3)
    // A handful of steps per order (reconcile with backoff, submit, polls), not one per millisecond while waiting.
    expect(seen.steps).toBeLessThan(60)
  })

  it('a failed totals reading before a create stops the account’s submits for the step and backs off', async () => {
    w = await world()
    const adapter = w.session.accounts.runtime(w.accountId).adapter
    const totals = adapter.accountTotals!.bind(adapter)
    const seen = countSteps(w.session)
    const failuresPerStep = new Map<number, number>()
    let outage = 4 // the supplier answers 5xx to the next four totals readings
    Object.assign(adapter, {
      accountTotals: async () => {
        if (outage > 0) {
          outage--
          failuresPerStep.set(seen.steps, (failuresPerStep.get(seen.steps) ?? 0) + 1)
          throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'DigetalHube answered 503', { retryable: true, httpStatus: 503 })
        }
        return totals()
      }
    })
    const { orders } = await buy(w, '123', 30) // three orders, all planned and due at once
    expect(orders.map((o) => o.state)).toEqual(['completed', 'completed', 'completed'])
    expect([...failuresPerStep.values()].reduce((a, b) => a + b, 0)).toBe(4)
    expect(Math.max(...failuresPerStep.values())).toBe(1) // one failed reading per step, never one per planned order
  })
})
