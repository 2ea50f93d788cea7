// Balances are read on a schedule per account: each account's own interval (balancePollSeconds), else the default.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BalanceService } from '../../src/core/balances/balance-service'
import { fixture } from './workflow-fixture'

afterEach(() => {
  vi.useRealTimers()
})

describe('balance schedule', () => {
  it('reads an account with a 60 s interval five times while one on the 5-minute default is read once', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-20T12:00:00Z') })
    const f = fixture()
    const fast = f.addAccount({ name: 'Fast' })
    const slow = f.addAccount({ name: 'Slow' })
    f.storage.accounts.update(fast, { settings: { ...f.storage.accounts.get(fast)!.settings, balancePollSeconds: 60 } })
    const reads: string[] = []
    Object.assign(f.accounts, {
      runtime: (id: string) => ({
        adapter: {
          getBalance: async () => {
            reads.push(id === fast ? 'fast' : 'slow')
            return { available: { amount: '100', currency: 'USDT' }, details: {} }
          }
        }
      })
    })
    const balances = new BalanceService(f.storage, f.accounts, f.events, () => new Date())
    balances.startSchedule(5 * 60_000)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(reads).toEqual(['fast'])
    await vi.advanceTimersByTimeAsync(4 * 60_000)
    expect(reads.filter((r) => r === 'fast')).toHaveLength(5)
    expect(reads.filter((r) => r === 'slow')).toHaveLength(1)
    expect(f.storage.balances.history(slow, '2026-01-01T00:00:00Z')).toHaveLength(1)
    balances.stopSchedule()
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(reads).toHaveLength(6)
  })
})
