// The OneClickDz adapter over the real HTTP client against the OneClickDz simulator: the whole flow for both kinds of
// key, the money of partial and refunded orders to the centime, the errors a shop meets, and recovery of an order
// whose reply was lost (by our client reference, as the engine does).
import { afterEach, describe, expect, it } from 'vitest'
import { UpstreamError } from '../../src/core/errors'
import { createHttpClient } from '../../src/core/providers/http'
import { createOneClickDzAdapter, splitCardCode } from '../../src/core/providers/oneclickdz'
import type { CreateOrderRequest, ProviderAdapter, UpstreamOrder } from '../../src/core/providers/types'
import {
  ONECLICKDZ_DEMO_KEY,
  ONECLICKDZ_DEMO_SANDBOX_KEY,
  startOneClickDzSim,
  type OneClickDzSim,
  type OneClickDzSimOptions
} from '../../src/sim/oneclickdz'

const PSN = '507f1f77bcf86cd799439011'
const GOOGLE_PLAY = '507f1f77bcf86cd799439012'

const started: OneClickDzSim[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()))
})

async function sim(opts: OneClickDzSimOptions = {}): Promise<OneClickDzSim> {
  // 3–45 s deliveries become 6–90 ms.
  const s = await startOneClickDzSim({ speed: 500, seed: 7, rateLimitPerMinute: false, ...opts })
  started.push(s)
  return s
}

function adapterFor(s: OneClickDzSim, apiKey = ONECLICKDZ_DEMO_KEY, timeoutMs = 1_500): ProviderAdapter {
  const http = createHttpClient({ baseUrl: s.baseUrl, label: 'OneClickDz', timeoutMs, sleep: () => Promise.resolve() })
  return createOneClickDzAdapter({ baseUrl: s.baseUrl, credentials: { kind: 'oneclickdz', apiKey }, http, now: () => new Date(), currency: 'DZD' })
}

let refSeq = 0
function order(productId: string, variantId: string, quantity: number): CreateOrderRequest {
  refSeq += 1
  return { productId, variantId, quantity, clientRef: `rd${refSeq.toString(16).padStart(24, '0')}`, fields: {} }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

async function final(adapter: ProviderAdapter, upstreamId: string): Promise<UpstreamOrder> {
  for (let i = 0; i < 400; i++) {
    const o = await adapter.getOrder(upstreamId)
    if (o.status !== 'processing' && o.status !== 'pending') return o
    await sleep(5)
  }
  throw new Error(`order ${upstreamId} never finished`)
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

describe('OneClickDz adapter ↔ simulator: the whole flow', () => {
  it('production key: balance, catalog, buy, poll to the cards; the balance drops by exactly what was charged', async () => {
    const s = await sim()
    const a = adapterFor(s)
    expect(await a.getBalance()).toEqual({ available: { amount: '50000', currency: 'DZD' }, details: { keyType: 'PRODUCTION', scope: 'READ-WRITE' } })

    const catalog = await a.listCatalog()
    expect(catalog.find((p) => p.productId === PSN && p.variantId === 'type_001')).toMatchObject({
      title: 'PlayStation Network',
      variantName: 'PSN 500 DA',
      category: 'Gaming Cards',
      description: 'Region: DZ',
      price: { amount: '490', currency: 'DZD' },
      stock: 1500,
      inStock: true,
      maxPerOrder: 50
    })
    expect(catalog.find((p) => p.variantId === 'type_003')).toMatchObject({ stock: 0, inStock: false })
    expect(catalog.find((p) => p.productId === GOOGLE_PLAY && p.variantName === 'Google Play 1000 DA')?.price).toEqual({ amount: '987.5', currency: 'DZD' })
    expect(catalog.some((p) => p.title === 'Xbox Gift Card')).toBe(false) // disabled
    expect(catalog.some((p) => p.variantId?.startsWith('TEST_'))).toBe(false)
    expect(new Set(catalog.map((p) => `${p.productId}/${p.variantId}`)).size).toBe(catalog.length)

    const req = order(PSN, 'type_001', 3)
    const created = await a.createOrder(req)
    expect(created).toMatchObject({ clientRef: req.clientRef, productId: PSN, variantId: 'type_001', quantity: 3, status: 'processing', upstreamStatus: 'HANDLING' })
    expect(created.createdAt).toBeInstanceOf(Date)
    const done = await final(a, created.upstreamId)
    expect(done).toMatchObject({
      upstreamId: created.upstreamId,
      clientRef: req.clientRef,
      productId: PSN,
      variantId: 'type_001',
      quantity: 3,
      status: 'completed',
      charged: { amount: '1470', currency: 'DZD' },
      refunded: null,
      fulfilledQuantity: 3,
      upstreamStatus: 'FULFILLED'
    })
    expect(done.codes).toEqual(s.issuedCodes(ONECLICKDZ_DEMO_KEY))
    expect(done.codes.map(splitCardCode)).toEqual(s.issuedCards(ONECLICKDZ_DEMO_KEY))
    expect((await a.getBalance()).available).toEqual({ amount: '48530', currency: 'DZD' })
  })

  it('a partially filled order (5 × 490 DA, 3 in stock): 3 cards, charged 1470, refunded 980 — and so says the balance', async () => {
    const s = await sim()
    const a = adapterFor(s)
    s.setStock(PSN, 'type_001', 3)
    const created = await a.createOrder(order(PSN, 'type_001', 5))
    expect(s.balance(ONECLICKDZ_DEMO_KEY)).toBe('47550.00') // the whole order is held first
    const done = await final(a, created.upstreamId)
    expect(done).toMatchObject({
      status: 'partially_completed',
      quantity: 5,
      fulfilledQuantity: 3,
      charged: { amount: '1470', currency: 'DZD' },
      refunded: { amount: '980', currency: 'DZD' },
      upstreamStatus: 'PARTIALLY_FILLED'
    })
    expect(done.codes).toHaveLength(3)
    expect(done.codes).toEqual(s.issuedCodes(ONECLICKDZ_DEMO_KEY))
    expect((await a.getBalance()).available.amount).toBe('48530')
  })

  it('centimes: 7 × 245.50 refunded by the supplier → failed, charged 0, refunded 1718.5, balance whole again', async () => {
    const s = await sim({ failureRate: 1 })
    const a = adapterFor(s)
    const pubg = (await a.listCatalog()).find((p) => p.variantName === '60 UC')!
    expect(pubg.price.amount).toBe('245.5')
    const done = await final(a, (await a.createOrder(order(pubg.productId, pubg.variantId!, 7))).upstreamId)
    expect(done).toMatchObject({
      status: 'failed',
      codes: [],
      charged: { amount: '0', currency: 'DZD' },
      refunded: { amount: '1718.5', currency: 'DZD' },
      fulfilledQuantity: 0,
      message: 'OneClickDz could not deliver this order and refunded it in full.',
      upstreamStatus: 'REFUNDED'
    })
    expect((await a.getBalance()).available.amount).toBe('50000')
  })

  it('sandbox key: said so with the balance, test types in the catalog, TEST_PARTIAL and TEST_REFUND, nothing spent', async () => {
    const s = await sim()
    const a = adapterFor(s, ONECLICKDZ_DEMO_SANDBOX_KEY)
    expect((await a.getBalance()).details.keyType).toBe('SANDBOX')
    const tests = (await a.listCatalog()).filter((p) => p.productId === PSN && p.variantId?.startsWith('TEST_'))
    expect(tests.map((p) => p.variantId)).toEqual(['TEST_REFUND', 'TEST_PARTIAL'])

    const half = await final(a, (await a.createOrder(order(PSN, 'TEST_PARTIAL', 4))).upstreamId)
    expect(half).toMatchObject({
      status: 'partially_completed',
      fulfilledQuantity: 2,
      charged: { amount: '0', currency: 'DZD' },
      refunded: { amount: '0', currency: 'DZD' }
    })
    expect(half.codes).toEqual(['SANDBOX-CARD-1 / SANDBOX-1', 'SANDBOX-CARD-2 / SANDBOX-2'])
    const refunded = await final(a, (await a.createOrder(order(PSN, 'TEST_REFUND', 2))).upstreamId)
    expect(refunded).toMatchObject({ status: 'failed', fulfilledQuantity: 0, codes: [], upstreamStatus: 'REFUNDED' })
    const full = await final(a, (await a.createOrder(order(PSN, 'type_002', 1))).upstreamId)
    expect(full).toMatchObject({ status: 'completed', codes: ['SANDBOX-CARD-3 / SANDBOX-3'] })
    expect((await a.getBalance()).available.amount).toBe('50000')
    // The production key does not see sandbox orders.
    expect((await failure(adapterFor(s).getOrder(full.upstreamId))).code).toBe('ORDER_NOT_FOUND')
  })

  it('listOrders pages through more than 100 orders, newest first, from `since` on', async () => {
    const s = await sim({ deliveryMs: [60_000, 60_000] }) // stay HANDLING for 120 ms
    const a = adapterFor(s, ONECLICKDZ_DEMO_SANDBOX_KEY)
    const since = new Date(Date.now() - 1000)
    const ids = new Set<string>()
    for (let i = 0; i < 130; i++) ids.add((await a.createOrder(order(PSN, 'type_001', 1))).upstreamId)
    const listed = await a.listOrders!({ since })
    expect(listed).toHaveLength(130)
    expect(new Set(listed.map((o) => o.upstreamId))).toEqual(ids)
    expect(listed[0]!.createdAt!.getTime()).toBeGreaterThanOrEqual(listed[129]!.createdAt!.getTime())
    expect(await a.listOrders!({ since: new Date(Date.now() + 60_000) })).toEqual([])
  })
})

describe('OneClickDz adapter ↔ simulator: what a shop meets', () => {
  it('a wrong key, a blocked IP, a read-only key', async () => {
    const s = await sim({
      accounts: [
        {
          username: '+213600000009',
          balance: '100',
          keys: [
            { apiKey: 'fenced', type: 'PRODUCTION', allowedIps: ['10.9.8.7'] },
            { apiKey: 'reader', type: 'PRODUCTION', scope: 'READ-ONLY' }
          ]
        }
      ]
    })
    const wrong = await failure(adapterFor(s, 'not-a-key').getBalance())
    expect(wrong.code).toBe('AUTH_INVALID')
    expect(wrong.message).not.toContain('not-a-key')
    expect((await failure(adapterFor(s, 'fenced').getBalance())).code).toBe('FORBIDDEN')
    const reader = adapterFor(s, 'reader')
    expect((await reader.getBalance()).details).toEqual({ keyType: 'PRODUCTION', scope: 'READ-ONLY' })
    const e = await failure(reader.createOrder(order(PSN, 'type_001', 1)))
    expect(e.code).toBe('FORBIDDEN')
    expect(e.placement).toBe('not_placed')
  })

  it('not enough balance, out of stock, a withdrawn denomination: refused, nothing placed', async () => {
    const s = await sim({ accounts: [{ username: 'u', balance: '500', keys: [{ apiKey: 'k', type: 'PRODUCTION' }] }] })
    const a = adapterFor(s, 'k')
    for (const [req, code] of [
      [order(PSN, 'type_002', 1), 'INSUFFICIENT_BALANCE'],
      [order(PSN, 'type_003', 1), 'OUT_OF_STOCK'],
      [order(PSN, 'type_999', 1), 'PRODUCT_NOT_FOUND'],
      [order('000000000000000000000000', 'type_001', 1), 'PRODUCT_NOT_FOUND']
    ] as const) {
      const e = await failure(a.createOrder(req))
      expect(e.code).toBe(code)
      expect(e.placement).toBe('not_placed')
      expect(e.retryable).toBe(false)
    }
    expect(s.orders('k')).toHaveLength(0)
    expect(s.balance('k')).toBe('500.00')
  })

  it('the rate limit: RATE_LIMITED with a wait, after the client has retried', async () => {
    const s = await sim({ rateLimitPerMinute: 3 })
    const a = adapterFor(s)
    await a.getBalance() // validate + balance
    await a.getBalance() // balance
    const e = await failure(a.getBalance())
    expect(e.code).toBe('RATE_LIMITED')
    expect(e.retryable).toBe(true)
    expect(e.retryAfterMs).toBeGreaterThanOrEqual(1000)
  })

  it('passing 503s and 502 pages on reads are retried by the client and never seen', async () => {
    const s = await sim()
    s.faults.inject({ action: 'validate', kind: 'http503' })
    s.faults.inject({ action: 'catalog', kind: 'html_error' })
    s.faults.inject({ action: 'checkProduct', kind: 'http502', times: 2 })
    expect((await adapterFor(s).getBalance()).available.amount).toBe('50000')
    expect((await adapterFor(s).listCatalog()).length).toBeGreaterThan(10)
  })

  it('a garbled checkOrder reply → MALFORMED_REPLY; the next poll reads it fine', async () => {
    const s = await sim()
    const a = adapterFor(s)
    const { upstreamId } = await a.createOrder(order(PSN, 'type_001', 1))
    s.faults.inject({ action: 'checkOrder', kind: 'malformed_json' })
    expect((await failure(a.getOrder(upstreamId))).code).toBe('MALFORMED_REPLY')
    expect((await final(a, upstreamId)).status).toBe('completed')
  })
})

describe('OneClickDz adapter ↔ simulator: recovering an order whose reply was lost', () => {
  it('drop_after_commit: placement unknown; findByClientRef and listOrders find it; sending again is refused as a duplicate', async () => {
    const s = await sim()
    const a = adapterFor(s)
    const since = new Date(Date.now() - 1000)
    const req = order(PSN, 'type_002', 2)
    s.faults.inject({ action: 'placeOrder', kind: 'drop_after_commit' })
    const lost = await failure(a.createOrder(req))
    expect(lost.code).toBe('NETWORK')
    expect(lost.placement).toBe('unknown')
    expect(lost.message).toContain("ResellerDesk will check OneClickDz's order list before buying again.")

    const found = await a.findByClientRef!(req.clientRef, { since })
    const [placed] = s.orders(ONECLICKDZ_DEMO_KEY)
    expect(found).toMatchObject({ upstreamId: placed?.orderId, clientRef: req.clientRef, productId: PSN, variantId: 'type_002', quantity: 2 })
    expect((await a.listOrders!({ since })).map((o) => o.upstreamId)).toEqual([placed?.orderId])

    const again = await failure(a.createOrder(req))
    expect(again.code).toBe('DUPLICATE_REFERENCE')
    expect(again.placement).toBe('unknown')
    expect(s.orders(ONECLICKDZ_DEMO_KEY)).toHaveLength(1)
    expect(s.balance(ONECLICKDZ_DEMO_KEY)).toBe('48040.00')

    const done = await final(a, found!.upstreamId)
    expect(done.codes).toEqual(s.issuedCodes(ONECLICKDZ_DEMO_KEY))
    expect(await a.findByClientRef!('rd-never-sent', { since })).toBeNull()
  })

  it('malformed_json and slow_after_commit: placement unknown, and the order is found by reference', async () => {
    const s = await sim()
    const a = adapterFor(s, ONECLICKDZ_DEMO_KEY, 300)
    const since = new Date(Date.now() - 1000)
    for (const kind of ['malformed_json', 'slow_after_commit'] as const) {
      const req = order(PSN, 'type_001', 1)
      s.faults.inject({ action: 'placeOrder', kind })
      const e = await failure(a.createOrder(req))
      expect(e.code).toBe(kind === 'malformed_json' ? 'MALFORMED_REPLY' : 'TIMEOUT')
      expect(e.placement).toBe('unknown')
      expect((await a.findByClientRef!(req.clientRef, { since }))?.clientRef).toBe(req.clientRef)
    }
    expect(s.orders(ONECLICKDZ_DEMO_KEY)).toHaveLength(2)
  })

  it('http500 and hang: placement unknown, and findByClientRef proves nothing was placed', async () => {
    const s = await sim()
    const a = adapterFor(s, ONECLICKDZ_DEMO_KEY, 300)
    const since = new Date(Date.now() - 1000)
    for (const [kind, code] of [['http500', 'UPSTREAM_FAILED'], ['hang', 'TIMEOUT']] as const) {
      const req = order(PSN, 'type_001', 1)
      s.faults.inject({ action: 'placeOrder', kind })
      const e = await failure(a.createOrder(req))
      expect(e.code).toBe(code)
      expect(e.placement).toBe('unknown')
      expect(await a.findByClientRef!(req.clientRef, { since })).toBeNull()
    }
    expect(s.orders(ONECLICKDZ_DEMO_KEY)).toHaveLength(0)
    expect(s.balance(ONECLICKDZ_DEMO_KEY)).toBe('50000.00')
  })
})
