// The OneClickDz simulator against seed 002 and UPSTREAMS.md §3, over real HTTP with plain fetch.
import { describe, expect, it } from 'vitest'
import {
  ONECLICKDZ_DEMO_BALANCE,
  ONECLICKDZ_DEMO_KEY,
  ONECLICKDZ_DEMO_SANDBOX_KEY,
  startOneClickDzSim,
  type OneClickDzSim,
  type OneClickDzSimOptions,
  type OneClickDzSimProduct
} from '../../src/sim/oneclickdz'
import { activeTimeouts, bodyText, type Called, closedAfterEach, expectCloseEndsRequests, expectGarbledJson, expectProxyErrorPage, expectRandomFaults, fetchCalled, parse, sleep } from './support'

// ---------- reply shapes (what the docs show) ----------
interface Ok<T> { success: true; data: T; meta: { timestamp: string; [k: string]: unknown }; requestId: string }
interface ErrorReply { success: false; error: { code: string; message: string; details: Record<string, unknown> }; requestId: string }
interface Card { value: string; serial: string }
interface OrderView {
  _id: string; status: string; quantity: number; product?: string; type?: string; time: string; ref?: string
  fulfilled_quantity?: number; fulfilled_amount?: number; price_per_card?: number; cards?: Card[]
}
interface TypeView { id: string; name: string; price: number; quantity: number }
interface ListData { items: OrderView[]; pagination: { page: number; pageSize: number; totalPages: number; totalResults: number } }

// ---------- helpers ----------
const PSN = 'p-psn'
const PRODUCTS: OneClickDzSimProduct[] = [
  {
    id: PSN,
    title: 'PlayStation Network',
    category: 'Gaming Cards',
    region: 'dz',
    codeFormat: 'PSN-####-####',
    types: [
      { id: 't500', name: 'PSN 500 DA', price: '490', stock: 150 },
      { id: 't1000', name: 'PSN 1000 DA', price: '980', stock: 87 },
      { id: 't2000', name: 'PSN 2000 DA', price: '1960', stock: 0 }
    ]
  },
  { id: 'p-pubg', title: 'PUBG Mobile UC', category: 'Mobile Games', types: [{ id: 'uc60', name: '60 UC', price: '245.50', stock: 40 }] },
  { id: 'p-xbox', title: 'Xbox Gift Card', category: 'Gaming Cards', enabled: false, types: [{ id: 'x15', name: 'Xbox $15', price: '3450', stock: 9 }] }
]
const KEY = 'prod-key-a'
const SANDBOX = 'sandbox-key-a'
const OTHER = 'prod-key-b'
const READ_ONLY = 'prod-key-readonly'

const started = closedAfterEach<OneClickDzSim>()

/** A fast sim: 3–45 s deliveries become 3–45 ms at speed 1000. */
async function sim(opts: OneClickDzSimOptions = {}): Promise<OneClickDzSim> {
  const s = await startOneClickDzSim({
    speed: 1000,
    seed: 42,
    accounts: [
      { username: '+213600000001', balance: '10000.00', keys: [{ apiKey: KEY, type: 'PRODUCTION' }, { apiKey: SANDBOX, type: 'SANDBOX' }, { apiKey: READ_ONLY, type: 'PRODUCTION', scope: 'READ-ONLY' }] },
      { username: '+213600000002', balance: '500.00', keys: [{ apiKey: OTHER, type: 'PRODUCTION' }] }
    ],
    products: PRODUCTS,
    ...opts
  })
  started.push(s)
  return s
}

async function call(s: OneClickDzSim, path: string, opts: { method?: string; key?: string | null; body?: unknown; rawBody?: string; signal?: AbortSignal } = {}): Promise<Called> {
  const key = opts.key === undefined ? KEY : opts.key
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (key !== null) headers['X-Access-Token'] = key
  const body = bodyText(opts)
  return fetchCalled(`${s.baseUrl}${path}`, { method: opts.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, signal: opts.signal })
}

function ok<T>(c: Called): Ok<T> {
  expect(c.status, c.text).toBe(200)
  const reply = parse<Ok<T>>(c)
  expect(reply.success).toBe(true)
  expect(reply.meta.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  expect(reply.requestId).toMatch(/^req_\d{10}_[0-9a-f]{6}$/)
  return reply
}

async function expectError(c: Promise<Called>, status: number, code: string): Promise<ErrorReply> {
  const got = await c
  expect(got.status, got.text).toBe(status)
  const reply = parse<ErrorReply>(got)
  expect(reply.success).toBe(false)
  expect(reply.error.code).toBe(code)
  expect(typeof reply.error.message).toBe('string')
  expect(typeof reply.error.details).toBe('object')
  expect(reply.requestId).toMatch(/^req_/)
  return reply
}

async function place(s: OneClickDzSim, body: Record<string, unknown>, key = KEY): Promise<{ orderId: string; orderRef?: string }> {
  return ok<{ orderId: string; orderRef?: string }>(await call(s, '/v3/gift-cards/placeOrder', { key, body })).data
}

async function check(s: OneClickDzSim, orderId: string, key = KEY): Promise<OrderView> {
  return ok<OrderView>(await call(s, `/v3/gift-cards/checkOrder/${orderId}`, { key })).data
}

async function waitFinal(s: OneClickDzSim, orderId: string, key = KEY): Promise<OrderView> {
  for (let i = 0; i < 400; i++) {
    const o = await check(s, orderId, key)
    if (o.status !== 'HANDLING') return o
    await sleep(5)
  }
  throw new Error(`order ${orderId} never finished`)
}

async function balanceOf(s: OneClickDzSim, key = KEY): Promise<Called> {
  return call(s, '/v3/account/balance', { key })
}

async function types(s: OneClickDzSim, productId: string, key = KEY): Promise<TypeView[]> {
  return ok<{ types: TypeView[] }>(await call(s, `/v3/gift-cards/checkProduct/${productId}`, { key })).data.types
}

// ---------- tests ----------
describe('routing, envelope and auth', () => {
  it('unknown routes and wrong methods → JSON 404 NOT_FOUND', async () => {
    const s = await sim()
    await expectError(call(s, '/v3/gift-cards/nope'), 404, 'NOT_FOUND')
    await expectError(call(s, '/v3/gift-cards/placeOrder'), 404, 'NOT_FOUND') // GET
    await expectError(call(s, '/v3/account/balance', { body: {} }), 404, 'NOT_FOUND') // POST
    await expectError(call(s, '/reseller_api.php?action=balance'), 404, 'NOT_FOUND')
  })

  it('401 MISSING_ACCESS_TOKEN without the header, 401 INVALID_ACCESS_TOKEN for an unknown or disabled key; Authorization is not read', async () => {
    const s = await sim({ accounts: [{ username: 'u', balance: '1', keys: [{ apiKey: KEY, type: 'PRODUCTION' }, { apiKey: 'off', type: 'PRODUCTION', enabled: false }] }] })
    const missing = await expectError(call(s, '/v3/account/balance', { key: null }), 401, 'MISSING_ACCESS_TOKEN')
    expect(missing.error.message).toBe('Access token is required')
    const bearer = await fetch(`${s.baseUrl}/v3/account/balance`, { headers: { Authorization: `Bearer ${KEY}` } })
    expect(bearer.status).toBe(401)
    expect(((await bearer.json()) as ErrorReply).error.code).toBe('MISSING_ACCESS_TOKEN')
    const invalid = await expectError(call(s, '/v3/validate', { key: 'nope' }), 401, 'INVALID_ACCESS_TOKEN')
    expect(invalid.error.message).toBe('The provided access token is invalid')
    await expectError(call(s, '/v3/validate', { key: 'off' }), 401, 'INVALID_ACCESS_TOKEN')
    await expectError(call(s, '/v3/gift-cards/placeOrder', { key: 'nope', body: { productId: PSN, typeId: 't500', quantity: 1 } }), 401, 'INVALID_ACCESS_TOKEN')
    expect(s.orders(KEY)).toHaveLength(0)
  })

  it('403 IP_BLOCKED when the key lists allowed IPs and this is not one', async () => {
    const s = await sim({
      accounts: [{ username: 'u', balance: '1', keys: [{ apiKey: 'fenced', type: 'PRODUCTION', allowedIps: ['10.1.2.3'] }, { apiKey: 'local', type: 'PRODUCTION', allowedIps: ['127.0.0.1'] }] }]
    })
    const e = await expectError(call(s, '/v3/account/balance', { key: 'fenced' }), 403, 'IP_BLOCKED')
    expect(e.error.details).toEqual({ ip: '127.0.0.1' })
    ok(await call(s, '/v3/account/balance', { key: 'local' }))
  })

  it('validate tells SANDBOX from PRODUCTION, echoing the key like the docs do', async () => {
    const s = await sim()
    expect(ok(await call(s, '/v3/validate')).data).toEqual({
      username: '+213600000001',
      apiKey: { key: KEY, isEnabled: true, type: 'PRODUCTION', allowedips: [], scope: 'READ-WRITE' }
    })
    expect(ok<{ apiKey: { type: string } }>(await call(s, '/v3/validate', { key: SANDBOX })).data.apiKey.type).toBe('SANDBOX')
    expect(ok<{ apiKey: { scope: string } }>(await call(s, '/v3/validate', { key: READ_ONLY })).data.apiKey.scope).toBe('READ-ONLY')
  })

  it('the demo account: a PRODUCTION and a SANDBOX key on one 50000.00 DA balance', async () => {
    const s = await startOneClickDzSim({ speed: 1000 })
    started.push(s)
    expect(ONECLICKDZ_DEMO_BALANCE).toBe('50000.00')
    expect(s.balance(ONECLICKDZ_DEMO_KEY)).toBe('50000.00')
    expect(s.balance(ONECLICKDZ_DEMO_SANDBOX_KEY)).toBe('50000.00')
    expect(ok<{ apiKey: { type: string } }>(await call(s, '/v3/validate', { key: ONECLICKDZ_DEMO_KEY })).data.apiKey.type).toBe('PRODUCTION')
    expect(ok<{ apiKey: { type: string } }>(await call(s, '/v3/validate', { key: ONECLICKDZ_DEMO_SANDBOX_KEY })).data.apiKey.type).toBe('SANDBOX')
  })
})

describe('balance and catalog', () => {
  it('balance in DA as a bare number, exact', async () => {
    const s = await sim({ accounts: [{ username: 'u', balance: '1326.13', keys: [{ apiKey: KEY, type: 'PRODUCTION' }] }] })
    const c = await balanceOf(s)
    expect(c.text).toContain('"data":{"balance":1326.13}')
    ok(c)
  })

  it('catalog: categories with products (id, title, enabled, region); disabled ones listed as such', async () => {
    const s = await sim()
    const reply = ok<{ categories: unknown[] }>(await call(s, '/v3/gift-cards/catalog'))
    expect(reply.data.categories).toEqual([
      {
        name: 'Gaming Cards',
        products: [
          { id: PSN, title: 'PlayStation Network', enabled: true, region: 'dz' },
          { id: 'p-xbox', title: 'Xbox Gift Card', enabled: false }
        ]
      },
      { name: 'Mobile Games', products: [{ id: 'p-pubg', title: 'PUBG Mobile UC', enabled: true }] }
    ])
    expect(reply.meta).toMatchObject({ totalCategories: 2, totalProducts: 3 })
  })

  it('checkProduct: the types with DA price and stock; the sandbox adds TEST_REFUND and TEST_PARTIAL', async () => {
    const s = await sim()
    const c = await call(s, `/v3/gift-cards/checkProduct/p-pubg`)
    expect(c.text).toContain('"price":245.5')
    expect(ok(c).data).toEqual({ productId: 'p-pubg', productTitle: 'PUBG Mobile UC', types: [{ id: 'uc60', name: '60 UC', price: 245.5, quantity: 40 }] })
    expect((await types(s, PSN)).map((t) => t.id)).toEqual(['t500', 't1000', 't2000'])
    expect(await types(s, PSN, SANDBOX)).toEqual([
      { id: 't500', name: 'PSN 500 DA', price: 490, quantity: 150 },
      { id: 't1000', name: 'PSN 1000 DA', price: 980, quantity: 87 },
      { id: 't2000', name: 'PSN 2000 DA', price: 1960, quantity: 0 },
      { id: 'TEST_REFUND', name: 'Test: refunded order', price: 490, quantity: 1000 },
      { id: 'TEST_PARTIAL', name: 'Test: half delivered', price: 490, quantity: 1000 }
    ])
    await expectError(call(s, '/v3/gift-cards/checkProduct/p-xbox'), 404, 'PRODUCT_NOT_FOUND')
    await expectError(call(s, '/v3/gift-cards/checkProduct/nope'), 404, 'PRODUCT_NOT_FOUND')
  })

  it('the default catalog: the docs\' PSN product and types, DZD prices, generous stock, one out of stock, one disabled', async () => {
    const s = await startOneClickDzSim({ speed: 1000, seed: 1 })
    started.push(s)
    const cat = ok<{ categories: { name: string; products: { id: string; enabled: boolean }[] }[] }>(await call(s, '/v3/gift-cards/catalog', { key: ONECLICKDZ_DEMO_KEY })).data
    const all = cat.categories.flatMap((c) => c.products)
    expect(all.length).toBeGreaterThanOrEqual(8)
    expect(all.some((p) => !p.enabled)).toBe(true)
    expect(cat.categories.map((c) => c.name)).toEqual(expect.arrayContaining(['Gaming Cards', 'Streaming Services']))
    const psn = await types(s, '507f1f77bcf86cd799439011', ONECLICKDZ_DEMO_KEY)
    expect(psn).toEqual([
      { id: 'type_001', name: 'PSN 500 DA', price: 490, quantity: 1500 },
      { id: 'type_002', name: 'PSN 1000 DA', price: 980, quantity: 870 },
      { id: 'type_003', name: 'PSN 2000 DA', price: 1960, quantity: 0 }
    ])
  })
})

describe('placeOrder: refusals (nothing charged, nothing created)', () => {
  it('400 ERR_VALIDATION for a bad body; 404 PRODUCT_NOT_FOUND / TYPE_NOT_FOUND; 403 for a READ-ONLY key', async () => {
    const s = await sim()
    const bad: unknown[] = [
      {},
      { typeId: 't500', quantity: 1 },
      { productId: PSN, quantity: 1 },
      { productId: PSN, typeId: 't500' },
      ...[0, 51, 2.5, '2', -1].map((quantity) => ({ productId: PSN, typeId: 't500', quantity })),
      { productId: PSN, typeId: 't500', quantity: 1, ref: 42 },
      { productId: PSN, typeId: 't500', quantity: 1, ref: '' },
      { productId: PSN, typeId: 't500', quantity: 1, ref: 'x'.repeat(101) }
    ]
    for (const body of bad) await expectError(call(s, '/v3/gift-cards/placeOrder', { body }), 400, 'ERR_VALIDATION')
    await expectError(call(s, '/v3/gift-cards/placeOrder', { rawBody: '{"productId":' }), 400, 'ERR_VALIDATION')
    await expectError(call(s, '/v3/gift-cards/placeOrder', { body: { productId: 'nope', typeId: 't500', quantity: 1 } }), 404, 'PRODUCT_NOT_FOUND')
    await expectError(call(s, '/v3/gift-cards/placeOrder', { body: { productId: 'p-xbox', typeId: 'x15', quantity: 1 } }), 404, 'PRODUCT_NOT_FOUND')
    await expectError(call(s, '/v3/gift-cards/placeOrder', { body: { productId: PSN, typeId: 'uc60', quantity: 1 } }), 404, 'TYPE_NOT_FOUND')
    // The sandbox's test types do not exist for a production key.
    await expectError(call(s, '/v3/gift-cards/placeOrder', { body: { productId: PSN, typeId: 'TEST_REFUND', quantity: 1 } }), 404, 'TYPE_NOT_FOUND')
    await expectError(call(s, '/v3/gift-cards/placeOrder', { key: READ_ONLY, body: { productId: PSN, typeId: 't500', quantity: 1 } }), 403, 'INSUFFICIENT_PERMISSIONS')
    expect(s.orders(KEY)).toHaveLength(0)
    expect(s.balance(KEY)).toBe('10000.00')
    expect((await types(s, PSN))[0]?.quantity).toBe(150)
  })

  it('400 OUT_OF_STOCK when the type has none left', async () => {
    const s = await sim()
    await expectError(call(s, '/v3/gift-cards/placeOrder', { body: { productId: PSN, typeId: 't2000', quantity: 1 } }), 400, 'OUT_OF_STOCK')
    expect(s.balance(KEY)).toBe('10000.00')
  })

  it('403 INSUFFICIENT_BALANCE with the amounts, NO_BALANCE on an empty balance', async () => {
    const s = await sim()
    // OTHER has 500.00: one 490 card fits, two do not.
    const e = await expectError(call(s, '/v3/gift-cards/placeOrder', { key: OTHER, body: { productId: PSN, typeId: 't500', quantity: 2 } }), 403, 'INSUFFICIENT_BALANCE')
    expect(e.error.message).toBe('Insufficient balance')
    expect(e.error.details).toEqual({ required: 980, available: 500 })
    const empty = await sim({ accounts: [{ username: 'u', balance: '0', keys: [{ apiKey: KEY, type: 'PRODUCTION' }] }] })
    await expectError(call(empty, '/v3/gift-cards/placeOrder', { body: { productId: PSN, typeId: 't500', quantity: 1 } }), 403, 'NO_BALANCE')
    expect(s.orders(OTHER)).toHaveLength(0)
    expect(s.balance(OTHER)).toBe('500.00')
  })
})

describe('placeOrder and checkOrder: production money and stock', () => {
  it('holds quantity × price at once, shows the docs\' minimal HANDLING object, then FULFILLED with the cards', async () => {
    const s = await sim({ deliveryMs: [300, 300], speed: 1 })
    const { orderId, orderRef } = await place(s, { productId: PSN, typeId: 't500', quantity: 2, ref: 'rd-1' })
    expect(orderId).toMatch(/^[0-9a-f]{24}$/)
    expect(orderRef).toBe('rd-1')
    expect(s.balance(KEY)).toBe('9020.00')
    expect((await types(s, PSN))[0]?.quantity).toBe(148)
    const handling = await check(s, orderId)
    expect(Object.keys(handling).sort()).toEqual(['_id', 'product', 'quantity', 'ref', 'status', 'time', 'type'])
    expect(handling).toMatchObject({ _id: orderId, status: 'HANDLING', quantity: 2, product: PSN, type: 't500', ref: 'rd-1' })
    expect(Math.abs(Date.parse(handling.time) - Date.now())).toBeLessThan(2000)

    const done = await waitFinal(s, orderId)
    expect(done).toMatchObject({ _id: orderId, status: 'FULFILLED', quantity: 2, fulfilled_quantity: 2, fulfilled_amount: 980, price_per_card: 490, product: PSN, type: 't500' })
    expect(done.cards).toHaveLength(2)
    for (const c of done.cards ?? []) {
      expect(c.value).toMatch(/^PSN-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
      expect(c.serial).toMatch(/^\d{12}$/)
    }
    expect((await check(s, orderId)).cards).toEqual(done.cards) // stable
    expect(s.issuedCards(KEY)).toEqual(done.cards)
    expect(s.issuedCodes(KEY)).toEqual((done.cards ?? []).map((c) => `${c.value} / ${c.serial}`))
    expect(s.balance(KEY)).toBe('9020.00')
    expect(s.orders(KEY)[0]).toMatchObject({ orderId, status: 'FULFILLED', fulfilledQuantity: 2, fulfilledAmount: '980.00', refundAmount: '0.00', pricePerCard: '490.00' })
  })

  it('more than the stock: 5 × 490 with 3 left → PARTIALLY_FILLED, 3 cards, charged 1470, 980 back on the balance', async () => {
    const s = await sim({ deliveryMs: [200, 200], speed: 1 })
    s.setStock(PSN, 't500', 3)
    const { orderId } = await place(s, { productId: PSN, typeId: 't500', quantity: 5 })
    expect(s.balance(KEY)).toBe('7550.00') // 10000 − 5 × 490 held
    expect((await types(s, PSN))[0]?.quantity).toBe(0)
    const done = await waitFinal(s, orderId)
    expect(done).toMatchObject({ status: 'PARTIALLY_FILLED', quantity: 5, fulfilled_quantity: 3, fulfilled_amount: 1470, price_per_card: 490 })
    expect(done.cards).toHaveLength(3)
    expect(s.balance(KEY)).toBe('8530.00') // 10000 − 1470
    expect((await balanceOf(s)).text).toContain('"balance":8530')
    expect((await types(s, PSN))[0]?.quantity).toBe(0)
    expect(s.orders(KEY)[0]).toMatchObject({ status: 'PARTIALLY_FILLED', fulfilledQuantity: 3, fulfilledAmount: '1470.00', refundAmount: '980.00' })
  })

  it('centimes stay exact: 3 × 245.50 then partially filled by the dice', async () => {
    const s = await sim({ partialRate: 1, accounts: [{ username: 'u', balance: '1000.10', keys: [{ apiKey: KEY, type: 'PRODUCTION' }] }] })
    const { orderId } = await place(s, { productId: 'p-pubg', typeId: 'uc60', quantity: 3 })
    expect(s.balance(KEY)).toBe('263.60')
    const done = await waitFinal(s, orderId)
    expect(done.status).toBe('PARTIALLY_FILLED')
    const n = done.fulfilled_quantity ?? 0
    expect(n).toBeGreaterThanOrEqual(1)
    expect(n).toBeLessThanOrEqual(2)
    const charged = n === 1 ? '245.50' : '491.00'
    expect(s.orders(KEY)[0]).toMatchObject({ fulfilledAmount: charged, refundAmount: n === 1 ? '491.00' : '245.50' })
    expect(s.balance(KEY)).toBe(n === 1 ? '754.60' : '509.10')
    // Undelivered stock comes back.
    expect((await types(s, 'p-pubg'))[0]?.quantity).toBe(40 - n)
  })

  it('failureRate 1 → REFUNDED: nothing delivered, balance and stock back to the cent, also without polling the order', async () => {
    const s = await sim({ failureRate: 1 })
    const { orderId } = await place(s, { productId: 'p-pubg', typeId: 'uc60', quantity: 7 })
    expect(s.balance(KEY)).toBe('8281.50')
    await sleep(60)
    expect((await balanceOf(s)).text).toContain('"balance":10000')
    expect((await types(s, 'p-pubg'))[0]?.quantity).toBe(40)
    const done = await check(s, orderId)
    expect(done).toMatchObject({ status: 'REFUNDED', quantity: 7, fulfilled_quantity: 0, fulfilled_amount: 0, price_per_card: 245.5, cards: [] })
    expect(s.orders(KEY)[0]).toMatchObject({ refundAmount: '1718.50', fulfilledAmount: '0.00' })
    expect(s.issuedCards(KEY)).toEqual([])
  })

  it('400 DUPLICATED_REF on a reused ref: the first order stands, nothing charged twice; refs are per account and environment', async () => {
    const s = await sim()
    const first = await place(s, { productId: PSN, typeId: 't500', quantity: 1, ref: 'rd-dup' })
    const e = await expectError(call(s, '/v3/gift-cards/placeOrder', { body: { productId: PSN, typeId: 't1000', quantity: 3, ref: 'rd-dup' } }), 400, 'DUPLICATED_REF')
    expect(e.error.message).toBe('This reference ID is already in use')
    expect(s.orders(KEY)).toHaveLength(1)
    expect(s.balance(KEY)).toBe('9510.00')
    // Another account, or the same account's sandbox, may use the same ref.
    await place(s, { productId: PSN, typeId: 't500', quantity: 1, ref: 'rd-dup' }, OTHER)
    await place(s, { productId: PSN, typeId: 't500', quantity: 1, ref: 'rd-dup' }, SANDBOX)
    expect((await check(s, first.orderId)).ref).toBe('rd-dup')
  })

  it('checkOrder: 404 ORDER_NOT_FOUND for unknown ids, other accounts\' orders and the other environment\'s', async () => {
    const s = await sim()
    await expectError(call(s, '/v3/gift-cards/checkOrder/000000000000000000000000'), 404, 'ORDER_NOT_FOUND')
    const mine = await place(s, { productId: PSN, typeId: 't500', quantity: 1 })
    await expectError(call(s, `/v3/gift-cards/checkOrder/${mine.orderId}`, { key: OTHER }), 404, 'ORDER_NOT_FOUND')
    await expectError(call(s, `/v3/gift-cards/checkOrder/${mine.orderId}`, { key: SANDBOX }), 404, 'ORDER_NOT_FOUND')
    // A second production key of the same account sees it.
    expect((await check(s, mine.orderId, READ_ONLY))._id).toBe(mine.orderId)
  })

  it('the same seed gives the same order ids and cards', async () => {
    const run = async (): Promise<string[]> => {
      const s = await sim({ seed: 99 })
      const { orderId } = await place(s, { productId: PSN, typeId: 't1000', quantity: 2 })
      const done = await waitFinal(s, orderId)
      return [orderId.slice(8), ...(done.cards ?? []).map((c) => `${c.value}/${c.serial}`)]
    }
    const a = await run()
    expect(a).toHaveLength(3)
    expect(await run()).toEqual(a)
  })

  it('delivery takes 3–45 s of upstream time, scaled by speed', async () => {
    const s = await sim({ speed: 100 }) // 30–450 ms
    const t0 = Date.now()
    const { orderId } = await place(s, { productId: PSN, typeId: 't500', quantity: 1 })
    expect((await check(s, orderId)).status).toBe('HANDLING')
    await waitFinal(s, orderId)
    const took = Date.now() - t0
    expect(took).toBeGreaterThanOrEqual(25)
    expect(took).toBeLessThan(2000)
  })
})

describe('sandbox', () => {
  it('orders cost nothing and touch no stock; cards are SANDBOX-CARD-n / SANDBOX-n, unique across the simulator', async () => {
    const s = await sim()
    const a = await place(s, { productId: PSN, typeId: 't500', quantity: 2 }, SANDBOX)
    const b = await place(s, { productId: 'p-pubg', typeId: 'uc60', quantity: 1 }, SANDBOX)
    expect(s.balance(SANDBOX)).toBe('10000.00')
    const da = await waitFinal(s, a.orderId, SANDBOX)
    const db = await waitFinal(s, b.orderId, SANDBOX)
    expect(da).toMatchObject({ status: 'FULFILLED', fulfilled_quantity: 2, fulfilled_amount: 0, price_per_card: 0 })
    const all = [...(da.cards ?? []), ...(db.cards ?? [])]
    expect(all.map((c) => c.value).sort()).toEqual(['SANDBOX-CARD-1', 'SANDBOX-CARD-2', 'SANDBOX-CARD-3'])
    for (const c of all) expect(c.serial).toBe(c.value.replace('SANDBOX-CARD-', 'SANDBOX-'))
    expect(s.balance(KEY)).toBe('10000.00')
    expect((await types(s, PSN))[0]?.quantity).toBe(150)
    expect([...s.issuedCodes(SANDBOX)].sort()).toEqual(all.map((c) => `${c.value} / ${c.serial}`).sort())
    expect(s.issuedCards(KEY)).toEqual([])
  })

  it('TEST_REFUND → REFUNDED; TEST_PARTIAL → half the cards (rounded down), PARTIALLY_FILLED; 1 × TEST_PARTIAL → REFUNDED', async () => {
    const s = await sim()
    const refund = await place(s, { productId: PSN, typeId: 'TEST_REFUND', quantity: 2 }, SANDBOX)
    const half4 = await place(s, { productId: PSN, typeId: 'TEST_PARTIAL', quantity: 4 }, SANDBOX)
    const half5 = await place(s, { productId: PSN, typeId: 'TEST_PARTIAL', quantity: 5 }, SANDBOX)
    const half1 = await place(s, { productId: PSN, typeId: 'TEST_PARTIAL', quantity: 1 }, SANDBOX)
    expect(await waitFinal(s, refund.orderId, SANDBOX)).toMatchObject({ status: 'REFUNDED', quantity: 2, fulfilled_quantity: 0, fulfilled_amount: 0, cards: [] })
    expect(await waitFinal(s, half4.orderId, SANDBOX)).toMatchObject({ status: 'PARTIALLY_FILLED', quantity: 4, fulfilled_quantity: 2, type: 'TEST_PARTIAL' })
    expect(await waitFinal(s, half5.orderId, SANDBOX)).toMatchObject({ status: 'PARTIALLY_FILLED', quantity: 5, fulfilled_quantity: 2 })
    expect(await waitFinal(s, half1.orderId, SANDBOX)).toMatchObject({ status: 'REFUNDED', quantity: 1, fulfilled_quantity: 0 })
    expect(s.balance(SANDBOX)).toBe('10000.00')
    expect(s.issuedCards(SANDBOX)).toHaveLength(4)
  })
})

describe('list', () => {
  it('newest first, page/pageSize (default 20, at most 100), pagination block', async () => {
    const s = await sim({ rateLimitPerMinute: false })
    const ids: string[] = []
    for (let i = 0; i < 25; i++) ids.push((await place(s, { productId: 'p-pubg', typeId: 'uc60', quantity: 1, ref: `rd-${i}` })).orderId)
    const first = ok<ListData>(await call(s, '/v3/gift-cards/list')).data
    expect(first.items.map((o) => o._id)).toEqual([...ids].reverse().slice(0, 20))
    expect(first.pagination).toEqual({ page: 1, pageSize: 20, totalPages: 2, totalResults: 25 })
    const second = ok<ListData>(await call(s, '/v3/gift-cards/list?page=2&pageSize=20')).data
    expect(second.items.map((o) => o._id)).toEqual([...ids].reverse().slice(20))
    expect(ok<ListData>(await call(s, '/v3/gift-cards/list?page=9')).data.items).toEqual([])
    expect(ok<ListData>(await call(s, '/v3/gift-cards/list?pageSize=100')).data.items).toHaveLength(25)
    for (const q of ['pageSize=101', 'pageSize=0', 'page=0', 'page=x', 'from=yesterday', 'to=soon']) {
      await expectError(call(s, `/v3/gift-cards/list?${q}`), 400, 'ERR_VALIDATION')
    }
    // Items carry the whole order, refs included; other keys see none of them.
    const item = first.items[0]
    expect(item).toMatchObject({ _id: ids[24], quantity: 1, price_per_card: 245.5, product: 'p-pubg', type: 'uc60', ref: 'rd-24' })
    expect(ok<ListData>(await call(s, '/v3/gift-cards/list', { key: OTHER })).data.pagination.totalResults).toBe(0)
    expect(ok<ListData>(await call(s, '/v3/gift-cards/list', { key: SANDBOX })).data.pagination.totalResults).toBe(0)
  })

  it('from/to filter by order time', async () => {
    const s = await sim({ deliveryMs: [0, 0] })
    const a = await place(s, { productId: PSN, typeId: 't500', quantity: 1 })
    await sleep(30)
    const cut = new Date().toISOString()
    await sleep(5)
    const b = await place(s, { productId: PSN, typeId: 't500', quantity: 1 })
    expect(ok<ListData>(await call(s, `/v3/gift-cards/list?from=${cut}`)).data.items.map((o) => o._id)).toEqual([b.orderId])
    expect(ok<ListData>(await call(s, `/v3/gift-cards/list?to=${cut}`)).data.items.map((o) => o._id)).toEqual([a.orderId])
    // Final orders in the list carry their cards and money like checkOrder.
    const listed = ok<ListData>(await call(s, '/v3/gift-cards/list')).data.items
    expect(listed.every((o) => o.status === 'FULFILLED' && o.cards?.length === 1 && o.fulfilled_amount === 490)).toBe(true)
  })
})

describe('rate limit', () => {
  it('60 requests a minute per key by default, then 429 RATE_LIMIT_EXCEEDED with Retry-After; other keys unaffected', async () => {
    const s = await sim()
    for (let i = 0; i < 60; i++) expect((await balanceOf(s)).status).toBe(200)
    const limited = await balanceOf(s)
    await expectError(Promise.resolve(limited), 429, 'RATE_LIMIT_EXCEEDED')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await balanceOf(s, SANDBOX)).status).toBe(200)
  })

  it('is configurable and can be disabled', async () => {
    const s = await sim({ rateLimitPerMinute: 2 })
    expect((await balanceOf(s)).status).toBe(200)
    expect((await call(s, '/v3/gift-cards/catalog')).status).toBe(200)
    await expectError(balanceOf(s), 429, 'RATE_LIMIT_EXCEEDED')
    const free = await sim({ rateLimitPerMinute: false })
    for (let i = 0; i < 80; i++) expect((await balanceOf(free)).status).toBe(200)
  })
})

describe('fault injection', () => {
  const ORDER = { productId: PSN, typeId: 't500', quantity: 1 }

  it('http429 / http500 / http502 / http503 answer with the API envelope and commit nothing', async () => {
    const s = await sim()
    s.faults.inject({ action: 'balance', kind: 'http429' })
    const limited = await balanceOf(s)
    await expectError(Promise.resolve(limited), 429, 'RATE_LIMIT_EXCEEDED')
    expect(limited.headers.get('retry-after')).toBe('1')
    for (const [kind, status, code] of [['http500', 500, 'INTERNAL_ERROR'], ['http502', 502, 'BAD_GATEWAY'], ['http503', 503, 'SERVICE_UNAVAILABLE']] as const) {
      s.faults.inject({ action: 'placeOrder', kind })
      await expectError(call(s, '/v3/gift-cards/placeOrder', { body: ORDER }), status, code)
    }
    expect(s.orders(KEY)).toHaveLength(0)
    expect(s.balance(KEY)).toBe('10000.00')
    expect((await balanceOf(s)).status).toBe(200)
  })

  it('html_error: HTTP 502 with a reverse proxy HTML page', async () => {
    const s = await sim()
    s.faults.inject({ action: 'catalog', kind: 'html_error' })
    const c = await call(s, '/v3/gift-cards/catalog')
    expectProxyErrorPage(c)
    expect(c.text).toContain('502 Bad Gateway')
  })

  it('hang: no answer until the client gives up, and nothing is committed', async () => {
    const s = await sim()
    s.faults.inject({ action: 'placeOrder', kind: 'hang' })
    const t0 = Date.now()
    await expect(call(s, '/v3/gift-cards/placeOrder', { body: ORDER, signal: AbortSignal.timeout(300) })).rejects.toThrow()
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250)
    expect(s.orders(KEY)).toHaveLength(0)
    expect(s.balance(KEY)).toBe('10000.00')
  })

  it('drop_after_commit: the order exists and is paid for, the client sees the connection die; list and ref find it', async () => {
    const s = await sim()
    s.faults.inject({ action: 'placeOrder', kind: 'drop_after_commit' })
    await expect(call(s, '/v3/gift-cards/placeOrder', { body: { ...ORDER, quantity: 2, ref: 'rd-lost' } })).rejects.toThrow()
    expect(s.balance(KEY)).toBe('9020.00')
    const [order] = s.orders(KEY)
    expect(order).toMatchObject({ ref: 'rd-lost', quantity: 2 })
    const listed = ok<ListData>(await call(s, '/v3/gift-cards/list')).data.items
    expect(listed.map((o) => [o._id, o.ref])).toEqual([[order?.orderId, 'rd-lost']])
    await expectError(call(s, '/v3/gift-cards/placeOrder', { body: { ...ORDER, ref: 'rd-lost' } }), 400, 'DUPLICATED_REF')
    expect((await waitFinal(s, order?.orderId ?? '')).cards).toHaveLength(2)
  })

  it('slow_after_commit: committed at once, the reply held back past the client timeout', async () => {
    const s = await sim()
    s.faults.inject({ action: 'placeOrder', kind: 'slow_after_commit' })
    await expect(call(s, '/v3/gift-cards/placeOrder', { body: ORDER, signal: AbortSignal.timeout(400) })).rejects.toThrow()
    expect(s.orders(KEY)).toHaveLength(1)
    expect(s.balance(KEY)).toBe('9510.00')
  })

  it('malformed_json: HTTP 200 with a body no JSON parser accepts; a placeOrder is committed', async () => {
    const s = await sim()
    s.faults.inject({ action: 'placeOrder', kind: 'malformed_json', times: 4 })
    for (let i = 0; i < 4; i++) {
      const c = await call(s, '/v3/gift-cards/placeOrder', { body: ORDER })
      expectGarbledJson(c)
    }
    expect(s.orders(KEY)).toHaveLength(4)
    expect(s.balance(KEY)).toBe('8040.00')
  })

  it('faults apply before auth and only to their own action; "*" matches all; times counts', async () => {
    const s = await sim()
    s.faults.inject({ action: 'checkOrder', kind: 'http503', times: 2 })
    expect((await balanceOf(s)).status).toBe(200)
    await expectError(call(s, '/v3/gift-cards/checkOrder/x', { key: null }), 503, 'SERVICE_UNAVAILABLE')
    await expectError(call(s, '/v3/gift-cards/checkOrder/x'), 503, 'SERVICE_UNAVAILABLE')
    await expectError(call(s, '/v3/gift-cards/checkOrder/x'), 404, 'ORDER_NOT_FOUND')
    s.faults.inject({ action: '*', kind: 'http429', times: 2 })
    await expectError(call(s, '/v3/validate'), 429, 'RATE_LIMIT_EXCEEDED')
    await expectError(call(s, '/v3/gift-cards/list'), 429, 'RATE_LIMIT_EXCEEDED')
    expect((await call(s, '/v3/gift-cards/list')).status).toBe(200)
    // Unknown routes are not an action: a queued fault waits for a real one.
    s.faults.inject({ action: '*', kind: 'http500' })
    await expectError(call(s, '/v3/nope'), 404, 'NOT_FOUND')
    await expectError(call(s, '/v3/gift-cards/catalog'), 500, 'INTERNAL_ERROR')
  })

  it('setRandom rolls seeded dice; probability 0 and clear() turn it off', async () => {
    const s = await sim({ rateLimitPerMinute: false })
    s.faults.setRandom('balance', 'http503', 1)
    for (let i = 0; i < 3; i++) expect((await balanceOf(s)).status).toBe(503)
    expect((await call(s, '/v3/gift-cards/catalog')).status).toBe(200)
    s.faults.setRandom('balance', 'http503', 0)
    expect((await balanceOf(s)).status).toBe(200)
    s.faults.setRandom('*', 'http502', 0.5)
    await expectRandomFaults(() => call(s, '/v3/gift-cards/catalog'), 502)
    s.faults.clear()
    expect((await balanceOf(s)).status).toBe(200)
  })
})

describe('close()', () => {
  it('ends hanging and slow requests, stops listening and leaves no timers', async () => {
    const s = await sim()
    s.faults.inject({ action: 'balance', kind: 'hang' })
    s.faults.inject({ action: 'placeOrder', kind: 'slow_after_commit' })
    const hanging = Promise.allSettled([balanceOf(s)])
    const slow = Promise.allSettled([call(s, '/v3/gift-cards/placeOrder', { body: { productId: PSN, typeId: 't500', quantity: 1 } })])
    for (let i = 0; i < 100 && s.orders(KEY).length === 0; i++) await sleep(5)
    expect(s.orders(KEY)).toHaveLength(1)
    const withSlowReply = activeTimeouts()
    await expectCloseEndsRequests(s, hanging, slow)
    expect(activeTimeouts()).toBeLessThan(withSlowReply)
    await expect(fetch(`${s.baseUrl}/v3/validate`)).rejects.toThrow()
    expect(s.balance(KEY)).toBe('9510.00')
  })
})
