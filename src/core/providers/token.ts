// A sign-in token an adapter holds in memory (the only state an adapter may keep). It is renewed once it is due by
// our own clock, and on demand after the upstream refuses it. Whoever asks while a sign-in is under way waits for that
// same sign-in: however many requests run at once, one expiry costs one sign-in call.

export interface HeldToken {
  readonly value: string
  /** Our clock (ms) from which the token counts as due for renewal. */
  readonly renewAtMs: number
}

export interface TokenHolder<T extends HeldToken = HeldToken> {
  /** A token that is not due for renewal, signing in first if needed (sharing a sign-in already under way). */
  get(): Promise<T>
  /** The upstream refused this token: forget it, unless a newer one already replaced it. */
  invalidate(token: T): void
  /** The token held now, for blanking it out of messages; null when none. */
  peek(): T | null
}

export interface TokenHolderOptions<T extends HeldToken> {
  now: () => number
  /** Signs in: the new token and when to renew it. */
  signIn: () => Promise<T>
}

export function createTokenHolder<T extends HeldToken>(opts: TokenHolderOptions<T>): TokenHolder<T> {
  let current: T | null = null
  let pending: Promise<T> | null = null

  function renew(): Promise<T> {
    pending ??= (async () => {
      try {
        const held = await opts.signIn()
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
      // A token is known by its value: whatever object holds a refused value holds a refused token.
      if (current !== null && current.value === token.value) current = null
    },
    peek: () => current
  }
}
