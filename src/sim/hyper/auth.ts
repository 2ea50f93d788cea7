// JWTs as the platform issues them (HS256, `exp` = the Expiration it reports), and the bearer check every other
// endpoint does first. Expiration is printed in whole seconds (the seed's format), so a token's life is rounded
// up to the next whole second and ends exactly at the printed instant: what the client reads is what is enforced.
import { createHmac } from 'node:crypto'
import type { SimClock } from '../common/clock'
import type { Rng } from '../common/rng'

export interface IssuedToken {
  token: string
  expiresAtMs: number
}

interface TokenRecord {
  email: string
  expiresAtMs: number
}

export type BearerCheck =
  | { ok: true; email: string }
  | { ok: false; code: 'UNAUTHORIZED' | 'TOKEN_INVALID' }
  | { ok: false; code: 'TOKEN_EXPIRED'; email: string }

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url')
}

export class TokenIssuer {
  private readonly tokens = new Map<string, TokenRecord>()
  private readonly secret: string

  constructor(
    private readonly clock: SimClock,
    private readonly rng: Rng,
    /** Lifetime in real time, before scaling. */
    private readonly lifetimeMs: number
  ) {
    if (!(lifetimeMs > 0 && Number.isFinite(lifetimeMs))) throw new RangeError(`tokenLifetimeMs must be a positive number, got ${lifetimeMs}`)
    this.secret = rng.hex(64)
  }

  issue(email: string): IssuedToken {
    const now = this.clock.nowMs()
    this.prune(now)
    const expiresAtMs = Math.ceil((now + this.clock.scaled(this.lifetimeMs)) / 1000) * 1000
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
    const payload = base64url(
      JSON.stringify({ sub: email, iss: 'hyper-sim', iat: Math.floor(now / 1000), exp: expiresAtMs / 1000, jti: this.rng.hex(16).toLowerCase() })
    )
    const signature = base64url(createHmac('sha256', this.secret).update(`${header}.${payload}`).digest())
    const token = `${header}.${payload}.${signature}`
    this.tokens.set(token, { email, expiresAtMs })
    return { token, expiresAtMs }
  }

  /** The `Authorization: Bearer <jwt>` header → whose token it is, or why it is refused. */
  check(authorization: string | undefined): BearerCheck {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1]
    if (token === undefined) return { ok: false, code: 'UNAUTHORIZED' }
    const record = this.tokens.get(token)
    if (!record) return { ok: false, code: 'TOKEN_INVALID' }
    if (this.clock.nowMs() >= record.expiresAtMs) return { ok: false, code: 'TOKEN_EXPIRED', email: record.email }
    return { ok: true, email: record.email }
  }

  /** Every token of the account expires now. */
  expireAll(email: string): void {
    const now = this.clock.nowMs()
    for (const record of this.tokens.values()) if (record.email === email && record.expiresAtMs > now) record.expiresAtMs = now
  }

  /** Long-expired tokens are forgotten (then they are merely unknown: TOKEN_INVALID). */
  private prune(now: number): void {
    const keepFor = Math.max(this.clock.scaled(this.lifetimeMs) * 10, 60_000)
    for (const [token, record] of this.tokens) if (record.expiresAtMs + keepFor < now) this.tokens.delete(token)
  }
}
