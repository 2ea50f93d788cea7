// Fault injection shared by all simulators. A fault is picked per request, *before* normal handling, and only
// for the action it was injected for ('*' = any action). Queued faults (inject) are consumed first, in the
// order they were injected; then random faults (setRandom) roll the seeded dice.
import type { Rng } from './rng'

export const FAULT_KINDS = [
  'http429',
  'http500',
  'http502',
  'http503',
  'hang',
  'drop_after_commit',
  'slow_after_commit',
  'malformed_json',
  'html_error'
] as const

export type FaultKind = (typeof FAULT_KINDS)[number]

/** Faults answered with an upstream-specific error envelope instead of running the handler. */
export type StatusFaultKind = 'http429' | 'http500' | 'http502' | 'http503'

/**
 * Faults that let the request be handled normally (so whatever it writes is committed) and only then
 * spoil the reply. For a create-order request that means the order exists although the client may never know.
 */
export const COMMITTING_FAULTS: ReadonlySet<FaultKind> = new Set<FaultKind>(['drop_after_commit', 'slow_after_commit', 'malformed_json'])

export function isStatusFault(kind: FaultKind): kind is StatusFaultKind {
  return kind === 'http429' || kind === 'http500' || kind === 'http502' || kind === 'http503'
}

export interface FaultSpec<A extends string> {
  action: A | '*'
  kind: FaultKind
  /** How many matching requests this fault spoils; default 1. */
  times?: number
}

interface QueuedFault<A extends string> {
  action: A | '*'
  kind: FaultKind
  remaining: number
}

interface RandomFault<A extends string> {
  action: A | '*'
  kind: FaultKind
  probability: number
}

/** Where a held request waits: before it is handled, or after it committed, with only its reply held back. */
export type HoldPhase = 'before' | 'after_commit'

export class FaultInjector<A extends string = string> {
  private queued: QueuedFault<A>[] = []
  private random: RandomFault<A>[] = []
  /** Actions on hold, with the requests waiting at the door (see hold()). */
  private holds = new Map<A, { phase: HoldPhase; waiting: Set<() => void>; watchers: Set<() => void> }>()

  constructor(private readonly rng: Rng) {}

  /**
   * Keep requests for `action` waiting until release(action): a test can then know an order is "being sent" (the
   * create is in flight) and act while it stays so, instead of racing a timer.
   * - 'before' (default): before the upstream looks at them. A held request whose client gives up meanwhile is
   *   dropped unhandled, as if it never arrived.
   * - 'after_commit': the upstream has done the work (the order exists) and only the reply waits. A client that
   *   gives up meanwhile has a lost reply, as with drop_after_commit — robust for tests that may run long.
   */
  hold(action: A, phase: HoldPhase = 'before'): void {
    if (!this.holds.has(action)) this.holds.set(action, { phase, waiting: new Set(), watchers: new Set() })
  }

  /** Let every held request for `action` through, and stop holding new ones. */
  release(action: A): void {
    const h = this.holds.get(action)
    this.holds.delete(action)
    h?.waiting.forEach((go) => go())
  }

  /** How many requests for `action` are held right now. */
  heldCount(action: A): number {
    return this.holds.get(action)?.waiting.size ?? 0
  }

  /** Resolves once at least `count` requests for `action` are held (the test's "it is being sent now"). */
  whenHeld(action: A, count = 1): Promise<void> {
    const h = this.holds.get(action)
    if (!h) return Promise.reject(new Error(`${action} is not on hold`))
    if (h.waiting.size >= count) return Promise.resolve()
    return new Promise((resolve) => {
      const check = (): void => {
        if (h.waiting.size >= count) (h.watchers.delete(check), resolve())
      }
      h.watchers.add(check)
    })
  }

  /**
   * The door every request passes (sim-server): resolves true at once when `action` is not held, else when it is
   * released; false if the client went away while held (the request must then not be handled).
   */
  gate(action: A, phase: HoldPhase, clientGone: (onGone: () => void) => void): Promise<boolean> {
    const h = this.holds.get(action)
    if (!h || h.phase !== phase) return Promise.resolve(true)
    return new Promise((resolve) => {
      const go = (): void => (h.waiting.delete(go), resolve(true))
      h.waiting.add(go)
      clientGone(() => {
        if (h.waiting.delete(go)) resolve(false)
      })
      h.watchers.forEach((w) => w())
    })
  }

  inject(spec: FaultSpec<A>): void {
    const times = spec.times ?? 1
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer, got ${times}`)
    if (!FAULT_KINDS.includes(spec.kind)) throw new RangeError(`unknown fault kind ${String(spec.kind)}`)
    this.queued.push({ action: spec.action, kind: spec.kind, remaining: times })
  }

  /** Every request for `action` suffers `kind` with this probability; probability 0 removes the rule. */
  setRandom(action: A | '*', kind: FaultKind, probability: number): void {
    if (!(probability >= 0 && probability <= 1)) throw new RangeError(`probability must be in [0, 1], got ${probability}`)
    this.random = this.random.filter((r) => !(r.action === action && r.kind === kind))
    if (probability > 0) this.random.push({ action, kind, probability })
  }

  clear(): void {
    this.queued = []
    this.random = []
  }

  /** Number of queued (not yet consumed) fault occurrences, for tests and diagnostics. */
  pendingCount(): number {
    return this.queued.reduce((n, q) => n + q.remaining, 0)
  }

  /** Picks (and consumes) the fault for one request of `action`, if any. */
  take(action: A): FaultKind | undefined {
    const index = this.queued.findIndex((q) => q.action === action || q.action === '*')
    const queued = this.queued[index]
    if (queued) {
      queued.remaining -= 1
      if (queued.remaining <= 0) this.queued.splice(index, 1)
      return queued.kind
    }
    for (const rule of this.random) {
      if ((rule.action === action || rule.action === '*') && this.rng.chance(rule.probability)) return rule.kind
    }
    return undefined
  }
}
