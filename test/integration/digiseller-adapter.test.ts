// The Digiseller adapter over real HTTP (the shared client) against the Digiseller simulator: signing in and renewing,
// the balance per currency, a full ledger import, a re-import that adds nothing, an incremental import after new sales,
// and what the shop sees when something goes wrong.
import Decimal from 'decimal.js'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError, UpstreamError } from '../../src/core/errors'
import { createDigisellerAdapter } from '../../src/core/providers/digiseller'
import { createHttpClient, type HttpClientOptions } from '../../src/core/providers/http'
import type { LedgerEntry, ProviderAdapter } from '../../src/core/providers/types'
import {
  DIGISELLER_DEMO_API_KEY as DEMO_KEY,
  DIGISELLER_DEMO_OPENING,
  DIGISELLER_DEMO_SELLER_ID as DEMO_SELLER,
  startDigisellerSim,
  type DigisellerSim,
  type DigisellerSimOptions
} from '../../src/sim/digiseller'

const started: DigisellerSim[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()))
})

interface World {
  sim: DigisellerSim
  adapter: ProviderAdapter
  clock: { ms: number }
  connect(opts?: { apiKey?: string; sellerId?: string; skewMs?: number; currency?: string; http?: Partial<HttpClientOptions> }): ProviderAdapter
}

/** A simulator and an adapter on one clock (the tests move it); the demo account unless told otherwise. */
async function world(simOpts: DigisellerSimOptions = {}, http: Partial<HttpClientOptions> = {}): Promise<World> {
  const clock = { ms: Date.now() }
  const sim = await startDigisellerSim({ seed: 17, rateLimitPerMinute: false, now: () => clock.ms, ...simOpts })
  started.push(sim)
  const connect: World['connect'] = (o = {}) =>
    createDigisellerAdapter({
      baseUrl: sim.baseUrl,
      credentials: { kind: 'digiseller', sellerId: o.sellerId ?? DEMO_SELLER, apiKey: o.apiKey ?? DEMO_KEY },
      http: createHttpClient({ baseUrl: sim.baseUrl, label: 'Digiseller', sleep: async () => {}, timeoutMs: 2000, ...http, ...o.http }),
      now: () => new Date(clock.ms + (o.skewMs ?? 0)),
      currency: o.currency ?? 'USD'
    })
  return { sim, clock, connect, adapter: connect() }
}

const CURRENCY: Record<string, string> = { WMZ: 'USD', WME: 'EUR', WMT: 'USDT', WMX: 'WMX', WML: 'WML' }

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    return e as AppError
  }
  throw new Error('expected an error')
}

/** What the ledger should hold for the simulator's account: one entry per sale, one per other operation. */
function expectedIds(sim: DigisellerSim): string[] {
  const sales = sim.sales(DEMO_SELLER).map((s) => `sale:${s.invoiceId}`)
  const ops = sim.operations(DEMO_SELLER).filter((o) => o.type !== 'product_sale').map((o) => `op:${o.accountOperationId}`)
  return [...sales, ...ops].sort()
}

const ids = (entries: readonly LedgerEntry[]) => entries.map((e) => e.externalId).sort()

describe('Digiseller adapter ↔ simulator: balance and storefront basics', () => {
  it('signs in and reads the balance of every purse, exactly as the simulator keeps it', async () => {
    const { sim, adapter } = await world()
    const b = await adapter.getBalance()
    const sb = sim.balances(DEMO_SELLER)
    expect(b.available).toEqual({ amount: new Decimal(sb.z.free).toFixed(), currency: 'USD' })
    expect(b.perCurrency).toEqual(
      (['z', 't', 'e', 'x', 'l'] as const).map((p) => ({
        currency: CURRENCY[{ z: 'WMZ', t: 'WMT', e: 'WME', x: 'WMX', l: 'WML' }[p]],
        free: { amount: new Decimal(sb[p].free).toFixed(), currency: CURRENCY[{ z: 'WMZ', t: 'WMT', e: 'WME', x: 'WMX', l: 'WML' }[p]] },
        locked: { amount: new Decimal(sb[p].lock).toFixed(), currency: CURRENCY[{ z: 'WMZ', t: 'WMT', e: 'WME', x: 'WMX', l: 'WML' }[p]] }
      }))
    )
    expect(b.details).toEqual({ locked: new Decimal(sb.z.lock).toFixed(), limited_topups: '0', limited_topups_USDT: '15' })
    expect(sim.loginCount(DEMO_SELLER)).toBe(1)
  })

  it('an EUR account reads the e purse', async () => {
    const { sim, connect } = await world()
    expect((await connect({ currency: 'EUR' }).getBalance()).available).toEqual({ amount: new Decimal(sim.balance(DEMO_SELLER, 'WME')).toFixed(), currency: 'EUR' })
  })

  it('no catalog, no orders — and nothing is sent for them', async () => {
    const { sim, adapter } = await world()
    expect(await adapter.listCatalog()).toEqual([])
    expect((await failure(adapter.createOrder({ productId: '3091245', variantId: null, quantity: 1, clientRef: 'rd0123456789abcdef01234567', fields: {} }))).code).toBe('UNSUPPORTED')
    expect((await failure(adapter.getOrder('182700001'))).code).toBe('UNSUPPORTED')
    expect(sim.loginCount(DEMO_SELLER)).toBe(0)
  })
})

describe('Digiseller adapter ↔ simulator: the ledger', () => {
  it('a full import: one entry per sale and per other operation, exact amounts that add up to the balance', async () => {
    const { sim, adapter } = await world()
    const entries = await adapter.listLedger!({ since: null })
    expect(ids(entries)).toEqual(expectedIds(sim))
    expect(entries.length).toBeGreaterThan(300)

    const sales = new Map(sim.sales(DEMO_SELLER).map((s) => [`sale:${s.invoiceId}`, s]))
    const ops = new Map(sim.operations(DEMO_SELLER).map((o) => [`op:${o.accountOperationId}`, o]))
    const saleOps = new Map(sim.operations(DEMO_SELLER).filter((o) => o.type === 'product_sale').map((o) => [o.operationId, o]))
    for (const e of entries) {
      const sale = sales.get(e.externalId)
      if (sale) {
        const op = saleOps.get(sale.invoiceId)
        expect(e.kind).toBe('sale')
        expect(e.amount).toEqual({ amount: new Decimal(op ? op.onAccount : sale.amountOut).toFixed(), currency: CURRENCY[sale.currency] })
        expect(e.at.getTime()).toBe(op ? op.atMs : Math.floor(sale.datePayMs / 1000) * 1000)
        expect(e.productId).toBe(String(sale.productId))
        expect(e.productName).toBe(sale.productName)
        expect(e.reference).toBe(String(sale.invoiceId))
        expect(e.description.includes('not the Digiseller balance')).toBe(sale.aggregator !== null)
      } else {
        const op = ops.get(e.externalId)!
        expect(e.amount).toEqual({ amount: new Decimal(op.onAccount).toFixed(), currency: CURRENCY[op.currency] })
        expect(e.at.getTime()).toBe(op.atMs)
        expect(e.upstreamType).toBe(op.type)
      }
    }
    // Everything that went through the balance, plus the opening amounts, is the balance (free + locked + limited).
    const balance = sim.balances(DEMO_SELLER)
    for (const [purse, wm] of [['z', 'WMZ'], ['e', 'WME'], ['t', 'WMT']] as const) {
      const moved = entries
        .filter((e) => e.amount.currency === CURRENCY[wm] && !e.description.includes('not the Digiseller balance'))
        .reduce((sum, e) => sum.plus(e.amount.amount), new Decimal(0))
      const opening = new Decimal((DIGISELLER_DEMO_OPENING as Record<string, { free: string }>)[purse]?.free ?? '0')
      const held = new Decimal(balance[purse].free).plus(balance[purse].lock).plus(balance[purse].plus)
      expect(opening.plus(moved).toFixed(2)).toBe(held.toFixed(2))
    }
    const kinds = new Set(entries.map((e) => e.kind))
    expect(kinds).toEqual(new Set(['sale', 'refund', 'withdrawal', 'deposit', 'fee']))
  })

  it('a re-import yields the same externalIds: nothing new', async () => {
    const { adapter } = await world()
    const first = await adapter.listLedger!({ since: null })
    const again = await adapter.listLedger!({ since: null })
    expect(ids(again)).toEqual(ids(first))
    const seen = new Set(first.map((e) => e.externalId))
    expect(again.filter((e) => !seen.has(e.externalId))).toEqual([])
    // And with the ledger service's overlap (a day before the newest entry), too.
    const newest = Math.max(...first.map((e) => e.at.getTime()))
    const overlap = await adapter.listLedger!({ since: new Date(newest - 24 * 60 * 60_000) })
    expect(overlap.length).toBeGreaterThan(0)
    expect(overlap.filter((e) => !seen.has(e.externalId))).toEqual([])
  })

  it('an incremental import after new sales yields exactly the new entries', async () => {
    const { sim, adapter, clock } = await world()
    const first = await adapter.listLedger!({ since: null })
    const seen = new Set(first.map((e) => e.externalId))
    const newest = Math.max(...first.map((e) => e.at.getTime()))

    clock.ms += 60_000
    const older = sim.sales(DEMO_SELLER).find((s) => s.aggregator === null && !s.returned && s.datePayMs < clock.ms - 3 * 24 * 60 * 60_000)!
    const onBalance = sim.addSale(DEMO_SELLER, { productId: 3091246, method: 'Bank Card' })
    const viaPaypal = sim.addSale(DEMO_SELLER, { productId: 3120553, aggregator: 'paypal' })
    const refund = sim.refundSale(DEMO_SELLER, older.invoiceId)
    const withdrawal = sim.addOperation(DEMO_SELLER, { type: 'transfer_to_wallet', amount: '-100.00', currency: 'WMZ' })
    const fee = sim.operations(DEMO_SELLER).find((o) => o.type === 'external_commission' && o.operationId === viaPaypal.invoiceId)!
    clock.ms += 1000

    const next = await adapter.listLedger!({ since: new Date(newest - 24 * 60 * 60_000) })
    const added = next.filter((e) => !seen.has(e.externalId))
    expect(ids(added)).toEqual(
      [`sale:${onBalance.invoiceId}`, `sale:${viaPaypal.invoiceId}`, `op:${fee.accountOperationId}`, `op:${refund.accountOperationId}`, `op:${withdrawal.accountOperationId}`].sort()
    )
    const byId = new Map(added.map((e) => [e.externalId, e]))
    expect(byId.get(`sale:${onBalance.invoiceId}`)).toMatchObject({
      kind: 'sale',
      amount: { amount: '50.82', currency: 'USD' },
      description: `Sale, invoice ${onBalance.invoiceId} (the buyer paid 53.5 USD)`,
      productName: 'Steam Wallet Gift Card 50 USD'
    })
    expect(byId.get(`sale:${viaPaypal.invoiceId}`)).toMatchObject({
      kind: 'sale',
      amount: { amount: '21.5', currency: 'EUR' },
      description: `Sale, invoice ${viaPaypal.invoiceId} (paid through PayPal into your own account there, not the Digiseller balance)`
    })
    expect(byId.get(`op:${fee.accountOperationId}`)).toMatchObject({ kind: 'fee', amount: { amount: '-0.43', currency: 'EUR' } })
    expect(byId.get(`op:${refund.accountOperationId}`)).toMatchObject({ kind: 'refund', reference: String(older.invoiceId), amount: { amount: new Decimal(older.amountOut).negated().toFixed() } })
    expect(byId.get(`op:${withdrawal.accountOperationId}`)).toMatchObject({ kind: 'withdrawal', amount: { amount: '-100', currency: 'USD' } })

    // Importing again right away adds nothing more.
    const seenNow = new Set([...seen, ...added.map((e) => e.externalId)])
    expect((await adapter.listLedger!({ since: new Date(newest - 24 * 60 * 60_000) })).filter((e) => !seenNow.has(e.externalId))).toEqual([])
  })

  it('an empty storefront: an empty ledger', async () => {
    const { adapter } = await world({ accounts: [{ sellerId: DEMO_SELLER, apiKey: DEMO_KEY, history: 'none' }] })
    expect(await adapter.listLedger!({ since: null })).toEqual([])
  })
})

describe('Digiseller adapter ↔ simulator: the token', () => {
  it('is renewed before valid_thru, so the simulator never refuses one', async () => {
    const { sim, adapter, clock } = await world()
    const t0 = clock.ms
    await adapter.getBalance()
    clock.ms = t0 + 114 * 60_000
    await adapter.getBalance()
    expect(sim.loginCount(DEMO_SELLER)).toBe(1)
    clock.ms = t0 + 116 * 60_000
    await adapter.getBalance()
    expect(sim.loginCount(DEMO_SELLER)).toBe(2)
    clock.ms = t0 + 116 * 60_000 + 119 * 60_000
    await adapter.listLedger!({ since: new Date(clock.ms - 60_000) })
    expect(sim.loginCount(DEMO_SELLER)).toBe(3)
    expect(sim.tokenRejections(DEMO_SELLER)).toBe(0)
  })

  it('lives 2 hours divided by speed, and is renewed in time at high speed too', async () => {
    const { sim, adapter, clock } = await world({ speed: 600 }) // 12 s tokens
    const t0 = clock.ms
    for (let s = 0; s <= 60; s += 5) {
      clock.ms = t0 + s * 1000
      await adapter.getBalance()
    }
    expect(sim.tokenRejections(DEMO_SELLER)).toBe(0)
    expect(sim.loginCount(DEMO_SELLER)).toBeGreaterThanOrEqual(5)
    expect(sim.loginCount(DEMO_SELLER)).toBeLessThanOrEqual(7)
  })

  it('a refused token (revoked at Digiseller) → one new sign-in and the call succeeds', async () => {
    const { sim, adapter } = await world()
    await adapter.getBalance()
    sim.revokeTokens(DEMO_SELLER)
    expect((await adapter.listLedger!({ since: null })).length).toBeGreaterThan(300)
    expect(sim.tokenRejections(DEMO_SELLER)).toBe(1)
    expect(sim.loginCount(DEMO_SELLER)).toBe(2)
  })

  it('concurrent calls share one sign-in', async () => {
    const { sim, adapter } = await world()
    await Promise.all([adapter.getBalance(), adapter.getBalance(), adapter.getBalance(), adapter.listLedger!({ since: new Date(Date.now() - 60_000) })])
    expect(sim.loginCount(DEMO_SELLER)).toBe(1)
  })

  it('a wrong key or seller id → AUTH_INVALID; a clock 10 minutes off → a message about the clock', async () => {
    const { sim, connect } = await world()
    for (const o of [{ apiKey: 'FFFF0000FFFF0000FFFF0000FFFF0000' }, { sellerId: '999999' }]) {
      const e = await failure(connect(o).getBalance())
      expect(e.code).toBe('AUTH_INVALID')
      expect(e.message).toContain('did not accept the seller ID and API key')
      expect(e.message).not.toContain(DEMO_KEY)
    }
    const e = await failure(connect({ skewMs: 10 * 60_000 }).getBalance())
    expect(e.code).toBe('UPSTREAM_FAILED')
    expect(e.message).toContain("this computer's clock is off")
    expect(sim.loginCount(DEMO_SELLER)).toBe(0)
  })
})

describe('Digiseller adapter ↔ simulator: faults', () => {
  it('a 503 on receipts and a 502 on seller-sells are retried by the client; the import completes', async () => {
    const { sim, adapter } = await world()
    sim.faults.inject({ action: 'receipts', kind: 'http503' })
    sim.faults.inject({ action: 'sells', kind: 'http502' })
    sim.faults.inject({ action: 'receipts_external', kind: 'html_error' })
    expect(ids(await adapter.listLedger!({ since: null }))).toEqual(expectedIds(sim))
    expect(sim.faults.pendingCount()).toBe(0)
  })

  it('a lost sign-in reply (drop_after_commit) is not repeated blindly; the next call signs in afresh', async () => {
    const { sim, adapter } = await world()
    sim.faults.inject({ action: 'apilogin', kind: 'drop_after_commit' })
    const e = (await failure(adapter.getBalance())) as UpstreamError
    expect(e.code).toBe('NETWORK')
    expect(sim.loginCount(DEMO_SELLER)).toBe(1)
    await adapter.getBalance()
    expect(sim.loginCount(DEMO_SELLER)).toBe(2)
  })

  it('a garbled balance → MALFORMED_REPLY; a proxy page that stays → UPSTREAM_UNAVAILABLE; a hang → TIMEOUT', async () => {
    const { sim, adapter, connect } = await world({}, { maxRetries: 1 })
    sim.faults.inject({ action: 'balance', kind: 'malformed_json' })
    expect((await failure(adapter.getBalance())).code).toBe('MALFORMED_REPLY')
    sim.faults.inject({ action: 'balance', kind: 'html_error', times: 2 })
    const down = (await failure(adapter.getBalance())) as UpstreamError
    expect(down.code).toBe('UPSTREAM_UNAVAILABLE')
    expect(down.retryable).toBe(true)
    sim.faults.inject({ action: 'balance', kind: 'hang', times: 2 })
    const slow = (await failure(connect({ http: { timeoutMs: 200 } }).getBalance())) as UpstreamError
    expect(slow.code).toBe('TIMEOUT')
    expect((await adapter.getBalance()).available.currency).toBe('USD')
  })

  it('the rate limit: a 429 the client cannot wait out → RATE_LIMITED with when to try again', async () => {
    const { adapter } = await world({ rateLimitPerMinute: 3 }, { maxRetries: 0 })
    await adapter.getBalance() // sign-in + 1
    await adapter.getBalance()
    const e = (await failure(adapter.getBalance())) as UpstreamError
    expect(e.code).toBe('RATE_LIMITED')
    expect(e.retryable).toBe(true)
    expect(e.retryAfterMs).toBeGreaterThanOrEqual(1000)
    expect(e.message).toMatch(/^Digiseller is limiting how fast requests may be sent\. ResellerDesk will wait \d+ seconds and try again\.$/)
  })
})
