// One limiter per account, shared by every call to that account (submits, polls, balance, catalog), so the
// documented limits are never exceeded however many things happen at once. Token buckets sized so that no
// 60-second window can carry more than the limit; waiting high-priority calls (submits, polls) are served
// before low-priority ones (balance, catalog).
import type { RateBucket, RequestGate, RequestPriority } from './types'

interface Bucket {
  capacity: number
  tokens: number
  /** Tokens added per millisecond. */
  rate: number
  last: number
}

interface Waiter {
  bucket: RateBucket
  priority: RequestPriority
  seq: number
  resolve: () => void
}

export interface RateLimiterClock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realClock: RateLimiterClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
}

/**
 * A burst of a tenth of the limit, refilled at (limit − burst) per minute: any 60 s window then holds at most
 * burst + (limit − burst) = limit requests, even against an upstream that counts in a sliding window.
 */
function makeBucket(perMinute: number, now: number): Bucket {
  const capacity = Math.max(1, Math.floor(perMinute / 10))
  const refillPerMinute = Math.max(1, perMinute - capacity)
  return { capacity, tokens: capacity, rate: refillPerMinute / 60_000, last: now }
}

export class AccountRateLimiter implements RequestGate {
  private readonly buckets = new Map<RateBucket, Bucket>()
  private readonly waiters: Waiter[] = []
  private pausedUntil = 0
  private timer: unknown = null
  private seq = 0

  constructor(
    limits: Partial<Record<RateBucket, number>> & { default: number },
    private readonly clock: RateLimiterClock = realClock
  ) {
    const now = clock.now()
    for (const [name, perMinute] of Object.entries(limits) as [RateBucket, number][]) this.buckets.set(name, makeBucket(perMinute, now))
  }

  acquire(bucket: RateBucket, priority: RequestPriority): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ bucket: this.buckets.has(bucket) ? bucket : 'default', priority, seq: this.seq++, resolve })
      this.pump()
    })
  }

  backoff(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + Math.max(0, ms))
    this.pump()
  }

  /** Requests waiting right now (for tests and the status bar). */
  get pending(): number {
    return this.waiters.length
  }

  private refill(b: Bucket, now: number): void {
    b.tokens = Math.min(b.capacity, b.tokens + (now - b.last) * b.rate)
    b.last = now
  }

  private pump(): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer)
      this.timer = null
    }
    const now = this.clock.now()
    if (now < this.pausedUntil) {
      if (this.waiters.length) this.timer = this.clock.setTimeout(() => ((this.timer = null), this.pump()), this.pausedUntil - now)
      return
    }
    // High priority first, then first come first served; a waiter whose bucket is empty does not block others.
    this.waiters.sort((a, b) => (a.priority === b.priority ? a.seq - b.seq : a.priority === 'high' ? -1 : 1))
    let wait = Infinity
    for (let i = 0; i < this.waiters.length; ) {
      const w = this.waiters[i]!
      const b = this.buckets.get(w.bucket)!
      this.refill(b, now)
      if (b.tokens >= 1) {
        b.tokens -= 1
        this.waiters.splice(i, 1)
        w.resolve()
        continue
      }
      wait = Math.min(wait, Math.ceil((1 - b.tokens) / b.rate))
      i++
    }
    if (this.waiters.length && wait !== Infinity) this.timer = this.clock.setTimeout(() => ((this.timer = null), this.pump()), wait)
  }
}
