// OneClickDz through the whole core: denominations as variants, partial fulfilment with the money to the cent,
// the sandbox's TEST_REFUND type, and recovery of an unanswered create by our reference.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ONECLICKDZ_TEST_REFUND, startOneClickDzSim, type OneClickDzSim } from '../../src/sim/index'
import { DUPLICATE_REFERENCE_NOTE } from '../../src/core/db/orders-repo'
import { UpstreamError } from '../../src/core/errors'
import { sessionWith, vaultCodes } from './helpers'

const PROD = 'ocd_prod_key'
const SANDBOX = 'ocd_sandbox_key'
const PSN = '507f1f77bcf86cd799439011'
const PSN_500 = 'type_001'
let sim: OneClickDzSim
let w: Awaited<ReturnType<typeof sessionWith>>

async function open(key: string) {
  w = await sessionWith({ name: 'OCD', baseUrl: sim.baseUrl, credentials: { kind: 'oneclickdz', apiKey: key } })
  await w.session.catalog.sync(w.accountId)
}

beforeEach(async () => {
  sim = await startOneClickDzSim({
    speed: 2000,
    rateLimitPerMinute: false,
    seed: 5,
    accounts: [{ username: 'shop', balance: '50000.00', keys: [{ apiKey: PROD, type: 'PRODUCTION' }, { apiKey: SANDBOX, type: 'SANDBOX' }] }]
  })
})
afterEach(async () => {
  await w?.close()
  await sim.close()
})

describe('buying from OneClickDz', () => {
  it('lists each denomination as a variant with its own price and stock', async () => {
    await open(PROD)
    const psn = w.session.catalog.search('psn', { accountId: w.accountId, limit: 50 }).filter((i) => i.productId === PSN)
    expect(psn.map((i) => [i.variantId, i.variantName, i.price.amount, i.stock])).toEqual(
      expect.arrayContaining([
        ['type_001', 'PSN 500 DA', '490', 1500],
        ['type_002', 'PSN 1000 DA', '980', 870]
      ])
    )
  })

  it('keeps the delivered cards of a partial fill and the refund to the dinar: 5 × 490 with 3 in stock', async () => {
    await open(PROD)
    sim.setStock(PSN, PSN_500, 3)
    const [order] = await w.buy(PSN, 5, { variantId: PSN_500 })
    expect(order!.state).toBe('partially_completed')
    expect(order!.fulfilledQuantity).toBe(3)
    expect(order!.charged).toBe('1470')
    expect(order!.refunded).toBe('980')
    expect(vaultCodes(w.session).sort()).toEqual(sim.issuedCodes(PROD).sort())
    expect(sim.balance(PROD)).toBe('48530.00')
    const view = w.session.orders.toView(order!)
    expect(view.deliveredCount).toBe(3)
    expect(view.refunded).toEqual({ amount: '980', currency: 'DZD' })
  })

  it('records a sandbox TEST_REFUND order as failed with nothing delivered', async () => {
    await open(SANDBOX)
    const [order] = await w.buy(PSN, 2, { variantId: ONECLICKDZ_TEST_REFUND })
    expect(order!.state).toBe('failed')
    expect(vaultCodes(w.session)).toEqual([])
  })

  it('finds an order whose reply was lost by our reference, instead of buying again', async () => {
    await open(PROD)
    sim.faults.inject({ action: 'placeOrder', kind: 'drop_after_commit' })
    const [order] = await w.buy(PSN, 2, { variantId: PSN_500 })
    expect(order!.state).toBe('completed')
    expect(sim.orders(PROD)).toHaveLength(1)
    expect(sim.faults.pendingCount()).toBe(0) // the lost reply really happened
    expect(vaultCodes(w.session).sort()).toEqual(sim.issuedCodes(PROD).sort())
  })
})

describe('an order the supplier has, whose lookup by reference misses (review finding 3)', () => {
  it('a create refused as DUPLICATED_REF is never sent again and ends in review, not failed, when the lookup keeps missing', async () => {
    await open(PROD)
    const adapter = w.session.accounts.runtime(w.accountId).adapter
    const create = adapter.createOrder.bind(adapter)
    let creates = 0
    Object.assign(adapter, {
      // The first create lands, but its reply claims a 503 that placed nothing (a lying gateway)…
      createOrder: async (req: Parameters<typeof create>[0]) => {
        creates++
        const placed = await create(req)
        if (creates === 1) throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'Service unavailable', { placement: 'not_placed', retryable: true, httpStatus: 503 })
        return placed
      },
      // …and looking the order up by our reference misses it (a lagging or paged list).
      findByClientRef: async () => null
    })
    const [order] = await w.buy(PSN, 1, { variantId: PSN_500 })
    expect(order!.state).toBe('needs_review')
    expect(order!.reviewReason).toMatch(/refused a try as a duplicate/)
    expect(creates).toBe(2) // the lying 503's retry, refused as DUPLICATED_REF; nothing after that
    expect(sim.orders(PROD)).toHaveLength(1)
    expect(w.session.storage.orders.events(order!.id).some((e) => e.note === DUPLICATE_REFERENCE_NOTE)).toBe(true)
  })

  it('a lost reply whose lookup misses goes to review after the grace period; it is not sent again on absence alone', async () => {
    await open(PROD)
    const adapter = w.session.accounts.runtime(w.accountId).adapter
    Object.assign(adapter, { findByClientRef: async () => null })
    sim.faults.inject({ action: 'placeOrder', kind: 'drop_after_commit' })
    const [order] = await w.buy(PSN, 1, { variantId: PSN_500 })
    expect(order!.state).toBe('needs_review')
    expect(order!.attempts).toBe(1)
    expect(sim.orders(PROD)).toHaveLength(1)
  })
})

describe('the simulator keeps a reference for good (contract behind finding 15)', () => {
  it('refuses a reference again after its order was delivered, and after one was refunded', async () => {
    await open(SANDBOX)
    const [delivered] = await w.buy(PSN, 1, { variantId: PSN_500 })
    const [refunded] = await w.buy(PSN, 1, { variantId: ONECLICKDZ_TEST_REFUND })
    expect([delivered!.state, refunded!.state]).toEqual(['completed', 'failed'])
    const adapter = w.session.accounts.runtime(w.accountId).adapter
    for (const o of [delivered!, refunded!]) {
      await expect(adapter.createOrder({ productId: PSN, variantId: PSN_500, quantity: 1, clientRef: o.clientRef, fields: {} })).rejects.toMatchObject({ code: 'DUPLICATE_REFERENCE' })
    }
    expect(sim.orders(SANDBOX)).toHaveLength(2)
  })
})
