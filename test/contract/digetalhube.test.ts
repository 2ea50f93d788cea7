// The DigetalHube adapter against the seed's own example payloads (fixtures copied verbatim from seed 000), through
// a fake HttpClient: what each reply becomes, what is refused as unreadable, and how every documented error maps.
import { describe, expect, it } from 'vitest'
import { UpstreamError } from '../../src/core/errors'
import { createDigetalHubeAdapter, DIGETALHUBE_CAPABILITIES, type KeyPlacement } from '../../src/core/providers/digetalhube'
import { DOCUMENTED_ERROR_CODES, parseBalanceShortfall } from '../../src/core/providers/digetalhube/errors'
import { CreateOrderReply } from '../../src/core/providers/digetalhube/schemas'
import { parseUpstreamJson, zAmount, zIdString, zInt, zLooseBool } from '../../src/core/providers/json'
import type { AdapterContext, HttpRequest, UpstreamOrder } from '../../src/core/providers/types'
import { expectReadable as expectReadable_, fakeHttp, failure, fixturesOf, type Reply, type Responder } from './support'

const API_KEY = 'dh_live_5ecret_K3y_0123456789'
const ORDER_ID = 'API-A1B2C3D4E5F6-1711368000'

const { fixture, edited } = fixturesOf('digetalhube')

/** Answers each action with its fixture. */
function byAction(replies: Record<string, Reply | string>): Responder {
  return (req) => {
    const action = String(req.query?.action)
    const r = replies[action]
    if (r === undefined) throw new Error(`unexpected action ${action}`)
    return typeof r === 'string' ? { text: r } : r
  }
}

function adapterWith(respond: Responder, keyPlacement?: KeyPlacement) {
  const fake = fakeHttp(respond)
  const ctx: AdapterContext = {
    baseUrl: 'https://digetalhube.example',
    credentials: { kind: 'digetalhube', apiKey: API_KEY },
    http: fake.http,
    now: () => new Date('2026-03-25T12:00:00Z'),
    currency: 'USDT'
  }
  return { adapter: createDigetalHubeAdapter(ctx, keyPlacement ? { keyPlacement } : {}), requests: fake.requests }
}

const ORDER_REQUEST = { productId: '123', variantId: null, quantity: 1, clientRef: 'rd-1', fields: {} }

function expectReadable(e: UpstreamError): void {
  expectReadable_(e, [API_KEY, 'XXXX-YYYY-ZZZZ-1234'])
}

describe('DigetalHube: the seed examples, verbatim', () => {
  it('balance → available and details as exact decimal text', async () => {
    const { adapter, requests } = adapterWith(byAction({ balance: fixture('balance') }))
    expect(await adapter.getBalance()).toEqual({
      available: { amount: '50', currency: 'USDT' },
      details: { total_deposited: '100', total_spent: '50', total_orders: '12' }
    })
    expect(requests).toEqual([
      { method: 'GET', path: '/reseller_api.php', query: { action: 'balance' }, priority: 'low', headers: { 'X-API-Key': API_KEY } }
    ])
  })

  it('balance (the second example) → 47.5 available, 52.5 spent', async () => {
    const { adapter } = adapterWith(byAction({ balance: fixture('balance-after-orders') }))
    expect(await adapter.getBalance()).toEqual({
      available: { amount: '47.5', currency: 'USDT' },
      details: { total_deposited: '100', total_spent: '52.5', total_orders: '15' }
    })
  })

  it('products → catalog entries, prices exact, without sending the key', async () => {
    const { adapter, requests } = adapterWith(byAction({ products: fixture('products') }))
    expect(await adapter.listCatalog()).toEqual([
      {
        productId: '123',
        variantId: null,
        title: 'PUBG Mobile 60 UC',
        variantName: null,
        category: 'PUBG Mobile',
        description: 'Global PIN',
        price: { amount: '1.05', currency: 'USDT' },
        stock: 50,
        inStock: true,
        maxPerOrder: 10,
        fields: []
      },
      {
        productId: '456',
        variantId: null,
        title: 'iTunes $10 USA',
        variantName: null,
        category: 'iTunes',
        description: 'US Region',
        price: { amount: '10.5', currency: 'USDT' },
        stock: 25,
        inStock: true,
        maxPerOrder: 10,
        fields: []
      }
    ])
    expect(requests).toEqual([{ method: 'GET', path: '/reseller_api.php', query: { action: 'products' }, bucket: 'catalog', priority: 'low' }])
  })

  it('create_order → a processing order charged total_amount, created at the unix time', async () => {
    const { adapter, requests } = adapterWith(byAction({ create_order: fixture('create-order') }))
    expect(await adapter.createOrder(ORDER_REQUEST)).toEqual<UpstreamOrder>({
      upstreamId: ORDER_ID,
      clientRef: null,
      productId: '123',
      variantId: null,
      quantity: 1,
      createdAt: new Date('2024-03-25T12:00:00Z'),
      status: 'processing',
      codes: [],
      charged: { amount: '1.05', currency: 'USDT' },
      refunded: null,
      fulfilledQuantity: null,
      step: null,
      message: 'Order created! Balance deducted. Your code is being purchased from the supplier.',
      upstreamStatus: 'processing',
      serverTime: new Date(1711368000 * 1000) // the reply's timestamp
    })
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/reseller_api.php',
        query: { action: 'create_order' },
        body: { product_id: 123, quantity: 1 },
        priority: 'high',
        idempotent: false,
        headers: { 'X-API-Key': API_KEY }
      }
    ])
  })

  it('create_order: the balance block keeps exact amounts (48.95, not 48.949999…)', () => {
    const reply = CreateOrderReply.parse(parseUpstreamJson(fixture('create-order')))
    expect(reply.balance).toEqual({ previous: '50', deducted: '1.05', remaining: '48.95' })
    expect(reply.tracking?.poll_interval_seconds).toBe(10)
    expect(reply.order.price_per_unit).toBe('1.05')
  })

  it('order_status processing → step "purchasing", charged from amount', async () => {
    const { adapter, requests } = adapterWith(byAction({ order_status: fixture('order-status-processing') }))
    expect(await adapter.getOrder(ORDER_ID)).toEqual<UpstreamOrder>({
      upstreamId: ORDER_ID,
      clientRef: null,
      productId: '123',
      variantId: null,
      quantity: 1,
      createdAt: null,
      status: 'processing',
      codes: [],
      charged: { amount: '1.05', currency: 'USDT' },
      refunded: null,
      fulfilledQuantity: null,
      step: 'purchasing',
      message: 'Purchasing your product...',
      upstreamStatus: 'processing',
      serverTime: new Date(1711368050 * 1000) // the reply's timestamp
    })
    expect(requests).toEqual([
      {
        method: 'GET',
        path: '/reseller_api.php',
        query: { action: 'order_status', order_id: ORDER_ID },
        priority: 'high',
        headers: { 'X-API-Key': API_KEY }
      }
    ])
  })

  it('order_status completed → the codes', async () => {
    const { adapter } = adapterWith(byAction({ order_status: fixture('order-status-completed') }))
    expect(await adapter.getOrder(ORDER_ID)).toEqual<UpstreamOrder>({
      upstreamId: ORDER_ID,
      clientRef: null,
      productId: '123',
      variantId: null,
      quantity: 1,
      createdAt: null,
      status: 'completed',
      codes: ['XXXX-YYYY-ZZZZ-1234'],
      charged: { amount: '1.05', currency: 'USDT' },
      refunded: null,
      fulfilledQuantity: 1,
      step: null,
      message: 'Order completed! Your codes are ready.',
      upstreamStatus: 'completed',
      serverTime: new Date(1711368120 * 1000) // the reply's timestamp
    })
  })

  it('order_status error → failed and refunded, from the minimal error object', async () => {
    const { adapter } = adapterWith(byAction({ order_status: fixture('order-status-error') }))
    expect(await adapter.getOrder(ORDER_ID)).toEqual<UpstreamOrder>({
      upstreamId: ORDER_ID,
      clientRef: null,
      productId: null,
      variantId: null,
      quantity: null,
      createdAt: null,
      status: 'failed',
      codes: [],
      charged: null,
      refunded: { amount: '1.05', currency: 'USDT' },
      fulfilledQuantity: 0,
      step: null,
      message: 'Product out of stock. Your balance has been refunded.',
      upstreamStatus: 'error',
      serverTime: new Date(1711368120 * 1000) // the reply's timestamp
    })
  })

  it('my_orders → orders with the "YYYY-MM-DD HH:MM:SS" time read as UTC', async () => {
    const { adapter, requests } = adapterWith(byAction({ my_orders: fixture('my-orders') }))
    expect(await adapter.listOrders?.({ since: new Date('2026-03-25T00:00:00Z') })).toEqual<UpstreamOrder[]>([
      {
        upstreamId: ORDER_ID,
        clientRef: null,
        productId: '123',
        variantId: null,
        quantity: 1,
        createdAt: new Date('2026-03-25T12:00:00Z'),
        status: 'completed',
        codes: ['XXXX-YYYY-ZZZZ-1234'],
        charged: { amount: '1.05', currency: 'USDT' },
        refunded: null,
        fulfilledQuantity: 1,
        step: null,
        message: null,
        upstreamStatus: 'completed'
      }
    ])
    expect(requests).toEqual([
      {
        method: 'GET',
        path: '/reseller_api.php',
        query: { action: 'my_orders', limit: 100, offset: 0 },
        priority: 'high',
        headers: { 'X-API-Key': API_KEY }
      }
    ])
  })

  it('the INSUFFICIENT_BALANCE example → a message with both amounts, nothing placed', async () => {
    const { adapter } = adapterWith(byAction({ create_order: { status: 400, text: fixture('error-insufficient-balance') } }))
    const e = await failure(adapter.createOrder({ ...ORDER_REQUEST, productId: '456' }))
    expect(e.code).toBe('INSUFFICIENT_BALANCE')
    expect(e.upstreamCode).toBe('INSUFFICIENT_BALANCE')
    expect(e.httpStatus).toBe(400)
    expect(e.placement).toBe('not_placed')
    expect(e.retryable).toBe(false)
    expect(e.message).toBe(
      'Not enough balance at DigetalHube: this order needs $10.50 but only $5.00 is available. Top up your DigetalHube balance and try again.'
    )
  })

  it('declares the documented capabilities', () => {
    const { adapter } = adapterWith(byAction({}))
    expect(adapter.kind).toBe('digetalhube')
    expect(adapter.capabilities).toEqual(DIGETALHUBE_CAPABILITIES)
    expect(adapter.capabilities).toEqual({
      clientReference: false,
      cancel: false,
      listOrders: true,
      supplier: true,
      minQuantityPerOrder: 1,
      maxQuantityPerOrder: 10,
      typicalDeliverySeconds: 60,
      pollIntervalSeconds: 10,
      rateLimits: { default: 60, catalog: 30 },
      partialFulfilment: false
    })
    expect(adapter.cancelOrder).toBeUndefined()
    expect(adapter.findByClientRef).toBeUndefined()
  })
})

describe('DigetalHube: tolerant of extras, strict about what we rely on', () => {
  it('ignores unknown fields everywhere', async () => {
    const { adapter } = adapterWith(
      byAction({
        balance: edited('balance', (b) => {
          b.server = 'eu-1'
          ;(b.balance as Record<string, unknown>).pending = 3.25
        }),
        products: edited('products', (b) => {
          b.page = 1
          ;(b.products as Record<string, unknown>[])[0]!.image_url = 'https://x/img.png'
        }),
        order_status: edited('order-status-completed', (b) => {
          ;(b.order as Record<string, unknown>).delivered_at = 1711368110
          ;(b.order as Record<string, unknown>).supplier = { name: 'X' }
        })
      })
    )
    expect((await adapter.getBalance()).available.amount).toBe('50')
    expect((await adapter.listCatalog())[0]?.price.amount).toBe('1.05')
    expect((await adapter.getOrder(ORDER_ID)).codes).toEqual(['XXXX-YYYY-ZZZZ-1234'])
  })

  const malformedCases: [string, () => Promise<unknown>][] = [
    [
      'balance without available',
      () => adapterWith(byAction({ balance: edited('balance', (b) => delete (b.balance as Record<string, unknown>).available) })).adapter.getBalance()
    ],
    [
      'balance available as a word',
      () =>
        adapterWith(
          byAction({ balance: fixture('balance').replace('"available": 50.00', '"available": "lots"') })
        ).adapter.getBalance()
    ],
    [
      'a product without price_usdt',
      () =>
        adapterWith(
          byAction({ products: edited('products', (b) => delete (b.products as Record<string, unknown>[])[1]!.price_usdt) })
        ).adapter.listCatalog()
    ],
    [
      'stock as a string',
      () => adapterWith(byAction({ products: fixture('products').replace('"stock": 50', '"stock": "50"') })).adapter.listCatalog()
    ],
    [
      'an order without a status',
      () =>
        adapterWith(
          byAction({ order_status: edited('order-status-processing', (b) => delete (b.order as Record<string, unknown>).status) })
        ).adapter.getOrder(ORDER_ID)
    ],
    [
      'an unknown status word',
      () =>
        adapterWith(
          byAction({ order_status: fixture('order-status-processing').replace('"status": "processing"', '"status": "on_hold"') })
        ).adapter.getOrder(ORDER_ID)
    ],
    [
      'a completed order without codes',
      () =>
        adapterWith(
          byAction({ order_status: edited('order-status-completed', (b) => delete (b.order as Record<string, unknown>).codes) })
        ).adapter.getOrder(ORDER_ID)
    ],
    [
      'a reply about another order',
      () => adapterWith(byAction({ order_status: fixture('order-status-completed') })).adapter.getOrder('API-OTHER-1')
    ],
    [
      'a listed order without created_at',
      () =>
        adapterWith(
          byAction({ my_orders: edited('my-orders', (b) => delete (b.orders as Record<string, unknown>[])[0]!.created_at) })
        ).adapter.listOrders!({ since: new Date(0) })
    ],
    [
      'a listed order with an unreadable date',
      () =>
        adapterWith(byAction({ my_orders: fixture('my-orders').replace('2026-03-25 12:00:00', '25/03/2026') })).adapter.listOrders!({
          since: new Date(0)
        })
    ],
    [
      'success without the balance block',
      () => adapterWith(byAction({ balance: '{"success": true, "timestamp": 1711368000}' })).adapter.getBalance()
    ],
    ['an HTML page with 200', () => adapterWith(byAction({ balance: '<!doctype html><html><body>Welcome</body></html>' })).adapter.getBalance()],
    ['truncated JSON', () => adapterWith(byAction({ order_status: fixture('order-status-completed').slice(0, 120) })).adapter.getOrder(ORDER_ID)],
    ['an empty body', () => adapterWith(byAction({ products: '' })).adapter.listCatalog()]
  ]

  it.each(malformedCases)('%s → MALFORMED_REPLY', async (_name, run) => {
    const e = await failure(run())
    expect(e.code).toBe('MALFORMED_REPLY')
    expectReadable(e)
  })

  it('names the field that did not fit, but never a value from the reply', async () => {
    const { adapter } = adapterWith(
      byAction({ order_status: edited('order-status-completed', (b) => ((b.order as Record<string, unknown>).status = 7)) })
    )
    const e = await failure(adapter.getOrder(ORDER_ID))
    expect(e.message).toContain('order.status')
    expect(e.message).not.toContain('XXXX')
  })

  it('a garbled create_order reply means the order may exist: placement unknown', async () => {
    for (const text of ['<html>502 Bad Gateway</html>', fixture('create-order').slice(0, 200), '{"success": true}']) {
      const { adapter } = adapterWith(byAction({ create_order: text }))
      const e = await failure(adapter.createOrder(ORDER_REQUEST))
      expect(e.code).toBe('MALFORMED_REPLY')
      expect(e.placement).toBe('unknown')
      expect(e.message).toContain("ResellerDesk will check DigetalHube's order list before buying again.")
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
  { upstream: 'BAD_REQUEST', http: 400, code: 'BAD_REQUEST', retryable: false, createPlacement: 'not_placed', message: /problem in ResellerDesk/ },
  { upstream: 'MISSING_FIELD', http: 400, code: 'BAD_REQUEST', retryable: false, createPlacement: 'not_placed', message: /problem in ResellerDesk/ },
  { upstream: 'INVALID_QUANTITY', http: 400, code: 'INVALID_QUANTITY', retryable: false, createPlacement: 'not_placed', message: /1 to 10 codes/ },
  { upstream: 'INSUFFICIENT_STOCK', http: 400, code: 'OUT_OF_STOCK', retryable: false, createPlacement: 'not_placed', message: /not have enough stock/ },
  { upstream: 'INSUFFICIENT_BALANCE', http: 400, code: 'INSUFFICIENT_BALANCE', retryable: false, createPlacement: 'not_placed', message: /Top up/ },
  { upstream: 'INVALID_ACTION', http: 400, code: 'BAD_REQUEST', retryable: false, createPlacement: 'not_placed', message: /problem in ResellerDesk/ },
  { upstream: 'UNAUTHORIZED', http: 401, code: 'AUTH_MISSING', retryable: false, createPlacement: 'not_placed', message: /did not receive an API key/ },
  { upstream: 'INVALID_API_KEY', http: 401, code: 'AUTH_INVALID', retryable: false, createPlacement: 'not_placed', message: /rejected the API key/ },
  { upstream: 'PRODUCT_NOT_FOUND', http: 404, code: 'PRODUCT_NOT_FOUND', retryable: false, createPlacement: 'not_placed', message: /Refresh the catalog/ },
  { upstream: 'ORDER_NOT_FOUND', http: 404, code: 'ORDER_NOT_FOUND', retryable: false, createPlacement: 'not_placed', message: /has no (such )?order/ },
  { upstream: 'METHOD_NOT_ALLOWED', http: 405, code: 'BAD_REQUEST', retryable: false, createPlacement: 'not_placed', message: /problem in ResellerDesk/ },
  { upstream: 'RATE_LIMITED', http: 429, code: 'RATE_LIMITED', retryable: true, createPlacement: 'not_placed', message: /wait 10 seconds/ },
  { upstream: 'ORDER_CREATION_FAILED', http: 500, code: 'UPSTREAM_FAILED', retryable: true, createPlacement: 'unknown', message: /may or may not have been placed/ },
  { upstream: 'UPSTREAM_ERROR', http: 502, code: 'UPSTREAM_UNAVAILABLE', retryable: true, createPlacement: 'unknown', message: /temporarily unavailable/ },
  { upstream: 'SERVICE_ERROR', http: 503, code: 'UPSTREAM_UNAVAILABLE', retryable: true, createPlacement: 'unknown', message: /temporarily unavailable/ }
]

function envelope(code: string, message = 'Something happened.'): string {
  return JSON.stringify({ success: false, error: { code, message }, timestamp: 1711368000 })
}

describe('DigetalHube: the error table', () => {
  it('covers every documented code', () => {
    expect(ERROR_TABLE.map((r) => r.upstream).sort()).toEqual([...DOCUMENTED_ERROR_CODES].sort())
  })

  it.each(ERROR_TABLE)('$upstream ($http) on create_order → $code, placement $createPlacement', async (row) => {
    const { adapter } = adapterWith(byAction({ create_order: { status: row.http, text: envelope(row.upstream) } }))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe(row.code)
    expect(e.upstreamCode).toBe(row.upstream)
    expect(e.httpStatus).toBe(row.http)
    expect(e.retryable).toBe(row.retryable)
    expect(e.placement).toBe(row.createPlacement)
    expect(e.message).toMatch(row.message)
    if (row.retryable) expect(e.retryAfterMs).toBeGreaterThan(0)
    expectReadable(e)
  })

  it.each(ERROR_TABLE)('$upstream ($http) on getBalance → $code, default placement', async (row) => {
    const { adapter } = adapterWith(byAction({ balance: { status: row.http, text: envelope(row.upstream) } }))
    const e = await failure(adapter.getBalance())
    expect(e.code).toBe(row.code)
    expect(e.placement).toBe('not_placed')
    expectReadable(e)
  })

  it('INVALID_API_KEY says what to do', async () => {
    const { adapter } = adapterWith(byAction({ balance: { status: 401, text: envelope('INVALID_API_KEY', 'Invalid API key') } }))
    expect((await failure(adapter.getBalance())).message).toBe(
      'DigetalHube rejected the API key. Check the key in the account settings (it may have been regenerated).'
    )
  })

  it('INSUFFICIENT_BALANCE without readable amounts still tells what to do', async () => {
    const { adapter } = adapterWith(byAction({ create_order: { status: 400, text: envelope('INSUFFICIENT_BALANCE', 'Low balance') } }))
    expect((await failure(adapter.createOrder(ORDER_REQUEST))).message).toBe(
      'Not enough balance at DigetalHube: the balance does not cover this order. Top up your DigetalHube balance and try again.'
    )
  })

  it('RATE_LIMITED honours Retry-After', async () => {
    const { adapter } = adapterWith(
      byAction({ order_status: { status: 429, headers: { 'Retry-After': '30' }, text: envelope('RATE_LIMITED', 'Too many requests') } })
    )
    const e = await failure(adapter.getOrder(ORDER_ID))
    expect(e.code).toBe('RATE_LIMITED')
    expect(e.retryable).toBe(true)
    expect(e.retryAfterMs).toBe(30_000)
    expect(e.message).toBe('DigetalHube is limiting how fast requests may be sent. ResellerDesk will wait 30 seconds and try again.')
  })

  it('names the order and the product where it helps', async () => {
    const { adapter } = adapterWith(
      byAction({
        order_status: { status: 404, text: envelope('ORDER_NOT_FOUND') },
        create_order: { status: 404, text: envelope('PRODUCT_NOT_FOUND') }
      })
    )
    expect((await failure(adapter.getOrder('API-NOPE-1'))).message).toContain('no order API-NOPE-1 on this account')
    expect((await failure(adapter.createOrder({ ...ORDER_REQUEST, productId: '999' }))).message).toContain('no longer has product 999')
  })

  it('an error envelope sent with HTTP 200 still counts as a refusal for a documented 4xx code', async () => {
    const { adapter } = adapterWith(byAction({ create_order: { status: 200, text: fixture('error-insufficient-balance') } }))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('INSUFFICIENT_BALANCE')
    expect(e.placement).toBe('not_placed')
  })

  it('a documented 4xx code sent with a 5xx status is not trusted as a refusal', async () => {
    const { adapter } = adapterWith(byAction({ create_order: { status: 500, text: envelope('INSUFFICIENT_STOCK') } }))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.placement).toBe('unknown')
    expect(e.retryable).toBe(true)
  })

  it('an unlisted code goes by its HTTP status', async () => {
    const { adapter } = adapterWith(
      byAction({
        create_order: { status: 403, text: envelope('ACCOUNT_SUSPENDED', 'Your account is suspended') },
        balance: { status: 400, text: envelope('toString') }
      })
    )
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('FORBIDDEN')
    expect(e.upstreamCode).toBe('ACCOUNT_SUSPENDED')
    expect(e.placement).toBe('not_placed')
    expect(e.message).toBe(
      'DigetalHube refused access for this account. (DigetalHube said: “Your account is suspended”) Check the account in the DigetalHube dashboard.'
    )
    const b = await failure(adapter.getBalance())
    expect(b.code).toBe('UPSTREAM_FAILED')
    expect(b.message).toBe('DigetalHube refused the request (HTTP 400). (DigetalHube said: “Something happened.”)')
  })

  it('never echoes the API key from an upstream message', async () => {
    const { adapter } = adapterWith(
      byAction({ balance: { status: 400, text: envelope('BAD_REQUEST', `Bad parameter api_key=${API_KEY} rejected`) } })
    )
    const e = await failure(adapter.getBalance())
    expect(e.message).toContain('api_key=[hidden]')
    expectReadable(e)
  })

  it('a 502/503 HTML page from a proxy → UPSTREAM_UNAVAILABLE, retryable; on create, placement unknown', async () => {
    const page = { status: 502, text: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' }
    const { adapter } = adapterWith(byAction({ balance: page, create_order: { ...page, status: 503 } }))
    const b = await failure(adapter.getBalance())
    expect(b.code).toBe('UPSTREAM_UNAVAILABLE')
    expect(b.retryable).toBe(true)
    expect(b.message).toBe('DigetalHube is temporarily unavailable (HTTP 502). Try again in a few minutes.')
    const c = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(c.code).toBe('UPSTREAM_UNAVAILABLE')
    expect(c.placement).toBe('unknown')
    expectReadable(c)
  })

  it('a 429 that is not DigetalHube JSON is still RATE_LIMITED, but on create it proves nothing', async () => {
    const { adapter } = adapterWith(byAction({ create_order: { status: 429, headers: { 'retry-after': '5' }, text: 'Too Many Requests' } }))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('RATE_LIMITED')
    expect(e.retryAfterMs).toBe(5000)
    expect(e.placement).toBe('unknown')
  })

  it('a 4xx with a body that is not an error envelope → MALFORMED_REPLY', async () => {
    const { adapter } = adapterWith(byAction({ balance: { status: 404, text: '<html>Not Found</html>' } }))
    expect((await failure(adapter.getBalance())).code).toBe('MALFORMED_REPLY')
  })
})

describe('DigetalHube: transport failures on create_order', () => {
  it('keeps the client\'s placement and adds what happens next when the order may exist', async () => {
    const timeout = new UpstreamError('TIMEOUT', 'DigetalHube did not answer within 20 seconds.', { placement: 'unknown', retryable: true })
    const { adapter } = adapterWith(() => Promise.reject(timeout))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('TIMEOUT')
    expect(e.placement).toBe('unknown')
    expect(e.retryable).toBe(true)
    expect(e.message).toBe(
      "DigetalHube did not answer within 20 seconds. The order may have been placed: ResellerDesk will check DigetalHube's order list before buying again."
    )
  })

  it('a refused connection stays not_placed', async () => {
    const refused = new UpstreamError('NETWORK', 'Could not reach DigetalHube: the connection was refused.', { placement: 'not_placed', retryable: true })
    const { adapter } = adapterWith(() => Promise.reject(refused))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e).toBe(refused)
  })

  it('anything else thrown by the client is NETWORK with unknown placement, without the original (it may hold the key)', async () => {
    const { adapter } = adapterWith(() => Promise.reject(new Error(`boom with X-API-Key: ${API_KEY}`)))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('NETWORK')
    expect(e.placement).toBe('unknown')
    expect(String((e.cause as Error).message)).not.toContain(API_KEY)
  })

  it('refuses locally, without sending, what DigetalHube would refuse', async () => {
    const { adapter, requests } = adapterWith(byAction({}))
    for (const bad of [
      { ...ORDER_REQUEST, quantity: 11, code: 'INVALID_QUANTITY' },
      { ...ORDER_REQUEST, quantity: 0, code: 'INVALID_QUANTITY' },
      { ...ORDER_REQUEST, quantity: 1.5, code: 'INVALID_QUANTITY' },
      { ...ORDER_REQUEST, productId: 'abc', code: 'BAD_REQUEST' },
      { ...ORDER_REQUEST, variantId: 'v1', code: 'BAD_REQUEST' }
    ]) {
      const e = await failure(adapter.createOrder(bad))
      expect(e.code).toBe(bad.code)
      expect(e.placement).toBe('not_placed')
    }
    expect(requests).toHaveLength(0)
  })
})

describe('DigetalHube: where the key goes', () => {
  const all = byAction({
    balance: fixture('balance'),
    products: fixture('products'),
    create_order: fixture('create-order'),
    order_status: fixture('order-status-completed'),
    my_orders: fixture('my-orders')
  })

  async function everyCall(keyPlacement?: KeyPlacement): Promise<HttpRequest[]> {
    const { adapter, requests } = adapterWith(all, keyPlacement)
    await adapter.getBalance()
    await adapter.listCatalog()
    await adapter.createOrder(ORDER_REQUEST)
    await adapter.getOrder(ORDER_ID)
    await adapter.listOrders?.({ since: new Date(0) })
    return requests
  }

  const cases: [KeyPlacement | undefined, (r: HttpRequest) => void][] = [
    [undefined, (r) => expect(r.headers).toEqual({ 'X-API-Key': API_KEY })],
    ['x-api-key', (r) => expect(r.headers).toEqual({ 'X-API-Key': API_KEY })],
    ['bearer', (r) => expect(r.headers).toEqual({ Authorization: `Bearer ${API_KEY}` })],
    ['query', (r) => expect(r.query?.api_key).toBe(API_KEY)]
  ]

  it.each(cases)('keyPlacement %s', async (placement, expectKey) => {
    const requests = await everyCall(placement)
    expect(requests.map((r) => r.query?.action)).toEqual(['balance', 'products', 'create_order', 'order_status', 'my_orders'])
    for (const r of requests) {
      if (r.query?.action === 'products') {
        expect(r.headers).toBeUndefined()
        expect(r.query).not.toHaveProperty('api_key')
        expect(JSON.stringify(r)).not.toContain(API_KEY)
        continue
      }
      expectKey(r)
      // Only one place per request.
      expect(JSON.stringify(r).split(API_KEY)).toHaveLength(2)
    }
  })

  it('refuses credentials of another kind', () => {
    const fake = fakeHttp(byAction({}))
    expect(() =>
      createDigetalHubeAdapter({
        baseUrl: 'x',
        credentials: { kind: 'aidigitaltools', apiKey: 'k' },
        http: fake.http,
        now: () => new Date(),
        currency: 'USD'
      })
    ).toThrow(/not DigetalHube credentials/)
  })
})

describe('DigetalHube: listOrders paging', () => {
  const START = Date.parse('2026-03-25T12:00:00Z')
  /** n orders, newest first, one a minute. */
  function history(n: number): { order_id: string; created_at: string; status: string; amount: string; product_id: number; quantity: number }[] {
    return Array.from({ length: n }, (_, i) => ({
      order_id: `API-${i}`,
      product_id: 123,
      quantity: 1,
      amount: '1.05',
      status: 'processing',
      created_at: new Date(START - i * 60_000).toISOString().replace('T', ' ').slice(0, 19)
    }))
  }
  function pages(all: ReturnType<typeof history>, opts: { shiftAfterFirst?: number } = {}): Responder {
    let calls = 0
    return (req) => {
      const offset = Number(req.query?.offset)
      const limit = Number(req.query?.limit)
      // Orders placed meanwhile push the list down: the next page repeats the tail of the previous one.
      const shift = calls++ > 0 ? (opts.shiftAfterFirst ?? 0) : 0
      const slice = all.slice(offset - shift, offset - shift + limit)
      return { text: JSON.stringify({ success: true, orders: slice, total: all.length, limit, offset, timestamp: 1 }) }
    }
  }

  it('pages 100 at a time until it passes `since`', async () => {
    const all = history(1000)
    const { adapter, requests } = adapterWith(pages(all))
    const since = new Date(START - 250 * 60_000 + 30_000) // between orders 249 and 250
    const orders = await adapter.listOrders!({ since })
    expect(requests.map((r) => r.query?.offset)).toEqual([0, 100, 200])
    expect(orders).toHaveLength(300)
    expect(orders[0]?.upstreamId).toBe('API-0')
  })

  it('stops when the list ends', async () => {
    const { adapter, requests } = adapterWith(pages(history(150)))
    expect(await adapter.listOrders!({ since: new Date(0) })).toHaveLength(150)
    expect(requests).toHaveLength(2)
  })

  it('stops at 20 pages', async () => {
    const { adapter, requests } = adapterWith(pages(history(5000)))
    expect(await adapter.listOrders!({ since: new Date(0) })).toHaveLength(2000)
    expect(requests).toHaveLength(20)
  })

  it('reports an order only once when the list shifts between pages', async () => {
    const { adapter } = adapterWith(pages(history(150), { shiftAfterFirst: 2 }))
    const ids = (await adapter.listOrders!({ since: new Date(0) })).map((o) => o.upstreamId)
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('reading upstream JSON', () => {
  it('keeps fractional numbers as their exact text and safe integers as numbers', () => {
    expect(parseUpstreamJson('{"a": 1.05, "b": 10.50, "c": 12, "d": 12345678901234567890, "e": -0, "f": 1e2, "g": [0.1]}')).toEqual({
      a: '1.05',
      b: '10.50',
      c: 12,
      d: '12345678901234567890',
      e: 0,
      f: '1e2',
      g: ['0.1']
    })
  })

  it('throws MALFORMED_REPLY (placement unknown) on invalid JSON, without quoting the body', () => {
    for (const bad of ['', '<html>', '{"a": 1', '{"code": "SECRET-CODE-1"', '{"a": 1, "a": 2}']) {
      let caught: unknown
      try {
        parseUpstreamJson(bad)
      } catch (e) {
        caught = e
      }
      expect(caught).toBeInstanceOf(UpstreamError)
      expect((caught as UpstreamError).code).toBe('MALFORMED_REPLY')
      expect((caught as UpstreamError).placement).toBe('unknown')
      expect((caught as UpstreamError).message).not.toContain('SECRET')
    }
  })

  it('zAmount: decimal text or a safe integer → normalized text; nothing else', () => {
    expect(zAmount.parse('1.05')).toBe('1.05')
    expect(zAmount.parse('10.50')).toBe('10.5')
    expect(zAmount.parse(50)).toBe('50')
    expect(zAmount.parse('1.05e1')).toBe('10.5')
    expect(zAmount.parse('0.00')).toBe('0')
    for (const bad of ['lots', '1,05', ' 1.05', '', '1e400', 1.5, Number.MAX_SAFE_INTEGER + 2, null, true]) {
      expect(zAmount.safeParse(bad).success).toBe(false)
    }
  })

  it('zInt, zIdString, zLooseBool', () => {
    expect(zInt.parse(12)).toBe(12)
    expect(zInt.safeParse('12').success).toBe(false)
    expect(zInt.safeParse('1.5').success).toBe(false)
    expect(zIdString.parse(123)).toBe('123')
    expect(zIdString.parse('API-1')).toBe('API-1')
    expect(zIdString.safeParse('').success).toBe(false)
    expect([true, 1, '1', 'true'].map((v) => zLooseBool.parse(v))).toEqual([true, true, true, true])
    expect([false, 0, '0', 'false'].map((v) => zLooseBool.parse(v))).toEqual([false, false, false, false])
    expect(zLooseBool.safeParse('yes').success).toBe(false)
  })

  it('parseBalanceShortfall reads the seed message', () => {
    expect(parseBalanceShortfall('Insufficient balance. Required: $10.50, Available: $5.00. Please deposit more USDT.')).toEqual({
      required: '10.50',
      available: '5.00'
    })
    expect(parseBalanceShortfall('Insufficient balance.')).toBeNull()
  })
})
