// The AI Digital Tools simulator against seed 001 (and its [assume]s in UPSTREAMS.md §2), over real HTTP with plain fetch.
import { describe, expect, it } from 'vitest'
import {
  AIDIGITALTOOLS_DEMO_KEY,
  AIDIGITALTOOLS_PRODUCT_IDS as P,
  AIDIGITALTOOLS_REVOKED_KEY,
  startAiDigitalToolsSim,
  type AiDigitalToolsSim,
  type AiDigitalToolsSimOptions,
  type AiDigitalToolsSimProduct
} from '../../src/sim/aidigitaltools'
import { activeTimeouts, bodyText, type Called, closedAfterEach, expectCloseEndsRequests, expectGarbledJson, expectProxyErrorPage, expectRandomFaults, fetchCalled, parse, sleep } from './support'

// ---------- reply shapes (what the seed documents) ----------
interface ErrorReply { error: string }
interface BalanceReply { balance: number; discount_percent: number; rate_limit_per_minute: number }
interface ListedProduct {
  id: string; name: string; description: string; price: number; stock: number; category_id: string
  auto_deliver: boolean; your_price: number; your_discount_percent: number
}
interface ProductsReply { products: ListedProduct[]; default_discount_percent: number }
interface Field { name: string; label: string; type: string; required: boolean; placeholder: string | null; pattern: string | null; options?: string[] }
interface ProductReply { product: { id: string; name: string; price: number; stock: number; custom_fields: Field[]; your_price: number; your_discount_percent: number } }
interface Delivery { text: string; image_url?: string | null; video_url?: string | null }
interface CreatedOrder {
  id: string; status: string; product_id: string; product_name: string; quantity: number; unit_price: number; total: number
  customer_ref: string | null; created_at: string; delivery: Delivery | null
}
interface CreateReply { order: CreatedOrder; balance: number }
interface StatusOrder {
  id: string; status: string; product_id: string; product_name: string; quantity: number; total: number; customer_ref: string | null
  created_at: string; delivered_at: string | null; cancel_reason: string | null; delivery: Delivery | null
}
interface CancelReply { order: { id: string; status: string; refunded: number; cancel_reason: string | null }; balance: number }

// ---------- helpers ----------
const KEY = 'adt_test_key_a'
const OTHER_KEY = 'adt_test_key_b'
const REVOKED = 'adt_test_revoked'

const CODE_ITEM: AiDigitalToolsSimProduct = {
  id: 'prod-code', name: 'Product name', description: 'Product description', price: '10.00', stock: 25, categoryId: 'cat-1', autoDeliver: true, codeFormat: 'CODE-####-####'
}
const TOPUP: AiDigitalToolsSimProduct = {
  id: 'prod-topup', name: 'PUBG Mobile 60 UC (Player ID top-up)', description: 'Top-up', price: '0.99', stock: 1000, categoryId: 'cat-2', autoDeliver: false,
  customFields: [{ name: 'player_id', label: 'Player ID', type: 'text', required: true, placeholder: 'e.g. 5123456789', pattern: '[0-9]{6,12}' }],
  codeFormat: 'PUBG-TX-&&&&&&&&&&'
}
const SELECT: AiDigitalToolsSimProduct = {
  id: 'prod-select', name: 'Genshin 60', description: '', price: '0.99', stock: 100, categoryId: 'cat-2', autoDeliver: true, discountPercent: 5,
  customFields: [
    { name: 'uid', label: 'UID', type: 'text', required: true, pattern: '[0-9]{9}' },
    { name: 'server', label: 'Server', type: 'select', required: true, options: ['America', 'Europe'] },
    { name: 'note', label: 'Note', type: 'text', required: false }
  ]
}
const PRODUCTS = [CODE_ITEM, TOPUP, SELECT]

const started = closedAfterEach<AiDigitalToolsSim>()

/** A fast sim: manual orders spend 0.06–0.12 ms pending and as long processing at speed 1000, i.e. done by the next request. */
async function sim(opts: AiDigitalToolsSimOptions = {}): Promise<AiDigitalToolsSim> {
  const s = await startAiDigitalToolsSim({
    speed: 1000,
    pendingMs: [60, 120],
    processingMs: [60, 120],
    seed: 42,
    accounts: [
      { apiKey: KEY, balance: '125.50' },
      { apiKey: OTHER_KEY, balance: '100.00', discountPercent: 0 },
      { apiKey: REVOKED, balance: '10.00', revoked: true }
    ],
    products: PRODUCTS,
    ...opts
  })
  started.push(s)
  return s
}

interface CallOptions {
  method?: string
  key?: string | null
  auth?: 'bearer' | 'x-api-key'
  body?: unknown
  rawBody?: string
  signal?: AbortSignal
}

async function call(s: AiDigitalToolsSim, path: string, opts: CallOptions = {}): Promise<Called> {
  const key = opts.key === undefined ? KEY : opts.key
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (key !== null) {
    if ((opts.auth ?? 'bearer') === 'bearer') headers.Authorization = `Bearer ${key}`
    else headers['X-API-Key'] = key
  }
  const body = bodyText(opts)
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  return fetchCalled(`${s.apiBaseUrl}${path}`, { method: opts.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, signal: opts.signal })
}

async function expectError(c: Promise<Called> | Called, status: number, message?: string | RegExp): Promise<string> {
  const got = await c
  expect(got.status, got.text).toBe(status)
  expect(got.headers.get('content-type')).toContain('application/json')
  const reply = parse<ErrorReply>(got)
  expect(Object.keys(reply)).toEqual(['error'])
  expect(typeof reply.error).toBe('string')
  if (typeof message === 'string') expect(reply.error).toBe(message)
  else if (message) expect(reply.error).toMatch(message)
  return reply.error
}

async function create(s: AiDigitalToolsSim, body: Record<string, unknown>, key = KEY): Promise<CreateReply> {
  const c = await call(s, '/orders', { key, body })
  expect(c.status, c.text).toBe(201)
  return parse<CreateReply>(c)
}

async function status(s: AiDigitalToolsSim, orderId: string, key = KEY): Promise<StatusOrder> {
  const c = await call(s, `/orders/${orderId}`, { key })
  expect(c.status, c.text).toBe(200)
  return parse<{ order: StatusOrder }>(c).order
}

async function waitFinal(s: AiDigitalToolsSim, orderId: string, key = KEY): Promise<StatusOrder> {
  for (let i = 0; i < 200; i++) {
    const o = await status(s, orderId, key)
    if (o.status !== 'pending' && o.status !== 'processing') return o
    await sleep(5)
  }
  throw new Error(`order ${orderId} never finished`)
}

const PLAYER = { player_id: '5123456789' }

// ---------- tests ----------
describe('health, routing and auth', () => {
  it('/health answers the seed reply without a key', async () => {
    const s = await sim()
    const c = await call(s, '/health', { key: null })
    expect(c.status).toBe(200)
    expect(parse(c)).toEqual({ success: true, message: 'Reseller API is running successfully', version: 'v1' })
  })

  it('takes the key as Authorization: Bearer or X-API-Key', async () => {
    const s = await sim()
    for (const auth of ['bearer', 'x-api-key'] as const) {
      const c = await call(s, '/balance', { auth })
      expect(c.status).toBe(200)
      expect(parse<BalanceReply>(c).balance).toBe(125.5)
    }
  })

  it('401 without a key or with an unknown one; 403 for a revoked key — on every protected endpoint', async () => {
    const s = await sim()
    const { order } = await create(s, { product_id: 'prod-code' })
    const calls: [string, CallOptions][] = [
      ['/balance', {}],
      ['/products', {}],
      ['/products/prod-code', {}],
      ['/orders', { body: { product_id: 'prod-code' } }],
      [`/orders/${order.id}`, {}],
      [`/orders/${order.id}/cancel`, { body: { reason: 'x' } }]
    ]
    for (const [path, opts] of calls) {
      await expectError(call(s, path, { ...opts, key: null }), 401, /Missing API key/)
      await expectError(call(s, path, { ...opts, key: 'nope' }), 401, 'Invalid API key')
      await expectError(call(s, path, { ...opts, key: REVOKED }), 403, /revoked/)
      await expectError(call(s, path, { ...opts, key: REVOKED, auth: 'x-api-key' }), 403, /revoked/)
    }
    expect(s.orders(REVOKED)).toHaveLength(0)
    expect(s.balance(REVOKED)).toBe('10.00')
    expect((await call(s, '/health', { key: REVOKED })).status).toBe(200)
  })

  it('revokeKey: a working key starts answering 403', async () => {
    const s = await sim()
    expect((await call(s, '/balance')).status).toBe(200)
    s.revokeKey(KEY)
    await expectError(call(s, '/balance'), 403, 'API key revoked. Ask the admin to reissue a new key.')
  })

  it('404 "Route not found" for routes the API does not have (wrong method included)', async () => {
    const s = await sim()
    await expectError(call(s, '/wallet'), 404, 'Route not found')
    await expectError(call(s, '/orders'), 404, 'Route not found') // no order list
    await expectError(call(s, '/orders?customer_ref=x'), 404, 'Route not found')
    await expectError(call(s, '/balance', { method: 'POST', body: {} }), 404, 'Route not found')
    await expectError(call(s, '/products/prod-code', { method: 'DELETE' }), 404, 'Route not found')
  })

  it('outside /api/public/v1 the site answers its HTML page with 200, like the single-page app it is', async () => {
    const s = await sim()
    const res = await fetch(`${s.baseUrl}/balance`, { headers: { Authorization: `Bearer ${KEY}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await res.text()).toContain('<div id="root">')
  })
})

describe('balance and discount', () => {
  it('reports balance, discount_percent and rate_limit_per_minute with the seed number format', async () => {
    const s = await sim()
    expect((await call(s, '/balance')).text).toBe('{"balance":125.5,"discount_percent":10,"rate_limit_per_minute":60}')
    expect((await call(s, '/balance', { key: OTHER_KEY })).text).toBe('{"balance":100,"discount_percent":0,"rate_limit_per_minute":60}')
  })

  it('the demo accounts exist by default: 250.00 at 10 %, and a revoked key', async () => {
    const s = await startAiDigitalToolsSim({ speed: 1000 })
    started.push(s)
    expect(AIDIGITALTOOLS_DEMO_KEY).toBe('adt_live_demo_4f7c2a9e1b6d')
    expect(s.balance(AIDIGITALTOOLS_DEMO_KEY)).toBe('250.00')
    expect(parse<BalanceReply>(await call(s, '/balance', { key: AIDIGITALTOOLS_DEMO_KEY }))).toEqual({ balance: 250, discount_percent: 10, rate_limit_per_minute: 60 })
    await expectError(call(s, '/balance', { key: AIDIGITALTOOLS_REVOKED_KEY }), 403)
  })
})

describe('products', () => {
  it('lists the seed fields with your_price after the account discount (10 → 9), per account', async () => {
    const s = await sim()
    const c = await call(s, '/products')
    expect(c.status).toBe(200)
    const reply = parse<ProductsReply>(c)
    expect(reply.default_discount_percent).toBe(10)
    expect(reply.products[0]).toEqual({
      id: 'prod-code', name: 'Product name', description: 'Product description', price: 10, stock: 25, category_id: 'cat-1',
      auto_deliver: true, your_price: 9, your_discount_percent: 10
    })
    // 0.99 less 10 % is 0.891 → 0.89 to the cent; a product's own 5 % wins over the account's 10 %.
    expect(reply.products.map((p) => [p.id, p.your_price, p.your_discount_percent])).toEqual([
      ['prod-code', 9, 10],
      ['prod-topup', 0.89, 10],
      ['prod-select', 0.94, 5]
    ])
    const other = parse<ProductsReply>(await call(s, '/products', { key: OTHER_KEY }))
    expect(other.products.map((p) => p.your_price)).toEqual([10, 0.99, 0.94])
  })

  it('filters by category_id', async () => {
    const s = await sim()
    expect(parse<ProductsReply>(await call(s, '/products?category_id=cat-2')).products.map((p) => p.id)).toEqual(['prod-topup', 'prod-select'])
    expect(parse<ProductsReply>(await call(s, '/products?category_id=none')).products).toEqual([])
  })

  it('the single product has the seed fields and the custom_fields', async () => {
    const s = await sim()
    expect(parse<ProductReply>(await call(s, '/products/prod-code'))).toEqual({
      product: { id: 'prod-code', name: 'Product name', price: 10, stock: 25, custom_fields: [], your_price: 9, your_discount_percent: 10 }
    })
    expect(parse<ProductReply>(await call(s, '/products/prod-topup')).product.custom_fields).toEqual([
      { name: 'player_id', label: 'Player ID', type: 'text', required: true, placeholder: 'e.g. 5123456789', pattern: '[0-9]{6,12}' }
    ])
    expect(parse<ProductReply>(await call(s, '/products/prod-select')).product.custom_fields[1]).toEqual({
      name: 'server', label: 'Server', type: 'select', required: true, placeholder: null, pattern: null, options: ['America', 'Europe']
    })
    await expectError(call(s, '/products/nope'), 404, 'Product not found')
  })

  it('default catalog: ~18 products with UUID ids, auto and manual ones, custom fields, one out of stock', async () => {
    const s = await startAiDigitalToolsSim({ speed: 1000 })
    started.push(s)
    const reply = parse<ProductsReply>(await call(s, '/products', { key: AIDIGITALTOOLS_DEMO_KEY }))
    expect(reply.products.length).toBeGreaterThanOrEqual(16)
    for (const p of reply.products) expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(reply.products.some((p) => p.auto_deliver)).toBe(true)
    expect(reply.products.some((p) => !p.auto_deliver)).toBe(true)
    expect(reply.products.filter((p) => p.stock === 0).map((p) => p.id)).toEqual([P.grammarly])
    expect(reply.products.find((p) => p.id === P.midjourney)).toMatchObject({ price: 10, your_price: 9 })
    const pubg = parse<ProductReply>(await call(s, `/products/${P.pubg60}`, { key: AIDIGITALTOOLS_DEMO_KEY })).product
    expect(pubg.custom_fields.map((f) => [f.label, f.required])).toEqual([['Player ID', true]])
  })
})

describe('create: auto-delivered', () => {
  it('comes back delivered in the create reply, items one per line, charged your_price × quantity', async () => {
    const s = await sim()
    const before = Date.now()
    const c = await call(s, '/orders', { body: { product_id: 'prod-code', quantity: 3, customer_ref: 'rd0123456789abcdef01234567', custom_data: {} } })
    expect(c.status).toBe(201)
    expect(c.text).toContain('"unit_price":9,"total":27,')
    expect(c.text).toMatch(/"balance":98\.5}$/)
    const { order, balance } = parse<CreateReply>(c)
    expect(balance).toBe(98.5)
    expect(order).toMatchObject({
      status: 'delivered', product_id: 'prod-code', product_name: 'Product name', quantity: 3, unit_price: 9, total: 27, customer_ref: 'rd0123456789abcdef01234567'
    })
    expect(order.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(Date.parse(order.created_at)).toBeGreaterThanOrEqual(before - 1)
    expect(order.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    expect(Object.keys(order.delivery ?? {})).toEqual(['text'])
    const items = (order.delivery?.text ?? '').split('\n')
    expect(items).toHaveLength(3)
    for (const item of items) expect(item).toMatch(/^CODE-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    expect(new Set(items).size).toBe(3)
    expect(s.issuedCodes(KEY)).toEqual(items)
    expect(s.balance(KEY)).toBe('98.50')

    // GET: no unit_price; delivered_at, cancel_reason and the full delivery object.
    const st = await status(s, order.id)
    expect(st).toEqual({
      id: order.id, status: 'delivered', product_id: 'prod-code', product_name: 'Product name', quantity: 3, total: 27,
      customer_ref: 'rd0123456789abcdef01234567', created_at: order.created_at, delivered_at: order.created_at, cancel_reason: null,
      delivery: { text: order.delivery?.text, image_url: null, video_url: null }
    })
    // Stock is taken.
    expect(parse<ProductReply>(await call(s, '/products/prod-code')).product.stock).toBe(22)
  })

  it('quantity defaults to 1; customer_ref and custom_data are optional', async () => {
    const s = await sim()
    const { order } = await create(s, { product_id: 'prod-code' })
    expect(order).toMatchObject({ quantity: 1, total: 9, customer_ref: null })
    expect(s.orders(KEY)[0]).toMatchObject({ customerRef: null, customData: {}, unitPrice: '9.00', total: '9.00', status: 'delivered' })
  })

  it('deducts to the cent: 3 × 0.89 from 2.67 leaves exactly 0', async () => {
    const s = await sim({ accounts: [{ apiKey: KEY, balance: '2.67' }] })
    const { balance } = await create(s, { product_id: 'prod-topup', quantity: 3, custom_data: PLAYER })
    expect(balance).toBe(0)
    expect(s.balance(KEY)).toBe('0.00')
    await expectError(call(s, '/orders', { body: { product_id: 'prod-topup', custom_data: PLAYER } }), 402)
  })
})

describe('create: manually delivered', () => {
  it('goes pending → processing → delivered over the scaled delay', async () => {
    // Real-time 300 ms pending then 300 ms processing at speed 1.
    const s = await sim({ speed: 1, pendingMs: [300, 300], processingMs: [300, 300] })
    const { order } = await create(s, { product_id: 'prod-topup', quantity: 2, customer_ref: 'rd-1', custom_data: PLAYER })
    expect(order.status).toBe('pending')
    expect(order.delivery).toBeNull()
    expect(order.total).toBe(1.78)
    const seen: string[] = []
    let final: StatusOrder | undefined
    for (let i = 0; i < 200 && !final; i++) {
      const o = await status(s, order.id)
      if (seen.at(-1) !== o.status) seen.push(o.status)
      if (o.status === 'delivered') final = o
      else {
        expect(o.delivery).toBeNull()
        expect(o.delivered_at).toBeNull()
      }
      await sleep(20)
    }
    expect(seen).toEqual(['pending', 'processing', 'delivered'])
    expect(final?.delivery?.text.split('\n')).toHaveLength(2)
    expect(Date.parse(final?.delivered_at ?? '') - Date.parse(order.created_at)).toBeGreaterThanOrEqual(590)
    expect(s.issuedCodes(KEY)).toEqual(final?.delivery?.text.split('\n'))
  })

  it('the same seed gives the same order ids and items', async () => {
    const run = async (): Promise<string[]> => {
      const s = await sim({ seed: 99 })
      const { order } = await create(s, { product_id: 'prod-topup', quantity: 2, custom_data: PLAYER })
      await sleep(5)
      const done = await waitFinal(s, order.id)
      return [order.id, ...(done.delivery?.text.split('\n') ?? [])]
    }
    const a = await run()
    expect(a).toHaveLength(3)
    expect(await run()).toEqual(a)
  })

  it('refundRate 1: the seller refunds instead — status refunded, full amount back, stock back, without polling', async () => {
    const s = await sim({ refundRate: 1 })
    const { order, balance } = await create(s, { product_id: 'prod-topup', quantity: 5, custom_data: PLAYER })
    expect(balance).toBe(121.05)
    await sleep(5)
    expect(parse<BalanceReply>(await call(s, '/balance')).balance).toBe(125.5)
    const o = await status(s, order.id)
    expect(o).toMatchObject({ status: 'refunded', delivery: null, delivered_at: null, total: 4.45 })
    expect(o.cancel_reason).toMatch(/refunded/)
    expect(s.orders(KEY)[0]).toMatchObject({ status: 'refunded', refunded: '4.45', codes: [] })
    expect(parse<ProductReply>(await call(s, '/products/prod-topup')).product.stock).toBe(1000)
    expect(s.issuedCodes(KEY)).toEqual([])
    await expectError(call(s, `/orders/${order.id}/cancel`, { body: { reason: 'x' } }), 400, 'Order cannot be cancelled: it is already refunded.')
  })
})

describe('cancel', () => {
  it('before delivery: cancelled with a full refund, the seed reply shape, stock back', async () => {
    const s = await sim({ speed: 1, pendingMs: [60_000, 60_000] })
    const { order } = await create(s, { product_id: 'prod-topup', quantity: 10, custom_data: PLAYER })
    expect(s.balance(KEY)).toBe('116.60')
    const c = await call(s, `/orders/${order.id}/cancel`, { body: { reason: 'Customer changed their mind' } })
    expect(c.status).toBe(200)
    expect(c.text).toBe(`{"order":{"id":"${order.id}","status":"cancelled","refunded":8.9,"cancel_reason":"Customer changed their mind"},"balance":125.5}`)
    expect(s.balance(KEY)).toBe('125.50')
    expect(parse<ProductReply>(await call(s, '/products/prod-topup')).product.stock).toBe(1000)
    expect(await status(s, order.id)).toMatchObject({ status: 'cancelled', cancel_reason: 'Customer changed their mind', delivery: null })
    expect(s.orders(KEY)[0]).toMatchObject({ status: 'cancelled', refunded: '8.90', codes: [] })
    // Only once.
    await expectError(call(s, `/orders/${order.id}/cancel`, { body: { reason: 'again' } }), 400, 'Order cannot be cancelled: it is already cancelled.')
    expect(s.balance(KEY)).toBe('125.50')
  })

  it('while processing it still cancels; without a reason cancel_reason is null', async () => {
    const s = await sim({ speed: 1, pendingMs: [0, 0], processingMs: [60_000, 60_000] })
    const { order } = await create(s, { product_id: 'prod-topup', custom_data: PLAYER })
    expect((await status(s, order.id)).status).toBe('processing')
    const reply = parse<CancelReply>(await call(s, `/orders/${order.id}/cancel`, { rawBody: '' }))
    expect(reply.order).toEqual({ id: order.id, status: 'cancelled', refunded: 0.89, cancel_reason: null })
  })

  it('refused after delivery (auto-delivered, or delivered by hand meanwhile)', async () => {
    const s = await sim()
    const auto = await create(s, { product_id: 'prod-code' })
    await expectError(call(s, `/orders/${auto.order.id}/cancel`, { body: { reason: 'x' } }), 400, 'Order cannot be cancelled: it is already delivered.')
    const manual = await create(s, { product_id: 'prod-topup', custom_data: PLAYER })
    await sleep(5)
    await expectError(call(s, `/orders/${manual.order.id}/cancel`, { body: {} }), 400, /already delivered/)
    expect(s.balance(KEY)).toBe('115.61')
  })

  it('404 for unknown orders and other keys\' orders; 400 for a reason that is not text', async () => {
    const s = await sim({ speed: 1, pendingMs: [60_000, 60_000] })
    const { order } = await create(s, { product_id: 'prod-topup', custom_data: PLAYER }, OTHER_KEY)
    await expectError(call(s, '/orders/00000000-0000-4000-8000-000000000000/cancel', { body: {} }), 404, 'Order not found')
    await expectError(call(s, `/orders/${order.id}/cancel`, { body: {} }), 404, 'Order not found')
    await expectError(call(s, `/orders/${order.id}`), 404, 'Order not found')
    await expectError(call(s, `/orders/${order.id}/cancel`, { key: OTHER_KEY, body: { reason: 42 } }), 400)
    expect((await status(s, order.id, OTHER_KEY)).status).toBe('pending')
  })
})

describe('create: refusals (nothing deducted, nothing created)', () => {
  it('400 for a bad body, product_id, quantity, customer_ref or custom_data; 404 for an unknown product', async () => {
    const s = await sim()
    await expectError(call(s, '/orders', { rawBody: '{"product_id": "prod-code",' }), 400, 'Invalid JSON body')
    await expectError(call(s, '/orders', { rawBody: '[1]' }), 400, 'Request body must be a JSON object')
    await expectError(call(s, '/orders', { body: { quantity: 1 } }), 400, 'product_id is required')
    await expectError(call(s, '/orders', { body: { product_id: 7 } }), 400, 'product_id is required')
    for (const quantity of [0, 101, -1, 2.5, '2', true]) {
      await expectError(call(s, '/orders', { body: { product_id: 'prod-code', quantity } }), 400, 'quantity must be an integer between 1 and 100')
    }
    await expectError(call(s, '/orders', { body: { product_id: 'prod-code', customer_ref: 12 } }), 400, /customer_ref/)
    await expectError(call(s, '/orders', { body: { product_id: 'prod-code', customer_ref: 'x'.repeat(256) } }), 400, /customer_ref/)
    await expectError(call(s, '/orders', { body: { product_id: 'prod-code', custom_data: 'x' } }), 400, 'custom_data must be an object')
    await expectError(call(s, '/orders', { body: { product_id: 'prod-code', custom_data: { a: { b: 1 } } } }), 400, 'custom_data.a must be text')
    await expectError(call(s, '/orders', { body: { product_id: 'nope' } }), 404, 'Product not found')
    expect(s.orders(KEY)).toHaveLength(0)
    expect(s.balance(KEY)).toBe('125.50')
  })

  it('custom fields: a missing required one or a value that does not fit → 400; right ones are kept with the order', async () => {
    const s = await sim()
    await expectError(call(s, '/orders', { body: { product_id: 'prod-topup' } }), 400, 'Missing required field: Player ID')
    await expectError(call(s, '/orders', { body: { product_id: 'prod-topup', custom_data: { player_id: '  ' } } }), 400, 'Missing required field: Player ID')
    await expectError(call(s, '/orders', { body: { product_id: 'prod-topup', custom_data: { player_id: 'abc123' } } }), 400, 'Invalid value for Player ID')
    await expectError(call(s, '/orders', { body: { product_id: 'prod-topup', custom_data: { player_id: '12345' } } }), 400, 'Invalid value for Player ID')
    await expectError(call(s, '/orders', { body: { product_id: 'prod-select', custom_data: { uid: '123456789' } } }), 400, 'Missing required field: Server')
    await expectError(call(s, '/orders', { body: { product_id: 'prod-select', custom_data: { uid: '123456789', server: 'Asia' } } }), 400, /Invalid value for Server/)
    expect(s.orders(KEY)).toHaveLength(0)
    expect(s.balance(KEY)).toBe('125.50')

    await create(s, { product_id: 'prod-topup', custom_data: { player_id: 5123456789 } })
    await create(s, { product_id: 'prod-select', custom_data: { uid: '123456789', server: 'Europe', extra: 'ignored' } })
    expect(s.orders(KEY).map((o) => o.customData)).toEqual([{ player_id: '5123456789' }, { uid: '123456789', server: 'Europe', extra: 'ignored' }])
  })

  it('409 out of stock when stock < quantity', async () => {
    const s = await sim()
    s.setStock('prod-code', 3)
    await expectError(call(s, '/orders', { body: { product_id: 'prod-code', quantity: 4 } }), 409, 'Out of stock. Requested 4, available 3.')
    s.setStock('prod-code', 0)
    await expectError(call(s, '/orders', { body: { product_id: 'prod-code' } }), 409)
    expect(s.balance(KEY)).toBe('125.50')
  })

  it('402 insufficient balance, with both amounts', async () => {
    const s = await sim({ accounts: [{ apiKey: KEY, balance: '20.00' }] })
    await expectError(call(s, '/orders', { body: { product_id: 'prod-code', quantity: 3 } }), 402, 'Insufficient wallet balance. Required: 27.00, available: 20.00.')
    expect(s.balance(KEY)).toBe('20.00')
    expect(parse<ProductReply>(await call(s, '/products/prod-code')).product.stock).toBe(25)
  })
})

describe('rate limit', () => {
  it('60 per minute per key by default, with Retry-After; other keys and /health unaffected', async () => {
    const s = await sim()
    for (let i = 0; i < 60; i++) expect((await call(s, '/balance')).status).toBe(200)
    const limited = await call(s, '/products')
    await expectError(limited, 429, /Rate limit exceeded \(60 requests per minute\)/)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await call(s, '/balance', { key: OTHER_KEY })).status).toBe(200)
    expect((await call(s, '/health', { key: null })).status).toBe(200)
  })

  it('per account, reported by /balance; overridable and can be disabled', async () => {
    const s = await sim({ accounts: [{ apiKey: KEY, balance: '1.00', rateLimitPerMinute: 3 }] })
    expect(parse<BalanceReply>(await call(s, '/balance')).rate_limit_per_minute).toBe(3)
    expect((await call(s, '/balance')).status).toBe(200)
    expect((await call(s, '/balance')).status).toBe(200)
    await expectError(call(s, '/balance'), 429)

    const scaled = await sim({ rateLimits: { perMinute: 2 } })
    expect(parse<BalanceReply>(await call(scaled, '/balance')).rate_limit_per_minute).toBe(2)
    expect((await call(scaled, '/balance')).status).toBe(200)
    await expectError(call(scaled, '/balance'), 429)

    const free = await sim({ rateLimits: false })
    for (let i = 0; i < 80; i++) expect((await call(free, '/balance')).status).toBe(200)
  })
})

describe('fault injection', () => {
  it('http429 / http500 / http502 / http503 answer with the API\'s error body and commit nothing', async () => {
    const s = await sim()
    s.faults.inject({ action: 'balance', kind: 'http429' })
    const limited = await call(s, '/balance')
    await expectError(limited, 429, 'Too many requests')
    expect(limited.headers.get('retry-after')).toBe('1')
    for (const [kind, code] of [['http500', 500], ['http502', 502], ['http503', 503]] as const) {
      s.faults.inject({ action: 'create_order', kind })
      await expectError(call(s, '/orders', { body: { product_id: 'prod-code' } }), code)
    }
    expect(s.orders(KEY)).toHaveLength(0)
    expect(s.balance(KEY)).toBe('125.50')
    expect((await call(s, '/balance')).status).toBe(200)
  })

  it('html_error: HTTP 502 with a reverse proxy HTML page', async () => {
    const s = await sim()
    s.faults.inject({ action: 'product', kind: 'html_error' })
    const c = await call(s, '/products/prod-code')
    expectProxyErrorPage(c)
    expect(() => JSON.parse(c.text) as unknown).toThrow()
  })

  it('hang: no answer until the client gives up, and nothing is committed', async () => {
    const s = await sim()
    s.faults.inject({ action: 'create_order', kind: 'hang' })
    const t0 = Date.now()
    await expect(call(s, '/orders', { body: { product_id: 'prod-code' }, signal: AbortSignal.timeout(300) })).rejects.toThrow()
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250)
    expect(s.orders(KEY)).toHaveLength(0)
    expect(s.balance(KEY)).toBe('125.50')
  })

  it('drop_after_commit: the order exists and is paid for with our customer_ref; only its id finds it', async () => {
    const s = await sim()
    s.faults.inject({ action: 'create_order', kind: 'drop_after_commit' })
    await expect(call(s, '/orders', { body: { product_id: 'prod-code', quantity: 2, customer_ref: 'rd-lost-1' } })).rejects.toThrow()
    expect(s.balance(KEY)).toBe('107.50')
    const [order] = s.orders(KEY)
    expect(order).toMatchObject({ productId: 'prod-code', quantity: 2, total: '18.00', customerRef: 'rd-lost-1', status: 'delivered' })
    expect(await status(s, order?.orderId ?? '')).toMatchObject({ customer_ref: 'rd-lost-1', status: 'delivered' })
  })

  it('slow_after_commit: committed at once, the reply held back past the client timeout', async () => {
    const s = await sim()
    s.faults.inject({ action: 'create_order', kind: 'slow_after_commit' })
    await expect(call(s, '/orders', { body: { product_id: 'prod-code' }, signal: AbortSignal.timeout(400) })).rejects.toThrow()
    expect(s.orders(KEY)).toHaveLength(1)
    expect(s.balance(KEY)).toBe('116.50')
  })

  it('malformed_json: HTTP 200 with a body no JSON parser accepts; a create or a cancel is committed', async () => {
    const s = await sim({ speed: 1, pendingMs: [60_000, 60_000] })
    s.faults.inject({ action: 'create_order', kind: 'malformed_json', times: 2 })
    for (let i = 0; i < 2; i++) {
      const c = await call(s, '/orders', { body: { product_id: 'prod-topup', custom_data: PLAYER } })
      expectGarbledJson(c)
    }
    expect(s.orders(KEY)).toHaveLength(2)
    expect(s.balance(KEY)).toBe('123.72')
    s.faults.inject({ action: 'cancel_order', kind: 'malformed_json' })
    const first = s.orders(KEY)[0]?.orderId ?? ''
    expect((await call(s, `/orders/${first}/cancel`, { body: {} })).status).toBe(200)
    expect(s.balance(KEY)).toBe('124.61')
  })

  it('faults apply before auth and only to their own action; "*" matches all; times counts', async () => {
    const s = await sim()
    s.faults.inject({ action: 'order_status', kind: 'http503', times: 2 })
    const { order } = await create(s, { product_id: 'prod-code' })
    await expectError(call(s, `/orders/${order.id}`, { key: null }), 503)
    await expectError(call(s, `/orders/${order.id}`), 503)
    expect((await call(s, `/orders/${order.id}`)).status).toBe(200)

    s.faults.inject({ action: '*', kind: 'http429', times: 2 })
    await expectError(call(s, '/health', { key: null }), 429)
    await expectError(call(s, '/products'), 429)
    expect((await call(s, '/products')).status).toBe(200)
  })

  it('setRandom rolls seeded dice; probability 0 and clear() turn it off', async () => {
    const s = await sim({ rateLimits: false })
    s.faults.setRandom('balance', 'http503', 1)
    for (let i = 0; i < 3; i++) expect((await call(s, '/balance')).status).toBe(503)
    expect((await call(s, '/products')).status).toBe(200)
    s.faults.setRandom('balance', 'http503', 0)
    expect((await call(s, '/balance')).status).toBe(200)
    s.faults.setRandom('*', 'http502', 0.5)
    await expectRandomFaults(() => call(s, '/health', { key: null }), 502)
    s.faults.clear()
    expect((await call(s, '/balance')).status).toBe(200)
  })
})

describe('close()', () => {
  it('ends hanging and slow requests, stops listening and leaves no timers', async () => {
    const s = await sim()
    s.faults.inject({ action: 'balance', kind: 'hang' })
    s.faults.inject({ action: 'create_order', kind: 'slow_after_commit' })
    const hanging = Promise.allSettled([call(s, '/balance')])
    const slow = Promise.allSettled([call(s, '/orders', { body: { product_id: 'prod-code' } })])
    for (let i = 0; i < 100 && s.orders(KEY).length === 0; i++) await sleep(5)
    expect(s.orders(KEY)).toHaveLength(1)
    const withSlowReply = activeTimeouts()

    await expectCloseEndsRequests(s, hanging, slow)
    expect(activeTimeouts()).toBeLessThan(withSlowReply)
    await expect(fetch(`${s.apiBaseUrl}/health`)).rejects.toThrow()
    expect(s.balance(KEY)).toBe('116.50')
  })
})
