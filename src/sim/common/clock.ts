// Simulators keep wall-clock timestamps (so a client can compare them with its own clock, e.g. when it matches
// an unanswered order against the upstream's list by time window) but shrink every *duration* by `speed`:
// at speed 100 a 60 s delivery takes 0.6 s of real time.

export interface SimClock {
  readonly speed: number
  /** Wall-clock milliseconds (Date.now unless a test injected its own source). */
  nowMs(): number
  /** Wall-clock UNIX seconds, as upstreams put in their `timestamp` fields. */
  unixSeconds(): number
  /** How long a duration of `realMs` (as the upstream's real service would take it) lasts in this run. */
  scaled(realMs: number): number
}

export interface SimClockOptions {
  speed?: number
  now?: () => number
}

export function createSimClock(opts: SimClockOptions = {}): SimClock {
  const speed = opts.speed ?? 1
  if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`speed must be a positive number, got ${speed}`)
  const now = opts.now ?? Date.now
  return {
    speed,
    nowMs: () => now(),
    unixSeconds: () => Math.floor(now() / 1000),
    scaled: (realMs) => realMs / speed
  }
}
