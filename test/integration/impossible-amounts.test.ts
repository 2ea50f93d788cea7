// Impossible amounts from a real DigetalHube simulator, passed through a loopback proxy that rewrites one number
// token of its replies (the simulator itself refuses to be configured with a negative price): the catalog keeps
// such an item out, the plan cannot buy it, and a balance that cannot be real is not stored.
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startDigetalHubeSim, type DigetalHubeSim } from '../../src/sim/index'
import { KEY, sessionWith } from './helpers'

interface Proxy {
  url: string
  /** Rewrites the reply body of one action ('*': of every action); null: pass through. */
  rewrite: { action: string; edit: (body: string) => string } | null
  close(): Promise<void>
}

async function proxyTo(target: string): Promise<Proxy> {
  const proxy: Proxy = { url: '', rewrite: null, close: async () => undefined }
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target)
    const up = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (upRes) => {
      const chunks: Buffer[] = []
      upRes.on('data', (c: Buffer) => chunks.push(c))
      upRes.on('end', () => {
        let body = Buffer.concat(chunks).toString('utf8')
        if (proxy.rewrite && (proxy.rewrite.action === '*' || url.searchParams.get('action') === proxy.rewrite.action)) body = proxy.rewrite.edit(body)
        const headers = { ...upRes.headers }
        delete headers['content-length']
        res.writeHead(upRes.statusCode ?? 502, headers)
        res.end(body)
      })
    })
    req.pipe(up)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  proxy.close = () => new Promise<void>((r) => server.close(() => r()))
  return proxy
}

/** Product 123's price_usdt number token replaced by `value`, verbatim. */
const priceOf123 = (value: string) => (body: string) => {
  const re = /("id"\s*:\s*123\s*,[^}]*?"price_usdt"\s*:\s*)-?[0-9.eE+-]+/
  if (!re.test(body)) throw new Error('product 123 not in the reply')
  return body.replace(re, `$1${value}`)
}

describe('DigetalHube: impossible amounts from the simulator', () => {
  let sim: DigetalHubeSim
  let proxy: Proxy
  let w: Awaited<ReturnType<typeof sessionWith>>

  beforeEach(async () => {
    sim = await startDigetalHubeSim({ speed: 500, rateLimits: false, seed: 7, accounts: [{ apiKey: KEY, balance: '500.00' }] })
    proxy = await proxyTo(sim.baseUrl)
    w = await sessionWith({ name: 'DH', baseUrl: proxy.url, credentials: { kind: 'digetalhube', apiKey: KEY } })
  })
  afterEach(async () => {
    await w.close()
    await proxy.close()
    await sim.close()
  })

  for (const price of ['-5', '-0.01', '0', '1e-7', '123456789012345678901234567890']) {
    it(`a price of ${price}: the item is left out of the catalog with the reason, and a basket for it is refused before anything is sent`, async () => {
      proxy.rewrite = { action: 'products', edit: priceOf123(price) }
      const r = await w.session.catalog.sync(w.accountId)
      expect(r.failed).toEqual([])
      expect(r.leftOut).toEqual([expect.objectContaining({ accountId: w.accountId, productId: '123', title: 'PUBG Mobile 60 UC', reason: expect.stringMatching(/^its price /) })])
      expect(w.session.catalog.search('PUBG Mobile 60 UC', { limit: 50 }).map((i) => i.productId)).not.toContain('123')
      // The rest of the catalog is there, at its real prices.
      expect(w.session.catalog.search('', { limit: 500 }).find((i) => i.productId === '124')?.price).toEqual({ amount: '5.2', currency: 'USDT' })

      const basket = { lines: [{ accountId: w.accountId, productId: '123', variantId: null, quantity: 3, fields: {} }] }
      const plan = await w.session.orders.plan(basket)
      expect(plan.canPlace).toBe(false)
      expect(plan.problems.map((p) => p.code)).toEqual(['PRODUCT_NOT_FOUND'])
      await expect(w.session.orders.place(basket)).rejects.toMatchObject({ code: 'VALIDATION' })
      expect(sim.orders(KEY)).toEqual([])
    })
  }

  it('a balance of −5 is refused with a clear error and not stored; the last real one stays', async () => {
    const first = await w.session.balances.refreshAccount(w.accountId)
    expect(first.available).toEqual({ amount: '500', currency: 'USDT' })
    proxy.rewrite = { action: 'balance', edit: (b) => b.replace(/("available"\s*:\s*)[0-9.]+/, '$1-5') }
    await expect(w.session.balances.refreshAccount(w.accountId)).rejects.toMatchObject({
      code: 'MALFORMED_REPLY',
      message: expect.stringContaining('balance.available: the amount is negative')
    })
    expect(w.session.storage.balances.latest(w.accountId)).toMatchObject({ available: '500', currency: 'USDT' })
  })

  it('float noise is not a finer amount: 1.05 × 3 sent as 3.1500000000000004 (PHP) is 3.15, the order completes and the item stays in the catalog', async () => {
    // Every reply, every action: the price and every 3.15 as a PHP float prints them.
    const noisy = (b: string) => priceOf123('1.0500000000000000444')(b).replace(/(:\s*"?)3\.15(?=["\s,}])/g, '$13.1500000000000004')
    proxy.rewrite = { action: '*', edit: (b) => (b.includes('"price_usdt"') ? noisy(b) : b.replace(/(:\s*"?)3\.15(?=["\s,}])/g, '$13.1500000000000004')) }
    const r = await w.session.catalog.sync(w.accountId)
    expect(r.leftOut).toEqual([])
    expect(w.session.catalog.search('', { limit: 500 }).find((i) => i.productId === '123')?.price).toEqual({ amount: '1.05', currency: 'USDT' })
    const placed = await w.session.orders.place({ lines: [{ accountId: w.accountId, productId: '123', variantId: null, quantity: 3, fields: {} }] })
    const [order] = await w.session.engine.whenSettled(placed.orderIds, 30_000)
    expect(order).toMatchObject({ state: 'completed' })
    expect(w.session.storage.codes.list({}).length).toBe(3)
    expect(sim.orders(KEY)).toHaveLength(1)
    // A genuinely finer amount is still refused.
    proxy.rewrite = { action: 'products', edit: priceOf123('1.0500001') }
    expect((await w.session.catalog.sync(w.accountId)).leftOut).toEqual([expect.objectContaining({ productId: '123', reason: 'its price has more than 6 decimals' })])
  })

  it('a balance that does not add up (a bonus credit) is kept, flagged with a notice, and orders still go through', async () => {
    await w.session.balances.refreshAccount(w.accountId)
    const notices: string[] = []
    w.events.on((e) => void (e.type === 'notice' && notices.push(e.message)))
    // 10 USDT more available than deposited − spent, in every balance reply (also the reading before each create).
    proxy.rewrite = { action: 'balance', edit: (b) => b.replace(/("available"\s*:\s*"?)([0-9.]+)/, (_, k: string, v: string) => `${k}${(Number(v) + 10).toFixed(2)}`) }
    const view = await w.session.balances.refreshAccount(w.accountId)
    expect(view.available).toEqual({ amount: '510', currency: 'USDT' })
    expect(w.session.storage.balances.latest(w.accountId)?.details.flag).toMatch(/bonus credit or an adjustment/)
    expect(notices).toEqual([expect.stringMatching(/does not add up/)])
    await w.session.balances.refreshAccount(w.accountId)
    expect(notices).toHaveLength(1) // said once, not at every reading
    await w.session.catalog.sync(w.accountId)
    const placed = await w.session.orders.place({ lines: [{ accountId: w.accountId, productId: '123', variantId: null, quantity: 2, fields: {} }] })
    const [order] = await w.session.engine.whenSettled(placed.orderIds, 30_000)
    expect(order).toMatchObject({ state: 'completed' })
  })
})
