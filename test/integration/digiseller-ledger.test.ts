// Digiseller, the shop's own storefront: its balance appears with the suppliers', its operations and sales are
// imported into the ledger — paged, incremental, and never twice — and shown next to our own purchases.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DIGISELLER_DEMO_API_KEY, DIGISELLER_DEMO_SELLER_ID, startDigisellerSim, type DigisellerSim } from '../../src/sim/index'
import { normalize } from '../../src/core/money'
import { sessionWith } from './helpers'

let sim: DigisellerSim
let w: Awaited<ReturnType<typeof sessionWith>>

beforeEach(async () => {
  sim = await startDigisellerSim({ speed: 1, rateLimitPerMinute: false, seed: 11 })
  w = await sessionWith({ name: 'Shop', baseUrl: sim.baseUrl, credentials: { kind: 'digiseller', sellerId: DIGISELLER_DEMO_SELLER_ID, apiKey: DIGISELLER_DEMO_API_KEY } })
})
afterEach(async () => {
  await w.close()
  await sim.close()
})

describe('the Digiseller ledger', () => {
  it('imports everything once; importing again adds nothing; a new sale adds exactly one entry', async () => {
    const first = await w.session.ledger.sync(w.accountId)
    expect(first.added).toBeGreaterThan(300)
    expect(w.session.storage.ledger.count(w.accountId)).toBe(first.added)

    const again = await w.session.ledger.sync(w.accountId)
    expect(again.added).toBe(0)

    sim.addSale(DIGISELLER_DEMO_SELLER_ID)
    const incremental = await w.session.ledger.sync(w.accountId)
    expect(incremental.added).toBe(1)
    const rows = w.session.ledger.list({ accountId: w.accountId, limit: 5 })
    expect(rows[0]).toMatchObject({ source: 'upstream', kind: 'sale' })
  })

  it('shows its balance with the others and is never offered as a supplier', async () => {
    const balance = await w.session.balances.refreshAccount(w.accountId)
    expect(balance.available.currency).toBe('USD')
    expect(balance.available.amount).toBe(normalize(sim.balance(DIGISELLER_DEMO_SELLER_ID, 'WMZ')))
    const view = w.session.accounts.toView(w.session.accounts.get(w.accountId))
    expect(view.capabilities).toMatchObject({ supplier: false, ledger: true })
    const plan = await w.session.orders.plan({ lines: [{ accountId: w.accountId, productId: 'x', variantId: null, quantity: 1, fields: {} }] })
    expect(plan.problems[0]!.code).toBe('NOT_A_SUPPLIER')
  })
})
