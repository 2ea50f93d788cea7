// Timing helpers. Every figure is wall-clock milliseconds from performance.now(); the benchmarks are synchronous
// (better-sqlite3, node:crypto), so wall clock is what a person waiting at the counter sees.
import { performance } from 'node:perf_hooks'

export function now(): number {
  return performance.now()
}

/** Runs fn once and returns how long it took (ms) and what it returned. */
export function timeSync<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now()
  const value = fn()
  return { ms: performance.now() - t0, value }
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now()
  const value = await fn()
  return { ms: performance.now() - t0, value }
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50)
}

export function min(samples: readonly number[]): number {
  return samples.reduce((m, x) => Math.min(m, x), Number.POSITIVE_INFINITY)
}

/** Gives the event loop a turn (lets the memory sampler's timer fire, lets GC finalizers run). */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
