// OneClickDz through the whole core: denominations as variants, partial fulfilment with the money to the cent,
// the sandbox's TEST_REFUND type, and recovery of an unanswered create by our reference.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ONECLICKDZ_TEST_REFUND, startOneClickDzSim, type OneClickDzSim } from '../../src/sim/index'
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
