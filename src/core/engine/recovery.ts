// Deciding what became of a create whose reply was lost, at a supplier that takes no client reference
// (DigetalHube). Pure: the engine reads the evidence, this judges it.
//
// The proof rests on counts, not clocks. Just before each create we read the account's `total_orders` and
// `total_spent` (N0, S0). After a lost reply we read them again (N1, S1) and then the newest orders of the list,
// whose own `total` tells which entries came after N0: the newest (total − N0). Then:
//   - nothing new and spent not up: proven not placed, the order may be sent again;
//   - new orders, none of them shaped like ours (product, quantity, amount): proven not placed as well — every
//     order created since our reading is visible and none is ours;
//   - exactly one new order on the whole account, shaped like ours, not claimed by another of our orders, created
//     after our reading on the supplier's clock (where we know its list's time zone), and the account not known to
//     be shared: proven ours, adopted;
//   - anything else (two candidates, another client at work, times that disagree): a person decides, with every
//     candidate shown. Never adopted, never sent again.
// Clocks only corroborate: a candidate listed before our reading cannot be ours.
import Decimal from 'decimal.js'
import type { PreCreateReading, ReviewCandidate } from '../db/orders-repo'
import type { AccountTotals, OrderHistory, UpstreamOrder } from '../providers/types'

export interface RecoveryInput {
  order: { productId: string; variantId: string | null; quantity: number; unitPrice: string }
  pre: PreCreateReading
  post: AccountTotals
  history: OrderHistory
  /** Upstream ids this data folder's other orders already own. */
  claimed: ReadonlySet<string>
  /** my_orders `created_at` (read as UTC) − supplier clock, ms; null while unknown. */
  listOffsetMs: number | null
  /** Another client has placed orders on this account recently: one new order proves nothing. */
  shared: boolean
}

export type RecoveryVerdict =
  | { kind: 'adopt'; upstream: UpstreamOrder; foreign: UpstreamOrder[] }
  | { kind: 'not_placed'; foreign: UpstreamOrder[] }
  | { kind: 'wait'; why: string }
  | { kind: 'review'; reason: string; candidates: UpstreamOrder[]; foreign: UpstreamOrder[]; foreignCount: number }

/** Tolerance for the supplier's whole-second times. */
const SECOND_MS = 1_000

/** Same product and quantity: could be ours (an order at another price still might be: the price may have changed). */
function shapedLikeOurs(u: UpstreamOrder, order: RecoveryInput['order']): boolean {
  if (u.productId !== order.productId || u.quantity !== order.quantity) return false
  return order.variantId === null || u.variantId === null || u.variantId === order.variantId
}

/** The amount we expected (quantity × our price), where the list gives one. Required for adoption. */
function amountFits(u: UpstreamOrder, order: RecoveryInput['order']): boolean {
  return u.charged === null || new Decimal(u.charged.amount).equals(new Decimal(order.unitPrice).times(order.quantity))
}

/** The candidate's creation on the supplier's clock, where the list's zone is known. */
export function supplierTimeOf(u: UpstreamOrder, listOffsetMs: number | null): Date | null {
  if (!u.createdAt || listOffsetMs === null) return null
  return new Date(u.createdAt.getTime() - listOffsetMs)
}

export function judgeLostCreate(input: RecoveryInput): RecoveryVerdict {
  const { pre, post, history, order } = input
  const grew = post.totalOrders - pre.totalOrders
  if (grew < 0) {
    return { kind: 'review', reason: `The supplier's order count went down (${pre.totalOrders} → ${post.totalOrders}), so it cannot tell us whether this order was placed.`, candidates: [], foreign: [], foreignCount: 0 }
  }
  if (history.total === null) {
    return { kind: 'review', reason: "The supplier's order list does not say how many orders there are, so it cannot prove whether this order was placed.", candidates: [], foreign: [], foreignCount: 0 }
  }
  if (history.total < post.totalOrders) return { kind: 'wait', why: 'the order list has not caught up with the order count yet' }
  const newCount = history.total - pre.totalOrders
  if (newCount < 0) return { kind: 'wait', why: 'the order list is behind our earlier reading' }
  if (history.orders.length < newCount) return { kind: 'wait', why: 'the order list did not show every new order' }
  const fresh = history.orders.slice(0, newCount).filter((u) => !input.claimed.has(u.upstreamId))
  const shaped = fresh.filter((u) => shapedLikeOurs(u, order))

  if (newCount === 0) {
    if (new Decimal(post.totalSpent).greaterThan(new Decimal(pre.totalSpent))) {
      return { kind: 'review', reason: "The supplier's total spent went up although its order count did not; it cannot tell us whether this order was placed.", candidates: [], foreign: [], foreignCount: 0 }
    }
    return { kind: 'not_placed', foreign: [] }
  }
  if (shaped.length === 0) return { kind: 'not_placed', foreign: fresh }

  const preTime = pre.serverTime ? Date.parse(pre.serverTime) : null
  const tooEarly = (u: UpstreamOrder): boolean => {
    const t = supplierTimeOf(u, input.listOffsetMs)
    return t !== null && preTime !== null && t.getTime() < preTime - SECOND_MS
  }
  const candidate = shaped[0]!
  if (shaped.length === 1 && fresh.length === 1 && !input.shared && !tooEarly(candidate) && amountFits(candidate, order)) {
    return { kind: 'adopt', upstream: candidate, foreign: [] }
  }
  const others = fresh.filter((u) => !shaped.includes(u))
  const reason = input.shared
    ? `Another program or person also places orders on this supplier account, so ResellerDesk cannot prove which order is this one. The supplier has ${shaped.length === 1 ? 'one order' : `${shaped.length} orders`} that could be it; check them and tell us which, if any.`
    : shaped.length > 1 || fresh.length > 1
      ? `Since this order was sent, ${fresh.length} new orders appeared on the supplier account and ${shaped.length} could be this one. Check them and tell us which, if any.`
      : amountFits(candidate, order)
        ? 'The supplier has one order that could be this one, but its time does not fit. Check it and tell us whether it is this one.'
        : `The supplier has one order that could be this one, but for ${candidate.charged?.amount ?? '?'} instead of the expected amount. Check it and tell us whether it is this one.`
  // Orders not shaped like ours are someone else's for sure; of the candidates, all but (at most) one are too.
  return { kind: 'review', reason, candidates: shaped, foreign: others, foreignCount: others.length + Math.max(0, shaped.length - 1) }
}

/** Candidates as kept on the order and shown to people. */
export function toReviewCandidates(list: readonly UpstreamOrder[], listOffsetMs: number | null): ReviewCandidate[] {
  return list.map((u) => {
    const t = supplierTimeOf(u, listOffsetMs)
    return {
      upstreamId: u.upstreamId,
      // Converted to UTC where we know the list's zone; otherwise the list's own wall-clock time, marked as such.
      createdAt: t ? t.toISOString() : u.createdAt ? `${u.createdAt.toISOString().slice(0, 19).replace('T', ' ')} (supplier's local time)` : null,
      quantity: u.quantity,
      amount: u.charged ? u.charged.amount : null,
      status: u.upstreamStatus,
      productId: u.productId
    }
  })
}
