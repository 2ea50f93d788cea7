// The run-out forecast on planted histories, and the history a chart gets.
import { describe, expect, it } from 'vitest'
import { forecastRunOut, thinPoints } from '../../src/core/balances/balance-forecast'
import { DAY, fixture } from './workflow-fixture'

describe('balance run-out forecast', () => {
  it('spends 35 USDT over a week of readings (a deposit in between ignored): 5 a day, 14 days left', () => {
    const f = fixture()
    const acc = f.addAccount({ name: 'DH' })
    f.reading(acc, '100', f.clock.iso(-7 * DAY))
    f.reading(acc, '90', f.clock.iso(-6 * DAY))
    f.reading(acc, '95', f.clock.iso(-5 * DAY)) // a deposit: not spend
    f.reading(acc, '80', f.clock.iso(-3 * DAY))
    f.reading(acc, '70', f.clock.iso(-1 * DAY))
    const h = f.balances.history(acc, 30)
    expect(h.forecast.spendPerDay).toEqual({ amount: '5', currency: 'USDT' })
    expect(h.forecast.daysLeft).toBe(14)
    expect(h.forecast.basedOnDays).toBe(7)
    expect(h.points.map((p) => p.available.amount)).toEqual(['100', '90', '95', '80', '70'])
    expect(h.forecast.method).toMatch(/deposits are ignored/)
  })

  it('uses only the last 7 days, and divides by the days of history when there are fewer', () => {
    const f = fixture()
    const acc = f.addAccount()
    f.reading(acc, '1000', f.clock.iso(-20 * DAY))
    f.reading(acc, '500', f.clock.iso(-10 * DAY)) // outside the window: not recent spend
    f.reading(acc, '500', f.clock.iso(-7 * DAY))
    f.reading(acc, '479', f.clock.iso(0))
    expect(f.balances.history(acc, 30).forecast).toMatchObject({ spendPerDay: { amount: '3', currency: 'USDT' }, daysLeft: 159.6 })

    const g = fixture()
    const young = g.addAccount()
    g.reading(young, '60', g.clock.iso(-2 * DAY))
    g.reading(young, '50', g.clock.iso(0))
    expect(g.balances.history(young, 30).forecast).toMatchObject({ spendPerDay: { amount: '5', currency: 'USDT' }, daysLeft: 10, basedOnDays: 2 })
  })

  it("counts our journal's charges when readings miss them, and nets out refunds", () => {
    const f = fixture()
    const acc = f.addAccount()
    // One reading a week ago, one now: a deposit of 30 hid purchases of 42 between them (drop of 12 only).
    f.reading(acc, '100', f.clock.iso(-7 * DAY))
    f.reading(acc, '88', f.clock.iso(0))
    f.addOrder({ accountId: acc, quantity: 4, unitPrice: '10.50', charged: '42', submitStartedAt: f.clock.iso(-3 * DAY) })
    f.addOrder({ accountId: acc, quantity: 1, unitPrice: '7', charged: '7', state: 'failed', refunded: '7', submitStartedAt: f.clock.iso(-2 * DAY), completedAt: f.clock.iso(-2 * DAY + 60_000) })
    expect(f.balances.history(acc, 7).forecast).toMatchObject({ spendPerDay: { amount: '6', currency: 'USDT' }, daysLeft: 14.6 })
  })

  it('says nothing was spent (no run-out) and knows when there is no data at all', () => {
    const f = fixture()
    const acc = f.addAccount()
    f.reading(acc, '100', f.clock.iso(-3 * DAY))
    f.reading(acc, '120', f.clock.iso(0))
    expect(f.balances.history(acc, 7).forecast).toMatchObject({ spendPerDay: { amount: '0', currency: 'USDT' }, daysLeft: null })
    const empty = f.addAccount()
    expect(f.balances.history(empty, 7).forecast).toMatchObject({ spendPerDay: null, daysLeft: null, basedOnDays: 0 })
  })

  it('reports a balance already at zero as 0 days left', () => {
    const now = new Date('2026-11-20T00:00:00Z')
    const r = forecastRunOut({
      now,
      windowDays: 7,
      currency: 'USDT',
      available: { amount: '0', currency: 'USDT' },
      readings: [
        { at: '2026-11-18T00:00:00.000Z', available: '10' },
        { at: '2026-11-20T00:00:00.000Z', available: '0' }
      ],
      journal: [],
      historyStart: '2026-11-18T00:00:00.000Z'
    })
    expect(r).toMatchObject({ daysLeft: 0, spendPerDay: { amount: '5', currency: 'USDT' } })
  })

  it('thins a long history for the chart, keeping the first and the last reading', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), v: i }))
    const thin = thinPoints(points, 400)
    expect(thin.length).toBeLessThanOrEqual(401)
    expect(thin[0]).toBe(points[0])
    expect(thin.at(-1)).toBe(points.at(-1))
    expect(thin.map((p) => p.at)).toEqual([...thin.map((p) => p.at)].sort())
  })
})
