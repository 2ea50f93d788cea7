// AI Digital Tools through the whole core: required inputs at purchase, auto-delivered and pending products,
// cancel with refund, and what happens when a create goes unanswered (no order list to check: a person decides).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AIDIGITALTOOLS_PRODUCT_IDS as P, startAiDigitalToolsSim, type AiDigitalToolsSim } from '../../src/sim/index'
import { sessionWith, vaultCodes } from './helpers'

const KEY = 'adt_test_key'
let sim: AiDigitalToolsSim
let w: Awaited<ReturnType<typeof sessionWith>>

beforeEach(async () => {
  sim = await startAiDigitalToolsSim({ speed: 2000, rateLimits: false, seed: 3, accounts: [{ apiKey: KEY, balance: '250.00', discountPercent: 10 }] })
  w = await sessionWith({ name: 'ADT', baseUrl: sim.baseUrl, credentials: { kind: 'aidigitaltools', apiKey: KEY } })
  await w.session.catalog.sync(w.accountId)
})
afterEach(async () => {
  await w.close()
  await sim.close()
})

describe('buying from AI Digital Tools', () => {
  it('delivers an auto-deliver product in the create reply and charges the discounted price', async () => {
    const item = w.session.catalog.search('', { accountId: w.accountId, limit: 100 }).find((i) => i.productId === P.midjourney)!
    expect(item.price).toEqual({ amount: '9', currency: 'USD' }) // 10.00 less the 10 % discount
    const [order] = await w.buy(P.midjourney, 3)
    expect(order!.state).toBe('completed')
    expect(vaultCodes(w.session).sort()).toEqual(sim.issuedCodes(KEY).sort())
    expect(sim.balance(KEY)).toBe('223.00')
  })

  it('asks for the product’s required inputs before sending, and sends them', async () => {
    const item = w.session.catalog.search('', { accountId: w.accountId, limit: 100 }).find((i) => i.productId === P.pubg60)!
    expect(item.fields.map((f) => f.name)).toContain('player_id')
    const plan = await w.session.orders.plan({ lines: [{ accountId: w.accountId, productId: P.pubg60, variantId: null, quantity: 1, fields: {} }] })
    expect(plan.problems.map((p) => p.code)).toContain('FIELD_REQUIRED')
    const [order] = await w.buy(P.pubg60, 1, { fields: { player_id: '512345678' } })
    expect(order!.state).toBe('completed')
    expect(sim.orders(KEY)[0]!.customData).toMatchObject({ player_id: '512345678' })
  })

  it('cancels a pending order before delivery with a full refund', async () => {
    await sim.close()
    sim = await startAiDigitalToolsSim({ speed: 1, rateLimits: false, seed: 3, accounts: [{ apiKey: KEY, balance: '250.00', discountPercent: 10 }] })
    await w.close()
    w = await sessionWith({ name: 'ADT', baseUrl: sim.baseUrl, credentials: { kind: 'aidigitaltools', apiKey: KEY } })
    await w.session.catalog.sync(w.accountId)
    const placed = await w.session.orders.place({ lines: [{ accountId: w.accountId, productId: P.pubg60, variantId: null, quantity: 2, fields: { player_id: '512345678' } }] })
    const [id] = placed.orderIds
    await w.events.waitFor((e) => e.type === 'orders.changed' && e.orders.some((o) => o.id === id && o.cancellable && (o.state === 'submitted' || o.state === 'processing')))
    const v = await w.session.orders.cancel(id!, 'customer changed their mind')
    expect(v.state).toBe('cancelled')
    expect(v.refunded).not.toBeNull()
    expect(sim.balance(KEY)).toBe('250.00')
  })

  it('sends an unanswered create to review (the API has no order list), and a person can finish it', async () => {
    sim.faults.inject({ action: 'create_order', kind: 'drop_after_commit' })
    const [order] = await w.buy(P.midjourney, 1)
    expect(order!.state).toBe('needs_review')
    expect(sim.faults.pendingCount()).toBe(0) // the lost reply really happened
    const upstream = sim.orders(KEY)[0]!
    expect(upstream.customerRef).toBe(w.session.storage.orders.mustGet(order!.id).clientRef) // our reference went along
    await w.session.orders.resolve(order!.id, { kind: 'placed', upstreamId: upstream.orderId })
    const [done] = await w.session.engine.whenSettled([order!.id], 30_000)
    expect(done!.state).toBe('completed')
    expect(vaultCodes(w.session)).toEqual(sim.issuedCodes(KEY))
  })
})
