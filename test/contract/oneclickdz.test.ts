// The OneClickDz adapter against the docs' own example replies (fixtures copied verbatim, see fixtures/oneclickdz/
// README.md: seed 002 prints no JSON), through a fake HttpClient: what each reply becomes, what is refused as
// unreadable, and how every documented error maps.
import { describe, expect, it } from 'vitest'
import { UpstreamError } from '../../src/core/errors'
import { cardCode, createOneClickDzAdapter, ONECLICKDZ_CAPABILITIES, splitCardCode } from '../../src/core/providers/oneclickdz'
import { DOCUMENTED_ERROR_CODES, KNOWN_ERROR_CODES } from '../../src/core/providers/oneclickdz/errors'
import type { AdapterContext, CreateOrderRequest, UpstreamOrder } from '../../src/core/providers/types'
import { expectReadable as expectReadable_, fakeHttp, failure, fixturesOf, type Reply, type Responder } from './support'

const API_KEY = 'ea27b376-9f5c-4b09-883f-1b96cd7b541c'
const ORDER_ID = '6901616fe9e88196b4eb64b3'
const CLIENT_REF = 'rd0123456789abcdef01234567'
const PSN = '507f1f77bcf86cd799439011'

const { fixture, edited } = fixturesOf('oneclickdz')

function dataOf(body: Record<string, unknown>): Record<string, unknown> {
  return body.data as Record<string, unknown>
}

/** Answers "METHOD /path" with its reply; the path without the query. */
function byRoute(replies: Record<string, Reply | string>): Responder {
  return (req) => {
    const r = replies[`${req.method} ${req.path}`]
    if (r === undefined) throw new Error(`unexpected request ${req.method} ${req.path}`)
    return typeof r === 'string' ? { text: r } : r
  }
}

function adapterWith(respond: Responder) {
  const fake = fakeHttp(respond)
  const ctx: AdapterContext = {
    baseUrl: 'https://api.oneclickdz.com',
    credentials: { kind: 'oneclickdz', apiKey: API_KEY },
    http: fake.http,
    now: () => new Date('2025-10-29T01:00:00Z'),
    currency: 'DZD'
  }
  return { adapter: createOneClickDzAdapter(ctx), requests: fake.requests }
}

const ORDER_REQUEST: CreateOrderRequest = { productId: PSN, variantId: 'type_001', quantity: 2, clientRef: CLIENT_REF, fields: {} }
const KEY_HEADER = { 'X-Access-Token': API_KEY }

function expectReadable(e: UpstreamError): void {
  expectReadable_(e, [API_KEY, 'XXXX-XXXX'])
  expect(e.message).toContain('OneClickDz')
}

function envelope(code: string, message = 'Something happened.', extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ success: false, error: { code, message, details: {} }, requestId: 'req_1_abc', ...extra })
}

describe('OneClickDz: the docs examples, verbatim', () => {
  it('validate + balance → 1326.13 DZD, and which kind of key it is; validate is asked once', async () => {
    const { adapter, requests } = adapterWith(byRoute({ 'GET /v3/validate': fixture('validate'), 'GET /v3/account/balance': fixture('balance') }))
    expect(await adapter.getBalance()).toEqual({
      available: { amount: '1326.13', currency: 'DZD' },
      details: { keyType: 'SANDBOX', scope: 'READ-WRITE' }
    })
    await adapter.getBalance()
    expect(requests).toEqual([
      { method: 'GET', path: '/v3/validate', priority: 'low', headers: KEY_HEADER },
      { method: 'GET', path: '/v3/account/balance', priority: 'low', headers: KEY_HEADER },
      { method: 'GET', path: '/v3/account/balance', priority: 'low', headers: KEY_HEADER }
    ])
  })

  it('the Authentication page\'s validate reply (with the key echoed and allowedips) is read the same way', async () => {
    const { adapter } = adapterWith(byRoute({ 'GET /v3/validate': fixture('validate-full'), 'GET /v3/account/balance': fixture('balance') }))
    expect((await adapter.getBalance()).details).toEqual({ keyType: 'SANDBOX', scope: 'READ-WRITE' })
  })

  it('a disabled key is refused with what to do', async () => {
    const { adapter } = adapterWith(
      byRoute({
        'GET /v3/validate': edited('validate', (b) => ((dataOf(b).apiKey as Record<string, unknown>).isEnabled = false)),
        'GET /v3/account/balance': fixture('balance')
      })
    )
    const e = await failure(adapter.getBalance())
    expect(e.code).toBe('AUTH_INVALID')
    expect(e.message).toBe(
      'This OneClickDz API key is disabled. Enable it in the OneClickDz dashboard (Settings → API), or put an enabled key in the account settings.'
    )
  })

  it('catalog + checkProduct → one entry per denomination, exact DA prices, stock; every enabled product checked', async () => {
    const other = (id: string, title: string, types: unknown[]): string =>
      edited('check-product', (b) => {
        Object.assign(dataOf(b), { productId: id, productTitle: title, types })
      })
    const { adapter, requests } = adapterWith(
      byRoute({
        'GET /v3/gift-cards/catalog': fixture('catalog'),
        [`GET /v3/gift-cards/checkProduct/${PSN}`]: fixture('check-product'),
        'GET /v3/gift-cards/checkProduct/507f1f77bcf86cd799439012': other('507f1f77bcf86cd799439012', 'Google Play Gift Card', [
          { id: 'gp_1000', name: 'Google Play 1000 DA', price: '987.50', quantity: 12 }
        ]),
        'GET /v3/gift-cards/checkProduct/507f1f77bcf86cd799439014': other('507f1f77bcf86cd799439014', 'Netflix Gift Card', [])
      })
    )
    const psn = (variantId: string, variantName: string, price: string, stock: number) => ({
      productId: PSN,
      variantId,
      title: 'PlayStation Network',
      variantName,
      category: 'Gaming Cards',
      description: 'Region: DZ',
      price: { amount: price, currency: 'DZD' },
      stock,
      inStock: stock > 0,
      maxPerOrder: 50,
      fields: []
    })
    expect(await adapter.listCatalog()).toEqual([
      psn('type_001', 'PSN 500 DA', '490', 150),
      psn('type_002', 'PSN 1000 DA', '980', 87),
      psn('type_003', 'PSN 2000 DA', '1960', 0),
      {
        productId: '507f1f77bcf86cd799439012',
        variantId: 'gp_1000',
        title: 'Google Play Gift Card',
        variantName: 'Google Play 1000 DA',
        category: 'Gaming Cards',
        description: '',
        price: { amount: '987.5', currency: 'DZD' },
        stock: 12,
        inStock: true,
        maxPerOrder: 50,
        fields: []
      }
    ])
    expect(requests[0]).toEqual({ method: 'GET', path: '/v3/gift-cards/catalog', priority: 'low', headers: KEY_HEADER })
    expect(requests.slice(1).map((r) => r.path).sort()).toEqual([
      `/v3/gift-cards/checkProduct/${PSN}`,
      '/v3/gift-cards/checkProduct/507f1f77bcf86cd799439012',
      '/v3/gift-cards/checkProduct/507f1f77bcf86cd799439014'
    ])
    for (const r of requests) expect(r).toMatchObject({ method: 'GET', priority: 'low', headers: KEY_HEADER })
  })

  it('catalog: disabled products are skipped, a product in two categories is checked once, a withdrawn one is left out', async () => {
    const catalog = JSON.stringify({
      success: true,
      data: {
        categories: [
          { name: 'A', products: [{ id: 'p1', title: 'One', enabled: true }, { id: 'p2', title: 'Two', enabled: false }] },
          { name: 'B', products: [{ id: 'p1', title: 'One', enabled: true }, { id: 'p3', title: 'Three', enabled: true }] }
        ]
      }
    })
    const { adapter, requests } = adapterWith(
      byRoute({
        'GET /v3/gift-cards/catalog': catalog,
        'GET /v3/gift-cards/checkProduct/p1': JSON.stringify({ success: true, data: { types: [{ id: 't', name: 'T', price: 100, quantity: 1 }] } }),
        'GET /v3/gift-cards/checkProduct/p3': { status: 404, text: envelope('PRODUCT_NOT_FOUND', 'Product not found') }
      })
    )
    const items = await adapter.listCatalog()
    expect(items.map((i) => [i.productId, i.variantId, i.category])).toEqual([['p1', 't', 'A']])
    expect(requests.map((r) => r.path)).toEqual(['/v3/gift-cards/catalog', '/v3/gift-cards/checkProduct/p1', '/v3/gift-cards/checkProduct/p3'])
  })

  it('placeOrder → HANDLING order with the id; sends productId, typeId, quantity and our ref; never retried', async () => {
    const { adapter, requests } = adapterWith(byRoute({ 'POST /v3/gift-cards/placeOrder': fixture('place-order') }))
    expect(await adapter.createOrder(ORDER_REQUEST)).toEqual<UpstreamOrder>({
      upstreamId: ORDER_ID,
      clientRef: CLIENT_REF,
      productId: PSN,
      variantId: 'type_001',
      quantity: 2,
      createdAt: new Date('2025-10-29T01:00:00.000Z'),
      status: 'processing',
      codes: [],
      charged: null,
      refunded: null,
      fulfilledQuantity: null,
      step: null,
      message: null,
      upstreamStatus: 'HANDLING'
    })
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/v3/gift-cards/placeOrder',
        body: { productId: PSN, typeId: 'type_001', quantity: 2, ref: CLIENT_REF },
        priority: 'high',
        idempotent: false,
        headers: KEY_HEADER
      }
    ])
  })

  it('placeOrder: the guide\'s reply without meta → no creation time', async () => {
    const { adapter } = adapterWith(byRoute({ 'POST /v3/gift-cards/placeOrder': fixture('place-order-minimal') }))
    const o = await adapter.createOrder(ORDER_REQUEST)
    expect(o.upstreamId).toBe(ORDER_ID)
    expect(o.createdAt).toBeNull()
  })

  it('checkOrder HANDLING → processing, no money yet', async () => {
    const { adapter, requests } = adapterWith(byRoute({ [`GET /v3/gift-cards/checkOrder/${ORDER_ID}`]: fixture('check-order-handling') }))
    expect(await adapter.getOrder(ORDER_ID)).toEqual<UpstreamOrder>({
      upstreamId: ORDER_ID,
      clientRef: null,
      productId: PSN,
      variantId: 'type_001',
      quantity: 2,
      createdAt: new Date('2025-10-29T01:00:00.000Z'),
      status: 'processing',
      codes: [],
      charged: null,
      refunded: null,
      fulfilledQuantity: null,
      step: null,
      message: null,
      upstreamStatus: 'HANDLING'
    })
    expect(requests).toEqual([{ method: 'GET', path: `/v3/gift-cards/checkOrder/${ORDER_ID}`, priority: 'high', headers: KEY_HEADER }])
  })

  it('checkOrder FULFILLED → the cards as "value / serial", charged fulfilled_amount', async () => {
    const { adapter } = adapterWith(byRoute({ [`GET /v3/gift-cards/checkOrder/${ORDER_ID}`]: fixture('check-order-fulfilled') }))
    expect(await adapter.getOrder(ORDER_ID)).toEqual<UpstreamOrder>({
      upstreamId: ORDER_ID,
      clientRef: null,
      productId: null,
      variantId: null,
      quantity: 2,
      createdAt: new Date('2025-10-29T01:00:00.000Z'),
      status: 'completed',
      codes: ['XXXX-XXXX-XXXX-XXXX / 123456789', 'YYYY-YYYY-YYYY-YYYY / 987654321'],
      charged: { amount: '980', currency: 'DZD' },
      refunded: null,
      fulfilledQuantity: 2,
      step: null,
      message: null,
      upstreamStatus: 'FULFILLED'
    })
  })

  it('PARTIALLY_FILLED (the seed\'s 5 ordered, 3 available at 490 DA) → 3 cards, charged 1470, refunded 980', async () => {
    const id = '6901616fe9e88196b4eb64c5'
    const { adapter } = adapterWith(byRoute({ [`GET /v3/gift-cards/checkOrder/${id}`]: fixture('check-order-partial') }))
    expect(await adapter.getOrder(id)).toEqual<UpstreamOrder>({
      upstreamId: id,
      clientRef: CLIENT_REF,
      productId: PSN,
      variantId: 'type_001',
      quantity: 5,
      createdAt: new Date('2025-10-29T01:00:00.000Z'),
      status: 'partially_completed',
      codes: ['AAAA-1111-BBBB / 100000001', 'AAAA-2222-BBBB / 100000002', 'AAAA-3333-BBBB / 100000003'],
      charged: { amount: '1470', currency: 'DZD' },
      refunded: { amount: '980', currency: 'DZD' },
      fulfilledQuantity: 3,
      step: null,
      message: 'OneClickDz delivered 3 of 5 cards and refunded the rest.',
      upstreamStatus: 'PARTIALLY_FILLED'
    })
  })

  it('partial refunds are exact with centimes: 3 × 245.50, 1 delivered → charged 245.5, refunded 491', async () => {
    const id = '6901616fe9e88196b4eb64c5'
    const reply = fixture('check-order-partial')
      .replace('"quantity": 5', '"quantity": 3')
      .replace('"fulfilled_quantity": 3', '"fulfilled_quantity": 1')
      .replace('"fulfilled_amount": 1470', '"fulfilled_amount": 245.50')
      .replace('"price_per_card": 490', '"price_per_card": 245.50')
    const { adapter } = adapterWith(byRoute({ [`GET /v3/gift-cards/checkOrder/${id}`]: reply }))
    const o = await adapter.getOrder(id)
    expect(o.charged).toEqual({ amount: '245.5', currency: 'DZD' })
    expect(o.refunded).toEqual({ amount: '491', currency: 'DZD' })
    expect(o.fulfilledQuantity).toBe(1)
  })

  it('list → the sandbox card and a REFUNDED order refunded in full (2000)', async () => {
    const since = new Date('2025-10-01T00:00:00Z')
    const { adapter, requests } = adapterWith((req) => {
      // The example claims 11 pages; page 2 onwards are empty here, which ends the walk.
      const page = Number(req.query?.page)
      return { text: page === 1 ? fixture('list') : edited('list', (b) => (dataOf(b).items = [])) }
    })
    expect(await adapter.listOrders!({ since })).toEqual<UpstreamOrder[]>([
      {
        upstreamId: '69001dc60c7d0ff0c542d96f',
        clientRef: null,
        productId: 'string',
        variantId: 'string',
        quantity: 1,
        createdAt: new Date('2025-10-28T01:35:02.224Z'),
        status: 'completed',
        codes: ['SANDBOX-CARD-1 / SANDBOX-1'],
        charged: { amount: '0', currency: 'DZD' },
        refunded: null,
        fulfilledQuantity: 1,
        step: null,
        message: null,
        upstreamStatus: 'FULFILLED'
      },
      {
        upstreamId: '68fcdd7cd712569c624e05ee',
        clientRef: null,
        productId: '6126393c6f57860f925a1983',
        variantId: '6126393c6f57860f925a1984',
        quantity: 1,
        createdAt: new Date('2025-10-25T14:23:56.515Z'),
        status: 'failed',
        codes: [],
        charged: { amount: '0', currency: 'DZD' },
        refunded: { amount: '2000', currency: 'DZD' },
        fulfilledQuantity: 0,
        step: null,
        message: 'OneClickDz could not deliver this order and refunded it in full.',
        upstreamStatus: 'REFUNDED'
      }
    ])
    expect(requests).toEqual([
      {
        method: 'GET',
        path: '/v3/gift-cards/list',
        query: { page: 1, pageSize: 100, from: '2025-10-01T00:00:00.000Z' },
        priority: 'high',
        headers: KEY_HEADER
      },
      {
        method: 'GET',
        path: '/v3/gift-cards/list',
        query: { page: 2, pageSize: 100, from: '2025-10-01T00:00:00.000Z' },
        priority: 'high',
        headers: KEY_HEADER
      }
    ])
  })

  it('declares the capabilities (client reference, partial fulfilment, 50 per order, 60/min)', () => {
    const { adapter } = adapterWith(byRoute({}))
    expect(adapter.kind).toBe('oneclickdz')
    expect(adapter.capabilities).toBe(ONECLICKDZ_CAPABILITIES)
    expect(adapter.capabilities).toEqual({
      clientReference: true,
      cancel: false,
      listOrders: true,
      supplier: true,
      minQuantityPerOrder: 1,
      maxQuantityPerOrder: 50,
      typicalDeliverySeconds: 5,
      pollIntervalSeconds: 5,
      rateLimits: { default: 60 },
      partialFulfilment: true
    })
    expect(adapter.cancelOrder).toBeUndefined()
    expect(typeof adapter.findByClientRef).toBe('function')
    expect(typeof adapter.listOrders).toBe('function')
  })
})

describe('OneClickDz: tolerant of extras, strict about what we rely on', () => {
  it('ignores unknown fields everywhere', async () => {
    const { adapter } = adapterWith(
      byRoute({
        'GET /v3/validate': edited('validate', (b) => ((dataOf(b).apiKey as Record<string, unknown>).createdAt = '2025-01-01')),
        'GET /v3/account/balance': edited('balance', (b) => {
          dataOf(b).currency = 'DZD'
          b.server = 'eu-1'
        }),
        [`GET /v3/gift-cards/checkOrder/${ORDER_ID}`]: edited('check-order-fulfilled', (b) => {
          dataOf(b).supplier = { name: 'X' }
          ;(dataOf(b).cards as Record<string, unknown>[])[0]!.expiry = '2027-01-01'
        })
      })
    )
    expect((await adapter.getBalance()).available.amount).toBe('1326.13')
    expect((await adapter.getOrder(ORDER_ID)).codes).toHaveLength(2)
  })

  it('a card without serial is its value alone; numeric values and serials stay exact text', async () => {
    const { adapter } = adapterWith(
      byRoute({
        [`GET /v3/gift-cards/checkOrder/${ORDER_ID}`]: fixture('check-order-fulfilled')
          .replace('"serial": "123456789"', '"serial": null')
          .replace('"value": "YYYY-YYYY-YYYY-YYYY"', '"value": 12345678901234567890')
          .replace('"serial": "987654321"', '"serial": 42')
      })
    )
    expect((await adapter.getOrder(ORDER_ID)).codes).toEqual(['XXXX-XXXX-XXXX-XXXX', '12345678901234567890 / 42'])
  })

  const malformedCases: [string, () => Promise<unknown>][] = [
    ['balance as a word', () => adapterWith(byRoute({ 'GET /v3/validate': fixture('validate'), 'GET /v3/account/balance': fixture('balance').replace('1326.13', '"lots"') })).adapter.getBalance()],
    ['success without data', () => adapterWith(byRoute({ 'GET /v3/validate': fixture('validate'), 'GET /v3/account/balance': '{"success": true}' })).adapter.getBalance()],
    ['success: false without an error', () => adapterWith(byRoute({ 'GET /v3/validate': fixture('validate'), 'GET /v3/account/balance': '{"success": false, "data": {"balance": 1}}' })).adapter.getBalance()],
    ['a type without price', () => adapterWith(byRoute({ 'GET /v3/gift-cards/catalog': fixture('catalog'), [`GET /v3/gift-cards/checkProduct/${PSN}`]: edited('check-product', (b) => delete (dataOf(b).types as Record<string, unknown>[])[0]!.price), 'GET /v3/gift-cards/checkProduct/507f1f77bcf86cd799439012': fixture('check-product').replace(PSN, '507f1f77bcf86cd799439012'), 'GET /v3/gift-cards/checkProduct/507f1f77bcf86cd799439014': fixture('check-product').replace(PSN, '507f1f77bcf86cd799439014') })).adapter.listCatalog()],
    ['stock as a string', () => adapterWith(byRoute({ 'GET /v3/gift-cards/catalog': edited('catalog', (b) => ((dataOf(b).categories as unknown[]).length = 1)), [`GET /v3/gift-cards/checkProduct/${PSN}`]: fixture('check-product').replace('"quantity": 150', '"quantity": "150"'), 'GET /v3/gift-cards/checkProduct/507f1f77bcf86cd799439012': fixture('check-product').replace(PSN, '507f1f77bcf86cd799439012') })).adapter.listCatalog()],
    ['a checkProduct reply about another product', () => adapterWith(byRoute({ 'GET /v3/gift-cards/catalog': edited('catalog', (b) => ((dataOf(b).categories as unknown[]).length = 1)), [`GET /v3/gift-cards/checkProduct/${PSN}`]: fixture('check-product'), 'GET /v3/gift-cards/checkProduct/507f1f77bcf86cd799439012': fixture('check-product') })).adapter.listCatalog()],
    ['placeOrder without orderId', () => adapterWith(byRoute({ 'POST /v3/gift-cards/placeOrder': edited('place-order', (b) => delete dataOf(b).orderId) })).adapter.createOrder(ORDER_REQUEST)],
    ['an order without a status', () => adapterWith(byRoute({ [`GET /v3/gift-cards/checkOrder/${ORDER_ID}`]: edited('check-order-handling', (b) => delete dataOf(b).status) })).adapter.getOrder(ORDER_ID)],
    ['an unknown status word', () => adapterWith(byRoute({ [`GET /v3/gift-cards/checkOrder/${ORDER_ID}`]: fixture('check-order-handling').replace('"HANDLING"', '"ON_HOLD"') })).adapter.getOrder(ORDER_ID)],
    ['a FULFILLED order without cards', () => adapterWith(byRoute({ [`GET /v3/gift-cards/checkOrder/${ORDER_ID}`]: edited('check-order-fulfilled', (b) => (dataOf(b).cards = [])) })).adapter.getOrder(ORDER_ID)],
    ['charged more than the cards cost', () => adapterWith(byRoute({ [`GET /v3/gift-cards/checkOrder/${ORDER_ID}`]: fixture('check-order-fulfilled').replace('"fulfilled_amount": 980', '"fulfilled_amount": 981') })).adapter.getOrder(ORDER_ID)],
    ['an unreadable time', () => adapterWith(byRoute({ [`GET /v3/gift-cards/checkOrder/${ORDER_ID}`]: fixture('check-order-handling').replace('2025-10-29T01:00:00.000Z', '29/10/2025') })).adapter.getOrder(ORDER_ID)],
    ['a reply about another order', () => adapterWith(byRoute({ 'GET /v3/gift-cards/checkOrder/6901616fe9e88196b4eb0000': fixture('check-order-fulfilled') })).adapter.getOrder('6901616fe9e88196b4eb0000')],
    ['list items not an array', () => adapterWith(byRoute({ 'GET /v3/gift-cards/list': '{"success": true, "data": {"items": {}}}' })).adapter.listOrders!({ since: new Date(0) })],
    ['an HTML page with 200', () => adapterWith(byRoute({ [`GET /v3/gift-cards/checkOrder/${ORDER_ID}`]: '<html><body>Welcome</body></html>' })).adapter.getOrder(ORDER_ID)]
  ]

  it.each(malformedCases)('%s → MALFORMED_REPLY, without quoting the reply', async (_name, run) => {
    const e = await failure(run())
    expect(e.code).toBe('MALFORMED_REPLY')
    expectReadable(e)
    expect(e.message).not.toContain('lots')
  })

  it('a garbled placeOrder reply → MALFORMED_REPLY with placement unknown (the order may exist)', async () => {
    const { adapter } = adapterWith(byRoute({ 'POST /v3/gift-cards/placeOrder': fixture('place-order').slice(0, 40) }))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('MALFORMED_REPLY')
    expect(e.placement).toBe('unknown')
    expect(e.message).toContain("ResellerDesk will check OneClickDz's order list before buying again.")
  })
})

describe('OneClickDz: documented errors', () => {
  const placeCases: [string, number, string, string, 'not_placed' | 'unknown', boolean][] = [
    ['error-missing-access-token', 401, 'AUTH_MISSING', 'MISSING_ACCESS_TOKEN', 'not_placed', false],
    ['error-invalid-access-token', 401, 'AUTH_INVALID', 'INVALID_ACCESS_TOKEN', 'not_placed', false],
    ['error-insufficient-balance', 403, 'INSUFFICIENT_BALANCE', 'INSUFFICIENT_BALANCE', 'not_placed', false],
    ['error-duplicated-ref', 400, 'DUPLICATE_REFERENCE', 'DUPLICATED_REF', 'unknown', false]
  ]

  it.each(placeCases)('%s (HTTP %i) on placeOrder → %s, placement %s', async (name, status, code, upstreamCode, placement, retryable) => {
    const { adapter } = adapterWith(byRoute({ 'POST /v3/gift-cards/placeOrder': { status, text: fixture(name) } }))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe(code)
    expect(e.upstreamCode).toBe(upstreamCode)
    expect(e.httpStatus).toBe(status)
    expect(e.placement).toBe(placement)
    expect(e.retryable).toBe(retryable)
    expectReadable(e)
  })

  it('the messages say what to do', async () => {
    const messages: string[] = []
    for (const [name, status] of [
      ['error-missing-access-token', 401],
      ['error-invalid-access-token', 401],
      ['error-insufficient-balance', 403],
      ['error-duplicated-ref', 400]
    ] as const) {
      const { adapter } = adapterWith(byRoute({ 'POST /v3/gift-cards/placeOrder': { status, text: fixture(name) } }))
      messages.push((await failure(adapter.createOrder(ORDER_REQUEST))).message)
    }
    expect(messages).toEqual([
      'OneClickDz did not receive an API key. Check that the account settings have a key; if they do, a proxy or firewall may be removing the X-Access-Token header.',
      'OneClickDz rejected the API key (it may be wrong, expired or revoked). Check the key in the account settings, or generate a new one in the OneClickDz dashboard (Settings → API).',
      'Not enough balance at OneClickDz for this order. Nothing was bought. Top up your OneClickDz balance and try again.',
      'OneClickDz already has an order with this reference: an earlier attempt placed it. ResellerDesk will look that order up instead of buying again.'
    ])
  })

  const otherCases: [string, number, string, string][] = [
    ['ERR_AUTH', 401, 'AUTH_INVALID', 'rejected the API key'],
    ['NO_BALANCE', 403, 'INSUFFICIENT_BALANCE', 'Top up your OneClickDz balance'],
    ['IP_BLOCKED', 403, 'FORBIDDEN', "Add this computer's public IP address to the key"],
    ['INSUFFICIENT_PERMISSIONS', 403, 'FORBIDDEN', 'Use a READ-WRITE key'],
    ['OUT_OF_STOCK', 400, 'OUT_OF_STOCK', `has no stock of product ${PSN} (type type_001) right now`],
    ['ERR_VALIDATION', 400, 'BAD_REQUEST', 'please report it'],
    ['PRODUCT_NOT_FOUND', 404, 'PRODUCT_NOT_FOUND', `no longer sells product ${PSN} (type type_001)`],
    ['TYPE_NOT_FOUND', 404, 'PRODUCT_NOT_FOUND', 'Refresh the catalog'],
    ['RATE_LIMIT_EXCEEDED', 429, 'RATE_LIMITED', 'will wait 10 seconds'],
    ['INTERNAL_ERROR', 500, 'UPSTREAM_FAILED', 'internal error'],
    ['SERVICE_UNAVAILABLE', 503, 'UPSTREAM_UNAVAILABLE', 'temporarily unavailable']
  ]

  it.each(otherCases)('%s (HTTP %i) on placeOrder → %s', async (upstreamCode, status, code, text) => {
    const { adapter } = adapterWith(byRoute({ 'POST /v3/gift-cards/placeOrder': { status, text: envelope(upstreamCode) } }))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe(code)
    expect(e.message).toContain(text)
    expect(e.placement).toBe(status >= 500 ? 'unknown' : 'not_placed')
    expect(e.retryable).toBe(status === 429 || status >= 500)
    expectReadable(e)
  })

  it('knows the codes the docs name', () => {
    for (const code of DOCUMENTED_ERROR_CODES) expect(KNOWN_ERROR_CODES).toContain(code)
    expect(DOCUMENTED_ERROR_CODES).toEqual(['MISSING_ACCESS_TOKEN', 'INVALID_ACCESS_TOKEN', 'ERR_AUTH', 'INSUFFICIENT_BALANCE', 'NO_BALANCE', 'IP_BLOCKED', 'DUPLICATED_REF'])
  })

  it('429 honours Retry-After', async () => {
    const { adapter } = adapterWith(
      byRoute({ [`GET /v3/gift-cards/checkOrder/${ORDER_ID}`]: { status: 429, headers: { 'Retry-After': '30' }, text: envelope('RATE_LIMIT_EXCEEDED', 'Too many requests') } })
    )
    const e = await failure(adapter.getOrder(ORDER_ID))
    expect(e.code).toBe('RATE_LIMITED')
    expect(e.retryAfterMs).toBe(30_000)
    expect(e.message).toBe('OneClickDz is limiting how fast requests may be sent. ResellerDesk will wait 30 seconds and try again.')
  })

  it('an unlisted 404 goes by what was asked for', async () => {
    const { adapter } = adapterWith(
      byRoute({
        [`GET /v3/gift-cards/checkOrder/${ORDER_ID}`]: { status: 404, text: envelope('NOT_FOUND', 'Not found') },
        'POST /v3/gift-cards/placeOrder': { status: 404, text: envelope('NOT_FOUND', 'Not found') },
        'GET /v3/validate': { status: 404, text: envelope('NOT_FOUND', 'Route not found') }
      })
    )
    const o = await failure(adapter.getOrder(ORDER_ID))
    expect(o.code).toBe('ORDER_NOT_FOUND')
    expect(o.message).toBe(
      `OneClickDz has no order ${ORDER_ID} for this API key. Check that the order was placed with this account's key (sandbox and production keys see different orders).`
    )
    const p = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(p.code).toBe('PRODUCT_NOT_FOUND')
    expect(p.placement).toBe('not_placed')
    const v = await failure(adapter.getBalance())
    expect(v.code).toBe('NOT_FOUND')
    expect(v.message).toBe(
      "OneClickDz could not find what was asked for. (OneClickDz said: “Route not found”) Check that the account's web address is OneClickDz's API address."
    )
  })

  it('an error envelope with HTTP 200 still counts as a refusal for a known 4xx code; DUPLICATED_REF stays unknown', async () => {
    const { adapter } = adapterWith(byRoute({ 'POST /v3/gift-cards/placeOrder': fixture('error-insufficient-balance') }))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('INSUFFICIENT_BALANCE')
    expect(e.placement).toBe('not_placed')
    const dup = adapterWith(byRoute({ 'POST /v3/gift-cards/placeOrder': fixture('error-duplicated-ref') }))
    expect((await failure(dup.adapter.createOrder(ORDER_REQUEST))).placement).toBe('unknown')
  })

  it('a known 4xx code sent with a 5xx status is not trusted as a refusal', async () => {
    const { adapter } = adapterWith(byRoute({ 'POST /v3/gift-cards/placeOrder': { status: 500, text: envelope('OUT_OF_STOCK') } }))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.placement).toBe('unknown')
    expect(e.retryable).toBe(true)
  })

  it('an unlisted code goes by its HTTP status, echoing the upstream words without the key', async () => {
    const { adapter } = adapterWith(
      byRoute({
        'POST /v3/gift-cards/placeOrder': { status: 403, text: envelope('ACCOUNT_SUSPENDED', `Account suspended for key ${API_KEY}`) },
        'GET /v3/validate': { status: 400, text: envelope('toString') }
      })
    )
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('FORBIDDEN')
    expect(e.upstreamCode).toBe('ACCOUNT_SUSPENDED')
    expect(e.placement).toBe('not_placed')
    expect(e.message).toBe(
      'OneClickDz refused access for this API key. (OneClickDz said: “Account suspended for key [hidden]”) Check the key and the account in the OneClickDz dashboard.'
    )
    const b = await failure(adapter.getBalance())
    expect(b.code).toBe('UPSTREAM_FAILED')
    expect(b.message).toBe('OneClickDz refused the request (HTTP 400). (OneClickDz said: “Something happened.”)')
  })

  it('a 502/503 HTML page from a proxy → UPSTREAM_UNAVAILABLE, retryable; on placeOrder, placement unknown', async () => {
    const page = { status: 502, text: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' }
    const { adapter } = adapterWith(byRoute({ 'GET /v3/validate': page, 'POST /v3/gift-cards/placeOrder': { ...page, status: 503 } }))
    const b = await failure(adapter.getBalance())
    expect(b.code).toBe('UPSTREAM_UNAVAILABLE')
    expect(b.retryable).toBe(true)
    expect(b.message).toBe('OneClickDz is temporarily unavailable (HTTP 502). Try again in a few minutes.')
    const c = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(c.code).toBe('UPSTREAM_UNAVAILABLE')
    expect(c.placement).toBe('unknown')
    expectReadable(c)
  })

  it('a 429 that is not OneClickDz JSON is RATE_LIMITED, but on placeOrder it proves nothing', async () => {
    const { adapter } = adapterWith(byRoute({ 'POST /v3/gift-cards/placeOrder': { status: 429, headers: { 'retry-after': '5' }, text: 'Too Many Requests' } }))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('RATE_LIMITED')
    expect(e.retryAfterMs).toBe(5000)
    expect(e.placement).toBe('unknown')
  })

  it('a 4xx with a body that is not an error envelope → MALFORMED_REPLY', async () => {
    const { adapter } = adapterWith(byRoute({ [`GET /v3/gift-cards/checkOrder/${ORDER_ID}`]: { status: 404, text: '<html>Not Found</html>' } }))
    expect((await failure(adapter.getOrder(ORDER_ID))).code).toBe('MALFORMED_REPLY')
  })
})

describe('OneClickDz: transport failures and local refusals on placeOrder', () => {
  it('keeps the client\'s placement and adds what happens next when the order may exist', async () => {
    const timeout = new UpstreamError('TIMEOUT', 'OneClickDz did not answer within 20 seconds.', { placement: 'unknown', retryable: true })
    const { adapter } = adapterWith(() => Promise.reject(timeout))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('TIMEOUT')
    expect(e.placement).toBe('unknown')
    expect(e.message).toBe(
      "OneClickDz did not answer within 20 seconds. The order may have been placed: ResellerDesk will check OneClickDz's order list before buying again."
    )
  })

  it('a refused connection stays not_placed, untouched', async () => {
    const refused = new UpstreamError('NETWORK', 'Could not reach OneClickDz: the connection was refused.', { placement: 'not_placed', retryable: true })
    const { adapter } = adapterWith(() => Promise.reject(refused))
    expect(await failure(adapter.createOrder(ORDER_REQUEST))).toBe(refused)
  })

  it('anything else thrown by the client is NETWORK with unknown placement, without the original (it may hold the key)', async () => {
    const { adapter } = adapterWith(() => Promise.reject(new Error(`boom with X-Access-Token: ${API_KEY}`)))
    const e = await failure(adapter.createOrder(ORDER_REQUEST))
    expect(e.code).toBe('NETWORK')
    expect(e.placement).toBe('unknown')
    expect(String((e.cause as Error).message)).not.toContain(API_KEY)
  })

  it('refuses locally, without sending, what OneClickDz would refuse', async () => {
    const { adapter, requests } = adapterWith(byRoute({}))
    for (const bad of [
      { ...ORDER_REQUEST, quantity: 51, code: 'INVALID_QUANTITY' },
      { ...ORDER_REQUEST, quantity: 0, code: 'INVALID_QUANTITY' },
      { ...ORDER_REQUEST, quantity: 1.5, code: 'INVALID_QUANTITY' },
      { ...ORDER_REQUEST, variantId: null, code: 'BAD_REQUEST' },
      { ...ORDER_REQUEST, productId: ' ', code: 'BAD_REQUEST' }
    ]) {
      const e = await failure(adapter.createOrder(bad))
      expect(e.code).toBe(bad.code)
      expect(e.placement).toBe('not_placed')
      expectReadable(e)
    }
    expect(requests).toHaveLength(0)
  })

  it('path parameters are URL-encoded', async () => {
    const { adapter, requests } = adapterWith(() => ({ status: 404, text: envelope('ORDER_NOT_FOUND', 'Order not found') }))
    await failure(adapter.getOrder('a/b?c'))
    expect(requests[0]?.path).toBe('/v3/gift-cards/checkOrder/a%2Fb%3Fc')
  })

  it('refuses credentials of another kind', () => {
    expect(() =>
      createOneClickDzAdapter({
        baseUrl: 'x',
        credentials: { kind: 'digetalhube', apiKey: 'k' },
        http: fakeHttp(byRoute({})).http,
        now: () => new Date(),
        currency: 'DZD'
      })
    ).toThrow(/not OneClickDz credentials/)
  })
})

describe('OneClickDz: listOrders paging and findByClientRef', () => {
  const START = Date.parse('2025-10-29T12:00:00Z')
  interface Item { _id: string; status: string; quantity: number; time: string; product: string; type: string; ref?: string }
  /** n HANDLING orders, newest first, one a minute. */
  function history(n: number, withRef = true): Item[] {
    return Array.from({ length: n }, (_, i) => ({
      _id: `order${String(i).padStart(4, '0')}`,
      status: 'HANDLING',
      quantity: 1,
      time: new Date(START - i * 60_000).toISOString(),
      product: PSN,
      type: 'type_001',
      ...(withRef ? { ref: `rd${String(i).padStart(24, '0')}` } : {})
    }))
  }
  function pages(all: Item[], opts: { shiftAfterFirst?: number; paginationInMeta?: boolean; noPagination?: boolean } = {}): Responder {
    let calls = 0
    return (req) => {
      const page = Number(req.query?.page)
      const size = Number(req.query?.pageSize)
      const shift = calls++ > 0 ? (opts.shiftAfterFirst ?? 0) : 0
      const items = all.slice((page - 1) * size - shift, page * size - shift)
      const pagination = { page, pageSize: size, totalPages: Math.ceil(all.length / size), totalResults: all.length }
      if (opts.noPagination) return { text: JSON.stringify({ success: true, data: { items } }) }
      if (opts.paginationInMeta) return { text: JSON.stringify({ success: true, data: { items }, meta: { timestamp: 'x', pagination } }) }
      return { text: JSON.stringify({ success: true, data: { items, pagination }, meta: { timestamp: 'x' } }) }
    }
  }

  it('pages 100 at a time until the last page', async () => {
    const { adapter, requests } = adapterWith(pages(history(250)))
    const orders = await adapter.listOrders!({ since: new Date(0) })
    expect(requests.map((r) => r.query?.page)).toEqual([1, 2, 3])
    expect(orders).toHaveLength(250)
    expect(orders[0]?.upstreamId).toBe('order0000')
  })

  it('reads pagination from meta too, and without any pagination stops at a short page', async () => {
    const a = adapterWith(pages(history(150), { paginationInMeta: true }))
    expect(await a.adapter.listOrders!({ since: new Date(0) })).toHaveLength(150)
    expect(a.requests).toHaveLength(2)
    const b = adapterWith(pages(history(150), { noPagination: true }))
    expect(await b.adapter.listOrders!({ since: new Date(0) })).toHaveLength(150)
    expect(b.requests).toHaveLength(2)
  })

  it('stops at 20 pages', async () => {
    const { adapter, requests } = adapterWith(pages(history(2500)))
    expect(await adapter.listOrders!({ since: new Date(0) })).toHaveLength(2000)
    expect(requests).toHaveLength(20)
  })

  it('reports an order only once when the list shifts between pages', async () => {
    const { adapter } = adapterWith(pages(history(150), { shiftAfterFirst: 2 }))
    const ids = (await adapter.listOrders!({ since: new Date(0) })).map((o) => o.upstreamId)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('findByClientRef finds the order on a later page and stops there', async () => {
    const { adapter, requests } = adapterWith(pages(history(250)))
    const ref = `rd${String(120).padStart(24, '0')}`
    const found = await adapter.findByClientRef!(ref, { since: new Date('2025-10-29T00:00:00Z') })
    expect(found).toMatchObject({ upstreamId: 'order0120', clientRef: ref, status: 'processing', productId: PSN, variantId: 'type_001' })
    expect(requests).toHaveLength(2)
    // 10 minutes earlier than asked: OneClickDz's clock may lag ours.
    expect(requests[0]?.query).toEqual({ page: 1, pageSize: 100, from: '2025-10-28T23:50:00.000Z' })
  })

  it('findByClientRef → null when the list (with references) does not have it, or is empty', async () => {
    expect(await adapterWith(pages(history(30))).adapter.findByClientRef!('rd-not-there', { since: new Date(0) })).toBeNull()
    expect(await adapterWith(pages([])).adapter.findByClientRef!('rd-not-there', { since: new Date(0) })).toBeNull()
  })

  it('findByClientRef refuses to guess when no listed order shows a reference', async () => {
    const e = await failure(adapterWith(pages(history(30, false))).adapter.findByClientRef!('rd-x', { since: new Date(0) }))
    expect(e.code).toBe('UNSUPPORTED')
    expect(e.retryable).toBe(false)
    expectReadable(e)
  })
})

describe('OneClickDz: card codes', () => {
  it('value alone without a serial (or when the serial repeats it); "value / serial" otherwise; reversible', () => {
    expect(cardCode('ABCD-1234', null)).toBe('ABCD-1234')
    expect(cardCode('ABCD-1234', '')).toBe('ABCD-1234')
    expect(cardCode('ABCD-1234', 'ABCD-1234')).toBe('ABCD-1234')
    expect(cardCode('SANDBOX-CARD-1', 'SANDBOX-1')).toBe('SANDBOX-CARD-1 / SANDBOX-1')
    for (const [value, serial] of [
      ['SANDBOX-CARD-1', 'SANDBOX-1'],
      ['XXXX-XXXX-XXXX-XXXX', '123456789'],
      ['a / b', '42'],
      ['ABCD', null]
    ] as const) {
      expect(splitCardCode(cardCode(value, serial))).toEqual({ value, serial })
    }
  })
})
