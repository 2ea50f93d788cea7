// The AI Digital Tools adapter against the seed's own example payloads (fixtures copied verbatim from seed 001),
// through a fake HttpClient: what each reply becomes, what each request looks like, what is refused as unreadable,
// and how every documented HTTP error maps.
import { describe, expect, it } from 'vitest'
import { UpstreamError } from '../../src/core/errors'
import { AIDIGITALTOOLS_CAPABILITIES, createAiDigitalToolsAdapter, type KeyPlacement } from '../../src/core/providers/aidigitaltools'
import { deliveredItems, toCustomField } from '../../src/core/providers/aidigitaltools/adapter'
import { CustomFieldSpec, OrderWithBalanceReply } from '../../src/core/providers/aidigitaltools/schemas'
import { parseUpstreamJson } from '../../src/core/providers/json'
import type { AdapterContext, HttpRequest, UpstreamOrder, UpstreamProduct } from '../../src/core/providers/types'
import { expectReadable as expectReadable_, fakeHttp, failure, fixturesOf, type Reply, type Responder } from './support'

const API_KEY = 'adt_live_5ecret_K3y_0123456789'
const BASE = '/api/public/v1'
const ORDER_ID = 'ORDER_UUID'
const PRODUCT_ID = 'PRODUCT_UUID'
const CODE = 'Delivered item content'

const { fixture, edited } = fixturesOf('aidigitaltools')

function editedOrder(name: string, edit: (order: Record<string, unknown>) => void): string {
  return edited(name, (b) => edit(b.order as Record<string, unknown>))
}

/** Answers "METHOD /path" (below /api/public/v1) with its reply. */
function byRoute(replies: Record<string, Reply | string>): Responder {
  return (req) => {
    const route = `${req.method} ${req.path.startsWith(BASE) ? req.path.slice(BASE.length) : req.path}`
    const r = replies[route]
    if (r === undefined) throw new Error(`unexpected request ${route}`)
    return typeof r === 'string' ? { text: r } : r
  }
}

function adapterWith(respond: Responder, opts: { keyPlacement?: KeyPlacement; baseUrl?: string } = {}) {
  const fake = fakeHttp(respond)
  const ctx: AdapterContext = {
    baseUrl: opts.baseUrl ?? 'https://aidigitaltools.lovable.app',
    credentials: { kind: 'aidigitaltools', apiKey: API_KEY },
    http: fake.http,
    now: () => new Date('2026-06-20T12:00:00Z'),
    currency: 'USD'
  }
  return { adapter: createAiDigitalToolsAdapter(ctx, opts.keyPlacement ? { keyPlacement: opts.keyPlacement } : {}), requests: fake.requests }
}

const ORDER_REQUEST = { productId: PRODUCT_ID, variantId: null, quantity: 1, clientRef: 'your-internal-id', fields: {} }
const BEARER = { Authorization: `Bearer ${API_KEY}` }

function expectReadable(e: UpstreamError): void {
  expectReadable_(e, [API_KEY, CODE])
}

const DELIVERED: UpstreamOrder = {
  upstreamId: ORDER_ID,
  clientRef: 'your-internal-id',
  productId: PRODUCT_ID,
  variantId: null,
  quantity: 1,
  createdAt: new Date('2026-06-20T10:00:00.000Z'),
  status: 'completed',
  codes: [CODE],
  charged: { amount: '9', currency: 'USD' },
  refunded: null,
  fulfilledQuantity: 1,
  step: null,
  message: null,
  upstreamStatus: 'delivered'
}

describe('AI Digital Tools: the seed examples, verbatim', () => {
  it('health → message and version, without the key', async () => {
    const { adapter, requests } = adapterWith(byRoute({ 'GET /health': fixture('health') }))
    expect(await adapter.health()).toEqual({ message: 'Reseller API is running successfully', version: 'v1' })
    expect(requests).toEqual([{ method: 'GET', path: '/api/public/v1/health', priority: 'low' }])
  })

  it('balance → 125.5 USD available, discount and rate limit as details', async () => {
    const { adapter, requests } = adapterWith(byRoute({ 'GET /balance': fixture('balance') }))
    expect(await adapter.getBalance()).toEqual({
      available: { amount: '125.5', currency: 'USD' },
      details: { discount_percent: '10', rate_limit_per_minute: '60' }
    })
    expect(requests).toEqual([{ method: 'GET', path: '/api/public/v1/balance', priority: 'low', headers: BEARER }])
  })

  it('products + the single product → one catalog entry at your_price, with its custom_fields', async () => {
    const { adapter, requests } = adapterWith(byRoute({ 'GET /products': fixture('products'), 'GET /products/PRODUCT_UUID': fixture('product') }))
    expect(await adapter.listCatalog()).toEqual<UpstreamProduct[]>([
      {
        productId: PRODUCT_ID,
        variantId: null,
        title: 'Product name',
        variantName: null,
        category: '',
        description: 'Product description',
        price: { amount: '9', currency: 'USD' },
        stock: 25,
        inStock: true,
        maxPerOrder: 100,
        fields: []
      }
    ])
    expect(requests).toEqual([
      { method: 'GET', path: '/api/public/v1/products', bucket: 'catalog', priority: 'low', headers: BEARER },
      { method: 'GET', path: '/api/public/v1/products/PRODUCT_UUID', bucket: 'catalog', priority: 'low', headers: BEARER }
    ])
  })

  it('create: sends exactly the seed request body (both examples), our clientRef as customer_ref', async () => {
    for (const [name, clientRef] of [
      ['create-order-request', 'your-internal-id'],
      ['create-order-request-curl', 'order-1001']
    ] as const) {
      const { adapter, requests } = adapterWith(byRoute({ 'POST /orders': editedOrder('create-order', (o) => (o.customer_ref = clientRef)) }))
      await adapter.createOrder({ ...ORDER_REQUEST, clientRef })
      expect(requests).toEqual([
        {
          method: 'POST',
          path: '/api/public/v1/orders',
          body: JSON.parse(fixture(name)) as unknown,
          priority: 'high',
          idempotent: false,
          headers: BEARER
        }
      ])
    }
  })

  it('create: an auto-delivered order comes back completed with its item, charged the total', async () => {
    const { adapter } = adapterWith(byRoute({ 'POST /orders': fixture('create-order') }))
    expect(await adapter.createOrder(ORDER_REQUEST)).toEqual<UpstreamOrder>(DELIVERED)
  })

  it('create: unit_price and the wallet balance after the order keep their exact text', () => {
    const reply = OrderWithBalanceReply.parse(parseUpstreamJson(fixture('create-order')))
    expect(reply.balance).toBe('116.5')
    expect(reply.order.unit_price).toBe('9')
    expect(reply.order.total).toBe('9')
  })

  it('order status (delivered) → completed with the item', async () => {
    const { adapter, requests } = adapterWith(byRoute({ 'GET /orders/ORDER_UUID': fixture('order-delivered') }))
    expect(await adapter.getOrder(ORDER_ID)).toEqual<UpstreamOrder>(DELIVERED)
    expect(requests).toEqual([{ method: 'GET', path: '/api/public/v1/orders/ORDER_UUID', priority: 'high', headers: BEARER }])
  })

  it('cancel: sends the seed body (both examples) and reads the minimal reply → cancelled, 9 refunded', async () => {
    for (const name of ['cancel-request', 'cancel-request-curl']) {
      const { adapter, requests } = adapterWith(byRoute({ 'POST /orders/ORDER_UUID/cancel': fixture('cancel-order') }))
      const body = JSON.parse(fixture(name)) as { reason: string }
      expect(await adapter.cancelOrder(ORDER_ID, body.reason)).toEqual<UpstreamOrder>({
        upstreamId: ORDER_ID,
        clientRef: null,
        productId: null,
        variantId: null,
        quantity: null,
        createdAt: null,
        status: 'cancelled',
        codes: [],
        charged: null,
        refunded: { amount: '9', currency: 'USD' },
        fulfilledQuantity: 0,
        step: null,
        message: 'Customer changed their mind',
        upstreamStatus: 'cancelled'
      })
      expect(requests).toEqual([
        { method: 'POST', path: '/api/public/v1/orders/ORDER_UUID/cancel', body, priority: 'high', idempotent: false, headers: BEARER }
      ])
    }
    expect(OrderWithBalanceReply.parse(parseUpstreamJson(fixture('cancel-order'))).balance).toBe('125.5')
  })

  it('cancel without a reason still sends one', async () => {
    const { adapter, requests } = adapterWith(byRoute({ 'POST /orders/ORDER_UUID/cancel': fixture('cancel-order') }))
    await adapter.cancelOrder(ORDER_ID, null)
    await adapter.cancelOrder(ORDER_ID, '   ')
    expect(requests.map((r) => r.body)).toEqual([{ reason: 'Cancelled by the reseller' }, { reason: 'Cancelled by the reseller' }])
  })

  it('declares its capabilities: client reference and cancel, but no order list and no lookup by reference', () => {
    const { adapter } = adapterWith(byRoute({}))
    expect(adapter.kind).toBe('aidigitaltools')
    expect(adapter.capabilities).toEqual(AIDIGITALTOOLS_CAPABILITIES)
    expect(adapter.capabilities).toEqual({
      clientReference: true,
      cancel: true,
      listOrders: false,
      supplier: true,
      minQuantityPerOrder: 1,
      maxQuantityPerOrder: 100,
      typicalDeliverySeconds: 60,
      pollIntervalSeconds: 15,
      rateLimits: { default: 60 },
      partialFulfilment: false
    })
    expect(adapter.cancelOrder).toBeTypeOf('function')
    // After an unanswered create the engine cannot look the order up, so it goes to review.
    expect(adapter.findByClientRef).toBeUndefined()
    expect(adapter.listOrders).toBeUndefined()
  })
})

describe('AI Digital Tools: order statuses', () => {
  const cases: [string, (o: Record<string, unknown>) => void, Partial<UpstreamOrder>][] = [
    [
      'pending',
      (o) => {
        o.status = 'pending'
        o.delivery = null
        o.delivered_at = null
      },
      { status: 'pending', codes: [], fulfilledQuantity: null, refunded: null, charged: { amount: '9', currency: 'USD' } }
    ],
    [
      'processing (delivery without text)',
      (o) => {
        o.status = 'processing'
        o.delivery = { text: null, image_url: null, video_url: null }
      },
      { status: 'processing', codes: [], fulfilledQuantity: null }
    ],
    [
      'cancelled → the full total back',
      (o) => {
        o.status = 'cancelled'
        o.delivery = null
        o.cancel_reason = 'Customer changed their mind'
      },
      { status: 'cancelled', codes: [], refunded: { amount: '9', currency: 'USD' }, fulfilledQuantity: 0, message: 'Customer changed their mind' }
    ],
    [
      'refunded → failed, refunded in full, with the reason',
      (o) => {
        o.status = 'refunded'
        o.total = '12.35'
        o.delivery = null
        o.cancel_reason = 'Item unavailable'
      },
      {
        status: 'failed',
        codes: [],
        charged: { amount: '12.35', currency: 'USD' },
        refunded: { amount: '12.35', currency: 'USD' },
        fulfilledQuantity: 0,
        message: 'Item unavailable',
        upstreamStatus: 'refunded'
      }
    ],
    [
      'refunded with its own refunded amount',
      (o) => {
        o.status = 'refunded'
        o.refunded = '4.5'
      },
      { status: 'failed', codes: [], refunded: { amount: '4.5', currency: 'USD' } }
    ]
  ]

  it.each(cases)('%s', async (_name, edit, expected) => {
    const { adapter } = adapterWith(byRoute({ 'GET /orders/ORDER_UUID': editedOrder('order-delivered', edit) }))
    expect(await adapter.getOrder(ORDER_ID)).toMatchObject(expected)
  })

  it('a create reply that is still pending (manual delivery) has no items yet', async () => {
    const { adapter } = adapterWith(
      byRoute({
        'POST /orders': editedOrder('create-order', (o) => {
          o.status = 'pending'
          o.delivery = null
          o.quantity = 3
          o.total = 27
        })
      })
    )
    expect(await adapter.createOrder({ ...ORDER_REQUEST, quantity: 3 })).toMatchObject({
      status: 'pending',
      codes: [],
      quantity: 3,
      charged: { amount: '27', currency: 'USD' }
    })
  })

  it('a total missing from the reply is unit_price × quantity, exactly', async () => {
    const { adapter } = adapterWith(
      byRoute({
        'POST /orders': editedOrder('create-order', (o) => {
          delete o.total
          o.unit_price = '0.89'
          o.quantity = 3
          o.delivery = { text: 'A\nB\nC' }
        })
      })
    )
    expect((await adapter.createOrder({ ...ORDER_REQUEST, quantity: 3 })).charged).toEqual({ amount: '2.67', currency: 'USD' })
  })
})

describe('AI Digital Tools: delivered items', () => {
  async function delivered(delivery: unknown, quantity = 3): Promise<string[]> {
    const { adapter } = adapterWith(
      byRoute({
        'GET /orders/ORDER_UUID': editedOrder('order-delivered', (o) => {
          o.delivery = delivery
          o.quantity = quantity
        })
      })
    )
    return (await adapter.getOrder(ORDER_ID)).codes
  }

  it('several codes, one per line (CRLF, blank lines and stray spaces tolerated)', async () => {
    expect(await delivered({ text: 'AAAA-1111\nBBBB-2222\nCCCC-3333' })).toEqual(['AAAA-1111', 'BBBB-2222', 'CCCC-3333'])
    expect(await delivered({ text: '  AAAA-1111 \r\nBBBB-2222\r\n\r\nCCCC-3333\r\n' })).toEqual(['AAAA-1111', 'BBBB-2222', 'CCCC-3333'])
  })

  it('one item of several lines stays whole when it is the one item ordered', async () => {
    expect(await delivered({ text: 'Email: a@example.com\nPassword: hunter2' }, 1)).toEqual(['Email: a@example.com\nPassword: hunter2'])
  })

  it('blank-line-separated blocks are the items when there are exactly `quantity` of them', async () => {
    expect(await delivered({ text: 'login: a\npass: 1\n\nlogin: b\npass: 2' }, 2)).toEqual(['login: a\npass: 1', 'login: b\npass: 2'])
  })

  it('a delivery that is only a picture or a video → its link is the item', async () => {
    expect(await delivered({ text: null, image_url: 'https://cdn.example/card.png', video_url: null }, 1)).toEqual(['https://cdn.example/card.png'])
    expect(await delivered({ text: '', image_url: null, video_url: 'https://cdn.example/how.mp4' }, 1)).toEqual(['https://cdn.example/how.mp4'])
    // With text, the text is the delivery.
    expect(await delivered({ text: 'CODE-1', image_url: 'https://cdn.example/card.png' }, 1)).toEqual(['CODE-1'])
  })

  it('delivered with nothing in it → completed without items (the engine sends that to review)', async () => {
    const { adapter } = adapterWith(byRoute({ 'GET /orders/ORDER_UUID': editedOrder('order-delivered', (o) => (o.delivery = null)) }))
    expect(await adapter.getOrder(ORDER_ID)).toMatchObject({ status: 'completed', codes: [], fulfilledQuantity: 0 })
  })

  it('deliveredItems directly', () => {
    expect(deliveredItems('', 1)).toEqual([])
    expect(deliveredItems('\n \n', 2)).toEqual([])
    expect(deliveredItems('A\nB', null)).toEqual(['A', 'B'])
  })
})

describe('AI Digital Tools: custom fields', () => {
  const spec = (v: unknown) => toCustomField(CustomFieldSpec.parse(v))

  it('maps name, label, required and a whole-value pattern (anchors dropped: the planner adds its own)', () => {
    expect(spec({ name: 'player_id', label: 'Player ID', type: 'text', required: true, placeholder: 'e.g. 5123456789', pattern: '[0-9]{6,12}' })).toEqual({
      name: 'player_id',
      label: 'Player ID',
      required: true,
      pattern: '[0-9]{6,12}'
    })
    expect(spec({ name: 'uid', label: 'UID', required: 'true', pattern: '^\\d{9}$' })).toEqual({ name: 'uid', label: 'UID', required: true, pattern: '\\d{9}' })
    expect(spec({ name: 'price', pattern: '^[0-9]+\\$' })).toMatchObject({ pattern: '[0-9]+\\$' })
  })

  it('reads key/id as the name, the name as the label, missing required as optional', () => {
    expect(spec({ key: 'email', type: 'email' })).toEqual({ name: 'email', label: 'email', required: false, pattern: '[^@\\s]+@[^@\\s]+\\.[^@\\s]+' })
    expect(spec({ id: 'zone', label: '  ', type: 'number', required: 1 })).toEqual({ name: 'zone', label: 'zone', required: true, pattern: '-?[0-9]+(\\.[0-9]+)?' })
    expect(spec({ name: 'note', type: 'textarea', required: null })).toEqual({ name: 'note', label: 'note', required: false, pattern: null })
  })

  it('a select field allows exactly its options (escaped)', () => {
    const f = spec({ name: 'server', label: 'Server', type: 'select', required: true, options: ['America', 'TW, HK, MO', { value: 'Asia (SEA)', label: 'Asia' }] })
    expect(f.pattern).toBe('America|TW, HK, MO|Asia \\(SEA\\)')
    const re = new RegExp(`^(?:${f.pattern ?? ''})$`)
    expect(['America', 'TW, HK, MO', 'Asia (SEA)'].every((v) => re.test(v))).toBe(true)
    expect(re.test('Asia SEA')).toBe(false)
  })

  it('the single product carries them into the catalog, and the order sends them as custom_data', async () => {
    const { adapter, requests } = adapterWith(
      byRoute({
        'GET /products': fixture('products'),
        'GET /products/PRODUCT_UUID': edited('product', (b) => {
          ;(b.product as Record<string, unknown>).custom_fields = [
            { name: 'player_id', label: 'Player ID', type: 'text', required: true, pattern: '[0-9]{6,12}' },
            { name: 'note', label: 'Note', type: 'text', required: false }
          ]
        }),
        'POST /orders': fixture('create-order')
      })
    )
    const [p] = await adapter.listCatalog()
    expect(p?.fields).toEqual([
      { name: 'player_id', label: 'Player ID', required: true, pattern: '[0-9]{6,12}' },
      { name: 'note', label: 'Note', required: false, pattern: null }
    ])
    await adapter.createOrder({ ...ORDER_REQUEST, fields: { player_id: '5123456789' } })
    expect(requests.at(-1)?.body).toEqual({ product_id: PRODUCT_ID, quantity: 1, customer_ref: 'your-internal-id', custom_data: { player_id: '5123456789' } })
  })

  it('a field without any name is a malformed reply', async () => {
    const { adapter } = adapterWith(
      byRoute({
        'GET /products': fixture('products'),
        'GET /products/PRODUCT_UUID': edited('product', (b) => ((b.product as Record<string, unknown>).custom_fields = [{ label: 'Player ID' }]))
      })
    )
    const e = await failure(adapter.listCatalog())
    expect(e.code).toBe('MALFORMED_REPLY')
    expect(e.message).toContain('product.custom_fields[0]')
  })
})

describe('AI Digital Tools: the catalog sync', () => {
  const second = { id: 'P2', name: 'Second', description: 'x', price: 5, stock: 0, category_id: 'C', auto_deliver: false, your_price: '4.5', your_discount_percent: 10 }
  const third = { id: 'P3', name: 'Third', price: '2.50', stock: null, category_id: 'C', category_name: 'Top-ups', custom_fields: [{ name: 'uid', required: true }] }

  it('one detail call per product (none where the list already has custom_fields); a product gone meanwhile is left out', async () => {
    const { adapter, requests } = adapterWith(
      byRoute({
        'GET /products': edited('products', (b) => (b.products as unknown[]).push(second, third)),
        'GET /products/PRODUCT_UUID': fixture('product'),
        'GET /products/P2': { status: 404, text: '{"error": "Product not found"}' }
      })
    )
    const catalog = await adapter.listCatalog()
    expect(catalog.map((p) => p.productId)).toEqual([PRODUCT_ID, 'P3'])
    expect(catalog[1]).toEqual<UpstreamProduct>({
      productId: 'P3',
      variantId: null,
      title: 'Third',
      variantName: null,
      category: 'Top-ups',
      description: '',
      // No your_price: the list price (what we pay is then at most that).
      price: { amount: '2.5', currency: 'USD' },
      stock: null,
      inStock: true,
      maxPerOrder: 100,
      fields: [{ name: 'uid', label: 'uid', required: true, pattern: null }]
    })
    expect(requests.map((r) => r.path)).toEqual(['/api/public/v1/products', '/api/public/v1/products/PRODUCT_UUID', '/api/public/v1/products/P2'])
  })

  it('the detail reply is fresher: its price and stock win; out of stock shows', async () => {
    const { adapter } = adapterWith(
      byRoute({
        'GET /products': fixture('products'),
        'GET /products/PRODUCT_UUID': edited('product', (b) => Object.assign(b.product as object, { stock: 0, your_price: 9.45 }))
      })
    )
    expect(await adapter.listCatalog()).toMatchObject([{ stock: 0, inStock: false, price: { amount: '9.45', currency: 'USD' }, description: 'Product description' }])
  })

  it('any other failure of a detail call fails the sync (it is retried as a whole)', async () => {
    const { adapter } = adapterWith(
      byRoute({ 'GET /products': fixture('products'), 'GET /products/PRODUCT_UUID': { status: 503, text: '{"error": "Service temporarily unavailable"}' } })
    )
    const e = await failure(adapter.listCatalog())
    expect(e.code).toBe('UPSTREAM_UNAVAILABLE')
    expect(e.retryable).toBe(true)
  })

  it('an empty catalog makes no detail calls', async () => {
    const { adapter, requests } = adapterWith(byRoute({ 'GET /products': '{"products": [], "default_discount_percent": 10}' }))
    expect(await adapter.listCatalog()).toEqual([])
    expect(requests).toHaveLength(1)
  })
})

describe('AI Digital Tools: tolerant of extras, strict about what we rely on', () => {
  it('ignores unknown fields everywhere', async () => {
    const { adapter } = adapterWith(
      byRoute({
        'GET /balance': edited('balance', (b) => (b.currency = 'USD')),
        'GET /products': edited('products', (b) => {
          b.page = 1
          ;(b.products as Record<string, unknown>[])[0]!.image_url = 'https://x/img.png'
        }),
        'GET /products/PRODUCT_UUID': edited('product', (b) => ((b.product as Record<string, unknown>).tags = ['ai'])),
        'GET /orders/ORDER_UUID': editedOrder('order-delivered', (o) => {
          o.supplier = { name: 'X' }
          ;(o.delivery as Record<string, unknown>).note = 'thanks'
        })
      })
    )
    expect((await adapter.getBalance()).available.amount).toBe('125.5')
    expect((await adapter.listCatalog())[0]?.price.amount).toBe('9')
    expect((await adapter.getOrder(ORDER_ID)).codes).toEqual([CODE])
  })

  const malformedCases: [string, () => Promise<unknown>][] = [
    ['balance without balance', () => adapterWith(byRoute({ 'GET /balance': edited('balance', (b) => delete b.balance) })).adapter.getBalance()],
    ['balance as a word', () => adapterWith(byRoute({ 'GET /balance': fixture('balance').replace('125.5', '"lots"') })).adapter.getBalance()],
    [
      'a product without a price',
      () =>
        adapterWith(
          byRoute({ 'GET /products': edited('products', (b) => delete (b.products as Record<string, unknown>[])[0]!.price), 'GET /products/PRODUCT_UUID': fixture('product') })
        ).adapter.listCatalog()
    ],
    [
      'stock as a string',
      () =>
        adapterWith(byRoute({ 'GET /products': fixture('products').replace('"stock": 25', '"stock": "25"'), 'GET /products/PRODUCT_UUID': fixture('product') })).adapter.listCatalog()
    ],
    [
      'the single product without custom_fields',
      () =>
        adapterWith(
          byRoute({ 'GET /products': fixture('products'), 'GET /products/PRODUCT_UUID': edited('product', (b) => delete (b.product as Record<string, unknown>).custom_fields) })
        ).adapter.listCatalog()
    ],
    ['an order without a status', () => adapterWith(byRoute({ 'GET /orders/ORDER_UUID': editedOrder('order-delivered', (o) => delete o.status) })).adapter.getOrder(ORDER_ID)],
    [
      'an unknown status word',
      () => adapterWith(byRoute({ 'GET /orders/ORDER_UUID': fixture('order-delivered').replace('"status": "delivered"', '"status": "on_hold"') })).adapter.getOrder(ORDER_ID)
    ],
    [
      'an unreadable created_at',
      () => adapterWith(byRoute({ 'GET /orders/ORDER_UUID': fixture('order-delivered').replace('2026-06-20T10:00:00.000Z', '20/06/2026') })).adapter.getOrder(ORDER_ID)
    ],
    ['a reply about another order', () => adapterWith(byRoute({ 'GET /orders/OTHER': fixture('order-delivered') })).adapter.getOrder('OTHER')],
    ['a cancel reply about another order', () => adapterWith(byRoute({ 'POST /orders/OTHER/cancel': fixture('cancel-order') })).adapter.cancelOrder('OTHER', null)],
    ['an HTML page with 200 (the site, not the API)', () => adapterWith(byRoute({ 'GET /balance': '<!doctype html><html><body><div id="root"></div></body></html>' })).adapter.getBalance()],
    ['truncated JSON', () => adapterWith(byRoute({ 'GET /orders/ORDER_UUID': fixture('order-delivered').slice(0, 120) })).adapter.getOrder(ORDER_ID)],
    ['an empty body', () => adapterWith(byRoute({ 'GET /products': '' })).adapter.listCatalog()]
  ]

  it.each(malformedCases)('%s → MALFORMED_REPLY', async (_name, run) => {
    const e = await failure(run())
    expect(e.code).toBe('MALFORMED_REPLY')
    expectReadable(e)
  })

  it('names the field that did not fit, but never a value from the reply', async () => {
    const { adapter } = adapterWith(byRoute({ 'GET /orders/ORDER_UUID': editedOrder('order-delivered', (o) => (o.delivery = 'Delivered item content')) }))
    const e = await failure(adapter.getOrder(ORDER_ID))
    expect(e.message).toContain('order.delivery')
    expectReadable(e)
  })

  it('a garbled create reply means the order may exist: placement unknown, and it goes to review', async () => {
    for (const text of ['<html>502 Bad Gateway</html>', fixture('create-order').slice(0, 150), '{"balance": 116.5}']) {
      const { adapter } = adapterWith(byRoute({ 'POST /orders': text }))
      const e = await failure(adapter.createOrder(ORDER_REQUEST))
      expect(e.code).toBe('MALFORMED_REPLY')
      expect(e.placement).toBe('unknown')
      expect(e.message).toContain('look for it in your AI Digital Tools order history before buying again.')
    }
  })

  it('a create reply for another reference or another product is refused (placement unknown)', async () => {
    for (const edit of [(o: Record<string, unknown>) => (o.customer_ref = 'rd-someone-else'), (o: Record<string, unknown>) => (o.product_id = 'OTHER')]) {
      const { adapter } = adapterWith(byRoute({ 'POST /orders': editedOrder('create-order', edit) }))
      const e = await failure(adapter.createOrder(ORDER_REQUEST))
      expect(e.code).toBe('MALFORMED_REPLY')
      expect(e.placement).toBe('unknown')
    }
  })

  it('a create reply without customer_ref or product_id is filled in from the request', async () => {
    const { adapter } = adapterWith(
      byRoute({
        'POST /orders': editedOrder('create-order', (o) => {
          delete o.customer_ref
          delete o.product_id
          delete o.quantity
        })
      })
    )
    expect(await adapter.createOrder(ORDER_REQUEST)).toMatchObject({ clientRef: 'your-internal-id', productId: PRODUCT_ID, quantity: 1 })
  })

  it('accepts 201 Created', async () => {
    const { adapter } = adapterWith(byRoute({ 'POST /orders': { status: 201, text: fixture('create-order') } }))
    expect((await adapter.createOrder(ORDER_REQUEST)).codes).toEqual([CODE])
  })

  it('an error body sent with 200 is an error; on create it proves nothing', async () => {
    const { adapter } = adapterWith(byRoute({ 'POST /orders': '{"error": "Something went wrong"}', 'GET /balance': '{"error": "Something went wrong"}' }))
    const c = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(c.code).toBe('UPSTREAM_FAILED')
    expect(c.placement).toBe('unknown')
    expect(c.message).toContain('(AI Digital Tools said: “Something went wrong”)')
    const b = await failure(adapter.getBalance())
    expect(b.message).toBe('AI Digital Tools answered with an error (AI Digital Tools said: “Something went wrong”).')
  })
})

interface ErrorRow {
  http: number
  call: 'create' | 'balance' | 'order' | 'cancel' | 'product'
  upstream: string
  code: string
  retryable: boolean
  message: string | RegExp
}

const ERROR_TABLE: ErrorRow[] = [
  {
    http: 400,
    call: 'create',
    upstream: 'Missing required field: Player ID',
    code: 'BAD_REQUEST',
    retryable: false,
    message:
      "AI Digital Tools refused the order details (AI Digital Tools said: “Missing required field: Player ID”). Check the product's extra fields in the basket (such as a player ID or an e-mail address) and try again. Nothing was bought."
  },
  {
    http: 400,
    call: 'create',
    upstream: 'quantity must be an integer between 1 and 100',
    code: 'INVALID_QUANTITY',
    retryable: false,
    message:
      'AI Digital Tools refused the quantity 1 (AI Digital Tools said: “quantity must be an integer between 1 and 100”). Try a smaller quantity. Nothing was bought.'
  },
  { http: 400, call: 'balance', upstream: 'Invalid request', code: 'BAD_REQUEST', retryable: false, message: /problem in ResellerDesk/ },
  {
    http: 400,
    call: 'cancel',
    upstream: 'Order cannot be cancelled: it is already delivered.',
    code: 'NOT_CANCELLABLE',
    retryable: false,
    message:
      'AI Digital Tools would not cancel order ORDER_UUID (AI Digital Tools said: “Order cannot be cancelled: it is already delivered.”). Only orders not yet delivered, cancelled or refunded can be cancelled, so nothing was refunded. If it was delivered, its codes arrive with the next status check.'
  },
  {
    http: 401,
    call: 'balance',
    upstream: 'Invalid API key',
    code: 'AUTH_INVALID',
    retryable: false,
    message: 'AI Digital Tools did not accept the API key. Check the key in the account settings (it may have been reissued).'
  },
  { http: 401, call: 'create', upstream: 'Missing API key', code: 'AUTH_MISSING', retryable: false, message: /did not receive an API key/ },
  {
    http: 402,
    call: 'create',
    upstream: 'Insufficient wallet balance',
    code: 'INSUFFICIENT_BALANCE',
    retryable: false,
    message:
      'Not enough balance in the AI Digital Tools wallet for this order (AI Digital Tools said: “Insufficient wallet balance”). Top up your AI Digital Tools wallet and try again. Nothing was bought.'
  },
  {
    http: 403,
    call: 'order',
    upstream: 'API key revoked',
    code: 'FORBIDDEN',
    retryable: false,
    message: 'AI Digital Tools has revoked this API key. Ask the AI Digital Tools admin to issue a new key and enter it in the account settings.'
  },
  { http: 403, call: 'create', upstream: 'API key revoked', code: 'FORBIDDEN', retryable: false, message: /revoked this API key/ },
  {
    http: 404,
    call: 'create',
    upstream: 'Product not found',
    code: 'PRODUCT_NOT_FOUND',
    retryable: false,
    message: 'AI Digital Tools no longer has product PRODUCT_UUID. Nothing was bought. Refresh the catalog and choose the product again.'
  },
  {
    http: 404,
    call: 'order',
    upstream: 'Order not found',
    code: 'ORDER_NOT_FOUND',
    retryable: false,
    message: "AI Digital Tools has no order ORDER_UUID on this account. Check that the order was placed with this account's API key."
  },
  { http: 404, call: 'cancel', upstream: 'Order not found', code: 'ORDER_NOT_FOUND', retryable: false, message: /has no order ORDER_UUID/ },
  { http: 404, call: 'balance', upstream: 'Route not found', code: 'NOT_FOUND', retryable: false, message: /Check the account's web address/ },
  { http: 404, call: 'create', upstream: 'Route not found', code: 'NOT_FOUND', retryable: false, message: /without \/api\/public\/v1\./ },
  {
    http: 409,
    call: 'create',
    upstream: 'Out of stock',
    code: 'OUT_OF_STOCK',
    retryable: false,
    message: 'AI Digital Tools does not have enough stock for 1 of product PRODUCT_UUID right now. Nothing was bought. Try a smaller quantity, or try again later.'
  },
  { http: 409, call: 'cancel', upstream: 'Already delivered', code: 'NOT_CANCELLABLE', retryable: false, message: /would not cancel order ORDER_UUID/ },
  {
    http: 429,
    call: 'order',
    upstream: 'Rate limit exceeded',
    code: 'RATE_LIMITED',
    retryable: true,
    message: 'AI Digital Tools is limiting how fast requests may be sent. ResellerDesk will wait 10 seconds and try again.'
  },
  { http: 429, call: 'create', upstream: 'Rate limit exceeded', code: 'RATE_LIMITED', retryable: true, message: /limiting how fast/ },
  { http: 500, call: 'balance', upstream: 'Internal server error', code: 'UPSTREAM_UNAVAILABLE', retryable: true, message: 'AI Digital Tools is temporarily unavailable (HTTP 500). Try again in a few minutes.' },
  { http: 503, call: 'create', upstream: 'Service temporarily unavailable', code: 'UPSTREAM_UNAVAILABLE', retryable: true, message: /temporarily unavailable \(HTTP 503\)/ },
  { http: 418, call: 'balance', upstream: 'I am a teapot', code: 'UPSTREAM_FAILED', retryable: false, message: 'AI Digital Tools refused the request (HTTP 418) (AI Digital Tools said: “I am a teapot”).' }
]

const CALLS: Record<ErrorRow['call'], { route: string; run: (a: ReturnType<typeof adapterWith>['adapter']) => Promise<unknown> }> = {
  create: { route: 'POST /orders', run: (a) => a.createOrder(ORDER_REQUEST) },
  balance: { route: 'GET /balance', run: (a) => a.getBalance() },
  order: { route: 'GET /orders/ORDER_UUID', run: (a) => a.getOrder(ORDER_ID) },
  cancel: { route: 'POST /orders/ORDER_UUID/cancel', run: (a) => a.cancelOrder(ORDER_ID, 'x') },
  product: { route: 'GET /products/PRODUCT_UUID', run: (a) => a.listCatalog() }
}

describe('AI Digital Tools: the HTTP error codes', () => {
  it('covers every documented status', () => {
    expect(new Set(ERROR_TABLE.map((r) => r.http))).toEqual(new Set([400, 401, 402, 403, 404, 409, 429, 500, 503, 418]))
  })

  it.each(ERROR_TABLE)('$http on $call → $code', async (row) => {
    const call = CALLS[row.call]
    const { adapter } = adapterWith(byRoute({ [call.route]: { status: row.http, text: JSON.stringify({ error: row.upstream }) } }))
    const e = await failure(call.run(adapter))
    expect(e.code).toBe(row.code)
    expect(e.httpStatus).toBe(row.http)
    expect(e.retryable).toBe(row.retryable)
    if (typeof row.message === 'string') expect(e.message).toBe(row.message)
    else expect(e.message).toMatch(row.message)
    if (row.retryable) expect(e.retryAfterMs).toBeGreaterThan(0)
    // Only a 4xx refusal proves a create placed nothing; other calls keep the default.
    expect(e.placement).toBe(row.call === 'create' && row.http >= 500 ? 'unknown' : 'not_placed')
    expectReadable(e)
  })

  it('a 5xx on create adds what happens next: review, since there is no order list', async () => {
    const { adapter } = adapterWith(byRoute({ 'POST /orders': { status: 500, text: '{"error": "Internal server error"}' } }))
    expect((await failure(adapter.createOrder(ORDER_REQUEST))).message).toBe(
      'AI Digital Tools is temporarily unavailable (HTTP 500). Try again in a few minutes. The order may have been placed. AI Digital Tools offers no order list to check it against, so ResellerDesk puts it aside for review: look for it in your AI Digital Tools order history before buying again.'
    )
  })

  it('a 404 on the product list means a wrong address, not a missing product', async () => {
    const { adapter } = adapterWith(byRoute({ 'GET /products': { status: 404, text: '{"error": "Route not found"}' } }))
    expect((await failure(adapter.listCatalog())).code).toBe('NOT_FOUND')
  })

  it('RATE_LIMITED honours Retry-After', async () => {
    const { adapter } = adapterWith(byRoute({ 'GET /orders/ORDER_UUID': { status: 429, headers: { 'Retry-After': '30' }, text: '{"error": "Rate limit exceeded"}' } }))
    const e = await failure(adapter.getOrder(ORDER_ID))
    expect(e.retryAfterMs).toBe(30_000)
    expect(e.message).toBe('AI Digital Tools is limiting how fast requests may be sent. ResellerDesk will wait 30 seconds and try again.')
  })

  it('reads other error envelopes too: {error:{code,message}} and {message}', async () => {
    const { adapter } = adapterWith(
      byRoute({
        'POST /orders': { status: 402, text: '{"error": {"code": "INSUFFICIENT_BALANCE", "message": "Low balance"}}' },
        'GET /balance': { status: 401, text: '{"success": false, "message": "Unauthorized"}' }
      })
    )
    const c = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(c.code).toBe('INSUFFICIENT_BALANCE')
    expect(c.upstreamCode).toBe('INSUFFICIENT_BALANCE')
    expect(c.message).toContain('“Low balance”')
    expect((await failure(adapter.getBalance())).code).toBe('AUTH_INVALID')
  })

  it('never echoes the API key from an upstream message', async () => {
    const { adapter } = adapterWith(byRoute({ 'GET /balance': { status: 400, text: JSON.stringify({ error: `Bad header Bearer ${API_KEY} rejected` }) } }))
    const e = await failure(adapter.getBalance())
    expect(e.message).toContain('Bearer [hidden]')
    expectReadable(e)
  })

  it('a 502/503 HTML page from a proxy → UPSTREAM_UNAVAILABLE, retryable; on create, placement unknown', async () => {
    const page = { status: 502, text: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' }
    const { adapter } = adapterWith(byRoute({ 'GET /balance': page, 'POST /orders': { ...page, status: 503 } }))
    const b = await failure(adapter.getBalance())
    expect(b.code).toBe('UPSTREAM_UNAVAILABLE')
    expect(b.retryable).toBe(true)
    const c = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(c.code).toBe('UPSTREAM_UNAVAILABLE')
    expect(c.placement).toBe('unknown')
    expectReadable(c)
  })

  it('a 429 that is not the API\'s JSON is still RATE_LIMITED, but on create it proves nothing', async () => {
    const { adapter } = adapterWith(byRoute({ 'POST /orders': { status: 429, headers: { 'retry-after': '5' }, text: 'Too Many Requests' } }))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('RATE_LIMITED')
    expect(e.retryAfterMs).toBe(5000)
    expect(e.placement).toBe('unknown')
  })

  it('a 4xx with a body that is not an error → MALFORMED_REPLY (on create: unknown)', async () => {
    const { adapter } = adapterWith(byRoute({ 'GET /balance': { status: 404, text: '<html>Not Found</html>' }, 'POST /orders': { status: 400, text: '{"ok": false}' } }))
    expect((await failure(adapter.getBalance())).code).toBe('MALFORMED_REPLY')
    const c = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(c.code).toBe('MALFORMED_REPLY')
    expect(c.placement).toBe('unknown')
  })
})

describe('AI Digital Tools: transport failures on create', () => {
  it('keeps the client\'s placement and says the order goes to review when it may exist', async () => {
    const timeout = new UpstreamError('TIMEOUT', 'AI Digital Tools did not answer within 20 seconds.', { placement: 'unknown', retryable: true })
    const { adapter } = adapterWith(() => Promise.reject(timeout))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('TIMEOUT')
    expect(e.placement).toBe('unknown')
    expect(e.retryable).toBe(true)
    expect(e.message).toBe(
      'AI Digital Tools did not answer within 20 seconds. The order may have been placed. AI Digital Tools offers no order list to check it against, so ResellerDesk puts it aside for review: look for it in your AI Digital Tools order history before buying again.'
    )
  })

  it('a refused connection stays not_placed', async () => {
    const refused = new UpstreamError('NETWORK', 'Could not reach AI Digital Tools: the connection was refused.', { placement: 'not_placed', retryable: true })
    const { adapter } = adapterWith(() => Promise.reject(refused))
    expect(await failure(adapter.createOrder(ORDER_REQUEST))).toBe(refused)
  })

  it('anything else thrown by the client is NETWORK with unknown placement, without the original (it may hold the key)', async () => {
    const { adapter } = adapterWith(() => Promise.reject(new Error(`boom with Authorization: Bearer ${API_KEY}`)))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('NETWORK')
    expect(e.placement).toBe('unknown')
    expect(String((e.cause as Error).message)).not.toContain(API_KEY)
  })

  it('refuses locally, without sending, what AI Digital Tools would refuse', async () => {
    const { adapter, requests } = adapterWith(byRoute({}))
    for (const bad of [
      { ...ORDER_REQUEST, quantity: 101, code: 'INVALID_QUANTITY' },
      { ...ORDER_REQUEST, quantity: 0, code: 'INVALID_QUANTITY' },
      { ...ORDER_REQUEST, quantity: 1.5, code: 'INVALID_QUANTITY' },
      { ...ORDER_REQUEST, productId: '  ', code: 'BAD_REQUEST' },
      { ...ORDER_REQUEST, variantId: 'v1', code: 'BAD_REQUEST' }
    ]) {
      const e = await failure(adapter.createOrder(bad))
      expect(e.code).toBe(bad.code)
      expect(e.placement).toBe('not_placed')
      expectReadable(e)
    }
    expect(requests).toHaveLength(0)
  })
})

describe('AI Digital Tools: where the key goes', () => {
  const all = byRoute({
    'GET /health': fixture('health'),
    'GET /balance': fixture('balance'),
    'GET /products': fixture('products'),
    'GET /products/PRODUCT_UUID': fixture('product'),
    'POST /orders': fixture('create-order'),
    'GET /orders/ORDER_UUID': fixture('order-delivered'),
    'POST /orders/ORDER_UUID/cancel': fixture('cancel-order')
  })

  async function everyCall(opts: { keyPlacement?: KeyPlacement; baseUrl?: string } = {}): Promise<HttpRequest[]> {
    const { adapter, requests } = adapterWith(all, opts)
    await adapter.health()
    await adapter.getBalance()
    await adapter.listCatalog()
    await adapter.createOrder(ORDER_REQUEST)
    await adapter.getOrder(ORDER_ID)
    await adapter.cancelOrder(ORDER_ID, 'x')
    return requests
  }

  const cases: [KeyPlacement | undefined, Record<string, string>][] = [
    [undefined, { Authorization: `Bearer ${API_KEY}` }],
    ['bearer', { Authorization: `Bearer ${API_KEY}` }],
    ['x-api-key', { 'X-API-Key': API_KEY }]
  ]

  it.each(cases)('keyPlacement %s', async (keyPlacement, headers) => {
    const requests = await everyCall(keyPlacement ? { keyPlacement } : {})
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/public/v1/health',
      'GET /api/public/v1/balance',
      'GET /api/public/v1/products',
      'GET /api/public/v1/products/PRODUCT_UUID',
      'POST /api/public/v1/orders',
      'GET /api/public/v1/orders/ORDER_UUID',
      'POST /api/public/v1/orders/ORDER_UUID/cancel'
    ])
    for (const r of requests) {
      if (r.path.endsWith('/health')) {
        expect(JSON.stringify(r)).not.toContain(API_KEY)
        continue
      }
      expect(r.headers).toEqual(headers)
      expect(JSON.stringify(r).split(API_KEY)).toHaveLength(2)
    }
  })

  it('a base URL that already ends in /api/public/v1 is not doubled', async () => {
    const requests = await everyCall({ baseUrl: 'https://aidigitaltools.lovable.app/api/public/v1/' })
    expect(requests.map((r) => r.path)[1]).toBe('/balance')
  })

  it('ids are escaped in the path', async () => {
    const { adapter, requests } = adapterWith(() => ({ status: 404, text: '{"error": "Order not found"}' }))
    await failure(adapter.getOrder('a/b?c'))
    expect(requests[0]?.path).toBe('/api/public/v1/orders/a%2Fb%3Fc')
  })

  it('refuses credentials of another kind', () => {
    const fake = fakeHttp(byRoute({}))
    expect(() =>
      createAiDigitalToolsAdapter({ baseUrl: 'x', credentials: { kind: 'digetalhube', apiKey: 'k' }, http: fake.http, now: () => new Date(), currency: 'USD' })
    ).toThrow(/not AI Digital Tools credentials/)
  })

  it('amounts are in the account\'s currency', async () => {
    const fake = fakeHttp(byRoute({ 'GET /balance': fixture('balance') }))
    const adapter = createAiDigitalToolsAdapter({
      baseUrl: 'https://x',
      credentials: { kind: 'aidigitaltools', apiKey: API_KEY },
      http: fake.http,
      now: () => new Date(),
      currency: 'EUR'
    })
    expect((await adapter.getBalance()).available).toEqual({ amount: '125.5', currency: 'EUR' })
  })
})
