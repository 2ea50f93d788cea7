// The order engine: never buys twice, never loses a code.
//
// Every order is in the journal (state `planned`) before anything is sent. It becomes `submitting` in a committed
// transaction just before the create request, and `submitted` with the upstream id after. Whatever happens in
// between — a crash, a timeout, a garbled reply — the order stays `submitting` and is *reconciled*: looked up by
// our client reference where the upstream takes one, else matched in the upstream's order list (product,
// quantity, time window). Only an order the upstream verifiably does not have is sent again; when we cannot tell,
// the order becomes `needs_review` and a person decides. Codes are sealed and stored in the same transaction that
// completes the order.
//
// Work is done by one worker per account, one step at a time: reconcile, then submit (one create at a time, so
// recovery by matching is unambiguous), then poll. Every upstream call goes through the account's rate limiter.
import { randomUUID } from 'node:crypto'
import type { OrderState } from '../../shared/domain'
import type { OrderView } from '../../shared/schemas'
import type { OrderRecord } from '../db/orders-repo'
import type { Storage } from '../db/storage'
import { DbWatch } from '../db/db-watch'
import { AccountLeases, type LeaseOptions } from './order-leases'
import type { CodeRecord } from '../db/codes-repo'
import { AppError, UpstreamError } from '../errors'
import type { EventBus } from '../events'
import { normalize } from '../money'
import type { ProviderAdapter, UpstreamOrder } from '../providers/types'
import type { OpenVault } from '../vault/types'

export interface EngineAccountRuntime {
  adapter: ProviderAdapter
  pollIntervalMs: number
  firstPollDelayMs: number
}

export interface EngineOptions {
  /** After an unanswered create, wait this long before looking the order up (lets the upstream commit). */
  reconcileDelayMs: number
  /** An order not found upstream this long after it was sent is taken as never placed, and sent again. */
  notFoundGraceMs: number
  /** Our clock and the upstream's may differ: widen the matching window by this much on each side. */
  clockSkewMs: number
  /** Create attempts (each verified not placed) before the order is failed. */
  maxAttempts: number
  /** Retry delay after a transient failure, doubled per attempt. */
  retryBaseMs: number
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  reconcileDelayMs: 5_000,
  notFoundGraceMs: 60_000,
  clockSkewMs: 5 * 60_000,
  maxAttempts: 5,
  retryBaseMs: 2_000
}

/** Engine timings for upstreams whose clock runs `scale` times faster (the simulators in demo mode and tests). */
export function scaledEngineOptions(scale: number): Partial<EngineOptions> {
  if (!(scale > 0)) return {}
  return {
    reconcileDelayMs: DEFAULT_ENGINE_OPTIONS.reconcileDelayMs / scale,
    notFoundGraceMs: DEFAULT_ENGINE_OPTIONS.notFoundGraceMs / scale,
    retryBaseMs: Math.max(20, DEFAULT_ENGINE_OPTIONS.retryBaseMs / scale)
  }
}

export interface EngineDeps {
  storage: Storage
  vault: OpenVault
  events: EventBus
  runtime(accountId: string): EngineAccountRuntime
  toView(order: OrderRecord): OrderView
  now(): Date
  /** Called after an order settles (refresh the balance, notify). */
  onSettled?(order: OrderRecord): void
  log?(message: string): void
  options?: Partial<EngineOptions>
  /** Tests: lease timing and liveness (see order-leases.ts). */
  leaseOptions?: LeaseOptions
}

const iso = (d: Date): string => d.toISOString()
const later = (now: Date, ms: number): string => new Date(now.getTime() + Math.max(0, ms)).toISOString()

class AccountWorker {
  private timer: ReturnType<typeof setTimeout> | null = null
  private running: Promise<void> | null = null
  private again = false
  stopped = false

  constructor(
    readonly accountId: string,
    private readonly step: () => Promise<number | null>
  ) {}

  /** Run a step now (or right after the current one). */
  wake(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.running = this.loop().finally(() => (this.running = null))
  }

  private async loop(): Promise<void> {
    let nextInMs: number | null = null
    do {
      this.again = false
      nextInMs = await this.step()
    } while (this.again && !this.stopped)
    if (!this.stopped && nextInMs !== null) {
      this.timer = setTimeout(() => ((this.timer = null), this.wake()), Math.max(0, Math.min(nextInMs, 2_147_000_000)))
    }
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.running
  }
}

export class OrderEngine {
  private readonly workers = new Map<string, AccountWorker>()
  private readonly opts: EngineOptions
  private started = false
  /** Which accounts this process may work on now (other processes may share the data folder). */
  readonly leases: AccountLeases
  /** Other processes' commits to the same database. */
  private readonly watch: DbWatch
  private offWatch: (() => void) | null = null
  /** Active orders as last seen, to tell the UI what other processes changed. */
  private seen = new Map<string, string>()

  constructor(private readonly deps: EngineDeps) {
    this.opts = { ...DEFAULT_ENGINE_OPTIONS, ...deps.options }
    this.leases = new AccountLeases(deps.storage.db, deps.leaseOptions)
    this.watch = new DbWatch(deps.storage.db)
  }

  /**
   * Resume every order the journal says is unfinished (after a restart or crash), and from now on also pick up
   * orders other processes write to the same folder. Calling it again only looks for work again.
   */
  start(): void {
    this.started = true
    this.offWatch ??= this.watch.on(() => this.onOtherProcessWrote())
    this.seen = new Map(this.deps.storage.orders.active().map((o) => [o.id, o.updatedAt]))
    const accounts = new Set(this.deps.storage.orders.active().map((o) => o.accountId))
    for (const id of accounts) this.wake(id)
  }

  async stop(): Promise<void> {
    this.started = false
    this.offWatch?.()
    this.offWatch = null
    await Promise.all([...this.workers.values()].map((w) => w.stop()))
    this.workers.clear()
    this.leases.releaseAll()
  }

  /**
   * Another process committed: new orders to work on (ours if their account is free), a lease given back, orders it
   * settled. Wake the workers (each checks its lease) and tell listeners which orders changed, so screens and
   * progress lines follow orders whoever works them.
   */
  private onOtherProcessWrote(): void {
    const { orders } = this.deps.storage
    const active = orders.active()
    const changed: OrderRecord[] = []
    const now = new Map(active.map((o) => [o.id, o.updatedAt]))
    for (const o of active) if (this.seen.get(o.id) !== o.updatedAt) changed.push(o)
    for (const id of this.seen.keys()) {
      if (now.has(id)) continue
      const o = orders.get(id)
      if (o) changed.push(o)
    }
    this.seen = now
    this.emitChanged(changed)
    for (const id of new Set(active.map((o) => o.accountId))) this.wake(id)
  }

  wake(accountId: string): void {
    if (!this.started) return
    let w = this.workers.get(accountId)
    if (!w) {
      w = new AccountWorker(accountId, () => this.step(accountId))
      this.workers.set(accountId, w)
    }
    w.wake()
  }

  /** Resolves when none of these orders is active any more (needs_review counts as settled: a person must act). */
  whenSettled(orderIds: readonly string[], timeoutMs = 10 * 60_000): Promise<OrderRecord[]> {
    const check = (): OrderRecord[] | null => {
      const orders = orderIds.map((id) => this.deps.storage.orders.mustGet(id))
      return orders.every((o) => !['planned', 'submitting', 'submitted', 'processing'].includes(o.state)) ? orders : null
    }
    const done = check()
    if (done) return Promise.resolve(done)
    return new Promise((resolve, reject) => {
      const finish = (): void => (clearTimeout(timer), offEvents(), offWatch())
      const timer = setTimeout(() => (finish(), reject(new AppError('TIMEOUT', 'The orders did not finish in time; they keep running in the background.'))), timeoutMs)
      const recheck = (): void => {
        const r = check()
        if (r) (finish(), resolve(r))
      }
      const offEvents = this.deps.events.on((e) => {
        if (e.type === 'orders.changed') recheck()
      })
      // Another process sharing the folder may be the one that settles them: its commits wake us too.
      const offWatch = this.watch.on(recheck)
    })
  }

  // ---------------------------------------------------------------------------------------------------------
  // One step of an account's worker. Returns ms until it wants to run again (null: nothing scheduled).

  private inFlight = new Set<string>()

  private async step(accountId: string): Promise<number | null> {
    // Only the process holding the account's lease works its orders (order-leases.ts); the others look again when
    // the lease is given back (DbWatch) or may have lapsed.
    try {
      if (!this.leases.hold(accountId)) return this.leases.recheckInMs(accountId)
    } catch (e) {
      this.deps.log?.(`could not take the lease of account ${accountId}: ${e instanceof Error ? e.message : String(e)}`)
      return this.opts.retryBaseMs
    }
    try {
      await this.reconcileSubmitting(accountId)
      // Between phases: if we stalled long enough for the lease to lapse, another process works the account now.
      if (!this.leases.stillHolds(accountId)) return 0
      await this.submitPlanned(accountId)
      if (!this.leases.stillHolds(accountId)) return 0
      await this.pollOpen(accountId)
    } catch (e) {
      this.deps.log?.(`engine step for account ${accountId} failed: ${e instanceof Error ? e.message : String(e)}`)
      return this.opts.retryBaseMs
    }
    const next = this.msUntilNextAction(accountId)
    // Nothing left to do here: give the account back at once, so another process's new orders do not wait.
    if (next === null) this.leases.release(accountId)
    return next
  }

  private msUntilNextAction(accountId: string): number | null {
    const active = this.deps.storage.orders.active(accountId)
    if (active.length === 0) return null
    const now = this.deps.now().getTime()
    let next = Infinity
    for (const o of active) {
      const at = o.nextActionAt ? Date.parse(o.nextActionAt) : now
      next = Math.min(next, at)
    }
    return Math.max(0, next - now)
  }

  private due(o: OrderRecord): boolean {
    return !o.nextActionAt || Date.parse(o.nextActionAt) <= this.deps.now().getTime()
  }

  private emitChanged(orders: OrderRecord[]): void {
    if (orders.length === 0) return
    this.deps.events.emit({ type: 'orders.changed', orders: orders.map((o) => this.deps.toView(o)) })
  }

  private settled(o: OrderRecord): void {
    this.deps.events.emit({ type: 'order.settled', order: this.deps.toView(o) })
    this.deps.onSettled?.(o)
  }

  // --- submit ---------------------------------------------------------------------------------------------

  private async submitPlanned(accountId: string): Promise<void> {
    for (const planned of this.deps.storage.orders.active(accountId)) {
      if (planned.state !== 'planned' || !this.due(planned)) continue
      if (this.workers.get(accountId)?.stopped) return
      // While any create on this account is unaccounted for, send no other: with at most one unknown order at a
      // time, matching it in the upstream's list can never confuse it with a sibling of the same product.
      if (this.deps.storage.orders.active(accountId).some((o) => o.state === 'submitting')) return
      await this.submitOne(planned)
    }
  }

  private async submitOne(planned: OrderRecord): Promise<void> {
    const { storage } = this.deps
    const now = this.deps.now()
    if (planned.attempts >= this.opts.maxAttempts) {
      const failed = storage.orders.transition(
        planned.id,
        ['planned'],
        'failed',
        {
          errorCode: planned.errorCode ?? 'UPSTREAM_FAILED',
          errorMessage: `Gave up after ${planned.attempts} tries; the supplier never accepted the order and nothing was charged. ${planned.errorMessage ?? ''}`.trim(),
          completedAt: iso(now),
          nextActionAt: null
        },
        iso(now),
        'too many attempts'
      )
      this.emitChanged([failed])
      this.settled(failed)
      return
    }
    // Committed before the request leaves: if we die from here on, recovery knows a create may be in flight.
    const submitting = storage.orders.transition(
      planned.id,
      ['planned'],
      'submitting',
      { submitStartedAt: iso(now), nextActionAt: later(now, this.opts.reconcileDelayMs), errorCode: null, errorMessage: null },
      iso(now)
    )
    this.emitChanged([submitting])
    const { adapter } = this.deps.runtime(planned.accountId)
    this.inFlight.add(planned.id)
    let reply: UpstreamOrder
    try {
      reply = await adapter.createOrder({
        productId: planned.productId,
        variantId: planned.variantId,
        quantity: planned.quantity,
        clientRef: planned.clientRef,
        fields: planned.fields
      })
    } catch (e) {
      this.inFlight.delete(planned.id)
      this.onCreateFailed(submitting, e)
      return
    }
    this.inFlight.delete(planned.id)
    this.applyUpstream(submitting, reply, 'created')
  }

  private onCreateFailed(order: OrderRecord, e: unknown): void {
    const { storage } = this.deps
    const now = this.deps.now()
    // An AppError that is not an UpstreamError comes from our side before any request (unsupported, wrong kind of
    // credentials): nothing was sent. Anything else thrown (a bug while reading a reply) may follow a placed order.
    const err = e instanceof UpstreamError ? e : e instanceof AppError ? new UpstreamError(e.code, e.message, { placement: 'not_placed' }) : null
    const code = e instanceof AppError ? e.code : 'INTERNAL'
    const message = e instanceof Error ? e.message : 'Unknown error'
    if (err && err.placement === 'not_placed') {
      if (err.retryable) {
        const delay = Math.max(err.retryAfterMs ?? 0, this.opts.retryBaseMs * 2 ** Math.max(0, order.attempts - 1))
        const back = storage.orders.transition(order.id, ['submitting'], 'planned', { nextActionAt: later(now, delay), errorCode: code, errorMessage: message }, iso(now), `not placed (${code}); retry`)
        this.emitChanged([back])
      } else {
        const failed = storage.orders.transition(
          order.id,
          ['submitting'],
          'failed',
          { errorCode: code, errorMessage: message, completedAt: iso(now), nextActionAt: null },
          iso(now),
          `refused (${code})`
        )
        this.emitChanged([failed])
        this.settled(failed)
      }
      return
    }
    // We cannot know whether the upstream placed it: keep `submitting` and reconcile after a short wait.
    storage.orders.touch(
      order.id,
      { errorCode: code, errorMessage: `No clear answer from the supplier (${message}). Checking whether the order was placed…`, nextActionAt: later(now, this.opts.reconcileDelayMs) },
      iso(now)
    )
    this.emitChanged([storage.orders.mustGet(order.id)])
  }

  // --- reconcile --------------------------------------------------------------------------------------------

  private async reconcileSubmitting(accountId: string): Promise<void> {
    const pending = this.deps.storage.orders.active(accountId).filter((o) => o.state === 'submitting' && !this.inFlight.has(o.id) && this.due(o))
    for (const o of pending) await this.reconcileOne(o)
  }

  private async reconcileOne(order: OrderRecord): Promise<void> {
    const { storage } = this.deps
    const { adapter } = this.deps.runtime(order.accountId)
    const now = this.deps.now()
    const sentAt = order.submitStartedAt ? Date.parse(order.submitStartedAt) : Date.parse(order.updatedAt)
    const since = new Date(sentAt - this.opts.clockSkewMs)
    const waitedEnough = now.getTime() - sentAt >= this.opts.notFoundGraceMs
    const retryLater = (ms: number, note: string): void => {
      storage.orders.touch(order.id, { nextActionAt: later(now, ms), errorMessage: note }, iso(now))
    }

    let found: UpstreamOrder | null = null
    try {
      if (adapter.capabilities.clientReference && adapter.findByClientRef) {
        found = await adapter.findByClientRef(order.clientRef, { since })
      } else if (adapter.capabilities.listOrders && adapter.listOrders) {
        const claimed = storage.orders.claimedUpstreamIds(order.accountId)
        const lo = sentAt - this.opts.clockSkewMs
        const hi = now.getTime() + this.opts.clockSkewMs
        const candidates = (await adapter.listOrders({ since })).filter(
          (u) =>
            !claimed.has(u.upstreamId) &&
            u.productId === order.productId &&
            (order.variantId === null || u.variantId === null || u.variantId === order.variantId) &&
            u.quantity === order.quantity &&
            (u.createdAt === null || (u.createdAt.getTime() >= lo && u.createdAt.getTime() <= hi))
        )
        if (candidates.length > 1) {
          this.toReview(order, `The supplier has ${candidates.length} orders that could be this one (same product, quantity and time). Check them and tell us which one it is.`)
          return
        }
        found = candidates[0] ?? null
      } else {
        this.toReview(order, 'The supplier gave no clear answer and offers no way to look the order up. Check your order history at the supplier.')
        return
      }
    } catch (e) {
      if (e instanceof UpstreamError && e.retryable) {
        retryLater(Math.max(e.retryAfterMs ?? 0, this.opts.retryBaseMs), `Checking whether the order was placed… (${e.message})`)
        return
      }
      this.toReview(order, `Could not check whether the order was placed: ${e instanceof Error ? e.message : String(e)}`)
      return
    }

    if (found) {
      this.applyUpstream(order, found, 'recovered')
      return
    }
    if (!waitedEnough) {
      retryLater(Math.min(this.opts.reconcileDelayMs, this.opts.notFoundGraceMs), 'Checking whether the order was placed…')
      return
    }
    // Verified: the upstream has no such order. Sending it again cannot buy twice.
    const back = storage.orders.transition(order.id, ['submitting'], 'planned', { nextActionAt: iso(now), errorCode: null, errorMessage: null }, iso(now), 'verified not placed; will send again')
    this.emitChanged([back])
  }

  private toReview(order: OrderRecord, reason: string): void {
    const now = this.deps.now()
    const r = this.deps.storage.orders.transition(order.id, ['submitting', 'submitted', 'processing'], 'needs_review', { reviewReason: reason, nextActionAt: null }, iso(now), reason)
    this.emitChanged([r])
    this.settled(r)
  }

  // --- poll ------------------------------------------------------------------------------------------------

  private async pollOpen(accountId: string): Promise<void> {
    const open = this.deps.storage.orders.active(accountId).filter((o) => o.state === 'submitted' || o.state === 'processing')
    const due = open.filter((o) => this.due(o))
    if (due.length === 0) return
    const { adapter } = this.deps.runtime(accountId)
    const remaining = new Map(due.map((o) => [o.upstreamId!, o]))
    if (open.length >= 2 && adapter.capabilities.listOrders && adapter.listOrders) {
      // One call for all open orders instead of one each (DESIGN.md §4); orders not yet due are refreshed too,
      // which also brings their poll times into step, so the next round is again one call.
      const byUpstreamId = new Map(open.map((o) => [o.upstreamId!, o]))
      const oldest = Math.min(...open.map((o) => Date.parse(o.submitStartedAt ?? o.createdAt)))
      try {
        const list = await adapter.listOrders({ since: new Date(oldest - this.opts.clockSkewMs) })
        for (const u of list) {
          const o = byUpstreamId.get(u.upstreamId)
          if (!o) continue
          remaining.delete(u.upstreamId)
          this.applyUpstream(this.deps.storage.orders.mustGet(o.id), u, 'polled')
        }
      } catch (e) {
        this.onPollError(due, e)
        return
      }
    }
    for (const o of remaining.values()) {
      try {
        this.applyUpstream(o, await adapter.getOrder(o.upstreamId!), 'polled')
      } catch (e) {
        this.onPollError([o], e)
      }
    }
  }

  private onPollError(orders: OrderRecord[], e: unknown): void {
    const now = this.deps.now()
    for (const o of orders) {
      if (e instanceof AppError && e.code === 'ORDER_NOT_FOUND') {
        this.toReview(o, `The supplier says order ${o.upstreamId} does not exist. Check your order history at the supplier.`)
        continue
      }
      const { pollIntervalMs } = this.deps.runtime(o.accountId)
      const wait = Math.max(pollIntervalMs, e instanceof UpstreamError ? (e.retryAfterMs ?? 0) : 0, this.opts.retryBaseMs)
      this.deps.storage.orders.touch(o.id, { nextActionAt: later(now, wait) }, iso(now))
    }
    this.deps.log?.(`polling failed: ${e instanceof Error ? e.message : String(e)}`)
  }

  // --- apply what the upstream says -------------------------------------------------------------------------

  /** Bring our journal in line with the upstream's view of one order. */
  private applyUpstream(order: OrderRecord, u: UpstreamOrder, how: 'created' | 'recovered' | 'polled'): void {
    const { storage } = this.deps
    const now = this.deps.now()
    const rt = this.deps.runtime(order.accountId)
    const common = {
      upstreamId: u.upstreamId,
      upstreamStatus: u.upstreamStatus,
      step: u.step,
      charged: u.charged ? normalize(u.charged.amount) : order.charged
    }
    const from: OrderState[] = ['submitting', 'submitted', 'processing']

    if (u.status === 'pending' || u.status === 'processing') {
      const nextActionAt = later(now, how === 'polled' ? rt.pollIntervalMs : Math.max(rt.firstPollDelayMs, 0))
      let rec: OrderRecord
      if (order.state === 'submitting') {
        rec = storage.orders.transition(order.id, ['submitting'], how === 'created' ? 'submitted' : 'processing', { ...common, nextActionAt, errorCode: null, errorMessage: null }, iso(now), how)
      } else if (order.state === 'submitted' && u.status === 'processing') {
        rec = storage.orders.transition(order.id, ['submitted'], 'processing', { ...common, nextActionAt }, iso(now))
      } else {
        storage.orders.touch(order.id, { ...common, nextActionAt }, iso(now))
        rec = storage.orders.mustGet(order.id)
      }
      this.emitChanged([rec])
      return
    }

    if (u.status === 'completed' || u.status === 'partially_completed') {
      const rec = storage.transaction(() => {
        const stored = this.storeCodes(order, u.codes, now)
        const expected = order.quantity
        let to: OrderState = u.status === 'completed' ? 'completed' : 'partially_completed'
        let reviewReason: string | null = null
        if (stored === 0) {
          to = 'needs_review'
          reviewReason = 'The supplier reports the order complete but sent no codes. Check the order at the supplier.'
        } else if (u.status === 'completed' && stored < expected) {
          to = 'partially_completed'
          reviewReason = `The supplier sent ${stored} of ${expected} codes. Ask the supplier about the rest.`
        } else if (stored > expected) {
          reviewReason = `The supplier sent ${stored} codes for an order of ${expected}; all were kept.`
        }
        return storage.orders.transition(
          order.id,
          from,
          to,
          {
            ...common,
            fulfilledQuantity: u.fulfilledQuantity ?? stored,
            refunded: u.refunded ? normalize(u.refunded.amount) : null,
            reviewReason,
            completedAt: iso(now),
            nextActionAt: null,
            errorCode: null,
            errorMessage: null
          },
          iso(now),
          `${how}: ${stored} codes stored`
        )
      })
      this.emitChanged([rec])
      this.settled(rec)
      return
    }

    // failed or cancelled at the upstream (refunded where it says so)
    const to: OrderState = u.status === 'cancelled' ? 'cancelled' : 'failed'
    const rec = storage.orders.transition(
      order.id,
      from,
      to,
      {
        ...common,
        refunded: u.refunded ? normalize(u.refunded.amount) : null,
        errorCode: to === 'failed' ? 'UPSTREAM_FAILED' : null,
        errorMessage: u.message ?? (to === 'failed' ? 'The supplier could not deliver this order.' : 'The order was cancelled.'),
        completedAt: iso(now),
        nextActionAt: null
      },
      iso(now),
      how
    )
    this.emitChanged([rec])
    this.settled(rec)
  }

  /**
   * Seal and insert delivered codes (inside the completing transaction). Idempotent per order: codes already
   * stored for the order are not stored again. A code seen before (same keyed fingerprint) is kept and flagged.
   */
  private storeCodes(order: OrderRecord, codes: readonly string[], now: Date): number {
    const { storage, vault } = this.deps
    const already = storage.codes.countForOrder(order.id)
    if (already > 0) return already
    const rows: CodeRecord[] = []
    codes.forEach((code, seq) => {
      const id = randomUUID()
      const fingerprint = vault.fingerprint(code)
      const dup = storage.codes.findByFingerprint(fingerprint) ?? rows.find((r) => r.fingerprint.equals(fingerprint)) ?? null
      rows.push({
        id,
        orderId: order.id,
        seq,
        accountId: order.accountId,
        productId: order.productId,
        sealed: vault.seal(code, `code:${id}`),
        fingerprint,
        duplicateOf: dup ? dup.id : null,
        state: 'in_stock',
        voidReason: null,
        createdAt: iso(now),
        exportedAt: null,
        soldAt: null
      })
      if (dup) {
        this.deps.events.emit({
          type: 'notice',
          level: 'warning',
          message: 'A delivered code is identical to one you already had. Both are kept and marked; check with the supplier before selling it.',
          orderId: order.id
        })
      }
    })
    storage.codes.insertMany(rows)
    return rows.length
  }

  // --- people's decisions -------------------------------------------------------------------------------------

  /**
   * Cancel an order before delivery. Not yet sent: cancelled here and never sent (the guarded transition loses to a
   * worker that has just started sending it, and then says so). At the upstream: only where it allows, and our
   * journal follows whatever the upstream answers (it may already have delivered).
   */
  async cancel(orderId: string, reason: string | null): Promise<OrderRecord> {
    const { storage } = this.deps
    const order = storage.orders.mustGet(orderId)
    const now = this.deps.now()
    if (order.state === 'planned') {
      try {
        const rec = storage.orders.transition(
          orderId,
          ['planned'],
          'cancelled',
          { errorCode: 'CANCELLED', errorMessage: 'Cancelled before it was sent. Nothing was charged.', completedAt: iso(now), nextActionAt: null },
          iso(now),
          `cancelled before sending${reason ? `: ${reason}` : ''}`
        )
        this.emitChanged([rec])
        this.settled(rec)
        return rec
      } catch (e) {
        if (e instanceof AppError && e.code === 'CONFLICT') throw new AppError('CONFLICT', 'The order is being sent right now; try again in a moment.')
        throw e
      }
    }
    if (order.state !== 'submitted' && order.state !== 'processing') {
      throw new AppError('NOT_CANCELLABLE', `A ${order.state.replace('_', ' ')} order cannot be cancelled.`)
    }
    const { adapter } = this.deps.runtime(order.accountId)
    if (!adapter.capabilities.cancel || !adapter.cancelOrder) {
      throw new AppError('NOT_CANCELLABLE', 'This supplier does not allow cancelling orders.')
    }
    const u = await adapter.cancelOrder(order.upstreamId!, reason)
    const fresh = storage.orders.mustGet(orderId)
    if (fresh.state === 'submitted' || fresh.state === 'processing') this.applyUpstream(fresh, u, 'polled')
    return storage.orders.mustGet(orderId)
  }

  /** A person checked the upstream: the order was placed there under `upstreamId`. Polling takes it from here. */
  resolvePlaced(orderId: string, upstreamId: string): OrderRecord {
    const { storage } = this.deps
    const now = this.deps.now()
    const order = storage.orders.mustGet(orderId)
    const other = storage.orders.findByUpstreamId(order.accountId, upstreamId)
    if (other && other.id !== orderId) throw new AppError('CONFLICT', `Upstream order ${upstreamId} already belongs to another order here.`)
    const rec = storage.orders.transition(orderId, ['needs_review'], 'submitted', { upstreamId, reviewReason: null, nextActionAt: iso(now) }, iso(now), 'resolved by a person: placed')
    this.emitChanged([rec])
    this.wake(order.accountId)
    return rec
  }

  /** A person checked the upstream: nothing was placed, nothing was charged. */
  resolveNotPlaced(orderId: string): OrderRecord {
    const now = this.deps.now()
    const rec = this.deps.storage.orders.transition(
      orderId,
      ['needs_review'],
      'cancelled',
      { reviewReason: null, errorCode: 'NOT_PLACED', errorMessage: 'Not placed at the supplier (confirmed by a person). Nothing was charged.', completedAt: iso(now), nextActionAt: null },
      iso(now),
      'resolved by a person: not placed'
    )
    this.emitChanged([rec])
    return rec
  }
}
