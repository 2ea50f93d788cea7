// Seeded pseudo-random numbers, so a simulator run can be replayed exactly from its seed.
// mulberry32 is not cryptographic, which is fine: nothing here protects anything, it only has to look random
// and be reproducible. Independent streams (fork) keep e.g. fault dice from shifting the codes a test expects.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  /** true with probability p (p ≤ 0 never, p ≥ 1 always). */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** Upper-case hex string of `length` digits. */
  hex(length: number): string
  /** A new, independent stream derived from this stream's seed and a label. Same seed + label → same stream. */
  fork(label: string): Rng
}

/** 32-bit FNV-1a: turns a label into a number to mix into a seed. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A seed for when the caller gave none: different on every start, like the real thing. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x1_0000_0000) >>> 0
}

export function createRng(seed: number): Rng {
  const base = Math.trunc(seed) >>> 0
  const next = mulberry32(base)
  const rng: Rng = {
    next,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`bad int range [${min}, ${max}]`)
      return min + Math.floor(next() * (max - min + 1))
    },
    chance(p) {
      if (p <= 0) return false
      if (p >= 1) return true
      return next() < p
    },
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new RangeError('pick from an empty list')
      return item
    },
    hex(length) {
      let out = ''
      for (let i = 0; i < length; i++) out += Math.floor(next() * 16).toString(16)
      return out.toUpperCase()
    },
    fork(label) {
      return createRng((base ^ hashLabel(label)) >>> 0)
    }
  }
  return rng
}
