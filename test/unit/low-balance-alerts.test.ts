// The low-balance warning fires once per dip below the threshold, re-arms only at/above it, and remembers across
// a restart that it already warned.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EventBus, type AppEvent } from '../../src/core/events'
import { LowBalanceAlerts } from '../../src/core/balances/low-balance-alerts'
import { fixture } from './workflow-fixture'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function warnings(events: AppEvent[]) {
  return {
    notices: events.filter((e) => e.type === 'notice' && e.level === 'warning').length,
    low: events.filter((e): e is Extract<AppEvent, { type: 'balance.low' }> => e.type === 'balance.low')
  }
}

describe('low-balance warning', () => {
  it('warns once when the balance crosses below, not on every poll, and again only after recovering and crossing again', () => {
    const f = fixture()
    const acc = f.addAccount({ name: 'Main DH', threshold: '50' })
    const alerts = new LowBalanceAlerts(f.storage, f.events)
    const poll = (amount: string) => alerts.check({ accountId: acc, accountName: 'Main DH', available: { amount, currency: 'USDT' }, threshold: '50', at: f.clock.iso() })

    expect([poll('80'), poll('50')]).toEqual([false, false]) // at the threshold is not below it
    expect(poll('49.99')).toBe(true)
    expect([poll('49.99'), poll('30'), poll('10')]).toEqual([false, false, false])
    const w = warnings(f.seen)
    expect(w.notices).toBe(1)
    expect(w.low).toEqual([
      { type: 'balance.low', accountId: acc, accountName: 'Main DH', available: { amount: '49.99', currency: 'USDT' }, threshold: { amount: '50', currency: 'USDT' } }
    ])
    expect(f.seen.find((e) => e.type === 'notice')).toMatchObject({ level: 'warning', message: expect.stringMatching(/Main DH: the balance is 49\.99 USDT, below your warning level of 50\.00 USDT/) })

    expect(poll('50')).toBe(false) // recovered: re-armed, silently
    expect(poll('60')).toBe(false)
    expect(poll('45')).toBe(true) // a new dip
    expect(warnings(f.seen).low).toHaveLength(2)
  })

  it('does not warn again after a restart while the balance stays low', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rd-alerts-'))
    dirs.push(dir)
    const first = fixture({ dataDir: dir })
    const acc = first.addAccount({ threshold: '100' })
    const check = (alerts: LowBalanceAlerts, amount: string) => alerts.check({ accountId: acc, accountName: 'A', available: { amount, currency: 'USDT' }, threshold: '100', at: new Date().toISOString() })
    expect(check(new LowBalanceAlerts(first.storage, first.events), '20')).toBe(true)
    first.storage.close()

    const again = fixture({ dataDir: dir })
    const events: AppEvent[] = []
    const bus = new EventBus()
    bus.on((e) => events.push(e))
    const alerts = new LowBalanceAlerts(again.storage, bus)
    expect(check(alerts, '20')).toBe(false)
    expect(check(alerts, '15')).toBe(false)
    expect(events).toEqual([])
    expect(check(alerts, '100')).toBe(false)
    expect(check(alerts, '99')).toBe(true)
    again.storage.close()
  })

  it('stays quiet without a threshold, and a removed threshold re-arms', () => {
    const f = fixture()
    const acc = f.addAccount()
    const alerts = new LowBalanceAlerts(f.storage, f.events)
    const at = f.clock.iso()
    expect(alerts.check({ accountId: acc, accountName: 'A', available: { amount: '0', currency: 'USDT' }, threshold: null, at })).toBe(false)
    expect(alerts.check({ accountId: acc, accountName: 'A', available: { amount: '5', currency: 'USDT' }, threshold: '10', at })).toBe(true)
    expect(alerts.check({ accountId: acc, accountName: 'A', available: { amount: '5', currency: 'USDT' }, threshold: null, at })).toBe(false)
    expect(alerts.check({ accountId: acc, accountName: 'A', available: { amount: '5', currency: 'USDT' }, threshold: '10', at })).toBe(true)
  })
})
