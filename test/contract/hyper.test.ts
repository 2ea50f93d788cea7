// The Hyper Teknoloji adapter against the documented payloads, through a fake HttpClient: what each reply becomes,
// what is refused as unreadable, how every error maps, and how the JWT is kept, renewed and retried.
// Seed 003 prints no reply bodies (its one example is the header `Authorization: Bearer <your_jwt_token>`, checked
// verbatim below); the fixtures carry UPSTREAMS.md §4's shapes field for field, with illustrative values.
import { describe, expect, it } from 'vitest'
import { UpstreamError } from '../../src/core/errors'
import { createHyperAdapter, HYPER_CAPABILITIES, HyperDeliveryWebhook, type HyperOptions } from '../../src/core/providers/hyper'
import { isoSeconds } from '../../src/core/providers/hyper/adapter'
import { KNOWN_ERROR_CODES, parseBalanceShortfall } from '../../src/core/providers/hyper/errors'
import { zIsoDate } from '../../src/core/providers/hyper/schemas'
import { renewAt } from '../../src/core/providers/hyper/token'
import { parseUpstreamJson } from '../../src/core/providers/json'
import type { AdapterContext, CreateOrderRequest, HttpRequest, UpstreamOrder } from '../../src/core/providers/types'
import { expectReadable as expectReadable_, fakeHttp, failure, fixturesOf, type Reply, type Responder } from './support'

const EMAIL = 'bayi@ornek.com.tr'
const PASSWORD = 'S3cret-Parola!'
const REF = 'rd0f1e2d3c4b5a69788796a5b4'
const DETAIL_ID = '1802211'
const CODES = ['PUBG-7KQ2-M9XD-4TPL', 'PUBG-C3VN-8WRE-J5HA', 'PUBG-Z6YB-2FGU-QK9S']
const LOGIN_AT = Date.parse('2026-03-25T12:00:00Z')

const { fixture, edited } = fixturesOf('hyper')

const JWT = (JSON.parse(fixture('login')) as { data: { Token: string } }).data.Token

function editedData(name: string, edit: (data: Record<string, unknown>) => void): string {
  return edited(name, (b) => edit(b.data as Record<string, unknown>))
}

function login(token: string, expiration: string): string {
  return JSON.stringify({ data: { Token: token, Expiration: expiration }, success: true, message: 'Login successful.' })
}

function envelope(errorCode: string, message = 'Something happened.', extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ data: null, success: false, message, errorCode, ...extra })
}

interface World {
  adapter: ReturnType<typeof createHyperAdapter>
  requests: HttpRequest[]
  clock: { now: number }
}

/** Answers "METHOD /path" with a fixture text or reply; the login route answers with the login fixture unless given. */
function routes(table: Record<string, Responder | Reply | string>): Responder {
  return (req) => {
    const key = `${req.method} ${req.path}`
    const r = table[key] ?? (key === 'POST /Login/Customer/Api/Verify' ? fixture('login') : undefined)
    if (r === undefined) throw new Error(`unexpected request ${key}`)
    return typeof r === 'function' ? r(req) : r
  }
}

function world(respond: Responder, opts: HyperOptions = {}, now = LOGIN_AT): World {
  const { http, requests } = fakeHttp(respond)
  const clock = { now }
  const ctx: AdapterContext = {
    baseUrl: 'https://bayi.hyper.example',
    credentials: { kind: 'hyper', email: EMAIL, password: PASSWORD },
    http,
    now: () => new Date(clock.now),
    currency: 'TRY'
  }
  return { adapter: createHyperAdapter(ctx, opts), requests, clock }
}

const logins = (w: World) => w.requests.filter((r) => r.path === '/Login/Customer/Api/Verify').length
const authOf = (r: HttpRequest) => r.headers?.Authorization

function expectReadable(e: UpstreamError): void {
  expectReadable_(e, [PASSWORD, JWT, ...CODES])
}

const ORDER: CreateOrderRequest = { productId: '1001', variantId: '111', quantity: 3, clientRef: REF, fields: {} }

const DELIVERED: UpstreamOrder = {
  upstreamId: DETAIL_ID,
  clientRef: REF,
  productId: '1001',
  variantId: null,
  quantity: 3,
  createdAt: new Date('2026-03-25T12:00:00Z'),
  status: 'completed',
  codes: CODES,
  charged: { amount: '128.7', currency: 'TRY' },
  refunded: null,
  fulfilledQuantity: 3,
  step: null,
  message: null,
  upstreamStatus: 'delivered'
}

describe('Hyper: the documented payloads', () => {
  it('logs in with {Email, Password}, then sends exactly "Authorization: Bearer <jwt>" and h-region-code: TR', async () => {
    const w = world(routes({ 'GET /Account/details': fixture('account-details') }))
    await w.adapter.getBalance()
    expect(w.requests).toEqual([
      {
        method: 'POST',
        path: '/Login/Customer/Api/Verify',
        headers: { 'h-region-code': 'TR' },
        body: { Email: EMAIL, Password: PASSWORD },
        priority: 'high',
        idempotent: true
      },
      { method: 'GET', path: '/Account/details', priority: 'low', headers: { 'h-region-code': 'TR', Authorization: `Bearer ${JWT}` } }
    ])
  })

  it('Account/details → Balance + CreditLimit available, both as exact text', async () => {
    const w = world(routes({ 'GET /Account/details': fixture('account-details') }))
    expect(await w.adapter.getBalance()).toEqual({
      available: { amount: '1750.75', currency: 'TRY' },
      details: { balance: '1250.75', credit_limit: '500' }
    })
  })

  it('Account/details without Currency or CreditLimit → the account currency, nothing added', async () => {
    const w = world(
      routes({
        'GET /Account/details': editedData('account-details', (d) => {
          delete d.Currency
          delete d.CreditLimit
        })
      })
    )
    expect(await w.adapter.getBalance()).toEqual({ available: { amount: '1250.75', currency: 'TRY' }, details: { balance: '1250.75', credit_limit: '0' } })
  })

  it('catalog: categories as paths, types as variants, RequireData as fields (from the detail when the row has none)', async () => {
    const w = world(
      routes({
        'GET /Categories': fixture('categories'),
        'GET /Products': fixture('products'),
        'GET /Categories/11/Types': fixture('category-types-11'),
        'GET /Categories/15/Types': fixture('category-types-15'),
        'GET /Products/1401': fixture('product-detail-1401')
      })
    )
    expect(await w.adapter.listCatalog()).toEqual([
      {
        productId: '1001',
        variantId: '111',
        title: 'PUBG Mobile 60 UC',
        variantName: 'Turkey',
        category: 'Games / PUBG Mobile',
        description: 'E-pin for Turkey region accounts',
        price: { amount: '42.9', currency: 'TRY' },
        stock: 5000,
        inStock: true,
        maxPerOrder: 50,
        fields: []
      },
      {
        productId: '1012',
        variantId: '112',
        title: 'PUBG Mobile 325 UC',
        variantName: 'Global',
        category: 'Games / PUBG Mobile',
        description: 'Global e-pin',
        price: { amount: '219.9', currency: 'TRY' },
        stock: 0,
        inStock: false,
        maxPerOrder: 50,
        fields: []
      },
      {
        productId: '1401',
        variantId: '151',
        title: 'Mobile Legends 86 Diamonds',
        variantName: 'Top-up by player ID',
        category: 'Games / Mobile Legends',
        description: 'Loaded straight onto the player account',
        price: { amount: '37.8', currency: 'TRY' },
        stock: null,
        inStock: true,
        maxPerOrder: 50,
        fields: [
          { name: '21', label: 'Mobile Legends player ID', required: true, pattern: '^[0-9]{6,12}$' },
          { name: '22', label: 'Server (zone) ID', required: true, pattern: '^[0-9]{3,5}$' }
        ]
      },
      {
        productId: '2101',
        variantId: null,
        title: 'Steam Wallet 100 TL',
        variantName: null,
        category: 'Gift Cards / Steam',
        description: '',
        price: { amount: '104.5', currency: 'TRY' },
        stock: 1200,
        inStock: false,
        maxPerOrder: 50,
        fields: []
      }
    ])
    // One login; types only for typed categories; the detail only for the row without RequireData (2101's null is "none").
    expect(w.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /Login/Customer/Api/Verify',
      'GET /Categories',
      'GET /Products',
      'GET /Categories/11/Types',
      'GET /Categories/15/Types',
      'GET /Products/1401'
    ])
  })

  it('Order/create → one basket line with our DeliverID; upstreamId is the OrderDetailID, charged Price × Quantity', async () => {
    const w = world(routes({ 'POST /Order/create': fixture('order-create') }))
    expect(await w.adapter.createOrder(ORDER)).toEqual<UpstreamOrder>({
      upstreamId: DETAIL_ID,
      clientRef: REF,
      productId: '1001',
      variantId: '111',
      quantity: 3,
      createdAt: null,
      status: 'processing',
      codes: [],
      charged: { amount: '128.7', currency: 'TRY' },
      refunded: null,
      fulfilledQuantity: null,
      step: null,
      message: null,
      upstreamStatus: 'processing'
    })
    expect(w.requests[1]).toEqual({
      method: 'POST',
      path: '/Order/create',
      body: { basketData: [{ DeliverID: REF, CustomerStoreProductID: 1001, Quantity: 3, RequireData: [] }] },
      priority: 'high',
      idempotent: false,
      headers: { 'h-region-code': 'TR', Authorization: `Bearer ${JWT}` }
    })
  })

  it('Order/create with inputs: RequireData carries ProductRequireID, the Identifier from the product detail, and the value', async () => {
    const w = world(
      routes({
        'GET /Products/1401': fixture('product-detail-1401'),
        'POST /Order/create': edited('order-create', (b) => {
          const line = (b.data as { details: Record<string, unknown>[] }).details[0]!
          Object.assign(line, { Quantity: 1, Price: '37.80' })
        })
      })
    )
    const o = await w.adapter.createOrder({ productId: '1401', variantId: '151', quantity: 1, clientRef: REF, fields: { '21': ' 12345678 ', '22': '1234' } })
    expect(o.charged).toEqual({ amount: '37.8', currency: 'TRY' })
    expect(w.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /Login/Customer/Api/Verify', 'GET /Products/1401', 'POST /Order/create'])
    expect(w.requests[2]?.body).toEqual({
      basketData: [
        {
          DeliverID: REF,
          CustomerStoreProductID: 1401,
          Quantity: 1,
          RequireData: [
            { ProductRequireID: 21, Identifier: 'PlayerID', Value: '12345678' },
            { ProductRequireID: 22, Identifier: 'ZoneID', Value: '1234' }
          ]
        }
      ]
    })
  })

  it('Order/detail, status 2 → processing', async () => {
    const w = world(routes({ [`GET /Order/detail/${DETAIL_ID}`]: fixture('order-detail-processing') }))
    expect(await w.adapter.getOrder(DETAIL_ID)).toEqual<UpstreamOrder>({
      ...DELIVERED,
      status: 'processing',
      codes: [],
      fulfilledQuantity: null,
      upstreamStatus: 'processing'
    })
    expect(w.requests[1]).toEqual({
      method: 'GET',
      path: `/Order/detail/${DETAIL_ID}`,
      priority: 'high',
      headers: { 'h-region-code': 'TR', Authorization: `Bearer ${JWT}` }
    })
  })

  it('Order/detail, status 1 → completed with the DeliveryData codes (the delivery note stays out of the journal)', async () => {
    const w = world(routes({ [`GET /Order/detail/${DETAIL_ID}`]: fixture('order-detail-delivered') }))
    expect(await w.adapter.getOrder(DETAIL_ID)).toEqual(DELIVERED)
  })

  it('Order/detail, status 0 → cancelled, status 3 → failed; both refunded in full with the note as message', async () => {
    const cancelled = world(routes({ [`GET /Order/detail/${DETAIL_ID}`]: fixture('order-detail-cancelled') }))
    expect(await cancelled.adapter.getOrder(DETAIL_ID)).toEqual<UpstreamOrder>({
      ...DELIVERED,
      status: 'cancelled',
      codes: [],
      refunded: { amount: '128.7', currency: 'TRY' },
      fulfilledQuantity: 0,
      message: "Cancelled at the reseller's request; 128.70 TRY refunded to the balance.",
      upstreamStatus: 'cancelled'
    })
    const removed = world(routes({ [`GET /Order/detail/${DETAIL_ID}`]: fixture('order-detail-removed') }))
    expect(await removed.adapter.getOrder(DETAIL_ID)).toEqual<UpstreamOrder>({
      ...DELIVERED,
      status: 'failed',
      codes: [],
      refunded: { amount: '128.7', currency: 'TRY' },
      fulfilledQuantity: 0,
      message: 'The supplier could not fulfil this order; 128.70 TRY refunded to the balance.',
      upstreamStatus: 'removed'
    })
  })

  it('Order/list → every row, newest first, asked from `since` in whole seconds', async () => {
    const w = world(routes({ 'GET /Order/list': fixture('order-list') }))
    const list = await w.adapter.listOrders!({ since: new Date('2026-03-25T11:59:30.750Z') })
    expect(list).toEqual<UpstreamOrder[]>([
      {
        upstreamId: '1802212',
        clientRef: 'rd99aa88bb77cc66dd55ee44ff',
        productId: '1401',
        variantId: null,
        quantity: 1,
        createdAt: new Date('2026-03-25T12:01:00Z'),
        status: 'processing',
        codes: [],
        charged: { amount: '37.8', currency: 'TRY' },
        refunded: null,
        fulfilledQuantity: null,
        step: null,
        message: null,
        upstreamStatus: 'processing'
      },
      DELIVERED
    ])
    expect(w.requests[1]).toEqual({
      method: 'GET',
      path: '/Order/list',
      query: { page: 1, pageSize: 100, from: '2026-03-25T11:59:30Z' },
      priority: 'high',
      headers: { 'h-region-code': 'TR', Authorization: `Bearer ${JWT}` }
    })
  })

  it('findByClientRef → the row with our DeliverID, or null', async () => {
    const w = world(routes({ 'GET /Order/list': fixture('order-list') }))
    expect(await w.adapter.findByClientRef!(REF, { since: new Date('2026-03-25T11:00:00Z') })).toEqual(DELIVERED)
    expect(await w.adapter.findByClientRef!('rd000000000000000000000000', { since: new Date('2026-03-25T11:00:00Z') })).toBeNull()
  })

  it('Order/cancel → the cancelled line from the reply, refunded', async () => {
    const w = world(routes({ [`POST /Order/cancel/${DETAIL_ID}`]: fixture('order-detail-cancelled') }))
    const o = await w.adapter.cancelOrder!(DETAIL_ID, 'customer changed their mind')
    expect(o.status).toBe('cancelled')
    expect(o.refunded).toEqual({ amount: '128.7', currency: 'TRY' })
    expect(w.requests[1]).toEqual({
      method: 'POST',
      path: `/Order/cancel/${DETAIL_ID}`,
      priority: 'high',
      idempotent: true,
      headers: { 'h-region-code': 'TR', Authorization: `Bearer ${JWT}` }
    })
  })

  it('the delivery webhook bodies parse', () => {
    expect(HyperDeliveryWebhook.parse(parseUpstreamJson(fixture('webhook-delivered')))).toEqual({
      DeliverID: REF,
      OrderDetailID: DETAIL_ID,
      Status: 1,
      DeliveryData: CODES,
      DeliveryNote: ['Your order has been delivered.']
    })
    expect(HyperDeliveryWebhook.parse(parseUpstreamJson(fixture('webhook-cancelled')))).toMatchObject({ Status: 0, DeliveryData: null, DeliveryNote: null })
    expect(HyperDeliveryWebhook.safeParse(parseUpstreamJson(edited('webhook-delivered', (b) => (b.Status = 4)))).success).toBe(false)
  })

  it('declares its capabilities', () => {
    const w = world(routes({}))
    expect(w.adapter.kind).toBe('hyper')
    expect(w.adapter.capabilities).toEqual(HYPER_CAPABILITIES)
    expect(HYPER_CAPABILITIES).toEqual({
      clientReference: true,
      cancel: true,
      listOrders: true,
      supplier: true,
      minQuantityPerOrder: 1,
      maxQuantityPerOrder: 50,
      typicalDeliverySeconds: 15,
      pollIntervalSeconds: 10,
      rateLimits: { default: 60 },
      partialFulfilment: false
    })
    expect(typeof w.adapter.findByClientRef).toBe('function')
    expect(typeof w.adapter.cancelOrder).toBe('function')
    expect(w.adapter.listLedger).toBeUndefined()
  })

  it('another region code goes in h-region-code', async () => {
    const w = world(routes({ 'GET /Account/details': fixture('account-details') }), { regionCode: 'AZ' })
    await w.adapter.getBalance()
    expect(w.requests.map((r) => r.headers?.['h-region-code'])).toEqual(['AZ', 'AZ'])
  })
})

describe('Hyper: the token', () => {
  const balanceRoutes = { 'GET /Account/details': fixture('account-details') }

  it('one login serves every call until shortly before Expiration (60 s), then exactly one renewal', async () => {
    // Expiration 13:00:00 for a login at 12:00:00: renewed from 12:59:00.
    const w = world(routes(balanceRoutes))
    for (let i = 0; i < 5; i++) await w.adapter.getBalance()
    w.clock.now = Date.parse('2026-03-25T12:58:59Z')
    await w.adapter.getBalance()
    expect(logins(w)).toBe(1)
    w.clock.now = Date.parse('2026-03-25T12:59:00Z')
    await w.adapter.getBalance()
    await w.adapter.getBalance()
    expect(logins(w)).toBe(2)
  })

  it('requests arriving while a login is under way share that login', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let n = 0
    const w = world(
      routes({
        ...balanceRoutes,
        'POST /Login/Customer/Api/Verify': async () => {
          n += 1
          await gate
          return login(`jwt-${n}`, '2026-03-25T13:00:00Z')
        }
      })
    )
    const all = Promise.all(Array.from({ length: 8 }, () => w.adapter.getBalance()))
    await new Promise((r) => setTimeout(r, 5))
    release()
    await all
    expect(logins(w)).toBe(1)
    expect(w.requests.filter((r) => r.path === '/Account/details').map(authOf)).toEqual(Array(8).fill('Bearer jwt-1'))
  })

  it('a 401 renews once and repeats the request once, with the new token', async () => {
    let n = 0
    let balanceCalls = 0
    const w = world(
      routes({
        'POST /Login/Customer/Api/Verify': () => login(`jwt-${++n}`, '2026-03-25T13:00:00Z'),
        'GET /Account/details': () => (++balanceCalls === 1 ? { status: 401, text: fixture('error-token-expired') } : fixture('account-details'))
      })
    )
    expect((await w.adapter.getBalance()).available.amount).toBe('1750.75')
    expect(w.requests.map((r) => `${r.path} ${authOf(r) ?? ''}`.trim())).toEqual([
      '/Login/Customer/Api/Verify',
      '/Account/details Bearer jwt-1',
      '/Login/Customer/Api/Verify',
      '/Account/details Bearer jwt-2'
    ])
  })

  it('a 401 on Order/create proves it was not processed: renewed, sent once more, one order', async () => {
    let creates = 0
    const w = world(
      routes({ 'POST /Order/create': () => (++creates === 1 ? { status: 401, text: fixture('error-token-expired') } : fixture('order-create')) })
    )
    expect((await w.adapter.createOrder(ORDER)).upstreamId).toBe(DETAIL_ID)
    expect(creates).toBe(2)
    expect(logins(w)).toBe(2)
  })

  it('a second 401 right after renewing is AUTH_INVALID (no loop); on create nothing was placed', async () => {
    const w = world(routes({ 'POST /Order/create': { status: 401, text: fixture('error-token-expired') } }))
    const e = await failure(w.adapter.createOrder(ORDER))
    expect(e.code).toBe('AUTH_INVALID')
    expect(e.placement).toBe('not_placed')
    expect(e.upstreamCode).toBe('TOKEN_EXPIRED')
    expect(e.message).toBe(
      "Hyper Teknoloji refused ResellerDesk's login token even right after logging in again. Check in the Hyper Teknoloji panel that this account may use the reseller API, or contact the platform owner."
    )
    expect(logins(w)).toBe(2)
    expect(w.requests.filter((r) => r.path === '/Order/create')).toHaveLength(2)
  })

  it('a 401 without a JSON body (a gateway page) is treated the same way', async () => {
    let calls = 0
    const w = world(routes({ 'GET /Account/details': () => (++calls === 1 ? { status: 401, text: '<html>401 Unauthorized</html>' } : fixture('account-details')) }))
    expect((await w.adapter.getBalance()).available.amount).toBe('1750.75')
    expect(logins(w)).toBe(2)
  })

  it('many requests refused with the same expired token cause one login between them', async () => {
    let n = 0
    const w = world(
      routes({
        'POST /Login/Customer/Api/Verify': async () => {
          await new Promise((r) => setTimeout(r, 5))
          return login(`jwt-${++n}`, '2026-03-25T13:00:00Z')
        },
        [`GET /Order/detail/${DETAIL_ID}`]: (req) =>
          authOf(req) === 'Bearer jwt-1' ? { status: 401, text: fixture('error-token-expired') } : fixture('order-detail-delivered')
      })
    )
    await w.adapter.getOrder(DETAIL_ID) // jwt-1 refused, jwt-2 accepted
    expect(logins(w)).toBe(2)
    const results = await Promise.all(Array.from({ length: 6 }, () => w.adapter.getOrder(DETAIL_ID)))
    expect(results.every((o) => o.status === 'completed')).toBe(true)
    expect(logins(w)).toBe(2)
  })

  it('bad credentials → AUTH_INVALID in plain words; on create, not placed', async () => {
    const w = world(routes({ 'POST /Login/Customer/Api/Verify': { status: 401, text: fixture('error-invalid-credentials') } }))
    const e = await failure(w.adapter.getBalance())
    expect(e.code).toBe('AUTH_INVALID')
    expect(e.upstreamCode).toBe('INVALID_CREDENTIALS')
    expect(e.retryable).toBe(false)
    expect(e.message).toBe(
      'Hyper Teknoloji did not accept the e-mail address and password of this account. Check them in the account settings (the password may have been changed).'
    )
    const c = await failure(w.adapter.createOrder(ORDER))
    expect(c.code).toBe('AUTH_INVALID')
    expect(c.placement).toBe('not_placed')
    expect(w.requests.filter((r) => r.path === '/Order/create')).toHaveLength(0)
  })

  it('any 401 from the login itself is about the credentials', async () => {
    const w = world(routes({ 'POST /Login/Customer/Api/Verify': { status: 401, text: fixture('error-token-expired') } }))
    const e = await failure(w.adapter.getBalance())
    expect(e.code).toBe('AUTH_INVALID')
    expect(e.message).toContain('did not accept the e-mail address and password')
    expect(logins(w)).toBe(1)
  })

  it('a failed login never places an order, whatever the transport said', async () => {
    const timeout = new UpstreamError('TIMEOUT', 'Hyper Teknoloji did not answer within 20 seconds.', { placement: 'unknown', retryable: true })
    const w = world(routes({ 'POST /Login/Customer/Api/Verify': () => Promise.reject(timeout) }))
    const e = await failure(w.adapter.createOrder(ORDER))
    expect(e.code).toBe('TIMEOUT')
    expect(e.placement).toBe('not_placed')
    expect(e.retryable).toBe(true)
    const down = world(routes({ 'POST /Login/Customer/Api/Verify': { status: 503, text: envelope('SERVICE_UNAVAILABLE') } }))
    const d = await failure(down.adapter.createOrder(ORDER))
    expect(d.code).toBe('UPSTREAM_UNAVAILABLE')
    expect(d.placement).toBe('not_placed')
    expect(d.retryable).toBe(true)
  })

  it('a garbled login reply is MALFORMED_REPLY, not placed', async () => {
    const w = world(routes({ 'POST /Login/Customer/Api/Verify': editedData('login', (d) => delete d.Token) }))
    const e = await failure(w.adapter.createOrder(ORDER))
    expect(e.code).toBe('MALFORMED_REPLY')
    expect(e.placement).toBe('not_placed')
    expect(e.message).toContain('data.Token is missing')
  })

  it('a token already expired by our clock (clock skew) is used until refused, not renewed before every call', async () => {
    const w = world(routes({ ...balanceRoutes, 'POST /Login/Customer/Api/Verify': login('skewed', '2026-03-25T11:00:00Z') }))
    for (let i = 0; i < 4; i++) await w.adapter.getBalance()
    expect(logins(w)).toBe(1)
  })

  it('renewAt: 60 s before Expiration, or a tenth of a short lifetime', () => {
    expect(renewAt(LOGIN_AT, new Date(LOGIN_AT + 3_600_000), 60_000)).toBe(LOGIN_AT + 3_540_000)
    expect(renewAt(LOGIN_AT, new Date(LOGIN_AT + 200_000), 60_000)).toBe(LOGIN_AT + 180_000)
    expect(renewAt(LOGIN_AT, new Date(LOGIN_AT - 1), 60_000)).toBe(Number.POSITIVE_INFINITY)
  })

  it('never puts the password or the token into a message', async () => {
    const w = world(
      routes({ 'GET /Account/details': { status: 400, text: envelope('VALIDATION_ERROR', `bad header Bearer ${JWT} for ${EMAIL}/${PASSWORD}`) } })
    )
    const e = await failure(w.adapter.getBalance())
    expect(e.message).toContain('Bearer [hidden]')
    expectReadable(e)
  })
})

describe('Hyper: tolerant of extras, strict about what we rely on', () => {
  it('ignores unknown fields everywhere and reads fractional/offset timestamps', async () => {
    const w = world(
      routes({
        'GET /Account/details': edited('account-details', (b) => {
          b.traceId = 'abc'
          ;(b.data as Record<string, unknown>).PendingBalance = 12.5
        }),
        [`GET /Order/detail/${DETAIL_ID}`]: editedData('order-detail-delivered', (d) => {
          d.CreatedDate = '2026-03-25T15:00:00.1234567+03:00'
          d.Supplier = { Name: 'X' }
        })
      })
    )
    expect((await w.adapter.getBalance()).available.amount).toBe('1750.75')
    const o = await w.adapter.getOrder(DETAIL_ID)
    expect(o.codes).toEqual(CODES)
    expect(o.createdAt).toEqual(new Date('2026-03-25T12:00:00.123Z'))
  })

  it('a list page may be a bare array; a delivered row without codes is read in full', async () => {
    const rows = (JSON.parse(fixture('order-list')) as { data: { Orders: Record<string, unknown>[] } }).data.Orders
    rows[1]!.DeliveryData = null
    const w = world(
      routes({
        'GET /Order/list': JSON.stringify({ data: rows, success: true, message: null }),
        [`GET /Order/detail/${DETAIL_ID}`]: fixture('order-detail-delivered')
      })
    )
    const list = await w.adapter.listOrders!({ since: new Date('2026-03-25T11:00:00Z') })
    expect(list[1]).toEqual(DELIVERED)
    expect(w.requests.map((r) => r.path)).toEqual(['/Login/Customer/Api/Verify', '/Order/list', `/Order/detail/${DETAIL_ID}`])
  })

  it('zIsoDate reads the seed format and .NET variants as UTC', () => {
    expect(zIsoDate.parse('2026-03-25T12:00:00Z')).toEqual(new Date('2026-03-25T12:00:00Z'))
    expect(zIsoDate.parse('2026-03-25T12:00:00')).toEqual(new Date('2026-03-25T12:00:00Z'))
    expect(zIsoDate.parse('2026-03-25T12:00:00.5Z')).toEqual(new Date('2026-03-25T12:00:00.500Z'))
    expect(zIsoDate.parse('2026-03-25T14:00:00+0200')).toEqual(new Date('2026-03-25T12:00:00Z'))
    for (const bad of ['25.03.2026 12:00', '2026-13-01T00:00:00Z', '', 'now']) expect(zIsoDate.safeParse(bad).success).toBe(false)
    expect(isoSeconds(new Date('2026-03-25T12:00:00.999Z'))).toBe('2026-03-25T12:00:00Z')
  })

  const detail = `GET /Order/detail/${DETAIL_ID}`
  const malformedCases: [string, () => Promise<unknown>][] = [
    ['balance without Balance', () => world(routes({ 'GET /Account/details': editedData('account-details', (d) => delete d.Balance) })).adapter.getBalance()],
    ['balance as a word', () => world(routes({ 'GET /Account/details': fixture('account-details').replace('1250.75', '"lots"') })).adapter.getBalance()],
    ['success without data', () => world(routes({ 'GET /Account/details': '{"success": true, "message": "Success"}' })).adapter.getBalance()],
    ['a product without Price', () => world(routes({ 'GET /Categories': fixture('categories'), 'GET /Products': edited('products', (b) => delete (b.data as Record<string, unknown>[])[0]!.Price) })).adapter.listCatalog()],
    ['Stock as a string', () => world(routes({ 'GET /Categories': fixture('categories'), 'GET /Products': fixture('products').replace('"Stock": 5000', '"Stock": "5000"') })).adapter.listCatalog()],
    ['an unknown Status', () => world(routes({ [detail]: fixture('order-detail-processing').replace('"Status": 2', '"Status": 7') })).adapter.getOrder(DETAIL_ID)],
    ['a delivered line without DeliveryData', () => world(routes({ [detail]: editedData('order-detail-delivered', (d) => (d.DeliveryData = null)) })).adapter.getOrder(DETAIL_ID)],
    ['a reply about another line', () => world(routes({ 'GET /Order/detail/999': fixture('order-detail-delivered') })).adapter.getOrder('999')],
    ['an unreadable CreatedDate', () => world(routes({ [detail]: fixture('order-detail-processing').replace('2026-03-25T12:00:00Z', '25/03/2026') })).adapter.getOrder(DETAIL_ID)],
    ['an HTML page with 200', () => world(routes({ 'GET /Account/details': '<!doctype html><html><body>Welcome</body></html>' })).adapter.getBalance()],
    ['truncated JSON', () => world(routes({ [detail]: fixture('order-detail-delivered').slice(0, 150) })).adapter.getOrder(DETAIL_ID)],
    ['an empty body', () => world(routes({ 'GET /Categories': '' })).adapter.listCatalog()]
  ]

  it.each(malformedCases)('%s → MALFORMED_REPLY', async (_name, run) => {
    const e = await failure(run())
    expect(e.code).toBe('MALFORMED_REPLY')
    expectReadable(e)
  })

  it('names the field that did not fit, never a value from the reply', async () => {
    const w = world(routes({ [`GET /Order/detail/${DETAIL_ID}`]: editedData('order-detail-delivered', (d) => (d.DeliveryData = [true])) }))
    const e = await failure(w.adapter.getOrder(DETAIL_ID))
    expect(e.message).toContain('data.DeliveryData[0]')
    expectReadable(e)
  })

  it('a garbled Order/create reply means the order may exist: placement unknown', async () => {
    const other = editedData('order-create', (d) => ((d.details as Record<string, unknown>[])[0]!.DeliverID = 'rdffffffffffffffffffffffff'))
    for (const text of ['<html>502 Bad Gateway</html>', fixture('order-create').slice(0, 80), '{"success": true, "data": null}', other]) {
      const w = world(routes({ 'POST /Order/create': text }))
      const e = await failure(w.adapter.createOrder(ORDER))
      expect(e.code).toBe('MALFORMED_REPLY')
      expect(e.placement).toBe('unknown')
      expect(e.message).toContain('ResellerDesk will look it up at Hyper Teknoloji by its reference before buying again.')
    }
  })
})

interface ErrorRow {
  upstream: string
  http: number
  code: string
  retryable: boolean
  createPlacement: 'not_placed' | 'unknown'
  message: RegExp
}

const ERROR_TABLE: ErrorRow[] = [
  { upstream: 'VALIDATION_ERROR', http: 400, code: 'BAD_REQUEST', retryable: false, createPlacement: 'not_placed', message: /problem in ResellerDesk/ },
  { upstream: 'REGION_NOT_SUPPORTED', http: 400, code: 'BAD_REQUEST', retryable: false, createPlacement: 'not_placed', message: /h-region-code/ },
  { upstream: 'INVALID_DELIVER_ID', http: 400, code: 'BAD_REQUEST', retryable: false, createPlacement: 'not_placed', message: /DeliverID/ },
  { upstream: 'METHOD_NOT_ALLOWED', http: 405, code: 'BAD_REQUEST', retryable: false, createPlacement: 'not_placed', message: /wrong HTTP method/ },
  { upstream: 'NOT_FOUND', http: 404, code: 'NOT_FOUND', retryable: false, createPlacement: 'not_placed', message: /web address/ },
  { upstream: 'ACCOUNT_DISABLED', http: 403, code: 'FORBIDDEN', retryable: false, createPlacement: 'not_placed', message: /disabled this reseller account/ },
  { upstream: 'FORBIDDEN', http: 403, code: 'FORBIDDEN', retryable: false, createPlacement: 'not_placed', message: /refused access/ },
  { upstream: 'BASKET_INVALID', http: 400, code: 'UPSTREAM_FAILED', retryable: false, createPlacement: 'not_placed', message: /refused the order\. Nothing was bought/ },
  { upstream: 'INSUFFICIENT_BALANCE', http: 400, code: 'INSUFFICIENT_BALANCE', retryable: false, createPlacement: 'not_placed', message: /Top up/ },
  { upstream: 'PRODUCT_NOT_FOUND', http: 404, code: 'PRODUCT_NOT_FOUND', retryable: false, createPlacement: 'not_placed', message: /no longer sells product 1001\. Refresh the catalog/ },
  { upstream: 'PRODUCT_INACTIVE', http: 400, code: 'OUT_OF_STOCK', retryable: false, createPlacement: 'not_placed', message: /off sale/ },
  { upstream: 'OUT_OF_STOCK', http: 400, code: 'OUT_OF_STOCK', retryable: false, createPlacement: 'not_placed', message: /enough stock for 3 codes/ },
  { upstream: 'INVALID_QUANTITY', http: 400, code: 'INVALID_QUANTITY', retryable: false, createPlacement: 'not_placed', message: /quantity 3.*1 to 50/ },
  { upstream: 'REQUIRE_DATA_MISSING', http: 400, code: 'VALIDATION', retryable: false, createPlacement: 'not_placed', message: /needs more details/ },
  { upstream: 'REQUIRE_DATA_INVALID', http: 400, code: 'VALIDATION', retryable: false, createPlacement: 'not_placed', message: /did not accept the details/ },
  { upstream: 'ORDER_NOT_FOUND', http: 404, code: 'ORDER_NOT_FOUND', retryable: false, createPlacement: 'not_placed', message: /has no (such )?order/ },
  { upstream: 'ORDER_NOT_CANCELLABLE', http: 400, code: 'NOT_CANCELLABLE', retryable: false, createPlacement: 'not_placed', message: /can no longer cancel/ },
  { upstream: 'ORDER_ALREADY_CANCELLED', http: 400, code: 'NOT_CANCELLABLE', retryable: false, createPlacement: 'not_placed', message: /already cancelled/ },
  { upstream: 'CATEGORY_NOT_FOUND', http: 404, code: 'NOT_FOUND', retryable: false, createPlacement: 'not_placed', message: /Refresh the catalog/ },
  { upstream: 'RATE_LIMITED', http: 429, code: 'RATE_LIMITED', retryable: true, createPlacement: 'not_placed', message: /wait 10 seconds/ },
  { upstream: 'INTERNAL_ERROR', http: 500, code: 'UPSTREAM_FAILED', retryable: true, createPlacement: 'unknown', message: /internal error/ },
  { upstream: 'UPSTREAM_UNAVAILABLE', http: 502, code: 'UPSTREAM_UNAVAILABLE', retryable: true, createPlacement: 'unknown', message: /temporarily unavailable/ },
  { upstream: 'SERVICE_UNAVAILABLE', http: 503, code: 'UPSTREAM_UNAVAILABLE', retryable: true, createPlacement: 'unknown', message: /temporarily unavailable/ }
]

describe('Hyper: every error code', () => {
  it('the table covers every code the adapter knows (the token codes are covered by the renewal tests)', () => {
    const tested = new Set([...ERROR_TABLE.map((r) => r.upstream), 'INVALID_CREDENTIALS', 'UNAUTHORIZED', 'TOKEN_EXPIRED', 'TOKEN_INVALID', 'DUPLICATE_DELIVER_ID'])
    expect([...KNOWN_ERROR_CODES].sort()).toEqual([...tested].sort())
  })

  it.each(ERROR_TABLE)('$upstream (HTTP $http) → $code', async (row) => {
    const w = world(
      routes({
        'POST /Order/create': { status: row.http, text: envelope(row.upstream, 'Upstream words.') },
        'GET /Account/details': { status: row.http, text: envelope(row.upstream, 'Upstream words.') }
      })
    )
    const c = await failure(w.adapter.createOrder(ORDER))
    expect(c.code).toBe(row.code)
    expect(c.upstreamCode).toBe(row.upstream)
    expect(c.httpStatus).toBe(row.http)
    expect(c.retryable).toBe(row.retryable)
    expect(c.placement).toBe(row.createPlacement)
    expect(c.message).toMatch(row.message)
    expectReadable(c)
    const b = await failure(w.adapter.getBalance())
    expect(b.code).toBe(row.code)
    expect(b.placement).toBe('not_placed')
    expectReadable(b)
  })

  it('INSUFFICIENT_BALANCE names both amounts as the platform wrote them', async () => {
    const w = world(routes({ 'POST /Order/create': { status: 400, text: fixture('order-create-insufficient-balance') } }))
    const e = await failure(w.adapter.createOrder(ORDER))
    expect(e.message).toBe(
      'Not enough balance at Hyper Teknoloji: this order needs 214.50 TRY but only 100.00 TRY is available. Nothing was bought. Top up your Hyper Teknoloji balance and try again.'
    )
    expect(parseBalanceShortfall('Insufficient balance.')).toBeNull()
  })

  it('a refused basket is explained by its failing line, with the input named as the catalog shows it', async () => {
    const w = world(
      routes({ 'GET /Products/1401': fixture('product-detail-1401'), 'POST /Order/create': { status: 400, text: fixture('order-create-basket-invalid') } })
    )
    const e = await failure(w.adapter.createOrder({ productId: '1401', variantId: '151', quantity: 1, clientRef: REF, fields: { '21': '12345678' } }))
    expect(e.code).toBe('VALIDATION')
    expect(e.upstreamCode).toBe('REQUIRE_DATA_MISSING')
    expect(e.placement).toBe('not_placed')
    expect(e.message).toBe('Hyper Teknoloji needs “Server (zone) ID” for this product. Nothing was bought. Fill it in and try again.')
  })

  it('RATE_LIMITED honours Retry-After', async () => {
    const w = world(routes({ [`GET /Order/detail/${DETAIL_ID}`]: { status: 429, headers: { 'Retry-After': '30' }, text: envelope('RATE_LIMITED') } }))
    const e = await failure(w.adapter.getOrder(DETAIL_ID))
    expect(e.retryAfterMs).toBe(30_000)
    expect(e.message).toBe('Hyper Teknoloji is limiting how fast requests may be sent. ResellerDesk will wait 30 seconds and try again.')
  })

  it('an error envelope with HTTP 200 still counts as a refusal for a 4xx code; a 4xx code with a 5xx status does not', async () => {
    const ok = world(routes({ 'POST /Order/create': { status: 200, text: fixture('order-create-insufficient-balance') } }))
    expect((await failure(ok.adapter.createOrder(ORDER))).placement).toBe('not_placed')
    const odd = world(routes({ 'POST /Order/create': { status: 500, text: envelope('OUT_OF_STOCK') } }))
    const e = await failure(odd.adapter.createOrder(ORDER))
    expect(e.placement).toBe('unknown')
    expect(e.retryable).toBe(true)
  })

  it('an unknown or numeric errorCode goes by its HTTP status', async () => {
    const w = world(
      routes({
        'POST /Order/create': { status: 403, text: envelope('ACCOUNT_SUSPENDED', 'Your account is suspended') },
        'GET /Account/details': { status: 400, text: JSON.stringify({ success: false, message: 'Bad thing.', errorCode: 1042 }) },
        'GET /Categories': { status: 400, text: envelope('toString') }
      })
    )
    const e = await failure(w.adapter.createOrder(ORDER))
    expect(e.code).toBe('FORBIDDEN')
    expect(e.placement).toBe('not_placed')
    expect(e.message).toBe(
      'Hyper Teknoloji refused access for this account. (Hyper Teknoloji said: “Your account is suspended”) Check the account with the platform owner.'
    )
    const b = await failure(w.adapter.getBalance())
    expect(b.upstreamCode).toBe('1042')
    expect(b.message).toBe('Hyper Teknoloji refused the request (HTTP 400). (Hyper Teknoloji said: “Bad thing.”)')
    expect((await failure(w.adapter.listCatalog())).code).toBe('UPSTREAM_FAILED')
  })

  it('a 502/503 HTML page → UPSTREAM_UNAVAILABLE; on create, placement unknown', async () => {
    const page = { status: 502, text: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' }
    const w = world(routes({ 'GET /Account/details': page, 'POST /Order/create': { ...page, status: 503 } }))
    const b = await failure(w.adapter.getBalance())
    expect(b.code).toBe('UPSTREAM_UNAVAILABLE')
    expect(b.message).toBe('Hyper Teknoloji is temporarily unavailable (HTTP 502). Try again in a few minutes.')
    const c = await failure(w.adapter.createOrder(ORDER))
    expect(c.placement).toBe('unknown')
    expectReadable(c)
  })

  it('a 429 that is not Hyper JSON is RATE_LIMITED, and on create it proves nothing', async () => {
    const w = world(routes({ 'POST /Order/create': { status: 429, headers: { 'retry-after': '5' }, text: 'Too Many Requests' } }))
    const e = await failure(w.adapter.createOrder(ORDER))
    expect(e.code).toBe('RATE_LIMITED')
    expect(e.retryAfterMs).toBe(5000)
    expect(e.placement).toBe('unknown')
  })

  it('a 4xx with a body that is not an envelope → MALFORMED_REPLY', async () => {
    const w = world(routes({ 'GET /Account/details': { status: 404, text: '<html>Not Found</html>' } }))
    expect((await failure(w.adapter.getBalance())).code).toBe('MALFORMED_REPLY')
  })
})

describe('Hyper: a DeliverID already in use', () => {
  it('follows the order line the refusal names instead of failing or buying again', async () => {
    const w = world(
      routes({
        'POST /Order/create': { status: 400, text: fixture('order-create-duplicate') },
        [`GET /Order/detail/${DETAIL_ID}`]: fixture('order-detail-delivered')
      })
    )
    expect(await w.adapter.createOrder(ORDER)).toEqual(DELIVERED)
  })

  it('without a named line, looks the DeliverID up in the order list', async () => {
    const w = world(
      routes({
        'POST /Order/create': { status: 409, text: envelope('DUPLICATE_DELIVER_ID', 'Duplicate.') },
        'GET /Order/list': fixture('order-list')
      })
    )
    expect(await w.adapter.createOrder(ORDER)).toEqual(DELIVERED)
    expect(w.requests.find((r) => r.path === '/Order/list')?.query?.from).toBe('2026-02-23T12:00:00Z')
  })

  it('when the look-up fails: DUPLICATE_REFERENCE with placement unknown, so the engine looks again', async () => {
    const w = world(
      routes({
        'POST /Order/create': { status: 400, text: fixture('order-create-duplicate') },
        [`GET /Order/detail/${DETAIL_ID}`]: { status: 503, text: envelope('SERVICE_UNAVAILABLE') }
      })
    )
    const e = await failure(w.adapter.createOrder(ORDER))
    expect(e.code).toBe('DUPLICATE_REFERENCE')
    expect(e.placement).toBe('unknown')
    expect(e.message).toBe(
      "Hyper Teknoloji already has an order with ResellerDesk's reference for this order, so it was not bought a second time. ResellerDesk will look it up by its reference and follow that order instead."
    )
  })
})

describe('Hyper: before and around Order/create', () => {
  it('keeps the client\'s placement on transport failures and adds what happens next', async () => {
    const timeout = new UpstreamError('TIMEOUT', 'Hyper Teknoloji did not answer within 20 seconds.', { placement: 'unknown', retryable: true })
    const w = world(routes({ 'POST /Order/create': () => Promise.reject(timeout) }))
    const e = await failure(w.adapter.createOrder(ORDER))
    expect(e.placement).toBe('unknown')
    expect(e.message).toBe(
      'Hyper Teknoloji did not answer within 20 seconds. The order may have been placed: ResellerDesk will look it up at Hyper Teknoloji by its reference before buying again.'
    )
  })

  it('anything else thrown by the client is NETWORK, unknown placement, without the original (it may hold the token)', async () => {
    const w = world(routes({ 'POST /Order/create': () => Promise.reject(new Error(`boom Authorization: Bearer ${JWT}`)) }))
    const e = await failure(w.adapter.createOrder(ORDER))
    expect(e.code).toBe('NETWORK')
    expect(e.placement).toBe('unknown')
    expect(String((e.cause as Error).message)).not.toContain(JWT)
  })

  it('reading the product\'s inputs fails → nothing was sent, so not placed even after a timeout', async () => {
    const timeout = new UpstreamError('TIMEOUT', 'Hyper Teknoloji did not answer within 20 seconds.', { placement: 'unknown', retryable: true })
    const w = world(routes({ 'GET /Products/1401': () => Promise.reject(timeout) }))
    const e = await failure(w.adapter.createOrder({ productId: '1401', variantId: '151', quantity: 1, clientRef: REF, fields: { '21': '12345678' } }))
    expect(e.placement).toBe('not_placed')
    expect(w.requests.some((r) => r.path === '/Order/create')).toBe(false)
  })

  it('an input the product no longer asks for → VALIDATION, not sent', async () => {
    const w = world(routes({ 'GET /Products/1401': fixture('product-detail-1401') }))
    const e = await failure(w.adapter.createOrder({ productId: '1401', variantId: '151', quantity: 1, clientRef: REF, fields: { '99': 'x' } }))
    expect(e.code).toBe('VALIDATION')
    expect(e.placement).toBe('not_placed')
    expect(w.requests.some((r) => r.path === '/Order/create')).toBe(false)
  })

  it('refuses locally, without sending, what Hyper would refuse', async () => {
    const w = world(routes({}))
    for (const bad of [
      { ...ORDER, quantity: 51, code: 'INVALID_QUANTITY' },
      { ...ORDER, quantity: 0, code: 'INVALID_QUANTITY' },
      { ...ORDER, quantity: 2.5, code: 'INVALID_QUANTITY' },
      { ...ORDER, productId: 'has space', code: 'BAD_REQUEST' },
      { ...ORDER, clientRef: '', code: 'BAD_REQUEST' },
      { ...ORDER, clientRef: 'r'.repeat(65), code: 'BAD_REQUEST' }
    ]) {
      const e = await failure(w.adapter.createOrder(bad))
      expect(e.code).toBe(bad.code)
      expect(e.placement).toBe('not_placed')
    }
    expect(w.requests).toHaveLength(0)
  })

  it('refuses credentials of another kind', () => {
    expect(() =>
      createHyperAdapter({
        baseUrl: 'x',
        credentials: { kind: 'digetalhube', apiKey: 'k' },
        http: { request: () => Promise.reject(new Error('no')) },
        now: () => new Date(),
        currency: 'TRY'
      })
    ).toThrow(/not Hyper Teknoloji credentials/)
  })
})

describe('Hyper: cancel', () => {
  it('already cancelled → the cancelled order, not an error', async () => {
    const w = world(
      routes({
        [`POST /Order/cancel/${DETAIL_ID}`]: { status: 400, text: envelope('ORDER_ALREADY_CANCELLED') },
        [`GET /Order/detail/${DETAIL_ID}`]: fixture('order-detail-cancelled')
      })
    )
    expect((await w.adapter.cancelOrder!(DETAIL_ID, null)).status).toBe('cancelled')
  })

  it('after delivery → NOT_CANCELLABLE naming the order', async () => {
    const w = world(routes({ [`POST /Order/cancel/${DETAIL_ID}`]: { status: 400, text: envelope('ORDER_NOT_CANCELLABLE') } }))
    const e = await failure(w.adapter.cancelOrder!(DETAIL_ID, null))
    expect(e.code).toBe('NOT_CANCELLABLE')
    expect(e.message).toBe(`Hyper Teknoloji can no longer cancel order ${DETAIL_ID}: it has already been delivered or closed.`)
  })

  it('a reply without the line → read it with Order/detail', async () => {
    const w = world(
      routes({
        [`POST /Order/cancel/${DETAIL_ID}`]: '{"data": true, "success": true, "message": "Order cancelled."}',
        [`GET /Order/detail/${DETAIL_ID}`]: fixture('order-detail-cancelled')
      })
    )
    expect((await w.adapter.cancelOrder!(DETAIL_ID, null)).status).toBe('cancelled')
  })
})

describe('Hyper: catalog details', () => {
  it('a category removed while reading (CATEGORY_NOT_FOUND) leaves its products without a type name', async () => {
    const w = world(
      routes({
        'GET /Categories': fixture('categories'),
        'GET /Products': edited('products', (b) => ((b.data as unknown[]).length = 2)),
        'GET /Categories/11/Types': { status: 404, text: envelope('CATEGORY_NOT_FOUND') }
      })
    )
    const list = await w.adapter.listCatalog()
    expect(list.map((p) => [p.productId, p.variantId, p.variantName])).toEqual([
      ['1001', '111', null],
      ['1012', '112', null]
    ])
  })

  it('a category tree with a loop or an unknown parent still gives a path', async () => {
    const w = world(
      routes({
        'GET /Categories': JSON.stringify({
          data: [
            { ID: 1, Name: 'A', ParentID: 2 },
            { ID: 2, Name: 'B', ParentID: 1 },
            { ID: 3, Name: 'C', ParentID: 99 }
          ],
          success: true
        }),
        'GET /Products': JSON.stringify({
          data: [
            { ID: 1, Name: 'P1', CategoryID: 1, Price: 1, RequireData: [] },
            { ID: 2, Name: 'P2', CategoryID: 3, Price: 2, RequireData: [] },
            { ID: 3, Name: 'P3', CategoryID: 77, Price: 3, RequireData: [] }
          ],
          success: true
        })
      })
    )
    const list = await w.adapter.listCatalog()
    expect(list.map((p) => p.category)).toEqual(['B / A', 'C', ''])
  })
})

describe('Hyper: listOrders paging', () => {
  const START = Date.parse('2026-03-25T12:00:00Z')
  function history(n: number) {
    return Array.from({ length: n }, (_, i) => ({
      OrderID: 1000 + i,
      OrderDetailID: 5000 + i,
      DeliverID: `rd${String(i).padStart(24, '0')}`,
      CustomerStoreProductID: 1001,
      Quantity: 1,
      Price: '42.90',
      Status: 2,
      DeliveryData: null,
      DeliveryNote: null,
      CreatedDate: new Date(START - i * 60_000).toISOString().replace('.000Z', 'Z')
    }))
  }
  function pages(all: ReturnType<typeof history>, opts: { shiftAfterFirst?: number; filter?: boolean } = {}): Responder {
    let calls = 0
    return (req) => {
      const page = Number(req.query?.page)
      const size = Number(req.query?.pageSize)
      const from = Date.parse(String(req.query?.from))
      const rows = opts.filter === false ? all : all.filter((r) => Date.parse(r.CreatedDate) >= from)
      const shift = calls++ > 0 ? (opts.shiftAfterFirst ?? 0) : 0
      const start = (page - 1) * size - shift
      return JSON.stringify({ data: { Orders: rows.slice(start, start + size), Page: page, PageSize: size, TotalCount: rows.length }, success: true })
    }
  }

  it('pages 100 at a time until the list (filtered by `from`) ends', async () => {
    const w = world(routes({ 'GET /Order/list': pages(history(1000)) }))
    const orders = await w.adapter.listOrders!({ since: new Date(START - 249 * 60_000) })
    expect(orders).toHaveLength(250)
    expect(w.requests.filter((r) => r.path === '/Order/list').map((r) => r.query?.page)).toEqual([1, 2, 3])
  })

  it('stops at an entry older than `since` even if the server ignores `from`', async () => {
    const w = world(routes({ 'GET /Order/list': pages(history(1000), { filter: false }) }))
    await w.adapter.listOrders!({ since: new Date(START - 150 * 60_000) })
    expect(w.requests.filter((r) => r.path === '/Order/list')).toHaveLength(2)
  })

  it('stops at 20 pages and reports each line once when the list shifts between pages', async () => {
    const w = world(routes({ 'GET /Order/list': pages(history(5000), { shiftAfterFirst: 2, filter: false }) }))
    const ids = (await w.adapter.listOrders!({ since: new Date(0) })).map((o) => o.upstreamId)
    expect(w.requests.filter((r) => r.path === '/Order/list')).toHaveLength(20)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('findByClientRef stops paging once found', async () => {
    const all = history(500)
    const w = world(routes({ 'GET /Order/list': pages(all) }))
    const found = await w.adapter.findByClientRef!(all[150]!.DeliverID, { since: new Date(0) })
    expect(found?.upstreamId).toBe('5150')
    expect(w.requests.filter((r) => r.path === '/Order/list')).toHaveLength(2)
  })
})
