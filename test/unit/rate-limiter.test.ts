import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AccountRateLimiter } from '../../src/core/providers/rate-limiter'

describe('AccountRateLimiter', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }))
  afterEach(() => vi.useRealTimers())

  /** Fire `n` acquisitions and record when each was granted. */
  function grantTimes(l: AccountRateLimiter, n: number, bucket: 'default' | 'catalog' = 'default', priority: 'high' | 'low' = 'low'): number[] {
    const times: number[] = []
    for (let i = 0; i < n; i++) void l.acquire(bucket, priority).then(() => times.push(Date.now()))
    return times
  }

  it('never lets more than the limit through in any 60-second window', async () => {
    const l = new AccountRateLimiter({ default: 60 })
    const times = grantTimes(l, 150)
    await vi.advanceTimersByTimeAsync(200_000)
    expect(times).toHaveLength(150)
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 60_000).length
      expect(inWindow).toBeLessThanOrEqual(60)
    }
  })

  it('lets a small burst through at once', async () => {
    const l = new AccountRateLimiter({ default: 60 })
    const times = grantTimes(l, 6)
    await vi.advanceTimersByTimeAsync(0)
    expect(times).toEqual([0, 0, 0, 0, 0, 0])
  })

  it('serves submits and polls before balance and catalog calls', async () => {
    const l = new AccountRateLimiter({ default: 10 }) // burst of 1
    const order: string[] = []
    await l.acquire('default', 'low') // uses the burst
    void l.acquire('default', 'low').then(() => order.push('low-1'))
    void l.acquire('default', 'low').then(() => order.push('low-2'))
    void l.acquire('default', 'high').then(() => order.push('high'))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(order).toEqual(['high', 'low-1', 'low-2'])
  })

  it('keeps separate buckets (DigetalHube products are limited per IP, apart from the key)', async () => {
    const l = new AccountRateLimiter({ default: 60, catalog: 30 })
    const catalog = grantTimes(l, 40, 'catalog')
    const main = grantTimes(l, 6, 'default')
    await vi.advanceTimersByTimeAsync(0)
    expect(main).toHaveLength(6) // not held up by the exhausted catalog bucket
    expect(catalog).toHaveLength(3)
  })

  it('pauses everything after a 429 for the Retry-After time', async () => {
    const l = new AccountRateLimiter({ default: 60 })
    l.backoff(5_000)
    const times = grantTimes(l, 1, 'default', 'high')
    await vi.advanceTimersByTimeAsync(4_999)
    expect(times).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(times).toEqual([5_000])
  })
})
