// The JWT an adapter holds in memory (the only state an adapter may keep). It is renewed shortly before its
// Expiration by our own clock, and on demand after a 401. Whoever asks while a login is under way waits for that
// same login: however many requests run at once, one expiry costs one login call.

export interface IssuedToken {
  token: string
  expiration: Date
}

export interface HeldToken {
  readonly value: string
  /** Our clock (ms) from which the token counts as due for renewal. */
  readonly renewAtMs: number
}

export interface TokenKeeper {
  /** A token that is not due for renewal, logging in first if needed (sharing a login already under way). */
  get(): Promise<HeldToken>
  /** The upstream refused this token (401): forget it, unless a newer one already replaced it. */
  invalidate(token: HeldToken): void
  /** The token held now, for blanking it out of messages; null when none. */
  peek(): HeldToken | null
}

export interface TokenKeeperOptions {
  now: () => number
  login: () => Promise<IssuedToken>
  /** Renew this long before Expiration (default 60 s), or a tenth of the token's lifetime when that is shorter. */
  marginMs?: number
}

export const DEFAULT_RENEW_MARGIN_MS = 60_000

/** When to renew a token issued at `issuedAtMs` (our clock, when the login was sent) that expires at `expiration`. */
export function renewAt(issuedAtMs: number, expiration: Date, marginMs: number): number {
  const lifetime = expiration.getTime() - issuedAtMs
  // Already expired by our clock: our clock is ahead of the platform's. Use the token until the platform refuses it
  // (a 401 renews it) rather than logging in before every request.
  if (!(lifetime > 0)) return Number.POSITIVE_INFINITY
  return expiration.getTime() - Math.min(marginMs, lifetime / 10)
}

export function createTokenKeeper(opts: TokenKeeperOptions): TokenKeeper {
  const marginMs = opts.marginMs ?? DEFAULT_RENEW_MARGIN_MS
  let current: HeldToken | null = null
  let pending: Promise<HeldToken> | null = null

  function renew(): Promise<HeldToken> {
    pending ??= (async () => {
      try {
        const issuedAtMs = opts.now()
        const issued = await opts.login()
        const held: HeldToken = { value: issued.token, renewAtMs: renewAt(issuedAtMs, issued.expiration, marginMs) }
        current = held
        return held
      } finally {
        pending = null
      }
    })()
    return pending
  }

  return {
    get() {
      if (current !== null && opts.now() < current.renewAtMs) return Promise.resolve(current)
      return renew()
    },
    invalidate(token) {
      if (current === token) current = null
    },
    peek: () => current
  }
}
