// Reconcile never says ok while a charge is unexplained: an order in review (the supplier may have charged it),
// or one closed "not placed" / failed while the supplier's numbers still show a charge it has not refunded. Each
// is listed by order, with our client reference (what a person searches for in the supplier's dashboard).
import { describe, expect, it } from 'vitest'
import type { OrderState } from '../../src/shared/domain'
import { fixture, type Fixture } from './workflow-fixture'

const H = 60 * 60_000
const usdt = (amount: string) => ({ amount, currency: 'USDT' })

/** An order whose create reply was lost: no upstream id; it ends in `state` with what the supplier showed. */
function lostCreate(f: Fixture, accountId: string, state: OrderState, money: { charged?: string; refunded?: string } = {}): string {
  const id = `order-${state}`
  const at = f.clock.iso(-2 * H)
  f.storage.orders.insertPlanned([{ id, batchId: 'b', accountId, productId: '123', variantId: null, title: 'iTunes $10 USA', quantity: 1, unitPrice: '10.5', currency: 'USDT', fields: {}, clientRef: 'rd00aa11bb22cc33dd44ee55' }], at)
  f.storage.orders.transition(id, ['planned'], 'submitting', { submitStartedAt: at }, at)
  f.storage.orders.transition(id, ['submitting'], 'needs_review', { reviewReason: 'The reply was lost.', ...(money.charged ? { charged: money.charged } : {}) }, at)
  if (state !== 'needs_review') f.storage.orders.transition(id, ['needs_review'], state, { refunded: money.refunded ?? null, completedAt: f.clock.iso(-90 * 60_000) }, f.clock.iso(-90 * 60_000))
  return id
}

describe('unexplained charges', () => {
  it('an order in review while the supplier took 10.50: mismatch, and the order is listed with our reference', async () => {
    const f = fixture()
    const dh = f.addAccount({ name: 'DH' })
    f.reading(dh, '500', f.clock.iso(-3 * H), { total_deposited: '500', total_spent: '0' })
    const id = lostCreate(f, dh, 'needs_review')
    f.reading(dh, '489.5', f.clock.iso(-1 * H), { total_deposited: '500', total_spent: '10.5' })
    const r = await f.reconcile.run({ from: f.clock.iso(-4 * H), to: f.clock.iso() })
    expect(r.accounts[0]).toMatchObject({ status: 'mismatch', unexplainedCharges: [{ orderId: id, clientRef: 'rd00aa11bb22cc33dd44ee55', state: 'needs_review', charge: usdt('10.5') }] })
    expect(r.mismatches).toContainEqual({
      accountId: dh,
      accountName: 'DH',
      kind: 'charge',
      orderId: id,
      difference: usdt('10.5'),
      message: 'DH: “iTunes $10 USA” (our reference rd00aa11bb22cc33dd44ee55) — 10.50 USDT may have been charged: the order waits for a person to check it at the supplier. Reconciliation cannot be ok until it is settled.'
    })
  })

  it('never ok while an order is in review, even when the balance happens to agree', async () => {
    const f = fixture()
    const dh = f.addAccount({ name: 'DH' })
    f.reading(dh, '500', f.clock.iso(-3 * H), { total_deposited: '500', total_spent: '0' })
    lostCreate(f, dh, 'needs_review')
    f.reading(dh, '500', f.clock.iso(-1 * H), { total_deposited: '500', total_spent: '0' })
    const r = await f.reconcile.run({ from: f.clock.iso(-4 * H), to: f.clock.iso() })
    expect(r.accounts[0]).toMatchObject({ status: 'mismatch', difference: usdt('0') })
    expect(r.mismatches.map((m) => m.kind)).toEqual(['charge'])
  })

  it('an order resolved "not placed" while the supplier shows its charge: counted as spent, listed, not ok — until the refund shows', async () => {
    const f = fixture()
    const dh = f.addAccount({ name: 'DH' })
    f.reading(dh, '500', f.clock.iso(-3 * H), { total_deposited: '500', total_spent: '0' })
    const id = lostCreate(f, dh, 'cancelled', { charged: '10.5' })
    f.reading(dh, '489.5', f.clock.iso(-1 * H), { total_deposited: '500', total_spent: '10.5' })
    const r = await f.reconcile.run({ from: f.clock.iso(-4 * H), to: f.clock.iso() })
    // The balance is explained (the charge is in the journal) but the charge itself is not: no codes, no refund.
    expect(r.accounts[0]).toMatchObject({ difference: usdt('0'), journalNet: usdt('10.5'), status: 'mismatch' })
    expect(r.mismatches).toEqual([expect.objectContaining({ kind: 'charge', orderId: id, message: expect.stringContaining('was charged by the supplier for an order that delivered no codes, and no refund shows yet') })])

    // The supplier refunds it: the journal shows the refund and the balance is back.
    f.storage.orders.touch(id, { refunded: '10.5', completedAt: f.clock.iso(-90 * 60_000) }, f.clock.iso(-90 * 60_000))
    f.reading(dh, '500', f.clock.iso(-30 * 60_000), { total_deposited: '500', total_spent: '0' })
    const after = await f.reconcile.run({ from: f.clock.iso(-4 * H), to: f.clock.iso() })
    expect(after.accounts[0]).toMatchObject({ status: 'ok', difference: usdt('0'), unexplainedCharges: [] })
    expect(after.mismatches).toEqual([])
  })

  it('a failed order refunded in full is explained; refunded in part, the rest is listed', async () => {
    const f = fixture()
    const dh = f.addAccount({ name: 'DH' })
    f.reading(dh, '500', f.clock.iso(-3 * H))
    f.addOrder({ accountId: dh, quantity: 2, unitPrice: '10.50', charged: '21', state: 'failed', refunded: '21', submitStartedAt: f.clock.iso(-2 * H), completedAt: f.clock.iso(-2 * H + 60_000) })
    const kept = f.addOrder({ accountId: dh, quantity: 2, unitPrice: '10.50', charged: '21', state: 'failed', refunded: '10.5', submitStartedAt: f.clock.iso(-2 * H), completedAt: f.clock.iso(-2 * H + 60_000) })
    f.reading(dh, '489.5', f.clock.iso(-1 * H))
    const r = await f.reconcile.run({ from: f.clock.iso(-4 * H), to: f.clock.iso() })
    expect(r.accounts[0]).toMatchObject({ difference: usdt('0'), status: 'mismatch', unexplainedCharges: [expect.objectContaining({ orderId: kept.id, charge: usdt('10.5') })] })
  })

  it('OneClickDz partial fills: the net charge and the refund are not counted twice (journal net = what the balance did)', async () => {
    const f = fixture()
    const ocd = f.addAccount({ name: 'OCD', kind: 'oneclickdz', currency: 'DZD' })
    f.reading(ocd, '50000', f.clock.iso(-3 * H))
    // 3 of 5 × 490 delivered: the adapter records fulfilled_amount 1470 as charged and 980 as refunded.
    const partial = f.addOrder({ accountId: ocd, quantity: 5, unitPrice: '490', currency: 'DZD', charged: '1470', refunded: '980', state: 'partially_completed', submitStartedAt: f.clock.iso(-2 * H), completedAt: f.clock.iso(-2 * H + 60_000) })
    f.addCodes(partial.id, 3)
    f.reading(ocd, '48530', f.clock.iso(-1 * H))
    const r = await f.reconcile.run({ from: f.clock.iso(-4 * H), to: f.clock.iso() })
    expect(r.accounts[0]).toMatchObject({ status: 'ok', journalSpent: { amount: '2450', currency: 'DZD' }, journalRefunded: { amount: '980', currency: 'DZD' }, journalNet: { amount: '1470', currency: 'DZD' }, difference: { amount: '0', currency: 'DZD' } })
  })

  it('a partially completed order charged for 10, 7 codes delivered, no refund shown: the 3 undelivered are an unexplained charge', async () => {
    const f = fixture()
    const dh = f.addAccount({ name: 'DH' })
    f.reading(dh, '500', f.clock.iso(-3 * H), { total_deposited: '500', total_spent: '0' })
    const o = f.addOrder({ accountId: dh, quantity: 10, unitPrice: '1.05', charged: '10.5', state: 'partially_completed', submitStartedAt: f.clock.iso(-2 * H) })
    f.addCodes(o.id, 7)
    f.reading(dh, '489.5', f.clock.iso(-1 * H), { total_deposited: '500', total_spent: '10.5' })
    const r = await f.reconcile.run({ from: f.clock.iso(-4 * H), to: f.clock.iso() })
    expect(r.accounts[0]).toMatchObject({ difference: usdt('0'), status: 'mismatch', unexplainedCharges: [{ orderId: o.id, state: 'partially_completed', charge: usdt('3.15') }] })
    // Once the refund for the 3 shows, it is explained.
    const g = fixture()
    const dh2 = g.addAccount({ name: 'DH' })
    g.reading(dh2, '500', g.clock.iso(-3 * H), { total_deposited: '500', total_spent: '0' })
    const o2 = g.addOrder({ accountId: dh2, quantity: 10, unitPrice: '1.05', charged: '10.5', refunded: '3.15', state: 'partially_completed', submitStartedAt: g.clock.iso(-2 * H) })
    g.addCodes(o2.id, 7)
    g.reading(dh2, '492.65', g.clock.iso(-1 * H), { total_deposited: '500', total_spent: '7.35' })
    const ok = await g.reconcile.run({ from: g.clock.iso(-4 * H), to: g.clock.iso() })
    expect(ok.accounts[0]).toMatchObject({ status: 'ok', unexplainedCharges: [] })
  })
})
