// Hyper Teknoloji through the whole core: a JWT that expires in the middle of a bulk buy, required player data,
// our DeliverID as the client reference (recovery after a lost reply), and cancel before delivery.
import { afterEach, describe, expect, it } from 'vitest'
import { startHyperSim, type HyperSim } from '../../src/sim/index'
import { sessionWith, vaultCodes } from './helpers'

const EMAIL = 'shop@hyper.test'
const PASSWORD = 'Test-Password-1'
let sim: HyperSim
let w: Awaited<ReturnType<typeof sessionWith>>

async function start(opts: { speed: number; tokenLifetimeMs?: number }) {
  sim = await startHyperSim({ speed: opts.speed, rateLimits: false, seed: 9, accounts: [{ email: EMAIL, password: PASSWORD, balance: '20000.00' }], ...(opts.tokenLifetimeMs ? { tokenLifetimeMs: opts.tokenLifetimeMs } : {}) })
  w = await sessionWith({ name: 'Hyper', baseUrl: sim.baseUrl, credentials: { kind: 'hyper', email: EMAIL, password: PASSWORD } })
  await w.session.catalog.sync(w.accountId)
}

afterEach(async () => {
  await w?.close()
  await sim?.close()
})

describe('buying from Hyper Teknoloji', () => {
  it('keeps buying when the token expires in the middle of a bulk buy: every order completes, one login per expiry', async () => {
    await start({ speed: 2000 })
    const loginsBefore = sim.logins(EMAIL)
    const placed = await w.session.orders.place({ lines: [{ accountId: w.accountId, productId: '1001', variantId: '111', quantity: 120, fields: {} }] })
    // Expire the token as soon as the first order is in: the rest of the bulk buy runs on a renewed one.
    await w.events.waitFor((e) => e.type === 'orders.changed' && e.orders.some((o) => o.state === 'submitted'))
    sim.expireTokens(EMAIL)
    const orders = await w.session.engine.whenSettled(placed.orderIds, 30_000)
    expect(orders).toHaveLength(3) // 50 + 50 + 20
    expect(orders.every((o) => o.state === 'completed')).toBe(true)
    expect(vaultCodes(w.session)).toHaveLength(120)
    expect(sim.logins(EMAIL) - loginsBefore).toBe(1)
    expect(sim.orders(EMAIL)).toHaveLength(3)
  })

  it('sends the player id the product requires, and refuses to plan without it', async () => {
    await start({ speed: 2000 })
    const item = w.session.catalog.search('', { accountId: w.accountId, limit: 200 }).find((i) => i.productId === '1021')!
    expect(item.fields).toEqual([expect.objectContaining({ name: '11', required: true })])
    const plan = await w.session.orders.plan({ lines: [{ accountId: w.accountId, productId: '1021', variantId: item.variantId, quantity: 1, fields: { '11': 'abc' } }] })
    expect(plan.problems.map((p) => p.code)).toEqual(['FIELD_INVALID'])
    const [order] = await w.buy('1021', 1, { variantId: item.variantId, fields: { '11': '5123456789' } })
    expect(order!.state).toBe('completed')
  })

  it('follows a lost reply to the order by our DeliverID instead of buying again', async () => {
    await start({ speed: 2000 })
    sim.faults.inject({ action: 'order_create', kind: 'drop_after_commit' })
    const [order] = await w.buy('2101', 2, { variantId: '211' })
    expect(order!.state).toBe('completed')
    expect(sim.orders(EMAIL)).toHaveLength(1)
    expect(sim.faults.pendingCount()).toBe(0) // the lost reply really happened
    expect(sim.orders(EMAIL)[0]!.deliverId).toBe(order!.clientRef)
    expect(vaultCodes(w.session).sort()).toEqual(sim.issuedCodes(EMAIL).sort())
  })

  it('cancels before delivery and gets the money back', async () => {
    await start({ speed: 1 })
    const placed = await w.session.orders.place({ lines: [{ accountId: w.accountId, productId: '2101', variantId: '211', quantity: 2, fields: {} }] })
    const [id] = placed.orderIds
    await w.events.waitFor((e) => e.type === 'orders.changed' && e.orders.some((o) => o.id === id && o.cancellable && o.state !== 'planned'))
    const v = await w.session.orders.cancel(id!, null)
    expect(v.state).toBe('cancelled')
    expect(v.refunded).toEqual({ amount: '209', currency: 'TRY' })
    expect(sim.balance(EMAIL)).toBe('20000.00')
  })
})
