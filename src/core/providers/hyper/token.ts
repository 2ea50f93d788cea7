// Hyper's JWT: renewed shortly before its Expiration by our own clock, and on demand after a 401 (see ../token for
// the single-flight holder).
import { createTokenHolder, type HeldToken, type TokenHolder } from '../token'

export interface IssuedToken {
  token: string
  expiration: Date
}

export type { HeldToken }

/** Hyper's holder of its JWT (see ../token). */
export type TokenKeeper = TokenHolder<HeldToken>

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
  return createTokenHolder({
    now: opts.now,
    signIn: async (): Promise<HeldToken> => {
      const issuedAtMs = opts.now()
      const issued = await opts.login()
      return { value: issued.token, renewAtMs: renewAt(issuedAtMs, issued.expiration, marginMs) }
    }
  })
}
