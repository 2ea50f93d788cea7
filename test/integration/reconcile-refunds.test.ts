// Money adds up after refunds, against the simulators through the engine: a reading before, the purchases with
// their partial fills and refunds, a reading after; reconcile says ok to the cent, and our journal's net equals
// what the supplier's balance did. An order whose charge nothing explains keeps reconcile from saying ok.
import { afterEach, describe, expect, it } from 'vitest'
import {
  AIDIGITALTOOLS_PRODUCT_IDS as ADT,
  ONECLICKDZ_TEST_REFUND,
  startAiDigitalToolsSim,
  startDigetalHubeSim,
  startHyperSim,
  startOneClickDzSim
} from '../../src/sim/index'
import { sessionWith } from './helpers'

type W = Awaited<ReturnType<typeof sessionWith>>
let w: W | null = null
let close: (() => Promise<void>) | null = null
afterEach(async () => {
  await w?.close()
  await close?.()
  w = null
  close = null
})

/** A reading before, the purchases, a reading after: reconcile over that stretch. */
async function reconcileAround(session: W, buy: () => Promise<void>) {
  const from = new Date(Date.now() - 1000).toISOString()
  await session.session.balances.refreshAccount(session.accountId)
  await buy()
  await session.session.balances.refreshAccount(session.accountId)
  const report = await session.session.reconcile.run({ from, accountId: session.accountId })
  return report.accounts[0]!
}

describe('reconcile after refunds, to the cent', () => {
  it('OneClickDz: a PARTIALLY_FILLED order (3 of 5 × 490 DA) and a TEST_REFUND order reconcile ok', async () => {
    const PROD = 'ocd_prod_key'
    const SANDBOX = 'ocd_sandbox_key'
    const sim = await startOneClickDzSim({
      speed: 2000,
      rateLimitPerMinute: false,
      seed: 5,
      accounts: [{ username: 'shop', balance: '50000.00', keys: [{ apiKey: PROD, type: 'PRODUCTION' }, { apiKey: SANDBOX, type: 'SANDBOX' }] }]
    })
    close = () => sim.close()
    w = await sessionWith({ name: 'OCD', baseUrl: sim.baseUrl, credentials: { kind: 'oneclickdz', apiKey: PROD } })
    await w.session.catalog.sync(w.accountId)
    sim.setStock('507f1f77bcf86cd799439011', 'type_001', 3)
    const r = await reconcileAround(w, async () => {
      const [partial] = await w!.buy('507f1f77bcf86cd799439011', 5, { variantId: 'type_001' })
      expect(partial).toMatchObject({ state: 'partially_completed', refunded: '980' })
      const [full] = await w!.buy('507f1f77bcf86cd799439011', 2, { variantId: 'type_002' })
      expect(full!.state).toBe('completed')
    })
    expect(sim.balance(PROD)).toBe('46570.00') // 50000 − 3 × 490 − 2 × 980
    expect(r).toMatchObject({ status: 'ok', difference: { amount: '0', currency: 'DZD' }, upstreamChange: { amount: '-3430', currency: 'DZD' }, journalNet: { amount: '3430', currency: 'DZD' } })
  })

  it('OneClickDz sandbox: a TEST_REFUND order refunded in full reconciles ok', async () => {
    const SANDBOX = 'ocd_sandbox_key'
    const sim = await startOneClickDzSim({ speed: 2000, rateLimitPerMinute: false, seed: 5, accounts: [{ username: 'shop', balance: '50000.00', keys: [{ apiKey: SANDBOX, type: 'SANDBOX' }] }] })
    close = () => sim.close()
    w = await sessionWith({ name: 'OCD', baseUrl: sim.baseUrl, credentials: { kind: 'oneclickdz', apiKey: SANDBOX } })
    await w.session.catalog.sync(w.accountId)
    const r = await reconcileAround(w, async () => {
      const [order] = await w!.buy('507f1f77bcf86cd799439011', 2, { variantId: ONECLICKDZ_TEST_REFUND })
      expect(order!.state).toBe('failed')
    })
    expect(r).toMatchObject({ status: 'ok', difference: { amount: '0' }, journalNet: { amount: '0' } })
  })

  it('Hyper: lines removed with a full refund next to delivered ones reconcile ok', async () => {
    const EMAIL = 'shop@hyper.test'
    const sim = await startHyperSim({ speed: 2000, rateLimits: false, seed: 9, failureRate: 0.5, accounts: [{ email: EMAIL, password: 'Test-Password-1', balance: '20000.00' }] })
    close = () => sim.close()
    w = await sessionWith({ name: 'Hyper', baseUrl: sim.baseUrl, credentials: { kind: 'hyper', email: EMAIL, password: 'Test-Password-1' } })
    await w.session.catalog.sync(w.accountId)
    const states: string[] = []
    const r = await reconcileAround(w, async () => {
      for (let i = 0; i < 6; i++) states.push(...(await w!.buy('2101', 2, { variantId: '211' })).map((o) => o.state))
    })
    expect(states).toContain('completed')
    expect(states).toContain('failed')
    const spent = (20000 * 100 - Math.round(Number(sim.balance(EMAIL)) * 100)) / 100
    expect(r).toMatchObject({ status: 'ok', difference: { amount: '0', currency: 'TRY' }, journalNet: { amount: String(spent) } })
  })

  it('AI Digital Tools: orders the seller refunds next to delivered ones reconcile ok', async () => {
    const KEY = 'adt_test_key'
    const sim = await startAiDigitalToolsSim({ speed: 2000, rateLimits: false, seed: 3, refundRate: 1, accounts: [{ apiKey: KEY, balance: '250.00', discountPercent: 10 }] })
    close = () => sim.close()
    w = await sessionWith({ name: 'ADT', baseUrl: sim.baseUrl, credentials: { kind: 'aidigitaltools', apiKey: KEY } })
    await w.session.catalog.sync(w.accountId)
    const r = await reconcileAround(w, async () => {
      const [refunded] = await w!.buy(ADT.pubg60, 2, { fields: { player_id: '512345678' } })
      expect(refunded!.state).toBe('failed')
      expect(refunded!.refunded).not.toBeNull()
      const [delivered] = await w!.buy(ADT.midjourney, 3)
      expect(delivered!.state).toBe('completed')
    })
    expect(sim.balance(KEY)).toBe('223.00')
    expect(r).toMatchObject({ status: 'ok', difference: { amount: '0', currency: 'USD' }, journalNet: { amount: '27' } })
  })

  it('DigetalHube: an order refunded on error next to delivered ones reconciles ok and exact', async () => {
    const KEY = 'dh_key'
    const sim = await startDigetalHubeSim({ speed: 500, rateLimits: false, seed: 7, failureRate: 0.5, accounts: [{ apiKey: KEY, balance: '500.00' }] })
    close = () => sim.close()
    w = await sessionWith({ name: 'DH', baseUrl: sim.baseUrl, credentials: { kind: 'digetalhube', apiKey: KEY } })
    await w.session.catalog.sync(w.accountId)
    const states: string[] = []
    const r = await reconcileAround(w, async () => {
      states.push(...(await w!.buy('123', 60)).map((o) => o.state))
    })
    expect(states).toContain('failed')
    expect(r).toMatchObject({ status: 'ok', exact: true, difference: { amount: '0', currency: 'USDT' } })
  })
})
