// The AI Digital Tools adapter, through the real HTTP client, against the simulator on loopback: the whole flow a shop
// goes through, the upstream's own cases (auto vs manual delivery, custom fields, cancel with refund, revoked key),
// and what is left to do after a create that got no answer (no order list: the order goes to review, and its id finds it).
import { afterEach, describe, expect, it } from 'vitest'
import { UpstreamError } from '../../src/core/errors'
import { createAiDigitalToolsAdapter, type AiDigitalToolsAdapter } from '../../src/core/providers/aidigitaltools'
import { createHttpClient } from '../../src/core/providers/http'
import type { CreateOrderRequest, UpstreamOrder } from '../../src/core/providers/types'
import {
  AIDIGITALTOOLS_DEMO_KEY,
  AIDIGITALTOOLS_PRODUCT_IDS as P,
  AIDIGITALTOOLS_REVOKED_KEY,
  startAiDigitalToolsSim,
  type AiDigitalToolsSim,
  type AiDigitalToolsSimOptions
} from '../../src/sim/aidigitaltools'

const KEY = AIDIGITALTOOLS_DEMO_KEY

const sims: AiDigitalToolsSim[] = []
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()))
})

async function sim(opts: AiDigitalToolsSimOptions = {}): Promise<AiDigitalToolsSim> {
  // Manual orders: 20–60 s pending and 30–120 s processing in real life, a few ms here.
  const s = await startAiDigitalToolsSim({ speed: 20_000, seed: 11, ...opts })
  sims.push(s)
  return s
}

function adapterFor(
  s: AiDigitalToolsSim,
  opts: { key?: string; baseUrl?: string; timeoutMs?: number; maxRetries?: number; keyPlacement?: 'bearer' | 'x-api-key' } = {}
): AiDigitalToolsAdapter {
  const baseUrl = opts.baseUrl ?? s.baseUrl
  const http = createHttpClient({
    baseUrl,
    label: 'AI Digital Tools',
    sleep: async () => {},
    ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
    ...(opts.maxRetries === undefined ? {} : { maxRetries: opts.maxRetries })
  })
  return createAiDigitalToolsAdapter(
    { baseUrl, credentials: { kind: 'aidigitaltools', apiKey: opts.key ?? KEY }, http, now: () => new Date(), currency: 'USD' },
    opts.keyPlacement ? { keyPlacement: opts.keyPlacement } : {}
  )
}

let refSeq = 0
function order(productId: string, quantity: number, fields: Record<string, string> = {}): CreateOrderRequest {
  refSeq += 1
  return { productId, variantId: null, quantity, clientRef: `rd${refSeq.toString(16).padStart(24, '0')}`, fields }
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

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Polls like the engine does (getOrder; there is no list) until the order is final. */
async function pollToFinal(a: AiDigitalToolsAdapter, upstreamId: string): Promise<{ final: UpstreamOrder; seen: string[] }> {
  const seen: string[] = []
  for (let i = 0; i < 400; i++) {
    const o = await a.getOrder(upstreamId)
    if (seen.at(-1) !== o.status) seen.push(o.status)
    if (o.status !== 'pending' && o.status !== 'processing') return { final: o, seen }
    await sleep(5)
  }
  throw new Error('never final')
}

const PLAYER = { player_id: '5123456789' }

describe('AI Digital Tools adapter against the simulator', () => {
  it('health, balance and the catalog with prices after discount and the fields needed at purchase time', async () => {
    const s = await sim()
    const a = adapterFor(s)
    expect(await a.health()).toEqual({ message: 'Reseller API is running successfully', version: 'v1' })
    expect(await a.getBalance()).toEqual({ available: { amount: '250', currency: 'USD' }, details: { discount_percent: '10', rate_limit_per_minute: '60' } })

    const catalog = await a.listCatalog()
    expect(catalog).toHaveLength(18)
    const byId = new Map(catalog.map((p) => [p.productId, p]))
    expect(byId.get(P.midjourney)).toMatchObject({ title: 'Midjourney Basic 1 Month', price: { amount: '9', currency: 'USD' }, inStock: true, fields: [] })
    // 12.90 less the product's own 5 % = 12.255 → 12.26.
    expect(byId.get(P.windows11)?.price.amount).toBe('12.26')
    expect(byId.get(P.grammarly)).toMatchObject({ stock: 0, inStock: false })
    expect(byId.get(P.pubg60)).toMatchObject({
      price: { amount: '0.89', currency: 'USD' },
      description: 'Sent straight to the player’s account; give the numeric Player ID.',
      fields: [{ name: 'player_id', label: 'Player ID', required: true, pattern: '[0-9]{6,12}' }]
    })
    expect(byId.get(P.genshin60)?.fields).toEqual([
      { name: 'uid', label: 'UID', required: true, pattern: '[0-9]{9}' },
      { name: 'server', label: 'Server', required: true, pattern: 'America|Europe|Asia|TW, HK, MO' }
    ])
    expect(byId.get(P.chatgptPlus)?.fields.map((f) => [f.name, f.required])).toEqual([
      ['account_email', true],
      ['note', false]
    ])
  })

  it('buys an auto-delivered product: completed in the create reply, every code, charged to the cent', async () => {
    const s = await sim()
    const a = adapterFor(s, { keyPlacement: 'x-api-key' })
    const req = order(P.midjourney, 7)
    const created = await a.createOrder(req)
    expect(created).toMatchObject({
      clientRef: req.clientRef,
      productId: P.midjourney,
      quantity: 7,
      status: 'completed',
      charged: { amount: '63', currency: 'USD' },
      fulfilledQuantity: 7,
      upstreamStatus: 'delivered'
    })
    expect(created.codes).toEqual(s.issuedCodes(KEY))
    expect(created.codes).toHaveLength(7)
    expect((await a.getBalance()).available.amount).toBe('187')
    expect(await a.getOrder(created.upstreamId)).toMatchObject({ status: 'completed', codes: created.codes, clientRef: req.clientRef })
  })

  it('buys a Player ID top-up (manual): pending → processing → completed by polling, with the field sent along', async () => {
    const s = await sim({ speed: 400 })
    const a = adapterFor(s)
    const created = await a.createOrder(order(P.pubg60, 3, PLAYER))
    expect(created).toMatchObject({ status: 'pending', codes: [], charged: { amount: '2.67', currency: 'USD' } })
    const { final, seen } = await pollToFinal(a, created.upstreamId)
    expect(seen[0]).toBe('pending')
    expect(seen).toContain('processing')
    expect(final).toMatchObject({ status: 'completed', fulfilledQuantity: 3, charged: { amount: '2.67', currency: 'USD' } })
    expect(final.codes).toEqual(s.issuedCodes(KEY))
    for (const code of final.codes) expect(code).toMatch(/^PUBG-TX-\d{10}$/)
    expect(s.orders(KEY)[0]?.customData).toEqual(PLAYER)
    expect(s.balance(KEY)).toBe('247.33')
  })

  it('a top-up without the Player ID, or with a wrong one, is refused before anything is bought', async () => {
    const s = await sim()
    const a = adapterFor(s)
    const missing = await failure(a.createOrder(order(P.pubg60, 1)))
    expect(missing.code).toBe('BAD_REQUEST')
    expect(missing.placement).toBe('not_placed')
    expect(missing.message).toContain('“Missing required field: Player ID”')
    const wrong = await failure(a.createOrder(order(P.mlbb86, 1, { user_id: '123456789', zone_id: '12' })))
    expect(wrong.message).toContain('“Invalid value for Zone ID”')
    expect(s.orders(KEY)).toHaveLength(0)
    expect(s.balance(KEY)).toBe('250.00')
  })

  it('cancels a manual order before delivery: cancelled, the whole amount back; a delivered one cannot be', async () => {
    const s = await sim({ speed: 1 })
    const a = adapterFor(s)
    const created = await a.createOrder(order(P.canvaPro, 2, { account_email: 'customer@example.com' }))
    expect(created.status).toBe('pending')
    expect(s.balance(KEY)).toBe('223.02')
    const cancelled = await a.cancelOrder(created.upstreamId, 'Customer changed their mind')
    expect(cancelled).toMatchObject({
      upstreamId: created.upstreamId,
      status: 'cancelled',
      refunded: { amount: '26.98', currency: 'USD' },
      fulfilledQuantity: 0,
      message: 'Customer changed their mind'
    })
    expect(s.balance(KEY)).toBe('250.00')
    expect(await a.getOrder(created.upstreamId)).toMatchObject({ status: 'cancelled', refunded: { amount: '26.98', currency: 'USD' }, charged: { amount: '26.98', currency: 'USD' } })

    const again = await failure(a.cancelOrder(created.upstreamId, null))
    expect(again.code).toBe('NOT_CANCELLABLE')
    const delivered = await a.createOrder(order(P.capcutPro, 1))
    const refused = await failure(a.cancelOrder(delivered.upstreamId, 'too late'))
    expect(refused.code).toBe('NOT_CANCELLABLE')
    expect(refused.message).toContain('already delivered')
    expect(s.balance(KEY)).toBe('243.25')
  })

  it('a manual order the seller refunds → failed, refunded in full, with the reason', async () => {
    const s = await sim({ refundRate: 1 })
    const a = adapterFor(s)
    const created = await a.createOrder(order(P.freeFire100, 4, PLAYER))
    const { final } = await pollToFinal(a, created.upstreamId)
    expect(final).toMatchObject({ status: 'failed', codes: [], refunded: { amount: '3.8', currency: 'USD' }, upstreamStatus: 'refunded' })
    expect(final.message).toMatch(/refunded/)
    expect(s.balance(KEY)).toBe('250.00')
  })

  it('maps the refusals: 402 balance, 409 stock, 403 revoked, 401 bad key, 404 product and order', async () => {
    const s = await sim({ accounts: [{ apiKey: KEY, balance: '5.00' }, { apiKey: AIDIGITALTOOLS_REVOKED_KEY, balance: '1.00', revoked: true }] })
    const a = adapterFor(s)
    const poor = await failure(a.createOrder(order(P.midjourney, 1)))
    expect([poor.code, poor.placement, poor.httpStatus]).toEqual(['INSUFFICIENT_BALANCE', 'not_placed', 402])
    expect(poor.message).toContain('Required: 9.00, available: 5.00')
    const gone = await failure(a.createOrder(order(P.grammarly, 1)))
    expect([gone.code, gone.placement, gone.httpStatus]).toEqual(['OUT_OF_STOCK', 'not_placed', 409])
    const noProduct = await failure(a.createOrder(order('00000000-0000-4000-8000-000000000000', 1)))
    expect(noProduct.code).toBe('PRODUCT_NOT_FOUND')
    expect((await failure(a.getOrder('00000000-0000-4000-8000-000000000000'))).code).toBe('ORDER_NOT_FOUND')

    const revoked = adapterFor(s, { key: AIDIGITALTOOLS_REVOKED_KEY })
    const r = await failure(revoked.getBalance())
    expect([r.code, r.httpStatus]).toEqual(['FORBIDDEN', 403])
    expect(r.message).toContain('revoked this API key')
    expect((await failure(revoked.createOrder(order(P.midjourney, 1)))).placement).toBe('not_placed')
    expect((await failure(adapterFor(s, { key: 'adt_wrong' }).getBalance())).code).toBe('AUTH_INVALID')
    expect(s.orders(KEY)).toHaveLength(0)
  })

  it('a web address pointing elsewhere on the site gives its HTML page: unreadable, said plainly', async () => {
    const s = await sim()
    const e = await failure(adapterFor(s, { baseUrl: `${s.baseUrl}/shop` }).getBalance())
    expect(e.code).toBe('MALFORMED_REPLY')
    expect(e.message).toContain("the account's web address may be wrong")
    // The API path given with the base URL still works.
    expect((await adapterFor(s, { baseUrl: s.apiBaseUrl }).getBalance()).available.amount).toBe('250')
  })

  it('the rate limit: a 429 with Retry-After becomes RATE_LIMITED when retries run out', async () => {
    const s = await sim({ rateLimits: { perMinute: 2 } })
    const a = adapterFor(s, { maxRetries: 0 })
    await a.getBalance()
    await a.getBalance()
    const e = await failure(a.getBalance())
    expect(e.code).toBe('RATE_LIMITED')
    expect(e.retryAfterMs).toBeGreaterThanOrEqual(1000)
  })

  it('status checks ride out 503s and proxy pages (GETs are retried); a 500 on create is "maybe placed"', async () => {
    const s = await sim()
    const a = adapterFor(s)
    const created = await a.createOrder(order(P.steam20, 1))
    s.faults.inject({ action: 'order_status', kind: 'http503' })
    s.faults.inject({ action: 'order_status', kind: 'html_error' })
    expect((await a.getOrder(created.upstreamId)).status).toBe('completed')

    s.faults.inject({ action: 'create_order', kind: 'http500' })
    const e = await failure(a.createOrder(order(P.steam20, 1)))
    expect([e.code, e.placement]).toEqual(['UPSTREAM_UNAVAILABLE', 'unknown'])
    expect(s.orders(KEY)).toHaveLength(1) // the fault created nothing: a person checking the history sees that
  })

  it('a hung create times out as "maybe placed", and nothing was', async () => {
    const s = await sim()
    s.faults.inject({ action: 'create_order', kind: 'hang' })
    const e = await failure(adapterFor(s, { timeoutMs: 300 }).createOrder(order(P.midjourney, 1)))
    expect([e.code, e.placement]).toEqual(['TIMEOUT', 'unknown'])
    expect(e.message).toContain('puts it aside for review')
    expect(s.orders(KEY)).toHaveLength(0)
  })
})

describe('recovery after a create without an answer', () => {
  it('drop_after_commit: the order exists upstream; no lookup by reference exists, so review — and its id finds it', async () => {
    const s = await sim()
    const a = adapterFor(s)
    s.faults.inject({ action: 'create_order', kind: 'drop_after_commit' })
    const req = order(P.netflix25, 2)
    const e = await failure(a.createOrder(req))
    expect(e.placement).toBe('unknown')
    expect(e.message).toContain('look for it in your AI Digital Tools order history before buying again.')

    // What the engine checks: it cannot look the order up, so it sends it to review instead of buying again.
    expect(a.capabilities.clientReference).toBe(true)
    expect(a.findByClientRef).toBeUndefined()
    expect(a.capabilities.listOrders).toBe(false)
    expect(a.listOrders).toBeUndefined()

    // The order was placed and paid, under our reference.
    const [placed] = s.orders(KEY)
    expect(placed).toMatchObject({ customerRef: req.clientRef, productId: P.netflix25, quantity: 2, total: '46.80' })
    expect(s.balance(KEY)).toBe('203.20')
    // A person finds it in the AI Digital Tools history and resolves it with its id: polling then gets every code.
    const found = await a.getOrder(placed!.orderId)
    expect(found).toMatchObject({ clientRef: req.clientRef, productId: P.netflix25, quantity: 2, status: 'completed' })
    expect(found.codes).toEqual(s.issuedCodes(KEY))
    expect(found.codes).toHaveLength(2)
  })

  it('a garbled create reply for a committed manual order: same — unknown, found by id, completes by polling', async () => {
    const s = await sim({ speed: 400 })
    const a = adapterFor(s)
    s.faults.inject({ action: 'create_order', kind: 'malformed_json' })
    const req = order(P.genshin60, 1, { uid: '812345678', server: 'Europe' })
    const e = await failure(a.createOrder(req))
    expect([e.code, e.placement]).toEqual(['MALFORMED_REPLY', 'unknown'])
    const [placed] = s.orders(KEY)
    expect(placed?.customerRef).toBe(req.clientRef)
    const { final } = await pollToFinal(a, placed!.orderId)
    expect(final).toMatchObject({ status: 'completed', clientRef: req.clientRef })
    expect(final.codes).toEqual(s.issuedCodes(KEY))
  })
})
