// Sliding-window request limiter ("at most N requests in any window of W ms"), keyed by whatever the
// upstream limits on (API key, client IP). Rejected requests do not count, so a client that backs off
// as told by Retry-After gets through as soon as the oldest counted request leaves the window.

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>()

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`rate limit must be a positive integer, got ${limit}`)
  }

  hit(key: string): RateDecision {
    const now = this.now()
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs)
    if (recent.length >= this.limit) {
      this.hits.set(key, recent)
      const oldest = recent[0] ?? now
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) }
    }
    recent.push(now)
    this.hits.set(key, recent)
    return { allowed: true }
  }

  reset(): void {
    this.hits.clear()
  }
}

const MINUTE_MS = 60_000

/** "At most `limit` requests a minute", as every upstream states its limits, timed by the simulator's clock. */
export function perMinuteLimiter(limit: number, clock: { nowMs(): number }): SlidingWindowLimiter {
  return new SlidingWindowLimiter(limit, MINUTE_MS, clock.nowMs)
}
