// The Hyper Teknoloji adapter over the real HTTP client against the simulator: the whole flow, the token's life
// (expiry in the middle of a bulk run, 401 → one renewal → retry), and recovery after a lost create reply.
import { afterEach, describe, expect, it } from 'vitest'
import { UpstreamError } from '../../src/core/errors'
import { createHttpClient } from '../../src/core/providers/http'
import { createHyperAdapter } from '../../src/core/providers/hyper'
import type { CreateOrderRequest, ProviderAdapter, UpstreamOrder } from '../../src/core/providers/types'
import { startHyperSim, type HyperSim, type HyperSimOptions } from '../../src/sim/hyper'

const EMAIL = 'bayi@ornek.com.tr'
const PASSWORD = 'S3cret-Parola!'
const T0 = Date.parse('2026-03-25T12:00:00.250Z')

const started: HyperSim[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()))
})

interface Setup {
  sim: HyperSim
  adapter: ProviderAdapter
}

/** Sim + real HTTP client + adapter. `now` (ms) drives both clocks unless `adapterSkewMs` shifts the adapter's. */
async function setup(simOpts: HyperSimOptions = {}, opts: { now?: () => number; adapterSkewMs?: number; password?: string; timeoutMs?: number } = {}): Promise<Setup> {
  const sim = await startHyperSim({
    speed: 1000,
    deliveryMs: [60, 180],
    seed: 11,
    rateLimits: false,
    accounts: [{ email: EMAIL, password: PASSWORD, balance: '1000.00', creditLimit: '0.00' }],
    ...(opts.now ? { now: opts.now } : {}),
    ...simOpts
  })
  started.push(sim)
  const now = opts.now ?? Date.now
  const http = createHttpClient({ baseUrl: sim.baseUrl, label: 'Hyper Teknoloji', timeoutMs: opts.timeoutMs ?? 2_000, sleep: () => Promise.resolve() })
  const adapter = createHyperAdapter({
    baseUrl: sim.baseUrl,
    credentials: { kind: 'hyper', email: EMAIL, password: opts.password ?? PASSWORD },
    http,
    now: () => new Date(now() + (opts.adapterSkewMs ?? 0)),
    currency: 'TRY'
  })
  return { sim, adapter }
}

let refSeq = 0
const ref = () => `rd${(0xabc000 + ++refSeq).toString(16).padStart(24, '0')}`

function order(productId: string, quantity: number, fields: Record<string, string> = {}): CreateOrderRequest {
  return { productId, variantId: null, quantity, clientRef: ref(), fields }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

async function untilFinal(adapter: ProviderAdapter, id: string): Promise<UpstreamOrder> {
  for (let i = 0; i < 200; i++) {
    const o = await adapter.getOrder(id)
    if (o.status !== 'processing' && o.status !== 'pending') return o
    await sleep(5)
  }
  throw new Error(`order ${id} never finished`)
}

async function failure(p: Promise<unknown>): Promise<UpstreamError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(UpstreamError)
    return e as UpstreamError
  }
  throw new Error('expected an UpstreamError')
}

describe('Hyper adapter against the simulator: the whole flow', () => {
  it('a negative balance with no credit limit is read and flagged, not refused', async () => {
    const { adapter } = await setup({ accounts: [{ email: EMAIL, password: PASSWORD, balance: '-12.50' }] })
    const b = await adapter.getBalance()
    expect(b.available).toEqual({ amount: '-12.5', currency: 'TRY' })
    expect(b.details.flag).toMatch(/below the credit limit/)
  })

  it('logs in once, reads balance and catalog, buys, polls to delivered codes, to the cent', async () => {
    const { sim, adapter } = await setup()
    expect(await adapter.getBalance()).toEqual({ available: { amount: '1000', currency: 'TRY' }, details: { balance: '1000', credit_limit: '0' } })

    const catalog = await adapter.listCatalog()
    expect(catalog.length).toBeGreaterThanOrEqual(20)
    const pubg = catalog.find((p) => p.productId === '1001')
    expect(pubg).toMatchObject({ title: 'PUBG Mobile 60 UC', variantId: '111', variantName: 'Turkey', category: 'Games / PUBG Mobile', price: { amount: '42.9', currency: 'TRY' }, stock: 5000, inStock: true, fields: [] })
    expect(catalog.find((p) => p.productId === '1401')?.fields.map((f) => [f.name, f.label, f.required])).toEqual([
      ['21', 'Mobile Legends player ID', true],
      ['22', 'Server (zone) ID', true]
    ])
    expect(catalog.find((p) => p.productId === '1012')?.inStock).toBe(false)
    expect(catalog.find((p) => p.productId === '2402')?.inStock).toBe(false)

    const req = order('1001', 3)
    const created = await adapter.createOrder(req)
    expect(created).toMatchObject({ clientRef: req.clientRef, status: 'processing', charged: { amount: '128.7', currency: 'TRY' } })
    const done = await untilFinal(adapter, created.upstreamId)
    expect(done).toMatchObject({ status: 'completed', clientRef: req.clientRef, productId: '1001', quantity: 3, fulfilledQuantity: 3, upstreamStatus: 'delivered' })
    expect(done.codes).toEqual(sim.issuedCodes(EMAIL))
    expect(done.codes).toHaveLength(3)
    expect((await adapter.getBalance()).available.amount).toBe('871.3')
    expect(sim.balance(EMAIL)).toBe('871.30')
    expect(sim.logins(EMAIL)).toBe(1)
  })

  it('a top-up with RequireData; a missing input is refused before anything is bought', async () => {
    const { sim, adapter } = await setup()
    const missing = await failure(adapter.createOrder(order('1401', 1, { '21': '12345678' })))
    expect(missing.code).toBe('VALIDATION')
    expect(missing.placement).toBe('not_placed')
    expect(missing.message).toBe('Hyper Teknoloji needs “Server (zone) ID” for this product. Nothing was bought. Fill it in and try again.')
    const bad = await failure(adapter.createOrder(order('1401', 1, { '21': '12ab', '22': '1234' })))
    expect(bad.message).toBe('Hyper Teknoloji did not accept “Mobile Legends player ID” for this product. Nothing was bought. Check it and try again.')
    expect(sim.orders(EMAIL)).toHaveLength(0)

    const ok = await adapter.createOrder(order('1401', 2, { '21': '12345678', '22': '1234' }))
    expect(sim.orders(EMAIL)[0]?.requireData).toEqual([
      { ProductRequireID: 21, Identifier: 'PlayerID', Value: '12345678' },
      { ProductRequireID: 22, Identifier: 'ZoneID', Value: '1234' }
    ])
    const done = await untilFinal(adapter, ok.upstreamId)
    expect(done.codes).toHaveLength(2)
    for (const c of done.codes) expect(c).toMatch(/^TOPUP-\d{12}$/)
    expect(sim.balance(EMAIL)).toBe('924.40')
  })

  it('refusals map with nothing placed: out of stock, off sale, unknown product, balance', async () => {
    const { sim, adapter } = await setup()
    const cases: [CreateOrderRequest, string][] = [
      [order('1012', 1), 'OUT_OF_STOCK'],
      [order('2402', 1), 'OUT_OF_STOCK'],
      [order('424242', 1), 'PRODUCT_NOT_FOUND'],
      [order('1004', 1), 'INSUFFICIENT_BALANCE']
    ]
    for (const [req, code] of cases) {
      const e = await failure(adapter.createOrder(req))
      expect(e.code).toBe(code)
      expect(e.placement).toBe('not_placed')
    }
    expect(sim.orders(EMAIL)).toHaveLength(0)
    expect(sim.balance(EMAIL)).toBe('1000.00')
  })

  it('cancel before delivery refunds exactly; after delivery it is refused; removed lines come back failed and refunded', async () => {
    const slow = await setup({ deliveryMs: [600_000, 600_000] })
    const placed = await slow.adapter.createOrder(order('1002', 2))
    expect(slow.sim.balance(EMAIL)).toBe('571.00')
    const cancelled = await slow.adapter.cancelOrder!(placed.upstreamId, 'customer changed their mind')
    expect(cancelled).toMatchObject({ status: 'cancelled', refunded: { amount: '429', currency: 'TRY' }, fulfilledQuantity: 0, upstreamStatus: 'cancelled' })
    expect(slow.sim.balance(EMAIL)).toBe('1000.00')
    expect((await slow.adapter.cancelOrder!(placed.upstreamId, null)).status).toBe('cancelled') // again: still fine

    const fast = await setup()
    const delivered = await fast.adapter.createOrder(order('1001', 1))
    await untilFinal(fast.adapter, delivered.upstreamId)
    const e = await failure(fast.adapter.cancelOrder!(delivered.upstreamId, null))
    expect(e.code).toBe('NOT_CANCELLABLE')
    expect(fast.sim.balance(EMAIL)).toBe('957.10')

    const failing = await setup({ failureRate: 1 })
    const lost = await failing.adapter.createOrder(order('1001', 2))
    const final = await untilFinal(failing.adapter, lost.upstreamId)
    expect(final).toMatchObject({ status: 'failed', refunded: { amount: '85.8', currency: 'TRY' }, codes: [], upstreamStatus: 'removed' })
    expect(failing.sim.balance(EMAIL)).toBe('1000.00')
  })

  it('listOrders returns every line since then with its status and codes; findByClientRef finds one', async () => {
    const { sim, adapter } = await setup()
    const since = new Date(Date.now() - 1000)
    const reqs = [order('1001', 1), order('1101', 2), order('2101', 1)]
    for (const r of reqs) await adapter.createOrder(r)
    await sleep(10)
    const list = await adapter.listOrders!({ since })
    expect(list.map((o) => o.clientRef)).toEqual(reqs.map((r) => r.clientRef).reverse())
    expect(list.every((o) => o.status === 'completed')).toBe(true)
    expect(list.flatMap((o) => o.codes).sort()).toEqual(sim.issuedCodes(EMAIL).sort())
    expect((await adapter.findByClientRef!(reqs[1]!.clientRef, { since }))?.quantity).toBe(2)
    expect(await adapter.findByClientRef!('rd000000000000000000000000', { since })).toBeNull()
  })

  it('bad credentials → AUTH_INVALID in plain words; nothing placed', async () => {
    const { sim, adapter } = await setup({}, { password: 'wrong' })
    const e = await failure(adapter.createOrder(order('1001', 1)))
    expect(e.code).toBe('AUTH_INVALID')
    expect(e.placement).toBe('not_placed')
    expect(e.message).not.toContain('wrong')
    expect(sim.orders(EMAIL)).toHaveLength(0)
  })
})

describe('Hyper adapter against the simulator: the token', () => {
  /**
   * A bulk run over 30 simulated minutes with a 10-minute token: every minute, three creates and a poll of every open
   * line, all at once. Each expiry costs exactly one login, shared by the calls that meet it.
   */
  async function bulkRun(adapterSkewMs: number) {
    const clock = { now: T0 }
    const { sim, adapter } = await setup(
      { speed: 1, tokenLifetimeMs: 600_000, deliveryMs: [90_000, 90_000], accounts: [{ email: EMAIL, password: PASSWORD, balance: '10000.00' }] },
      { now: () => clock.now, adapterSkewMs }
    )
    const open = new Set<string>()
    let calls = 0
    for (let minute = 0; minute <= 30; minute++) {
      clock.now = T0 + minute * 60_000
      const creates = [order('1001', 1), order('1101', 1), order('2101', 1)].map((r) => adapter.createOrder(r))
      const polls = [...open].map((id) => adapter.getOrder(id))
      const results = await Promise.all([...creates, ...polls])
      calls += results.length
      for (const o of results) {
        if (o.status === 'processing') open.add(o.upstreamId)
        else open.delete(o.upstreamId)
      }
    }
    return { sim, calls, open }
  }

  it('renewed shortly before expiry, mid-run: every call succeeds, one login per expiry, no 401', async () => {
    const { sim, calls } = await bulkRun(0)
    // Logins at 12:00, then 12:10, 12:20, 12:30 (each token expires at :10:01 / :20:01 / :30:01, renewed a minute before).
    expect(sim.logins(EMAIL)).toBe(4)
    expect(sim.authFailures(EMAIL)).toBe(0)
    expect(sim.orders(EMAIL)).toHaveLength(93)
    expect(calls).toBeGreaterThan(93)
    expect(sim.orders(EMAIL).filter((o) => o.status === 1)).toHaveLength(93 - 6)
    expect(sim.balance(EMAIL)).toBe('4694.35') // 10000.00 − 31 × (42.90 + 23.75 + 104.50)
  })

  it('with our clock two minutes behind, expiry shows up as 401s mid-run: every call still succeeds, one login per expiry', async () => {
    const { sim } = await bulkRun(-120_000)
    // Tokens expire (by the platform's clock) at 12:10:01 and 12:21:01 within the run; each costs one login, shared
    // by the many calls refused at once.
    expect(sim.logins(EMAIL)).toBe(3)
    expect(sim.authFailures(EMAIL)).toBeGreaterThanOrEqual(2)
    expect(sim.orders(EMAIL)).toHaveLength(93)
  })

  it('401 → one renewal → the retry succeeds, also for a create (one order, not two)', async () => {
    const { sim, adapter } = await setup()
    const first = await adapter.createOrder(order('1001', 1))
    expect(sim.logins(EMAIL)).toBe(1)
    sim.expireTokens(EMAIL)
    expect((await adapter.getOrder(first.upstreamId)).upstreamId).toBe(first.upstreamId)
    expect(sim.logins(EMAIL)).toBe(2)
    expect(sim.authFailures(EMAIL)).toBe(1)

    sim.expireTokens(EMAIL)
    const second = await adapter.createOrder(order('1001', 2))
    expect(second.quantity).toBe(2)
    expect(sim.orders(EMAIL)).toHaveLength(2)
    expect(sim.logins(EMAIL)).toBe(3)
    expect(sim.authFailures(EMAIL)).toBe(2)
    expect(sim.balance(EMAIL)).toBe('871.30')
  })

  it('many calls refused at once after an unexpected expiry share one login', async () => {
    const { sim, adapter } = await setup({ deliveryMs: [600_000, 600_000] })
    const ids = []
    for (let i = 0; i < 4; i++) ids.push((await adapter.createOrder(order('1001', 1))).upstreamId)
    sim.expireTokens(EMAIL)
    const results = await Promise.all([...ids.map((id) => adapter.getOrder(id)), adapter.getBalance(), adapter.createOrder(order('1101', 1))])
    expect(results).toHaveLength(6)
    expect(sim.logins(EMAIL)).toBe(2)
    expect(sim.authFailures(EMAIL)).toBe(6)
    expect(sim.orders(EMAIL)).toHaveLength(5)
  })

  it('a login hit by a passing 503 is repeated by the client; nothing is bought twice', async () => {
    const { sim, adapter } = await setup()
    sim.faults.inject({ action: 'login', kind: 'http503' })
    await adapter.createOrder(order('1001', 1))
    expect(sim.logins(EMAIL)).toBe(1)
    expect(sim.orders(EMAIL)).toHaveLength(1)
  })
})

describe('Hyper adapter against the simulator: faults and recovery', () => {
  it('after drop_after_commit on create: placement unknown; findByClientRef and listOrders find it; a re-send follows it', async () => {
    const { sim, adapter } = await setup()
    await adapter.getBalance() // logged in, so the fault hits the create itself
    const since = new Date(Date.now() - 1000)
    const req = order('1002', 1)
    sim.faults.inject({ action: 'order_create', kind: 'drop_after_commit' })
    const e = await failure(adapter.createOrder(req))
    expect(e.code).toBe('NETWORK')
    expect(e.placement).toBe('unknown')
    expect(e.message).toContain('ResellerDesk will look it up at Hyper Teknoloji by its reference before buying again.')
    expect(sim.orders(EMAIL)).toHaveLength(1)

    const found = await adapter.findByClientRef!(req.clientRef, { since })
    expect(found).toMatchObject({ clientRef: req.clientRef, productId: '1002', quantity: 1 })
    expect((await adapter.listOrders!({ since })).map((o) => o.clientRef)).toEqual([req.clientRef])

    // Sending it again is refused as a duplicate DeliverID: the adapter follows the existing line instead.
    const again = await adapter.createOrder(req)
    expect(again.upstreamId).toBe(found?.upstreamId)
    expect(sim.orders(EMAIL)).toHaveLength(1)
    expect(sim.balance(EMAIL)).toBe('785.50')
    const done = await untilFinal(adapter, again.upstreamId)
    expect(done.codes).toEqual(sim.issuedCodes(EMAIL))
  })

  it('malformed_json and http500 on create: placement unknown, and the order (if any) is found by its reference', async () => {
    const { sim, adapter } = await setup()
    await adapter.getBalance()
    const since = new Date(Date.now() - 1000)
    const garbled = order('1001', 1)
    sim.faults.inject({ action: 'order_create', kind: 'malformed_json' })
    const g = await failure(adapter.createOrder(garbled))
    expect(g.code).toBe('MALFORMED_REPLY')
    expect(g.placement).toBe('unknown')
    expect(await adapter.findByClientRef!(garbled.clientRef, { since })).not.toBeNull()

    const crashed = order('1001', 1)
    sim.faults.inject({ action: 'order_create', kind: 'http500' })
    const c = await failure(adapter.createOrder(crashed))
    expect(c.code).toBe('UPSTREAM_FAILED')
    expect(c.placement).toBe('unknown')
    expect(await adapter.findByClientRef!(crashed.clientRef, { since })).toBeNull() // a 500 fault commits nothing
  })

  it('hang on create → TIMEOUT, placement unknown; reads ride over 502/503/html_error by retrying', async () => {
    const { sim, adapter } = await setup({}, { timeoutMs: 300 })
    await adapter.getBalance()
    sim.faults.inject({ action: 'order_create', kind: 'hang' })
    const t = await failure(adapter.createOrder(order('1001', 1)))
    expect(t.code).toBe('TIMEOUT')
    expect(t.placement).toBe('unknown')
    expect(sim.orders(EMAIL)).toHaveLength(0)

    sim.faults.inject({ action: 'products', kind: 'html_error' })
    sim.faults.inject({ action: 'categories', kind: 'http503' })
    sim.faults.inject({ action: 'account_details', kind: 'http502' })
    expect((await adapter.listCatalog()).length).toBeGreaterThan(0)
    expect((await adapter.getBalance()).available.amount).toBe('1000')
  })

  it('http429 on create is a refusal: not placed, retryable', async () => {
    const { sim, adapter } = await setup()
    await adapter.getBalance()
    sim.faults.inject({ action: 'order_create', kind: 'http429' })
    const e = await failure(adapter.createOrder(order('1001', 1)))
    expect(e.code).toBe('RATE_LIMITED')
    expect(e.placement).toBe('not_placed')
    expect(e.retryable).toBe(true)
    expect(sim.orders(EMAIL)).toHaveLength(0)
  })
})
