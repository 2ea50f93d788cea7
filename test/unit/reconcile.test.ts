// Reconciliation on planted journals and balance readings: exact with the upstream's totals, flagged without them,
// storefront sales against codes marked sold. Mismatches are listed, never hidden.
import { describe, expect, it } from 'vitest'
import { DAY, fixture } from './workflow-fixture'

const H = 60 * 60_000
const usdt = (amount: string) => ({ amount, currency: 'USDT' })

describe('reconciliation', () => {
  it('is exact and ok when the supplier totals and our journal agree (refunds included)', async () => {
    const f = fixture()
    const dh = f.addAccount({ name: 'DH' })
    f.reading(dh, '500', f.clock.iso(-3 * H), { total_deposited: '500', total_spent: '0' })
    f.addOrder({ accountId: dh, quantity: 25, unitPrice: '1.05', charged: '26.25', submitStartedAt: f.clock.iso(-2 * H) })
    f.addOrder({ accountId: dh, quantity: 2, unitPrice: '10.50', charged: '21', state: 'failed', refunded: '21', submitStartedAt: f.clock.iso(-2 * H), completedAt: f.clock.iso(-2 * H + 60_000) })
    f.reading(dh, '473.75', f.clock.iso(-1 * H), { total_deposited: '500', total_spent: '26.25' })
    const r = await f.reconcile.run({ from: f.clock.iso(-4 * H), to: f.clock.iso() })
    expect(r.mismatches).toEqual([])
    expect(r.accounts[0]).toMatchObject({
      status: 'ok',
      exact: true,
      journalSpent: usdt('47.25'),
      journalRefunded: usdt('21'),
      journalNet: usdt('26.25'),
      upstreamChange: usdt('-26.25'),
      upstreamSpent: usdt('26.25'),
      upstreamDeposited: usdt('0'),
      expectedChange: usdt('-26.25'),
      difference: usdt('0'),
      readings: { from: f.clock.iso(-3 * H), to: f.clock.iso(-1 * H) }
    })
  })

  it('does not treat a flagged balance reading (totals that do not add up) as exact, and says why', async () => {
    const f = fixture()
    const dh = f.addAccount({ name: 'DH' })
    f.reading(dh, '500', f.clock.iso(-3 * H), { total_deposited: '500', total_spent: '0' })
    f.addOrder({ accountId: dh, quantity: 25, unitPrice: '1.05', charged: '26.25', submitStartedAt: f.clock.iso(-2 * H) })
    // A 10 USDT bonus: available is 10 more than deposited − spent; the adapter flagged the reading.
    f.reading(dh, '483.75', f.clock.iso(-1 * H), { total_deposited: '500', total_spent: '26.25', flag: 'available 483.75 is not 500 − 26.25' })
    const r = await f.reconcile.run({ from: f.clock.iso(-4 * H), to: f.clock.iso() })
    expect(r.accounts[0]).toMatchObject({ exact: false, upstreamSpent: null, status: 'mismatch', difference: usdt('10') })
    expect(r.accounts[0]!.notes).toContainEqual(expect.stringMatching(/did not add up/))
  })

  it('finds a planted upstream charge our journal does not know, and lists it', async () => {
    const f = fixture()
    const dh = f.addAccount({ name: 'DH' })
    f.reading(dh, '500', f.clock.iso(-3 * H), { total_deposited: '500', total_spent: '0' })
    f.addOrder({ accountId: dh, quantity: 10, unitPrice: '1.05', charged: '10.5', submitStartedAt: f.clock.iso(-2 * H) })
    // Someone else with the same key bought an iTunes card: 10.50 more left the account.
    f.reading(dh, '479', f.clock.iso(-1 * H), { total_deposited: '500', total_spent: '21' })
    const r = await f.reconcile.run({ from: f.clock.iso(-4 * H), to: f.clock.iso() })
    expect(r.accounts[0]).toMatchObject({ status: 'mismatch', exact: true, difference: usdt('-10.5'), upstreamSpent: usdt('21'), journalNet: usdt('10.5') })
    expect(r.mismatches).toEqual([{ accountId: dh, accountName: 'DH', kind: 'balance', difference: usdt('-10.5'), message: 'DH: the balance fell 10.50 USDT more than our orders explain (a charge we did not make?).' }])
  })

  it('explains a deposit from the supplier totals, and flags a rise it cannot explain without them', async () => {
    const f = fixture()
    const withTotals = f.addAccount({ name: 'DH' })
    const bare = f.addAccount({ name: 'Bare' })
    f.reading(withTotals, '100', f.clock.iso(-3 * H), { total_deposited: '100', total_spent: '0' })
    f.reading(withTotals, '200', f.clock.iso(-1 * H), { total_deposited: '200', total_spent: '0' })
    f.reading(bare, '100', f.clock.iso(-3 * H))
    f.addOrder({ accountId: bare, quantity: 1, unitPrice: '5', charged: '5', submitStartedAt: f.clock.iso(-2 * H) })
    f.reading(bare, '195', f.clock.iso(-1 * H))
    const r = await f.reconcile.run({ from: f.clock.iso(-4 * H), to: f.clock.iso() })
    const dh = r.accounts.find((a) => a.accountName === 'DH')
    const b = r.accounts.find((a) => a.accountName === 'Bare')
    expect(dh).toMatchObject({ status: 'ok', upstreamDeposited: usdt('100'), notes: [expect.stringMatching(/100\.00 USDT deposited/)] })
    expect(b).toMatchObject({ status: 'mismatch', exact: false, upstreamChange: usdt('95'), expectedChange: usdt('-5'), difference: usdt('100') })
    expect(r.mismatches).toEqual([expect.objectContaining({ accountName: 'Bare', kind: 'balance', message: expect.stringMatching(/rose 100\.00 USDT more .* does not report deposits/) })])
  })

  it('says when there is not enough data, and notes orders still open or needing review', async () => {
    const f = fixture()
    const dh = f.addAccount({ name: 'DH' })
    f.reading(dh, '500', f.clock.iso(-3 * H))
    f.addOrder({ accountId: dh, quantity: 1, unitPrice: '1.05', state: 'submitted', submitStartedAt: f.clock.iso(-2 * H) })
    const r = await f.reconcile.run({ from: f.clock.iso(-4 * H), to: f.clock.iso() })
    expect(r.accounts[0]).toMatchObject({ status: 'not_enough_data', difference: null, upstreamChange: null, journalSpent: usdt('1.05') })
    expect(r.accounts[0]!.notes.join(' ')).toMatch(/still open/)
    expect(r.accounts[0]!.notes.join(' ')).toMatch(/Fewer than two balance readings/)
    expect(r.mismatches).toEqual([])
  })

  it('compares storefront sales with codes marked sold in the period, and its balance with its statement', async () => {
    const f = fixture()
    const dh = f.addAccount({ name: 'DH' })
    const shop = f.addAccount({ name: 'My store', kind: 'digiseller', currency: 'USD' })
    const order = f.addOrder({ accountId: dh, quantity: 3, unitPrice: '1.05', submitStartedAt: f.clock.iso(-5 * DAY) })
    const ids = f.addCodes(order.id, 3, f.clock.iso(-5 * DAY))
    f.clock.ms -= 2 * H
    f.codes.mark({ codeIds: ids.slice(0, 2), to: 'sold' })
    f.clock.ms += 2 * H
    const entry = (n: number, kind: 'sale' | 'refund' | 'withdrawal', amount: string, at: string) => ({
      accountId: shop,
      externalId: `op-${n}`,
      kind,
      at,
      amount,
      currency: 'USD',
      description: kind,
      productId: null,
      productName: null,
      reference: null,
      upstreamType: kind
    })
    f.reading(shop, '10', f.clock.iso(-4 * H))
    f.storage.ledger.insertNew(
      [entry(1, 'sale', '2.5', f.clock.iso(-3 * H)), entry(2, 'sale', '2.5', f.clock.iso(-3 * H)), entry(3, 'sale', '2.5', f.clock.iso(-3 * H)), entry(4, 'withdrawal', '-5', f.clock.iso(-2 * H))],
      f.clock.iso()
    )
    f.reading(shop, '12.5', f.clock.iso(-1 * H))
    const r = await f.reconcile.run({ from: f.clock.iso(-1 * DAY), to: f.clock.iso() })
    const s = r.accounts.find((a) => a.accountId === shop)!
    expect(s).toMatchObject({ status: 'ok', ledgerNet: { amount: '2.5', currency: 'USD' }, difference: { amount: '0', currency: 'USD' } })
    expect(s.sales).toEqual({ sales: 3, salesAmount: { amount: '7.5', currency: 'USD' }, refunds: 0, codesSold: 2, difference: -1, status: 'mismatch' })
    expect(r.mismatches).toEqual([{ accountId: shop, accountName: 'My store', kind: 'sales', difference: null, message: 'My store: 3 sales in the storefront\'s statement, but 2 codes marked sold in the same period.' }])
  })
})
