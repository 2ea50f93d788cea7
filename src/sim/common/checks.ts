// Checks on a simulator's configuration (options, seeded catalog, setStock): a bad value is the caller's mistake
// and throws a RangeError at once, never a confusing reply later.

export function assertStock(stock: number): void {
  if (!Number.isSafeInteger(stock) || stock < 0) throw new RangeError(`stock must be a non-negative integer, got ${stock}`)
}

/** A duration range such as deliveryMs: [min, max] with 0 ≤ min ≤ max. */
export function assertRange(name: string, range: readonly [number, number]): void {
  const [min, max] = range
  if (!(min >= 0 && max >= min && Number.isFinite(max))) throw new RangeError(`${name} must be [min, max] with 0 ≤ min ≤ max, got [${min}, ${max}]`)
}

/** A probability such as failureRate. */
export function assertRate(name: string, rate: number): void {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${rate}`)
}

/** An API key for a seeded account: not empty, and not given twice. */
export function assertNewApiKey(apiKey: string, known: { has(apiKey: string): boolean }): void {
  if (apiKey === '') throw new RangeError('api key must not be empty')
  if (known.has(apiKey)) throw new RangeError(`duplicate api key ${apiKey}`)
}

/** What a test accessor names (an account, a key) must exist: the value, or a RangeError saying what is missing. */
export function known<T>(value: T | undefined, missing: string): T {
  if (value === undefined) throw new RangeError(missing)
  return value
}
