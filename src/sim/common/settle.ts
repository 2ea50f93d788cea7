// Lazy progress, as every simulator with orders keeps it: when an order is created its due time is drawn from a
// seeded stream (a real-time range, shrunk by the clock's speed); `settle()` later applies what fell due, oldest
// due time first, ties in creation order. No timers run, and every effect happens exactly once.
import type { SimClock } from './clock'
import type { Rng } from './rng'

/** A duration drawn uniformly from a real-time range [min, max], scaled to this run's speed. */
export function scaledDuration(clock: SimClock, rng: Rng, [min, max]: readonly [number, number]): number {
  return clock.scaled(min + rng.next() * (max - min))
}

/** Splits the waiting items into those due by nowMs (sorted by due time, then seq) and those still waiting. */
export function takeDue<T extends { readonly seq: number }>(waiting: readonly T[], nowMs: number, dueAtMs: (item: T) => number): { due: T[]; rest: T[] } {
  const due = waiting.filter((item) => dueAtMs(item) <= nowMs).sort((a, b) => dueAtMs(a) - dueAtMs(b) || a.seq - b.seq)
  return { due, rest: waiting.filter((item) => dueAtMs(item) > nowMs) }
}

/** `fn`, run only after `state.settle()`: what a test reads or sets applies to the state as it is now. */
export function afterSettling<Args extends unknown[], R>(state: { settle(): void }, fn: (...args: Args) => R): (...args: Args) => R {
  return (...args) => {
    state.settle()
    return fn(...args)
  }
}

export interface SettledReads<K, S> {
  /** Every code issued to the key, in issue order. */
  issuedCodes(key: K): readonly string[]
  /** The key's orders as snapshots, oldest first. */
  orders(key: K): S[]
  /** The key's balance as decimal text. */
  balance(key: K): string
}

/** The test accessors of a simulator with lazy progress: each settles first, so a test sees what a client would now. */
export function settledAccessors<K, S>(state: { settle(): void }, reads: SettledReads<K, S>): { issuedCodes(key: K): string[]; orders(key: K): S[]; balance(key: K): string } {
  return {
    issuedCodes: afterSettling(state, (key: K) => [...reads.issuedCodes(key)]),
    orders: afterSettling(state, (key: K) => reads.orders(key)),
    balance: afterSettling(state, (key: K) => reads.balance(key))
  }
}
