// The order engine: never buys twice, never loses a code.
//
// Every order is in the journal (state `planned`) before anything is sent. It becomes `submitting` in a committed
// transaction just before the create request, and `submitted` with the upstream id after. Whatever happens in
// between — a crash, a timeout, a garbled reply — the order stays `submitting` and is *reconciled*: looked up by
// our client reference where the upstream can find it (from the first try's time; not found within the grace
// period: review, never a re-send on absence), else — DigetalHube — judged by the account's order count and total
// spent read before the create and again after (engine/recovery.ts), within a deadline. Resemblance in a time window proves nothing and is never used:
// an order is sent again only when the upstream's own answers show the first try did not land, and when we cannot
// tell, the order becomes `needs_review` with the upstream's candidates, and a person decides. Codes are sealed
// and stored in the same transaction that completes the order; a final state that contradicts what we know is
// read a second time before it is believed.
//
// Work is done by one worker per account, one step at a time: reconcile, then submit (one create at a time, so
// the account's order count moves by one create at most), then poll. Every upstream call goes through the
// account's rate limiter.
import { randomUUID } from 'node:crypto'
import { isActiveState, type OrderState } from '../../shared/domain'
import type { OrderView } from '../../shared/contract'
import type { OrderRecord, PreCreateReading, ReviewCandidate } from '../db/orders-repo'
import type { Storage } from '../db/storage'
import { DbWatch } from '../db/db-watch'
import { AccountLeases, type LeaseOptions } from './order-leases'
import { LeaseLostError } from '../db/leases-repo'
import { DEFAULT_TIMEOUT_MS } from '../providers/http'
import type { CodeRecord } from '../db/codes-repo'
import { AppError, UpstreamError } from '../errors'
import type { EventBus } from '../events'
import { normalize } from '../money'
import type { ProviderAdapter, UpstreamOrder } from '../providers/types'
import type { OpenVault } from '../vault/types'
import { AccountEvidenceStore } from './account-evidence'
import { judgeLostCreate, LOOKAHEAD, supplierTimeOf, toReviewCandidates } from './recovery'

export interface EngineAccountRuntime {
  adapter: ProviderAdapter
  pollIntervalMs: number
  firstPollDelayMs: number
}

export interface EngineOptions {
  /** After an unanswered create, wait this long before looking the order up (lets the upstream commit). */
  reconcileDelayMs: number
  /**
   * The least time between sending a create and sending it again, even once the upstream's answers show it did not
   * land: a request held up on its way could still arrive. Absence alone never re-sends (see reconcile).
   */
  notFoundGraceMs: number
  /** Our clock and the upstream's may differ: widen the matching window by this much on each side. */
  clockSkewMs: number
  /** Create attempts (each verified not placed) before the order is failed. */
  maxAttempts: number
  /** Retry delay after a transient failure, doubled per attempt. */
  retryBaseMs: number
  /** The HTTP client's timeout for a create: a create we sent cannot have been created later than this after sending. */
  requestTimeoutMs: number
  /**
   * A lost create at a supplier without a reference (DigetalHube) is checked for at most this many grace periods
   * after it was first sent; then a person decides, with the candidates.
   */
  recoveryDeadlineGraces: number
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  reconcileDelayMs: 5_000,
  notFoundGraceMs: 60_000,
  clockSkewMs: 5 * 60_000,
  maxAttempts: 5,
  retryBaseMs: 2_000,
  requestTimeoutMs: DEFAULT_TIMEOUT_MS,
  recoveryDeadlineGraces: 3
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
  /** What we learned about each supplier account (clocks, time zone, order count, other clients). */
  readonly evidence: AccountEvidenceStore
  /** Which accounts this process may work on now (other processes may share the data folder). */
  readonly leases: AccountLeases
  /** Other processes' commits to the same database. */
  private readonly watch: DbWatch
  private offWatch: (() => void) | null = null
  /** Active orders as last seen, to tell the UI what other processes changed. */
  private seen = new Map<string, string>()
  /**
   * This process's own unfinished orders (placed here, or worked here). Kept by id, not by "last seen active": one
   * that another process takes through to the end between two looks is still told as settled (order.settled).
   */
  private readonly own = new Set<string>()

  constructor(private readonly deps: EngineDeps) {
    this.opts = { ...DEFAULT_ENGINE_OPTIONS, ...deps.options }
    this.evidence = new AccountEvidenceStore(deps.storage.settings)
    // A create the previous holder may still have in flight has ended (answered or timed out) after this long.
    this.leases = new AccountLeases(deps.storage.db, { now: deps.now, takeoverWaitMs: DEFAULT_TIMEOUT_MS + this.opts.reconcileDelayMs, ...deps.leaseOptions })
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

  /** Starts the engine unless it runs already (a command starts it when it first places or waits for orders). */
  ensureStarted(): void {
    if (!this.started) this.start()
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
    // Ours, brought to a final state by another process (even within one look): settled, as if we had done it.
    const settledElsewhere: OrderRecord[] = []
    for (const id of this.own) {
      if (now.has(id)) continue
      const o = orders.get(id)
      if (!o) continue
      if (!this.seen.has(id)) changed.push(o)
      if (!isActiveState(o.state)) settledElsewhere.push(o)
    }
    this.seen = now
    this.emitChanged(changed)
    for (const o of settledElsewhere) this.settled(o)
    // Wake only the accounts where something moved, or whose lease is free now (given back, or its holder gone).
    const wake = new Set(changed.map((o) => o.accountId))
    for (const id of new Set(active.map((o) => o.accountId))) if (!wake.has(id) && this.leases.isFree(id)) wake.add(id)
    for (const id of wake) this.wake(id)
  }

  /** Orders this process placed: it tells their settlement whoever works them (order-service, after planning). */
  track(orderIds: readonly string[]): void {
    for (const id of orderIds) this.own.add(id)
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
    // While a create is unaccounted for, planned orders wait for it (submitPlanned sends none): they do not set the
    // next wake, or a planned order already due would spin the worker.
    const blocked = active.some((o) => o.state === 'submitting')
    const backoff = this.preReadBackoff.get(accountId)?.until ?? 0
    let next = Infinity
    for (const o of active) {
      if (o.state === 'planned' && blocked) continue
      let at = o.nextActionAt ? Date.parse(o.nextActionAt) : now
      if (o.state === 'planned') at = Math.max(at, backoff)
      next = Math.min(next, at)
    }
    if (next === Infinity) return null
    return Math.max(0, next - now)
  }

  private due(o: OrderRecord): boolean {
    return !o.nextActionAt || Date.parse(o.nextActionAt) <= this.deps.now().getTime()
  }

  private emitChanged(orders: OrderRecord[]): void {
    // Ours once we move it; one we see final here is told (or not) by whoever moved it, not again later.
    for (const o of orders) {
      if (isActiveState(o.state)) this.own.add(o.id)
      else this.own.delete(o.id)
    }
    if (orders.length === 0) return
    this.deps.events.emit({ type: 'orders.changed', orders: orders.map((o) => this.deps.toView(o)) })
  }

  private settled(o: OrderRecord): void {
    this.own.delete(o.id)
    this.deps.events.emit({ type: 'order.settled', order: this.deps.toView(o) })
    this.deps.onSettled?.(o)
  }

  // --- submit ---------------------------------------------------------------------------------------------

  private async submitPlanned(accountId: string): Promise<void> {
    // After a failed totals reading, nothing is sent on the account until its backoff ends.
    if ((this.preReadBackoff.get(accountId)?.until ?? 0) > this.deps.now().getTime()) return
    for (const planned of this.deps.storage.orders.active(accountId)) {
      if (planned.state !== 'planned' || !this.due(planned)) continue
      if (this.workers.get(accountId)?.stopped) return
      // While any create on this account is unaccounted for, send no other: with at most one unknown order at a
      // time, the account's order count moves by our create alone (or shows that someone else is at work).
      if (this.deps.storage.orders.active(accountId).some((o) => o.state === 'submitting')) return
      if ((await this.submitOne(planned)) === 'stop') return
    }
  }

  /** Per account: consecutive failed totals readings before a create, and until when none is tried again. */
  private readonly preReadBackoff = new Map<string, { failures: number; until: number }>()

  /** 'stop': the account's totals could not be read; no other order on it is tried in this step. */
  private async submitOne(planned: OrderRecord): Promise<'stop' | void> {
    const { storage } = this.deps
    const now = this.deps.now()
    if (planned.attempts >= this.opts.maxAttempts) {
      // Only the supplier's own word brings a try back to `planned` (a refusal, or its totals showing the try did not
      // land), and the last such word is kept in errorMessage: it is what the person reads, no more is claimed.
      const failed = storage.orders.transition(
        planned.id,
        ['planned'],
        'failed',
        {
          errorCode: planned.errorCode ?? 'UPSTREAM_FAILED',
          errorMessage: `Gave up after ${planned.attempts} tries. ${planned.errorMessage ?? ''}`.trim(),
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
    const { adapter } = this.deps.runtime(planned.accountId)
    // [decision] At a supplier without a client reference, the account's totals are read before *every* create
    // (one extra request): a lost reply can only be recovered by comparing with a reading taken before it, and a
    // reading taken after the fact cannot be had. Nothing is sent without it.
    let preCreate: PreCreateReading | null = null
    if (recoversByTotals(adapter)) {
      try {
        preCreate = await this.readTotalsBeforeCreate(planned, adapter)
      } catch (e) {
        this.onPreReadFailed(planned, e)
        return 'stop'
      }
      this.preReadBackoff.delete(planned.accountId)
      if (this.workers.get(planned.accountId)?.stopped) return
    }
    // Committed before the request leaves: if we die from here on, recovery knows a create may be in flight. The
    // same transaction checks that no other create on the account is unaccounted for and that we still hold the
    // account's lease (we may have stalled and lost it).
    let submitting: OrderRecord | null
    try {
      submitting = storage.transaction(() => {
        if (storage.orders.active(planned.accountId).some((o) => o.state === 'submitting')) return null
        return storage.orders.transition(
          planned.id,
          ['planned'],
          'submitting',
          { submitStartedAt: iso(now), nextActionAt: later(now, this.opts.reconcileDelayMs), errorCode: null, errorMessage: null, preCreate },
          iso(now),
          undefined,
          this.leases.submitGuard(planned.accountId)
        )
      })
    } catch (e) {
      if (e instanceof LeaseLostError) return 'stop'
      throw e
    }
    if (!submitting) return 'stop'
    this.emitChanged([submitting])
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
    const receivedAt = this.deps.now()
    this.evidence.noteServerTime(planned.accountId, reply.serverTime, receivedAt)
    // Our create is in the count now; a later reading above this means someone else placed orders meanwhile.
    if (preCreate) this.evidence.setLastKnownTotalOrders(planned.accountId, preCreate.totalOrders + 1)
    if (reply.createdAt) storage.orders.touch(planned.id, { upstreamCreatedAt: reply.createdAt.toISOString() }, iso(receivedAt))
    this.applyUpstream(storage.orders.mustGet(planned.id), reply, 'created')
  }

  /**
   * The totals just before a create. When the count moved since our last create, the new orders are looked at: any
   * that no order of this data folder claims (or may yet claim) was placed by someone else on the same account.
   */
  private async readTotalsBeforeCreate(order: OrderRecord, adapter: ProviderAdapter): Promise<PreCreateReading> {
    const totals = await adapter.accountTotals!()
    this.evidence.noteServerTime(order.accountId, totals.serverTime, totals.receivedAt)
    const known = this.evidence.get(order.accountId).lastKnownTotalOrders
    if (known !== null && totals.totalOrders > known) {
      const newest = totals.totalOrders - known
      const history = await adapter.orderHistory!({ newest })
      const claimed = this.deps.storage.orders.claimedUpstreamIds(order.accountId)
      // Orders of this folder still waiting for their reply (another process's) may be among them.
      const unanswered = this.deps.storage.orders.active(order.accountId).filter((o) => o.state === 'submitting' && o.upstreamId === null).length
      const unclaimed = history.orders.slice(0, newest).filter((u) => !claimed.has(u.upstreamId))
      // The oldest unclaimed ones are counted as foreign; as many of the newest as we have unanswered creates may be ours.
      this.noteForeignOrders(order, unclaimed.slice(unanswered).map((u) => ({ key: u.upstreamId, count: 1 })))
    }
    this.evidence.setLastKnownTotalOrders(order.accountId, totals.totalOrders)
    return {
      totalOrders: totals.totalOrders,
      totalSpent: totals.totalSpent,
      serverTime: totals.serverTime ? totals.serverTime.toISOString() : null,
      localTime: totals.receivedAt.toISOString(),
      priorKnownTotal: known
    }
  }

  /** Orders on the account that this data folder did not place: remembered (the account is shared) and announced. */
  private noteForeignOrders(order: OrderRecord, entries: readonly { key: string; count: number }[]): void {
    const now = this.deps.now()
    // Each order is counted (and announced) once, however many passes see it.
    const count = this.evidence.noteForeign(order.accountId, entries, now)
    if (count <= 0) return
    const name = this.deps.storage.accounts.get(order.accountId)?.name ?? 'this supplier account'
    this.deps.events.emit({
      type: 'notice',
      level: 'warning',
      message:
        `${count === 1 ? 'An order' : `${count} orders`} on ${name} ${count === 1 ? 'was' : 'were'} not placed by ResellerDesk on this computer. ` +
        'Another program, person or data folder uses the same API key; an unanswered order on this account will now always wait for you to check it.',
      orderId: order.id
    })
    // The account now shows that its key is used elsewhere (AccountView.sharedKey).
    this.deps.events.emit({ type: 'accounts.changed' })
  }

  /** Reading the totals failed: nothing was sent, the try is not used up; wait and read again. */
  private onPreReadFailed(order: OrderRecord, e: unknown): void {
    const now = this.deps.now()
    const message = e instanceof Error ? e.message : String(e)
    if (e instanceof UpstreamError && !readRetryable(e)) {
      const failed = this.deps.storage.orders.transition(
        order.id,
        ['planned'],
        'failed',
        { errorCode: e.code, errorMessage: `Not sent: ${message}`, completedAt: iso(now), nextActionAt: null },
        iso(now),
        `not sent: totals unreadable (${e.code})`
      )
      this.emitChanged([failed])
      this.settled(failed)
      return
    }
    const prev = this.preReadBackoff.get(order.accountId)?.failures ?? 0
    const suggested = e instanceof UpstreamError ? (e.retryAfterMs ?? 0) : 0
    const wait = Math.min(Math.max(this.opts.retryBaseMs * 2 ** prev, suggested), Math.max(this.opts.notFoundGraceMs, this.opts.retryBaseMs))
    this.preReadBackoff.set(order.accountId, { failures: prev + 1, until: now.getTime() + wait })
    this.deps.storage.orders.touch(order.id, { nextActionAt: later(now, wait), errorMessage: `Waiting for the supplier to answer before sending (${message}).` }, iso(now))
    this.emitChanged([this.deps.storage.orders.mustGet(order.id)])
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
        // A 429 says "not now", not "no": it waits for the limiter and does not use up one of the order's tries.
        const rateLimited = code === 'RATE_LIMITED' || err.httpStatus === 429
        const delay = rateLimited
          ? Math.max(err.retryAfterMs ?? 0, this.opts.retryBaseMs)
          : Math.max(err.retryAfterMs ?? 0, this.opts.retryBaseMs * 2 ** Math.max(0, order.attempts - 1))
        const back = storage.orders.transition(
          order.id,
          ['submitting'],
          'planned',
          { nextActionAt: later(now, delay), errorCode: code, errorMessage: message, ...(rateLimited ? { attempts: Math.max(0, order.attempts - 1) } : {}) },
          iso(now),
          `not placed (${code}); retry`
        )
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
    // The supplier already has our reference: the order was placed by an earlier try. Kept in the journal, so the
    // order never goes back to `planned` and a lookup that misses sends it to review instead.
    if (code === 'DUPLICATE_REFERENCE') storage.orders.noteDuplicateReference(order.id, iso(now))
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
    const { adapter } = this.deps.runtime(order.accountId)
    try {
      if (adapter.capabilities.clientReference && adapter.findByClientRef) await this.reconcileByReference(order, adapter)
      else if (recoversByTotals(adapter)) await this.reconcileByTotals(order, adapter)
      else {
        this.toReview(
          order,
          `The supplier gave no clear answer and offers no way to look the order up. Look for reference ${order.clientRef} in your order history at the supplier, then tell us whether it was placed.`
        )
      }
    } catch (e) {
      if (e instanceof UpstreamError && readRetryable(e)) {
        // A garbled, 5xx or rate-limited read says nothing about the order: read again later, never decide on it.
        const now = this.deps.now()
        this.deps.storage.orders.touch(order.id, { nextActionAt: later(now, this.readBackoff(order, e)), errorMessage: `Checking whether the order was placed… (${e.message})` }, iso(now))
        this.emitChanged([this.deps.storage.orders.mustGet(order.id)])
        return
      }
      this.toReview(order, `Could not check whether the order was placed: ${e instanceof Error ? e.message : String(e)} Look for reference ${order.clientRef} at the supplier.`)
      return
    }
    this.readFailures.delete(order.id)
  }

  /**
   * Suppliers that take our reference (OneClickDz `ref`, Hyper `DeliverID`) and can look an order up by it. Found:
   * it is ours, whoever else uses the account. Looked for from the *first* try's time (a later try's time would move
   * the window past the order). Not found after the grace period: a person decides. Absence alone never re-sends:
   * a lookup can miss, and a second create is safe only if the supplier refuses a reference it has ever seen, which
   * neither documents for all time (see the README). Once the supplier has refused a create as a duplicate of our
   * reference, the order is known to exist there, and not finding it says the lookup is wrong, not the order.
   */
  private async reconcileByReference(order: OrderRecord, adapter: ProviderAdapter): Promise<void> {
    const { storage } = this.deps
    const now = this.deps.now()
    const first = storage.orders.firstSubmittedAt(order.id) ?? order.submitStartedAt ?? order.updatedAt
    const lastSentAt = order.submitStartedAt ? Date.parse(order.submitStartedAt) : Date.parse(order.updatedAt)
    const found = await adapter.findByClientRef!(order.clientRef, { since: new Date(Date.parse(first) - this.opts.clockSkewMs) })
    if (found) {
      if (found.clientRef !== null && found.clientRef !== order.clientRef) {
        this.toReview(order, `The supplier returned an order with another reference (${found.clientRef}) when asked for ${order.clientRef}. Check your order history at the supplier.`)
        return
      }
      await this.applyConfirmed(order, found, 'recovered')
      return
    }
    if (now.getTime() - lastSentAt < this.opts.notFoundGraceMs) {
      this.retryLater(order, Math.min(this.opts.reconcileDelayMs, this.opts.notFoundGraceMs), 'Checking whether the order was placed…')
      return
    }
    if (storage.orders.duplicateReferenceSeen(order.id)) {
      this.toReview(
        order,
        `The supplier refused a try as a duplicate of reference ${order.clientRef}, so it has this order, but looking it up by that reference finds nothing. It is a charge until shown otherwise: find reference ${order.clientRef} in your order history at the supplier and tell us its order id.`
      )
      return
    }
    this.toReview(
      order,
      `The supplier gave no clear answer and has no order with reference ${order.clientRef} yet. Nothing is sent again on that alone (a lookup can miss an order). Look for reference ${order.clientRef} in your order history at the supplier, then tell us whether it was placed.`
    )
  }

  /** DigetalHube: no reference, so the account's totals and order list decide (see engine/recovery.ts). */
  private async reconcileByTotals(order: OrderRecord, adapter: ProviderAdapter): Promise<void> {
    const { storage } = this.deps
    const now = this.deps.now()
    const claimed = storage.orders.claimedUpstreamIds(order.accountId)
    const ev = this.evidence.get(order.accountId)
    if (!order.preCreate) {
      // Sent before totals were read (an older version): nothing proves anything; a person looks at the candidates.
      const sentAt = order.submitStartedAt ? Date.parse(order.submitStartedAt) : Date.parse(order.updatedAt)
      const history = await adapter.orderHistory!({ newest: 100 })
      const candidates = history.orders.filter(
        (u) => !claimed.has(u.upstreamId) && u.productId === order.productId && u.quantity === order.quantity && (u.createdAt === null || Math.abs(u.createdAt.getTime() - sentAt) < 24 * 3600_000)
      )
      this.toReview(order, 'This order was sent without the checks that prove where it went. Check the candidates at the supplier and tell us which one it is, if any.', toReviewCandidates(candidates, ev.listOffsetMs))
      return
    }
    const sentAt = order.submitStartedAt ? Date.parse(order.submitStartedAt) : Date.parse(order.updatedAt)
    const firstSentAt = Date.parse(storage.orders.firstSubmittedAt(order.id) ?? order.submitStartedAt ?? order.updatedAt)
    const elapsed = now.getTime() - firstSentAt
    const deadlineMs = this.opts.recoveryDeadlineGraces * this.opts.notFoundGraceMs
    // Totals first, list second: a list read after the count can only be as new or newer.
    const post = await adapter.accountTotals!()
    this.evidence.noteServerTime(order.accountId, post.serverTime, post.receivedAt)
    const grew = post.totalOrders - order.preCreate.totalOrders
    if (grew > MAX_NEW_ORDERS_JUDGED) {
      // Pages are capped per pass: this many orders since our reading is a busy shared account anyway.
      this.noteForeignOrders(order, [{ key: `count:${order.id}`, count: grew - 1 }])
      this.toReview(order, `${grew} orders were placed on the supplier account since this one was sent, too many to tell which, if any, is this one. Look for it in your order history at the supplier.`)
      return
    }
    const history = await adapter.orderHistory!({ newest: Math.max(0, grew) + LOOKAHEAD })
    this.evidence.noteServerTime(order.accountId, history.serverTime, history.receivedAt)
    this.learnListOffset(order.accountId, history.orders)
    // The latest the supplier can have created our order: when we sent it, on its clock, + the HTTP timeout + 1 s.
    const offset = this.evidence.serverOffsetMs(order.accountId) ?? (order.preCreate.serverTime ? Date.parse(order.preCreate.serverTime) + 500 - Date.parse(order.preCreate.localTime) : null)
    const input = {
      order,
      pre: order.preCreate,
      post,
      history,
      claimed,
      listOffsetMs: this.evidence.get(order.accountId).listOffsetMs,
      shared: this.evidence.isShared(order.accountId, now),
      latestOwnTimeMs: offset === null ? null : sentAt + offset + this.opts.requestTimeoutMs + 1_000,
      listTotalMayBeRowCount: elapsed >= this.opts.notFoundGraceMs
    }
    let verdict = judgeLostCreate(input)
    if (verdict.kind === 'wait' && elapsed >= deadlineMs) {
      const candidates = history.orders.filter((u) => !claimed.has(u.upstreamId) && (u.productId === null || u.quantity === null || (u.productId === order.productId && u.quantity === order.quantity)))
      verdict = {
        kind: 'review',
        reason: `The supplier's figures did not settle (${verdict.why}) within ${Math.round(deadlineMs / 60_000) || '<1'} min of sending, so they cannot tell whether this order was placed. Check the candidates and tell us which, if any.`,
        candidates: candidates.slice(0, Math.max(1, grew) + LOOKAHEAD),
        foreign: [],
        foreignCount: 0
      }
    }
    // The balance endpoint's count only: a my_orders `total` that jumps past it must not raise what we expect next.
    if (verdict.kind !== 'wait') this.evidence.setLastKnownTotalOrders(order.accountId, post.totalOrders)
    switch (verdict.kind) {
      case 'wait': {
        // Backs off (doubling, capped at the grace period) and gives up at the deadline above.
        const n = (this.waits.get(order.id) ?? 0) + 1
        this.waits.set(order.id, n)
        const wait = Math.min(this.opts.reconcileDelayMs * 2 ** (n - 1), Math.max(this.opts.notFoundGraceMs, this.opts.reconcileDelayMs))
        this.retryLater(order, wait, `Checking whether the order was placed… (${verdict.why})`)
        return
      }
      case 'adopt': {
        this.waits.delete(order.id)
        const { upstream } = verdict
        if (upstream.createdAt && order.preCreate.serverTime && post.serverTime) {
          this.evidence.noteListOffsetBounds(order.accountId, upstream.createdAt, new Date(order.preCreate.serverTime), post.serverTime)
        }
        await this.applyConfirmed(order, upstream, 'recovered')
        return
      }
      case 'review': {
        this.waits.delete(order.id)
        const extra = verdict.foreignCount - verdict.foreign.length
        this.noteForeignOrders(order, [
          ...verdict.foreign.map((u) => ({ key: u.upstreamId, count: 1 })),
          ...(extra > 0 ? [{ key: `candidates:${verdict.candidates.map((u) => u.upstreamId).sort().join(',')}`, count: extra }] : [])
        ])
        this.toReview(order, verdict.reason, toReviewCandidates(verdict.candidates, this.evidence.get(order.accountId).listOffsetMs))
        return
      }
      case 'not_placed': {
        this.waits.delete(order.id)
        this.noteForeignOrders(order, verdict.foreign.map((u) => ({ key: u.upstreamId, count: 1 })))
        // Proven not placed by now; a request stuck on its way could still arrive, so the proof is taken again
        // after the grace period before anything is sent a second time.
        if (now.getTime() - sentAt < this.opts.notFoundGraceMs) {
          this.retryLater(order, Math.min(this.opts.reconcileDelayMs, this.opts.notFoundGraceMs), 'Checking whether the order was placed…')
          return
        }
        const spentNote = verdict.foreign.length === 0 ? 'so nothing was charged for it' : `and the ${verdict.foreign.length === 1 ? 'other order placed meanwhile accounts' : `${verdict.foreign.length} other orders placed meanwhile account`} for all the money spent, so nothing was charged for it`
        const back = storage.orders.transition(
          order.id,
          ['submitting'],
          'planned',
          {
            nextActionAt: iso(now),
            errorCode: null,
            errorMessage: `The supplier's order count (${post.totalOrders}) and total spent (${post.totalSpent}) show this try was not placed, ${spentNote}.`
          },
          iso(now),
          `verified not placed (order count ${order.preCreate.totalOrders} → ${post.totalOrders}); will send again`
        )
        this.emitChanged([back])
        return
      }
    }
  }

  /** Passes per order that found the supplier's figures not yet settled (in memory; the deadline is in the journal). */
  private readonly waits = new Map<string, number>()

  /** Our orders in a list whose creation time we know from their create replies teach us the list's time zone. */
  private learnListOffset(accountId: string, listed: readonly UpstreamOrder[]): void {
    for (const u of listed) {
      if (!u.createdAt) continue
      const ours = this.deps.storage.orders.findByUpstreamId(accountId, u.upstreamId)
      if (!ours?.upstreamCreatedAt) continue
      this.evidence.noteListOffset(accountId, u.createdAt.getTime() - Date.parse(ours.upstreamCreatedAt))
      return
    }
  }

  private retryLater(order: OrderRecord, ms: number, note: string): void {
    const now = this.deps.now()
    this.deps.storage.orders.touch(order.id, { nextActionAt: later(now, ms), errorMessage: note }, iso(now))
  }

  /** Consecutive failed reads per order (in memory: a restart simply starts the backoff again). */
  private readonly readFailures = new Map<string, number>()

  /**
   * Backoff for a failed read: doubling from retryBaseMs, or the supplier's suggestion, but never beyond the
   * not-found grace (60 s in real time): a 429's Retry-After already pauses the whole account in the rate limiter,
   * and a read is cheap compared with an order left waiting.
   */
  private readBackoff(order: OrderRecord, e: unknown): number {
    const n = (this.readFailures.get(order.id) ?? 0) + 1
    this.readFailures.set(order.id, n)
    const cap = Math.max(this.opts.notFoundGraceMs, this.opts.retryBaseMs)
    const suggested = e instanceof UpstreamError ? (e.retryAfterMs ?? 0) : 0
    return Math.min(Math.max(this.opts.retryBaseMs * 2 ** (n - 1), suggested), cap)
  }

  private toReview(order: OrderRecord, reason: string, candidates: ReviewCandidate[] | null = null): void {
    const now = this.deps.now()
    // The review reason is the current word on the order: an older "Checking whether…" note is cleared.
    const r = this.deps.storage.orders.transition(
      order.id,
      ['submitting', 'submitted', 'processing'],
      'needs_review',
      { reviewReason: reason, reviewCandidates: candidates, errorCode: null, errorMessage: null, nextActionAt: null },
      iso(now),
      reason
    )
    this.readFailures.delete(order.id)
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
      let list: UpstreamOrder[]
      try {
        list = await adapter.listOrders({ since: new Date(oldest - this.opts.clockSkewMs) })
      } catch (e) {
        this.onPollError(due, e)
        return
      }
      this.learnListOffset(accountId, list)
      for (const u of list) {
        const o = byUpstreamId.get(u.upstreamId)
        if (!o) continue
        remaining.delete(u.upstreamId)
        try {
          await this.applyConfirmed(this.deps.storage.orders.mustGet(o.id), u, 'polled')
        } catch (e) {
          this.onPollError([o], e)
        }
      }
    }
    for (const o of remaining.values()) {
      try {
        await this.applyConfirmed(o, await adapter.getOrder(o.upstreamId!), 'polled')
        this.readFailures.delete(o.id)
        this.notFoundOnce.delete(o.id)
      } catch (e) {
        this.onPollError([o], e)
      }
    }
  }

  /** Orders the supplier said once it does not have (see onPollError). */
  private readonly notFoundOnce = new Set<string>()

  private onPollError(orders: OrderRecord[], e: unknown): void {
    const now = this.deps.now()
    for (const o of orders) {
      if (e instanceof AppError && e.code === 'ORDER_NOT_FOUND') {
        // An order we hold an id for cannot simply vanish: believed only when a second read says it again.
        if (this.notFoundOnce.has(o.id)) {
          this.notFoundOnce.delete(o.id)
          this.toReview(o, `The supplier says order ${o.upstreamId} does not exist. Look for it (our reference ${o.clientRef}) in your order history at the supplier.`)
        } else {
          this.notFoundOnce.add(o.id)
          this.deps.storage.orders.touch(o.id, { nextActionAt: later(now, this.opts.retryBaseMs) }, iso(now))
        }
        continue
      }
      this.notFoundOnce.delete(o.id)
      const { pollIntervalMs } = this.deps.runtime(o.accountId)
      const wait = Math.max(pollIntervalMs, this.readBackoff(o, e))
      this.deps.storage.orders.touch(o.id, { nextActionAt: later(now, wait) }, iso(now))
    }
    this.deps.log?.(`polling failed: ${e instanceof Error ? e.message : String(e)}`)
  }

  // --- apply what the upstream says -------------------------------------------------------------------------

  /**
   * What a reply says that contradicts what we know — fewer codes than ordered, or a failure/cancel of an order we
   * were charged for — is not believed on one reply. Null when nothing contradicts.
   */
  private contradiction(order: OrderRecord, u: UpstreamOrder): string | null {
    if ((u.status === 'failed' || u.status === 'cancelled') && (order.charged !== null || u.charged !== null || this.deps.storage.codes.countForOrder(order.id) > 0)) {
      return `${u.status} after a charge`
    }
    if (u.status === 'partially_completed' || (u.status === 'completed' && u.codes.length < order.quantity)) return 'fewer codes than ordered'
    return null
  }

  /**
   * Apply a reply, but confirm a contradicting one with a second, separate read (order status) first. The second
   * read wins when it no longer contradicts; when it says the same, the first is believed; when the two disagree
   * in other ways, nothing is decided and the order is read again later.
   */
  private async applyConfirmed(order: OrderRecord, u: UpstreamOrder, how: 'recovered' | 'polled'): Promise<void> {
    const doubt = this.contradiction(order, u)
    if (!doubt) {
      this.applyUpstream(order, u, how)
      return
    }
    const second = await this.deps.runtime(order.accountId).adapter.getOrder(u.upstreamId)
    const fresh = this.deps.storage.orders.mustGet(order.id)
    if (!['submitting', 'submitted', 'processing'].includes(fresh.state)) return
    const same = second.status === u.status && second.codes.length === u.codes.length
    if (same || !this.contradiction(fresh, second)) {
      this.deps.log?.(`order ${order.id}: a reply said "${doubt}"; a second read ${same ? 'confirms it' : `says ${second.status}`}`)
      this.applyUpstream(fresh, second, how)
      return
    }
    const now = this.deps.now()
    this.deps.storage.orders.touch(order.id, { nextActionAt: later(now, this.opts.retryBaseMs) }, iso(now))
  }
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
        } else if (u.unsplitDelivery) {
          // Kept (never lose a delivery), but not turned into codes on a guess: a person looks first.
          to = 'needs_review'
          reviewReason = `The supplier's delivery could not be split into ${expected} codes by its rule, so it is kept whole as one item. Reveal it, check it with the supplier, and do not sell it as it is.`
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

  /** The supplier's view of one of its order ids, or a refusal a person understands (nothing changed). */
  private async lookUpForResolve(order: OrderRecord, upstreamId: string): Promise<UpstreamOrder> {
    const { adapter } = this.deps.runtime(order.accountId)
    try {
      return await adapter.getOrder(upstreamId)
    } catch (e) {
      if (e instanceof AppError && e.code === 'ORDER_NOT_FOUND') {
        throw new AppError('NOT_FOUND', `The supplier has no order “${upstreamId}” on this account. Nothing was changed; copy the id from the supplier's order history.`)
      }
      const why = e instanceof Error ? e.message : String(e)
      throw new AppError('UPSTREAM_UNAVAILABLE', `Could not check order “${upstreamId}” with the supplier, so nothing was changed (${why}). Try again in a moment.`)
    }
  }

  /**
   * A person says the order was placed at the supplier under `upstreamId`. Checked with the supplier first: it must
   * exist there, be for the same product and quantity (and carry our reference where the supplier keeps one), and
   * belong to no other order here. Anything we cannot confirm is refused and nothing changes. Polling takes it from
   * here.
   */
  async resolvePlaced(orderId: string, upstreamId: string, opts: { force?: boolean } = {}): Promise<OrderRecord> {
    const { storage } = this.deps
    const order = storage.orders.mustGet(orderId)
    if (order.state !== 'needs_review') throw new AppError('CONFLICT', 'Only an order that needs review can be resolved.')
    const other = storage.orders.findByUpstreamId(order.accountId, upstreamId)
    if (other && other.id !== orderId) throw new AppError('CONFLICT', `Supplier order “${upstreamId}” already belongs to another order here (${other.id.slice(0, 8)}). Nothing was changed.`)
    const u = await this.lookUpForResolve(order, upstreamId)
    const listed = order.reviewCandidates?.find((c) => c.upstreamId === upstreamId) ?? null
    const productId = u.productId ?? listed?.productId ?? null
    const quantity = u.quantity ?? listed?.quantity ?? null
    const refuse = (why: string): never => {
      throw new AppError('CONFLICT', `Supplier order “${upstreamId}” ${why}, so it cannot be this order. Nothing was changed.`)
    }
    if (productId === null || quantity === null) refuse('does not say which product and quantity it is for')
    if (productId !== order.productId) refuse(`is for product ${productId}, not ${order.productId}`)
    if (quantity !== order.quantity) refuse(`is for ${quantity}, not ${order.quantity}`)
    if (u.clientRef !== null && u.clientRef !== order.clientRef) refuse(`carries another reference (${u.clientRef}) than ours (${order.clientRef})`)
    // Where we offered candidates, an id outside them, or one the supplier created before our reading, is most likely
    // someone else's purchase: accepted only when the person explicitly overrides (CLI --force, the app's warning).
    if (!opts.force && u.clientRef !== order.clientRef) {
      const override = ' If you checked at the supplier that it is this order, confirm it explicitly (orders resolve … --force).'
      if (order.reviewCandidates !== null && !listed) {
        throw new AppError('CONFLICT', `Supplier order “${upstreamId}” is not one of the candidates for this order, so it may be someone else's. Nothing was changed.${override}`)
      }
      const listedAt = listed?.createdAt ? Date.parse(listed.createdAt) : Number.NaN
      const supplierTime = Number.isFinite(listedAt) ? listedAt : (supplierTimeOf(u, this.evidence.get(order.accountId).listOffsetMs)?.getTime() ?? null)
      const readAt = order.preCreate?.serverTime ? Date.parse(order.preCreate.serverTime) : null
      if (supplierTime !== null && readAt !== null && supplierTime < readAt - 1_000) {
        throw new AppError(
          'CONFLICT',
          `Supplier order “${upstreamId}” was created (${new Date(supplierTime).toISOString()}) before this order was sent (${new Date(readAt).toISOString()}), so it cannot be this one. Nothing was changed.${override}`
        )
      }
    }
    const now = this.deps.now()
    const rec = storage.orders.transition(
      orderId,
      ['needs_review'],
      'submitted',
      {
        upstreamId,
        upstreamStatus: u.upstreamStatus,
        charged: u.charged ? normalize(u.charged.amount) : order.charged,
        reviewReason: null,
        reviewCandidates: null,
        errorCode: null,
        errorMessage: null,
        nextActionAt: iso(now)
      },
      iso(now),
      `resolved by a person: placed (checked with the supplier${opts.force ? '; confirmed explicitly although not a candidate or older than the order' : ''})`
    )
    this.emitChanged([rec])
    this.wake(order.accountId)
    return rec
  }

  /**
   * What the supplier's figures say when a person closes a DigetalHube order as not placed: the judgement is taken
   * again on fresh totals. The candidates the person rejected are recorded as another client's orders (the account
   * is shared, and their charges are not ours). Never throws: the person's word stands either way; only the wording
   * says how far the figures confirm it.
   */
  private async figuresOnNotPlaced(order: OrderRecord): Promise<string> {
    const { adapter } = this.deps.runtime(order.accountId)
    const rejected = order.reviewCandidates ?? []
    const noteRejected = (): string => {
      if (rejected.length === 0) return ''
      this.noteForeignOrders(order, rejected.map((c) => ({ key: c.upstreamId, count: 1 })))
      return ` Supplier order${rejected.length === 1 ? '' : 's'} ${rejected.map((c) => c.upstreamId).join(', ')} ${rejected.length === 1 ? 'is' : 'are'} recorded as another client's (not charged to this order).`
    }
    if (!order.preCreate || !recoversByTotals(adapter)) return `The supplier's own figures cannot confirm it.${noteRejected()}`
    try {
      const post = await adapter.accountTotals!()
      const grew = post.totalOrders - order.preCreate.totalOrders
      const history = await adapter.orderHistory!({ newest: Math.min(Math.max(0, grew), MAX_NEW_ORDERS_JUDGED) + LOOKAHEAD })
      const verdict = judgeLostCreate({
        order,
        pre: order.preCreate,
        post,
        history,
        claimed: this.deps.storage.orders.claimedUpstreamIds(order.accountId),
        listOffsetMs: this.evidence.get(order.accountId).listOffsetMs,
        shared: true,
        latestOwnTimeMs: null,
        listTotalMayBeRowCount: true
      })
      if (verdict.kind === 'not_placed') {
        this.noteForeignOrders(order, verdict.foreign.map((u) => ({ key: u.upstreamId, count: 1 })))
        return `The supplier's order count (${order.preCreate.totalOrders} → ${post.totalOrders}) and total spent (${order.preCreate.totalSpent} → ${post.totalSpent}) confirm it: nothing was charged for this order.${noteRejected()}`
      }
      return `The supplier's figures (order count ${order.preCreate.totalOrders} → ${post.totalOrders}, total spent ${order.preCreate.totalSpent} → ${post.totalSpent}) do not settle it on their own.${noteRejected()}`
    } catch (e) {
      return `The supplier's figures could not be read just now (${e instanceof Error ? e.message : String(e)}).${noteRejected()}`
    }
  }

  /**
   * A person says the order was not placed. An order the supplier knows (it has an upstream id) stays a charge
   * until the supplier itself shows it failed, cancelled or refunded; then the supplier's figures are recorded.
   * Without an upstream id the person's word is all there is: recorded as theirs, and no claim about charges is made.
   *
   * Journal money (agreed with reconciliation): `charged` is what the supplier charged (null: it never had the
   * order), `refunded` what it gave back; spent = charged − refunded.
   */
  async resolveNotPlaced(orderId: string, statedBy: string): Promise<OrderRecord> {
    const { storage } = this.deps
    const order = storage.orders.mustGet(orderId)
    if (order.state !== 'needs_review') throw new AppError('CONFLICT', 'Only an order that needs review can be resolved.')
    const now = this.deps.now()
    let rec: OrderRecord
    if (order.upstreamId !== null) {
      const u = await this.lookUpForResolve(order, order.upstreamId)
      if ((u.status !== 'failed' && u.status !== 'cancelled') || !u.refunded) {
        throw new AppError(
          'CONFLICT',
          `The supplier has this order as “${order.upstreamId}” (${u.upstreamStatus}) and shows no refund, so it stays a charge. Nothing was changed; ask the supplier for a refund or resolve it as placed.`
        )
      }
      rec = storage.orders.transition(
        orderId,
        ['needs_review'],
        u.status,
        {
          upstreamStatus: u.upstreamStatus,
          charged: u.charged ? normalize(u.charged.amount) : order.charged,
          refunded: normalize(u.refunded.amount),
          reviewReason: null,
          errorCode: u.status === 'failed' ? 'UPSTREAM_FAILED' : 'CANCELLED',
          errorMessage: `The supplier shows this order ${u.status} and refunded ${u.refunded.amount} ${u.refunded.currency}.`,
          completedAt: iso(now),
          nextActionAt: null
        },
        iso(now),
        'resolved by a person: not delivered; the supplier shows the refund'
      )
    } else {
      const figures = await this.figuresOnNotPlaced(order)
      rec = storage.orders.transition(
        orderId,
        ['needs_review'],
        'cancelled',
        {
          reviewReason: null,
          charged: null,
          errorCode: 'NOT_PLACED',
          errorMessage: `Not placed at the supplier, as stated by ${statedBy} on ${iso(now).slice(0, 10)} after checking the supplier's order history. ${figures}`,
          completedAt: iso(now),
          nextActionAt: null
        },
        iso(now),
        `resolved by a person (${statedBy}): not placed`
      )
    }
    this.emitChanged([rec])
    return rec
  }
}

/** More new orders than this since our reading are not paged through: the order goes to review. */
const MAX_NEW_ORDERS_JUDGED = 100

/** A supplier without a client reference whose totals and order list can prove where a lost create went. */
function recoversByTotals(adapter: ProviderAdapter): boolean {
  return !adapter.capabilities.clientReference && typeof adapter.accountTotals === 'function' && typeof adapter.orderHistory === 'function'
}

/**
 * Whether a failed *read* (list, status, totals) is worth repeating: 429, 5xx, network trouble and garbled replies
 * say nothing about the order. Refusals (a rejected key, an unsupported lookup) do not pass by waiting.
 */
function readRetryable(e: UpstreamError): boolean {
  return e.retryable || ['MALFORMED_REPLY', 'UPSTREAM_UNAVAILABLE', 'TIMEOUT', 'NETWORK', 'RATE_LIMITED'].includes(e.code)
}
