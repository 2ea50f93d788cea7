// The DigetalHube simulator against seed 000, over real HTTP with plain fetch.
import { describe, expect, it } from 'vitest'
import { DIGETALHUBE_DEMO_KEY, startDigetalHubeSim, type DigetalHubeSim, type DigetalHubeSimOptions, type SimProduct } from '../../src/sim'
import { activeTimeouts, bodyText, type Called, closedAfterEach, expectCloseEndsRequests, expectGarbledJson, expectProxyErrorPage, expectRandomFaults, fetchCalled, parse, sleep } from './support'

// ---------- reply shapes (what the seed documents) ----------
interface ErrorReply { success: false; error: { code: string; message: string }; timestamp: number }
interface BalanceReply { success: true; balance: { available: number; total_deposited: number; total_spent: number; total_orders: number; currency: string }; timestamp: number }
interface ProductRow { id: number; title: string; description: string; price_usdt: number; stock: number; in_stock: boolean; category_id: number; category_name: string }
interface ProductsReply { success: true; products: ProductRow[]; total: number; categories: { id: number; name: string }[]; timestamp: number }
interface CreateReply {
  success: true
  order: { order_id: string; product_id: number; product_name: string; quantity: number; price_per_unit: number; total_amount: number; currency: string; status: string; created_at: number; message: string }
  balance: { previous: number; deducted: number; remaining: number }
  tracking: { check_status_url: string; poll_interval_seconds: number; note: string }
  timestamp: number
}
interface StatusOrder {
  order_id: string; product_id?: number; product_name?: string; quantity?: number; amount?: number; currency?: string
  status: 'processing' | 'completed' | 'error'; status_detail?: string; message: string; processing_step?: string
  codes?: string[]; refunded?: boolean; refund_amount?: number; total_amount?: number
}
interface StatusReply { success: true; order: StatusOrder; timestamp: number }
interface ListOrder {
  order_id: string; product_id: number; product_name: string; quantity: number; amount: number; currency: string
  status: string; created_at: string; codes?: string[]; refunded?: boolean; refund_amount?: number; total_amount?: number
}
interface MyOrdersReply { success: true; orders: ListOrder[]; total: number; limit: number; offset: number; timestamp: number }

// ---------- helpers ----------
const SEED_PRODUCTS: SimProduct[] = [
  { id: 123, title: 'PUBG Mobile 60 UC', description: 'Global PIN', priceUsdt: '1.05', stock: 50, categoryId: 1, categoryName: 'PUBG Mobile', codeFormat: 'PUBG-####-####-####' },
  { id: 456, title: 'iTunes $10 USA', description: 'US Region', priceUsdt: '10.50', stock: 25, categoryId: 5, categoryName: 'iTunes' }
]
const KEY = 'dh_test_key_a'
const OTHER_KEY = 'dh_test_key_b'

const started = closedAfterEach<DigetalHubeSim>()

/** A fast sim: 60–180 ms deliveries become 0.06–0.18 ms at speed 1000, i.e. done by the next request. */
async function sim(opts: DigetalHubeSimOptions = {}): Promise<DigetalHubeSim> {
  const s = await startDigetalHubeSim({
    speed: 1000,
    deliveryMs: [60, 180],
    seed: 42,
    accounts: [{ apiKey: KEY, balance: '50.00' }, { apiKey: OTHER_KEY, balance: '100.00' }],
    products: SEED_PRODUCTS,
    ...opts
  })
  started.push(s)
  return s
}

interface CallOptions {
  method?: string
  key?: string | null
  auth?: 'x-api-key' | 'bearer' | 'query'
  body?: unknown
  rawBody?: string
  signal?: AbortSignal
}

async function call(s: DigetalHubeSim, query: string, opts: CallOptions = {}): Promise<Called> {
  const key = opts.key === undefined ? KEY : opts.key
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  let url = `${s.baseUrl}/reseller_api.php?action=${query}`
  if (key !== null) {
    const how = opts.auth ?? 'x-api-key'
    if (how === 'x-api-key') headers['X-API-Key'] = key
    else if (how === 'bearer') headers.Authorization = `Bearer ${key}`
    else url += `&api_key=${encodeURIComponent(key)}`
  }
  const body = bodyText(opts)
  return fetchCalled(url, { method: opts.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, signal: opts.signal })
}

async function expectError(c: Promise<Called>, status: number, code: string): Promise<ErrorReply> {
  const got = await c
  expect(got.status).toBe(status)
  const reply = parse<ErrorReply>(got)
  expect(reply.success).toBe(false)
  expect(reply.error.code).toBe(code)
  expect(typeof reply.error.message).toBe('string')
  expect(Number.isInteger(reply.timestamp)).toBe(true)
  return reply
}

async function createOrder(s: DigetalHubeSim, productId: number, quantity?: number, key = KEY): Promise<CreateReply> {
  const c = await call(s, 'create_order', { key, body: quantity === undefined ? { product_id: productId } : { product_id: productId, quantity } })
  expect(c.status, c.text).toBe(200)
  return parse<CreateReply>(c)
}

async function status(s: DigetalHubeSim, orderId: string, key = KEY): Promise<StatusOrder> {
  const c = await call(s, `order_status&order_id=${encodeURIComponent(orderId)}`, { key })
  expect(c.status, c.text).toBe(200)
  return parse<StatusReply>(c).order
}

async function waitFinal(s: DigetalHubeSim, orderId: string, key = KEY): Promise<StatusOrder> {
  for (let i = 0; i < 200; i++) {
    const o = await status(s, orderId, key)
    if (o.status !== 'processing') return o
    await sleep(5)
  }
  throw new Error(`order ${orderId} never finished`)
}

async function products(s: DigetalHubeSim, query = ''): Promise<ProductsReply> {
  const c = await call(s, `products${query}`, { key: null })
  expect(c.status, c.text).toBe(200)
  return parse<ProductsReply>(c)
}

async function balanceOf(s: DigetalHubeSim, key = KEY): Promise<Called> {
  return call(s, 'balance', { key })
}

const nowSeconds = () => Math.floor(Date.now() / 1000)

// ---------- tests ----------
describe('routing and auth', () => {
  it('accepts the key in X-API-Key, Authorization: Bearer and ?api_key=', async () => {
    const s = await sim()
    for (const auth of ['x-api-key', 'bearer', 'query'] as const) {
      const c = await call(s, 'balance', { auth })
      expect(c.status).toBe(200)
      expect(parse<BalanceReply>(c).balance.available).toBe(50)
    }
  })

  it('401 UNAUTHORIZED without a key, 401 INVALID_API_KEY with an unknown one', async () => {
    const s = await sim()
    for (const action of ['balance', 'order_status&order_id=x', 'my_orders']) {
      await expectError(call(s, action, { key: null }), 401, 'UNAUTHORIZED')
      await expectError(call(s, action, { key: 'nope' }), 401, 'INVALID_API_KEY')
    }
    await expectError(call(s, 'create_order', { key: null, body: { product_id: 123 } }), 401, 'UNAUTHORIZED')
    await expectError(call(s, 'create_order', { key: 'nope', auth: 'bearer', body: { product_id: 123 } }), 401, 'INVALID_API_KEY')
    expect(s.orders(KEY)).toHaveLength(0)
  })

  it('400 INVALID_ACTION for an unknown or missing action', async () => {
    const s = await sim()
    await expectError(call(s, 'refund_everything'), 400, 'INVALID_ACTION')
    const res = await fetch(`${s.baseUrl}/reseller_api.php`)
    expect(res.status).toBe(400)
    expect((JSON.parse(await res.text()) as ErrorReply).error.code).toBe('INVALID_ACTION')
  })

  it('405 METHOD_NOT_ALLOWED: create_order is POST, the others GET', async () => {
    const s = await sim()
    await expectError(call(s, 'create_order', { method: 'GET' }), 405, 'METHOD_NOT_ALLOWED')
    await expectError(call(s, 'balance', { method: 'POST', body: {} }), 405, 'METHOD_NOT_ALLOWED')
    await expectError(call(s, 'products', { method: 'DELETE', key: null }), 405, 'METHOD_NOT_ALLOWED')
    expect(s.orders(KEY)).toHaveLength(0)
  })

  it('answers other paths with a plain 404', async () => {
    const s = await sim()
    const res = await fetch(`${s.baseUrl}/api.php?action=balance`)
    expect(res.status).toBe(404)
    await res.text()
  })
})

describe('balance', () => {
  it('reports available/total_deposited/total_spent/total_orders/currency with the seed number format', async () => {
    const s = await sim()
    const c = await balanceOf(s)
    expect(c.text).toContain('"balance":{"available":50.00,"total_deposited":50.00,"total_spent":0.00,"total_orders":0,"currency":"USDT"}')
    expect(Math.abs(parse<BalanceReply>(c).timestamp - nowSeconds())).toBeLessThanOrEqual(2)
  })

  it('the demo account exists by default with 500.00', async () => {
    const s = await startDigetalHubeSim({ speed: 1000 })
    started.push(s)
    expect(DIGETALHUBE_DEMO_KEY).toBe('dh_demo_5f2b9c1e7a')
    expect(s.balance(DIGETALHUBE_DEMO_KEY)).toBe('500.00')
    const c = await call(s, 'balance', { key: DIGETALHUBE_DEMO_KEY })
    expect(parse<BalanceReply>(c).balance.available).toBe(500)
  })
})

describe('products', () => {
  it('is public and lists the seed products exactly, with total and categories', async () => {
    const s = await sim()
    const c = await call(s, 'products', { key: null })
    expect(c.status).toBe(200)
    expect(c.text).toContain('"price_usdt":10.50')
    const reply = parse<ProductsReply>(c)
    expect(reply.products).toEqual([
      { id: 123, title: 'PUBG Mobile 60 UC', description: 'Global PIN', price_usdt: 1.05, stock: 50, in_stock: true, category_id: 1, category_name: 'PUBG Mobile' },
      { id: 456, title: 'iTunes $10 USA', description: 'US Region', price_usdt: 10.5, stock: 25, in_stock: true, category_id: 5, category_name: 'iTunes' }
    ])
    expect(reply.total).toBe(2)
    expect(reply.categories).toEqual([{ id: 1, name: 'PUBG Mobile' }, { id: 5, name: 'iTunes' }])
  })

  it('filters by category_id and in_stock=1|true; rejects a non-integer category_id', async () => {
    const s = await sim()
    s.setStock(456, 0)
    const byCategory = await products(s, '&category_id=5')
    expect(byCategory.products.map((p) => p.id)).toEqual([456])
    expect(byCategory.products[0]?.in_stock).toBe(false)
    expect(byCategory.total).toBe(1)
    expect((await products(s, '&in_stock=1')).products.map((p) => p.id)).toEqual([123])
    expect((await products(s, '&in_stock=true')).products.map((p) => p.id)).toEqual([123])
    expect((await products(s, '&in_stock=0')).products.map((p) => p.id)).toEqual([123, 456])
    await expectError(call(s, 'products&category_id=abc', { key: null }), 400, 'BAD_REQUEST')
  })

  it('default catalog: ~20 products, the seed ids, PUBG 60 UC stocked for a 100-code buy, some out of stock', async () => {
    const s = await startDigetalHubeSim({ speed: 1000 })
    started.push(s)
    const reply = await products(s)
    expect(reply.products.length).toBeGreaterThanOrEqual(18)
    expect(reply.products.find((p) => p.id === 123)).toMatchObject({ title: 'PUBG Mobile 60 UC', price_usdt: 1.05, stock: 5000, category_id: 1, category_name: 'PUBG Mobile' })
    expect(reply.products.find((p) => p.id === 456)).toMatchObject({ title: 'iTunes $10 USA', price_usdt: 10.5, category_id: 5, category_name: 'iTunes' })
    expect(reply.products.filter((p) => !p.in_stock).length).toBeGreaterThanOrEqual(1)
    expect(new Set(reply.products.map((p) => p.id)).size).toBe(reply.products.length)
  })
})

describe('create_order', () => {
  it('reproduces the seed example: 1 × 123 from 50.00 leaves 48.95', async () => {
    const s = await sim()
    const before = nowSeconds()
    const c = await call(s, 'create_order', { body: { product_id: 123, quantity: 1 } })
    expect(c.status).toBe(200)
    expect(c.text).toContain('"balance":{"previous":50.00,"deducted":1.05,"remaining":48.95}')
    const reply = parse<CreateReply>(c)
    expect(reply.success).toBe(true)
    expect(reply.order.order_id).toMatch(/^API-[0-9A-F]{12}-\d{10}$/)
    expect(reply.order).toMatchObject({
      product_id: 123, product_name: 'PUBG Mobile 60 UC', quantity: 1, price_per_unit: 1.05, total_amount: 1.05, currency: 'USDT',
      status: 'processing', message: 'Order created! Balance deducted. Your code is being purchased from the supplier.'
    })
    expect(typeof reply.order.created_at).toBe('number')
    expect(reply.order.created_at).toBeGreaterThanOrEqual(before)
    expect(reply.order.order_id.endsWith(`-${reply.order.created_at}`)).toBe(true)
    expect(reply.tracking).toEqual({
      check_status_url: `${s.baseUrl}/reseller_api.php?action=order_status&order_id=${reply.order.order_id}`,
      poll_interval_seconds: 10,
      note: 'Poll the check_status_url every 10 seconds. Status will change from processing to completed (with codes).'
    })
    expect(s.balance(KEY)).toBe('48.95')
    // The tracking URL really works.
    const tracked = await fetch(reply.tracking.check_status_url, { headers: { 'X-API-Key': KEY } })
    expect(((await tracked.json()) as StatusReply).order.order_id).toBe(reply.order.order_id)
  })

  it('defaults quantity to 1, accepts up to 10, deducts with decimal exactness and reserves stock', async () => {
    const s = await sim({ accounts: [{ apiKey: KEY, balance: '0.30' }] , products: [{ id: 7, title: 'Penny', description: '', priceUsdt: '0.10', stock: 100, categoryId: 1, categoryName: 'X' }] })
    const one = await createOrder(s, 7)
    expect(one.order.quantity).toBe(1)
    // 0.30 − 0.10 − 0.20 must be exactly 0, which binary floats get wrong.
    const two = await createOrder(s, 7, 2)
    expect(two.balance.remaining).toBe(0)
    expect(s.balance(KEY)).toBe('0.00')
    expect((await products(s)).products[0]?.stock).toBe(97)
    const bal = parse<BalanceReply>(await balanceOf(s)).balance
    expect(bal).toMatchObject({ available: 0, total_deposited: 0.3, total_spent: 0.3, total_orders: 2 })
  })

  it('400 MISSING_FIELD, INVALID_QUANTITY, BAD_REQUEST; 404 PRODUCT_NOT_FOUND — and nothing is deducted', async () => {
    const s = await sim()
    await expectError(call(s, 'create_order', { body: { quantity: 1 } }), 400, 'MISSING_FIELD')
    await expectError(call(s, 'create_order', { rawBody: '' }), 400, 'MISSING_FIELD')
    for (const quantity of [0, 11, -1, 2.5, 'two', true]) {
      await expectError(call(s, 'create_order', { body: { product_id: 123, quantity } }), 400, 'INVALID_QUANTITY')
    }
    await expectError(call(s, 'create_order', { rawBody: '{"product_id": 123,' }), 400, 'BAD_REQUEST')
    await expectError(call(s, 'create_order', { body: { product_id: 999_999 } }), 404, 'PRODUCT_NOT_FOUND')
    expect(s.balance(KEY)).toBe('50.00')
    expect(s.orders(KEY)).toHaveLength(0)
  })

  it('400 INSUFFICIENT_STOCK when stock < quantity', async () => {
    const s = await sim()
    s.setStock(123, 3)
    const e = await expectError(call(s, 'create_order', { body: { product_id: 123, quantity: 4 } }), 400, 'INSUFFICIENT_STOCK')
    expect(e.error.message).toContain('Available: 3')
    s.setStock(123, 0)
    await expectError(call(s, 'create_order', { body: { product_id: 123 } }), 400, 'INSUFFICIENT_STOCK')
    expect(s.balance(KEY)).toBe('50.00')
  })

  it('400 INSUFFICIENT_BALANCE with the seed message', async () => {
    const s = await sim({ accounts: [{ apiKey: KEY, balance: '5.00' }] })
    const e = await expectError(call(s, 'create_order', { body: { product_id: 456, quantity: 1 } }), 400, 'INSUFFICIENT_BALANCE')
    expect(e.error.message).toBe('Insufficient balance. Required: $10.50, Available: $5.00. Please deposit more USDT.')
    expect(s.balance(KEY)).toBe('5.00')
    expect((await products(s)).products.find((p) => p.id === 456)?.stock).toBe(25)
  })
})

describe('order lifecycle', () => {
  it('advances through the processing steps in order, then completes', async () => {
    // 1.2 s of real time, 200 ms per step: polled every 20 ms, several steps are seen.
    const s = await sim({ speed: 1, deliveryMs: [1200, 1200] })
    const { order } = await createOrder(s, 123, 2)
    const steps = ['started', 'checking_balance', 'creating_invoice', 'transferring', 'waiting_deposit', 'purchasing']
    const seen: string[] = []
    let final: StatusOrder | undefined
    for (let i = 0; i < 300 && !final; i++) {
      const o = await status(s, order.order_id)
      if (o.status === 'processing') {
        expect(o.status_detail).toBe('processing')
        expect(o.message.length).toBeGreaterThan(0)
        expect(o.codes).toBeUndefined()
        expect(steps).toContain(o.processing_step)
        if (seen.at(-1) !== o.processing_step) seen.push(o.processing_step ?? '')
      } else {
        final = o
      }
      await sleep(20)
    }
    expect(seen[0]).toBe('started')
    expect(seen.length).toBeGreaterThanOrEqual(4)
    const indices = seen.map((step) => steps.indexOf(step))
    expect([...indices].sort((a, b) => a - b)).toEqual(indices)
    expect(final?.status).toBe('completed')
  })

  it('completed: exactly quantity codes, realistic, unique, stable across reads and in issuedCodes', async () => {
    const s = await sim()
    const { order } = await createOrder(s, 123, 3)
    await sleep(5)
    const first = await waitFinal(s, order.order_id)
    expect(first).toMatchObject({
      order_id: order.order_id, product_id: 123, product_name: 'PUBG Mobile 60 UC', quantity: 3, amount: 3.15, currency: 'USDT',
      status: 'completed', status_detail: 'completed', message: 'Order completed! Your codes are ready.'
    })
    expect(first.processing_step).toBeUndefined()
    expect(first.codes).toHaveLength(3)
    for (const code of first.codes ?? []) expect(code).toMatch(/^PUBG-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    expect(new Set(first.codes).size).toBe(3)
    const again = await status(s, order.order_id)
    expect(again.codes).toEqual(first.codes)
    const list = parse<MyOrdersReply>(await call(s, 'my_orders'))
    expect(list.orders[0]?.codes).toEqual(first.codes)
    expect(s.issuedCodes(KEY)).toEqual(first.codes)
    expect(s.orders(KEY)[0]).toMatchObject({ orderId: order.order_id, status: 'completed', quantity: 3, productId: 123, codes: first.codes, refunded: false, refundAmount: null })
  })

  it('a 100-code PUBG buy on the default catalog gives 100 unique codes across 10 orders', async () => {
    const s = await startDigetalHubeSim({ speed: 1000, deliveryMs: [60, 180], seed: 3, rateLimits: false })
    started.push(s)
    const ids: string[] = []
    for (let i = 0; i < 10; i++) ids.push((await createOrder(s, 123, 10, DIGETALHUBE_DEMO_KEY)).order.order_id)
    expect(new Set(ids).size).toBe(10)
    await sleep(5)
    const codes: string[] = []
    for (const id of ids) codes.push(...((await waitFinal(s, id, DIGETALHUBE_DEMO_KEY)).codes ?? []))
    expect(codes).toHaveLength(100)
    expect(new Set(codes).size).toBe(100)
    expect([...s.issuedCodes(DIGETALHUBE_DEMO_KEY)].sort()).toEqual([...codes].sort())
    expect(s.balance(DIGETALHUBE_DEMO_KEY)).toBe('395.00')
  })

  it('error: the minimal object, balance and stock refunded to the cent, also without polling the order', async () => {
    const s = await sim({ failureRate: 1, accounts: [{ apiKey: KEY, balance: '20.00' }] })
    const { order, balance } = await createOrder(s, 123, 7)
    expect(balance.remaining).toBe(12.65)
    await sleep(5)
    // The balance endpoint alone already reflects the refund (lazy settlement on every read).
    const bal = await balanceOf(s)
    expect(bal.text).toContain('"available":20.00,"total_deposited":20.00,"total_spent":0.00,"total_orders":1')
    expect(s.balance(KEY)).toBe('20.00')
    expect((await products(s)).products.find((p) => p.id === 123)?.stock).toBe(50)

    const c = await call(s, `order_status&order_id=${order.order_id}`)
    expect(c.text).toContain('"refund_amount":7.35')
    const o = parse<StatusReply>(c).order
    expect(Object.keys(o).sort()).toEqual(['message', 'order_id', 'refund_amount', 'refunded', 'status'])
    expect(o).toMatchObject({ order_id: order.order_id, status: 'error', refunded: true, refund_amount: 7.35 })
    expect(o.message).toMatch(/refunded/)

    const listed = parse<MyOrdersReply>(await call(s, 'my_orders')).orders[0]
    expect(listed).toMatchObject({ order_id: order.order_id, status: 'error', refunded: true, refund_amount: 7.35, amount: 7.35 })
    expect(listed?.codes).toBeUndefined()
    expect(s.orders(KEY)[0]).toMatchObject({ status: 'error', refunded: true, refundAmount: '7.35', codes: [] })
    expect(s.issuedCodes(KEY)).toEqual([])
  })

  it('order_status: 400 MISSING_FIELD; 404 ORDER_NOT_FOUND for unknown ids and other keys\' orders', async () => {
    const s = await sim()
    await expectError(call(s, 'order_status'), 400, 'MISSING_FIELD')
    await expectError(call(s, 'order_status&order_id='), 400, 'MISSING_FIELD')
    await expectError(call(s, 'order_status&order_id=API-000000000000-1711368000'), 404, 'ORDER_NOT_FOUND')
    const { order } = await createOrder(s, 123, 1, OTHER_KEY)
    await expectError(call(s, `order_status&order_id=${order.order_id}`, { key: KEY }), 404, 'ORDER_NOT_FOUND')
    expect((await status(s, order.order_id, OTHER_KEY)).order_id).toBe(order.order_id)
  })

  it('the same seed gives the same order ids and codes', async () => {
    const run = async (): Promise<string[]> => {
      const s = await sim({ seed: 99 })
      const { order } = await createOrder(s, 456, 2)
      await sleep(5)
      const done = await waitFinal(s, order.order_id)
      return [order.order_id.slice(0, 16), ...(done.codes ?? [])]
    }
    const a = await run()
    expect(a).toHaveLength(3)
    expect(await run()).toEqual(a)
  })
})

describe('my_orders and the seed quirks', () => {
  it('newest first, limit/offset paging, limit clamped to 1–100', async () => {
    const s = await sim()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push((await createOrder(s, 123, i + 1)).order.order_id)
    const all = parse<MyOrdersReply>(await call(s, 'my_orders'))
    expect(all.orders.map((o) => o.order_id)).toEqual([...ids].reverse())
    expect(all).toMatchObject({ total: 3, limit: 50, offset: 0 })
    const page = parse<MyOrdersReply>(await call(s, 'my_orders&limit=1&offset=1'))
    expect(page.orders.map((o) => o.order_id)).toEqual([ids[1]])
    expect(page).toMatchObject({ total: 3, limit: 1, offset: 1 })
    expect(parse<MyOrdersReply>(await call(s, 'my_orders&limit=500')).limit).toBe(100)
    expect(parse<MyOrdersReply>(await call(s, 'my_orders&limit=0')).limit).toBe(1)
    // The other key sees none of these.
    expect(parse<MyOrdersReply>(await call(s, 'my_orders', { key: OTHER_KEY })).total).toBe(0)
  })

  it('created_at: a number in create_order, "YYYY-MM-DD HH:MM:SS" (UTC) in my_orders; total_amount vs amount', async () => {
    const s = await sim()
    const created = await createOrder(s, 456, 2)
    expect(typeof created.order.created_at).toBe('number')
    expect(created.order.total_amount).toBe(21)
    const listed = parse<MyOrdersReply>(await call(s, 'my_orders')).orders[0]
    expect(listed?.created_at).toBe(new Date(created.order.created_at * 1000).toISOString().slice(0, 19).replace('T', ' '))
    expect(listed?.amount).toBe(21)
    expect(listed?.total_amount).toBeUndefined()
    const st = await status(s, created.order.order_id)
    expect(st.amount).toBe(21)
    expect(st.total_amount).toBeUndefined()
  })
})

describe('rate limits', () => {
  it('default: 60/min per key on authenticated actions, 30/min per IP on products, with Retry-After', async () => {
    const s = await sim()
    for (let i = 0; i < 60; i++) expect((await balanceOf(s)).status).toBe(200)
    const limited = await balanceOf(s)
    await expectError(Promise.resolve(limited), 429, 'RATE_LIMITED')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    // Per key: the other account is not affected, and products have their own (per-IP) budget.
    expect((await balanceOf(s, OTHER_KEY)).status).toBe(200)
    for (let i = 0; i < 30; i++) expect((await call(s, 'products', { key: null })).status).toBe(200)
    const productsLimited = await call(s, 'products', { key: null })
    await expectError(Promise.resolve(productsLimited), 429, 'RATE_LIMITED')
    expect(Number(productsLimited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
  })

  it('is configurable and can be disabled', async () => {
    const s = await sim({ rateLimits: { authenticatedPerMinute: 2, productsPerMinute: 1 } })
    expect((await balanceOf(s)).status).toBe(200)
    expect((await call(s, 'my_orders')).status).toBe(200)
    await expectError(balanceOf(s), 429, 'RATE_LIMITED')
    expect((await call(s, 'products', { key: null })).status).toBe(200)
    await expectError(call(s, 'products', { key: null }), 429, 'RATE_LIMITED')

    const free = await sim({ rateLimits: false })
    for (let i = 0; i < 80; i++) expect((await balanceOf(free)).status).toBe(200)
  })
})

describe('fault injection', () => {
  it('http429 / http500 / http502 / http503 answer with the seed envelopes and commit nothing', async () => {
    const s = await sim()
    s.faults.inject({ action: 'balance', kind: 'http429' })
    const limited = await balanceOf(s)
    await expectError(Promise.resolve(limited), 429, 'RATE_LIMITED')
    expect(limited.headers.get('retry-after')).toBe('1')

    s.faults.inject({ action: 'create_order', kind: 'http500' })
    await expectError(call(s, 'create_order', { body: { product_id: 123 } }), 500, 'ORDER_CREATION_FAILED')
    s.faults.inject({ action: 'my_orders', kind: 'http500' })
    await expectError(call(s, 'my_orders'), 500, 'SERVICE_ERROR')
    s.faults.inject({ action: 'create_order', kind: 'http502' })
    await expectError(call(s, 'create_order', { body: { product_id: 123 } }), 502, 'UPSTREAM_ERROR')
    s.faults.inject({ action: 'create_order', kind: 'http503' })
    await expectError(call(s, 'create_order', { body: { product_id: 123 } }), 503, 'SERVICE_ERROR')

    expect(s.orders(KEY)).toHaveLength(0)
    expect(s.balance(KEY)).toBe('50.00')
    expect((await balanceOf(s)).status).toBe(200) // each fault was consumed once
  })

  it('html_error: HTTP 502 with a reverse proxy HTML page', async () => {
    const s = await sim()
    s.faults.inject({ action: 'products', kind: 'html_error' })
    const c = await call(s, 'products', { key: null })
    expectProxyErrorPage(c)
    expect(c.text).toContain('502 Bad Gateway')
    expect(() => JSON.parse(c.text) as unknown).toThrow()
  })

  it('hang: no answer until the client gives up, and nothing is committed', async () => {
    const s = await sim()
    s.faults.inject({ action: 'create_order', kind: 'hang' })
    const t0 = Date.now()
    await expect(call(s, 'create_order', { body: { product_id: 123 }, signal: AbortSignal.timeout(300) })).rejects.toThrow()
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250)
    expect(s.orders(KEY)).toHaveLength(0)
    expect(s.balance(KEY)).toBe('50.00')
    expect((await call(s, 'create_order', { body: { product_id: 123 } })).status).toBe(200)
  })

  it('drop_after_commit: the order exists and is paid for, the client sees the connection die', async () => {
    const s = await sim()
    s.faults.inject({ action: 'create_order', kind: 'drop_after_commit' })
    await expect(call(s, 'create_order', { body: { product_id: 456, quantity: 2 } })).rejects.toThrow()
    expect(s.balance(KEY)).toBe('29.00')
    const [order] = s.orders(KEY)
    expect(order).toMatchObject({ productId: 456, quantity: 2, totalAmount: '21.00' })
    // Recovery sees it in my_orders, and it completes like any other order.
    const listed = parse<MyOrdersReply>(await call(s, 'my_orders')).orders
    expect(listed.map((o) => o.order_id)).toEqual([order?.orderId])
    await sleep(5)
    expect((await waitFinal(s, order?.orderId ?? '')).codes).toHaveLength(2)
  })

  it('slow_after_commit: committed at once, the reply held back (30 s) past the client timeout', async () => {
    const s = await sim()
    s.faults.inject({ action: 'create_order', kind: 'slow_after_commit' })
    await expect(call(s, 'create_order', { body: { product_id: 123 }, signal: AbortSignal.timeout(400) })).rejects.toThrow()
    expect(s.orders(KEY)).toHaveLength(1)
    expect(s.balance(KEY)).toBe('48.95')
  })

  it('malformed_json: HTTP 200 with a body no JSON parser accepts; a create is committed', async () => {
    const s = await sim()
    s.faults.inject({ action: 'create_order', kind: 'malformed_json', times: 4 })
    for (let i = 0; i < 4; i++) {
      const c = await call(s, 'create_order', { body: { product_id: 123 } })
      expectGarbledJson(c)
    }
    expect(s.orders(KEY)).toHaveLength(4)
    expect(s.balance(KEY)).toBe('45.80')
    expect((await call(s, 'create_order', { body: { product_id: 123 } })).status).toBe(200)
  })

  it('faults apply before normal handling and only to their own action; "*" matches all; times counts', async () => {
    const s = await sim()
    s.faults.inject({ action: 'create_order', kind: 'http503', times: 2 })
    expect((await balanceOf(s)).status).toBe(200) // not consumed by another action
    await expectError(call(s, 'create_order', { body: { product_id: 123 } }), 503, 'SERVICE_ERROR')
    await expectError(call(s, 'create_order', { body: { product_id: 123 } }), 503, 'SERVICE_ERROR')
    expect((await call(s, 'create_order', { body: { product_id: 123 } })).status).toBe(200)

    s.faults.inject({ action: 'balance', kind: 'http502' })
    await expectError(call(s, 'balance', { key: null }), 502, 'UPSTREAM_ERROR') // before auth

    s.faults.inject({ action: '*', kind: 'http429', times: 2 })
    await expectError(call(s, 'products', { key: null }), 429, 'RATE_LIMITED')
    await expectError(call(s, 'my_orders'), 429, 'RATE_LIMITED')
    expect((await call(s, 'my_orders')).status).toBe(200)
  })

  it('setRandom rolls seeded dice; probability 0 and clear() turn it off', async () => {
    const s = await sim()
    s.faults.setRandom('balance', 'http503', 1)
    for (let i = 0; i < 3; i++) expect((await balanceOf(s)).status).toBe(503)
    expect((await call(s, 'my_orders')).status).toBe(200)
    s.faults.setRandom('balance', 'http503', 0)
    expect((await balanceOf(s)).status).toBe(200)

    s.faults.setRandom('*', 'http502', 0.5)
    await expectRandomFaults(() => call(s, 'products', { key: null }), 502)
    s.faults.clear()
    expect((await balanceOf(s)).status).toBe(200)
  })
})

describe('close()', () => {
  it('ends hanging and slow requests, stops listening and leaves no timers', async () => {
    const s = await sim()
    s.faults.inject({ action: 'balance', kind: 'hang' })
    s.faults.inject({ action: 'create_order', kind: 'slow_after_commit' })
    // Settled at once, so their (expected) rejections are never unhandled while the test awaits close().
    const hanging = Promise.allSettled([call(s, 'balance')])
    const slow = Promise.allSettled([call(s, 'create_order', { body: { product_id: 123 } })])
    for (let i = 0; i < 100 && s.orders(KEY).length === 0; i++) await sleep(5)
    expect(s.orders(KEY)).toHaveLength(1)
    const withSlowReply = activeTimeouts()

    await expectCloseEndsRequests(s, hanging, slow)
    expect(activeTimeouts()).toBeLessThan(withSlowReply)
    await expect(fetch(`${s.baseUrl}/reseller_api.php?action=products`)).rejects.toThrow()
    // State stays readable for the test's assertions after close.
    expect(s.balance(KEY)).toBe('48.95')
  })
})

describe('DigetalHube simulator: holding requests (tests drive orders to known states)', () => {
  it('holds a create until released: nothing is committed while held, the order exists after', async () => {
    const s = await sim()
    s.faults.hold('create_order')
    const pending = createOrder(s, 123, 1)
    await s.faults.whenHeld('create_order')
    expect(s.faults.heldCount('create_order')).toBe(1)
    expect(s.orders(KEY)).toHaveLength(0)
    // Other actions pass.
    expect((await call(s, 'balance')).status).toBe(200)
    s.faults.release('create_order')
    const { order } = await pending
    expect(s.orders(KEY).map((o) => o.orderId)).toEqual([order.order_id])
  })

  it('holds only the reply after commit: the order exists while the create is still unanswered', async () => {
    const s = await sim()
    s.faults.hold('create_order', 'after_commit')
    const pending = createOrder(s, 123, 1)
    await s.faults.whenHeld('create_order')
    expect(s.orders(KEY)).toHaveLength(1)
    s.faults.release('create_order')
    const { order } = await pending
    expect(s.orders(KEY).map((o) => o.orderId)).toEqual([order.order_id])
  })

  it('drops a held create whose client gave up: it never reaches the supplier', async () => {
    const s = await sim()
    s.faults.hold('create_order')
    const abort = new AbortController()
    const pending = call(s, 'create_order', { body: { product_id: 123, quantity: 1 }, signal: abort.signal })
    await s.faults.whenHeld('create_order')
    abort.abort()
    await expect(pending).rejects.toThrow()
    await expect.poll(() => s.faults.heldCount('create_order')).toBe(0)
    s.faults.release('create_order')
    expect(s.orders(KEY)).toHaveLength(0)
  })
})
