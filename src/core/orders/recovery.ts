// Deciding what became of a create whose reply was lost, at a supplier that takes no client reference
// (DigetalHube). Pure: the engine reads the evidence, this judges it.
//
// The proof rests on counts and money, with clocks as a bound. Just before each create we read the account's
// `total_orders` and `total_spent` (N0, S0), and remember the count known after our previous create. After a lost
// reply we read them again (N1, S1) and then the newest N1 − N0 orders of the list, plus a few beyond. Then:
//   - an order of ours among the new ones, or a new one that does not say its product or quantity: a person decides;
//   - nothing shaped like ours among the new ones, nothing shaped like ours just past them created after our reading
//     (whole-second times can order back-to-back creates either way), and S1 − S0 equal to what the new orders cost
//     (less refunds they show): proven not placed, the order may be sent again;
//   - exactly one new order, shaped like ours, at our price, the account not known to be shared, and all three of:
//     its supplier time ≤ our send time (moved to the supplier's clock by the measured offset) + HTTP timeout + 1 s;
//     N0 equal to the count known after our previous create (no unexplained orders since); S1 − S0 = its amount:
//     adopted. A first create on an account has no previous count, so its lost reply always goes to a person;
//   - anything else: a person decides, with every candidate shown. Never adopted, never sent again.
// Limit: another client's identical order placed while ours was lost, on a key not yet seen shared, passes all three
// conditions and cannot be told apart from ours (see README).
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
  /**
   * The latest supplier time at which our create can have been created: the moment we sent it (our clock moved to
   * the supplier's by the measured offset) + the HTTP timeout + 1 s. Null while unknown: nothing is adopted then.
   */
  latestOwnTimeMs: number | null
  /**
   * my_orders' `total` may be the account's count or only the page's row count (seed 000 shows neither for sure).
   * While false, a total below the balance's count means the list is behind, and the judge waits; once true (after a
   * while of waiting), such a total is taken for a row count and the balance's count is used instead.
   */
  listTotalMayBeRowCount: boolean
}

export type RecoveryVerdict =
  | { kind: 'adopt'; upstream: UpstreamOrder; foreign: UpstreamOrder[] }
  | { kind: 'not_placed'; foreign: UpstreamOrder[] }
  | { kind: 'wait'; why: string }
  | { kind: 'review'; reason: string; candidates: UpstreamOrder[]; foreign: UpstreamOrder[]; foreignCount: number }

/** Tolerance for the supplier's whole-second times. */
const SECOND_MS = 1_000
/** How many list entries past the new ones are looked at: whole-second times can order back-to-back creates either way. */
export const LOOKAHEAD = 5

/** Same product and quantity: could be ours (an order at another price still might be: the price may have changed). */
function shapedLikeOurs(u: UpstreamOrder, order: RecoveryInput['order']): boolean {
  if (u.productId !== order.productId || u.quantity !== order.quantity) return false
  return order.variantId === null || u.variantId === null || u.variantId === order.variantId
}

/** A listed order that does not say its product or quantity: it cannot be told apart from ours. */
const shapeUnknown = (u: UpstreamOrder): boolean => u.productId === null || u.quantity === null

/** The amount we expected (quantity × our price), where the list gives one. Required for adoption. */
function amountFits(u: UpstreamOrder, order: RecoveryInput['order']): boolean {
  return u.charged !== null && new Decimal(u.charged.amount).equals(new Decimal(order.unitPrice).times(order.quantity))
}

/** The candidate's creation on the supplier's clock, where the list's zone is known. */
export function supplierTimeOf(u: UpstreamOrder, listOffsetMs: number | null): Date | null {
  if (!u.createdAt || listOffsetMs === null) return null
  return new Date(u.createdAt.getTime() - listOffsetMs)
}

/**
 * Whether the account's total spent moved by exactly what the new orders cost: each new order's charge, less any
 * refund it shows (a refund may or may not be in total_spent yet, so either reading is accepted).
 */
function spentExplained(pre: PreCreateReading, post: AccountTotals, fresh: readonly UpstreamOrder[]): boolean {
  if (fresh.some((u) => u.charged === null)) return false
  const delta = new Decimal(post.totalSpent).minus(new Decimal(pre.totalSpent))
  const gross = fresh.reduce((s, u) => s.plus(new Decimal(u.charged!.amount)), new Decimal(0))
  const refunds = fresh.reduce((s, u) => s.plus(new Decimal(u.refunded?.amount ?? 0)), new Decimal(0))
  return delta.equals(gross) || delta.equals(gross.minus(refunds))
}

const review = (reason: string, candidates: UpstreamOrder[] = [], foreign: UpstreamOrder[] = [], foreignCount = foreign.length): RecoveryVerdict => ({
  kind: 'review',
  reason,
  candidates,
  foreign,
  foreignCount
})

export function judgeLostCreate(input: RecoveryInput): RecoveryVerdict {
  const { pre, post, history, order } = input
  const grew = post.totalOrders - pre.totalOrders
  if (grew < 0) {
    return review(`The supplier's order count went down (${pre.totalOrders} → ${post.totalOrders}), so it cannot tell us whether this order was placed.`)
  }
  // The balance's total_orders is the documented count; the list's `total` only corroborates it (see listTotalMayBeRowCount).
  if (history.total !== null && history.total > post.totalOrders) return { kind: 'wait', why: 'orders were added while the supplier was being read' }
  if (history.total !== null && history.total < post.totalOrders && !input.listTotalMayBeRowCount) {
    return { kind: 'wait', why: 'the order list has not caught up with the order count yet' }
  }
  const newCount = grew
  const listEnded = history.total !== null && history.orders.length >= history.total && history.total >= post.totalOrders
  if (history.orders.length < newCount && !listEnded) return { kind: 'wait', why: 'the order list did not show every new order' }
  const window = history.orders.slice(0, newCount)
  const beyond = history.orders.slice(newCount, newCount + LOOKAHEAD)
  const preTime = pre.serverTime ? Date.parse(pre.serverTime) : null
  const timeOf = (u: UpstreamOrder): number | null => supplierTimeOf(u, input.listOffsetMs)?.getTime() ?? null

  // One create at a time per account: none of our other orders can have been created after our reading.
  const claimedInside = window.filter((u) => input.claimed.has(u.upstreamId))
  const fresh = window.filter((u) => !input.claimed.has(u.upstreamId))
  const unknownShape = fresh.filter(shapeUnknown)
  const shaped = fresh.filter((u) => !shapeUnknown(u) && shapedLikeOurs(u, order))
  const others = fresh.filter((u) => !shapeUnknown(u) && !shapedLikeOurs(u, order))
  if (claimedInside.length > 0) {
    return review(
      `The supplier lists ${claimedInside.length === 1 ? 'an order of ours' : 'orders of ours'} (${claimedInside.map((u) => u.upstreamId).join(', ')}) among those created after this one was sent, which cannot happen; its order list cannot be relied on to say whether this order was placed. Check the candidates and tell us which, if any.`,
      [...shaped, ...unknownShape, ...beyond.filter((u) => !input.claimed.has(u.upstreamId) && (shapeUnknown(u) || shapedLikeOurs(u, order)))],
      others
    )
  }
  if (unknownShape.length > 0) {
    return review(
      `The supplier lists ${unknownShape.length === 1 ? 'a new order' : `${unknownShape.length} new orders`} without saying its product or quantity, so it cannot prove whether this order was placed. Check the candidates and tell us which, if any.`,
      [...shaped, ...unknownShape],
      others
    )
  }
  const spentOk = spentExplained(pre, post, fresh)

  if (shaped.length === 0) {
    // Absence is proven only if nothing shaped like ours sits just past the new entries with a time after our reading
    // (whole-second times can list back-to-back creates in either order), and the money spent is all accounted for.
    const hidden = beyond.filter((u) => {
      if (input.claimed.has(u.upstreamId)) return false
      if (!shapeUnknown(u) && !shapedLikeOurs(u, order)) return false
      const t = timeOf(u)
      return t === null || preTime === null || t >= preTime - SECOND_MS
    })
    if (hidden.length > 0) {
      return review(
        `The supplier's order list places ${hidden.length === 1 ? 'an order that could be this one' : `${hidden.length} orders that could be this one`} next to the new ones, at a time that does not rule it out. Check ${hidden.length === 1 ? 'it' : 'them'} and tell us which, if any.`,
        hidden,
        others
      )
    }
    if (!spentOk) {
      return review(
        newCount === 0
          ? "The supplier's total spent moved although its order count did not; it cannot tell us whether this order was placed."
          : `The supplier's total spent moved by ${new Decimal(post.totalSpent).minus(new Decimal(pre.totalSpent)).toString()}, which the new orders on the account do not account for; it cannot tell us whether this order was placed.`,
        [],
        others
      )
    }
    return { kind: 'not_placed', foreign: others }
  }

  const candidate = shaped[0]!
  const t = timeOf(candidate)
  const afterReading = t !== null && preTime !== null && t >= preTime - SECOND_MS
  const beforeSendEnded = t !== null && input.latestOwnTimeMs !== null && t <= input.latestOwnTimeMs
  const noGap = pre.priorKnownTotal !== undefined && pre.priorKnownTotal !== null && pre.priorKnownTotal === pre.totalOrders
  const spentIsItsAmount = candidate.charged !== null && new Decimal(post.totalSpent).minus(new Decimal(pre.totalSpent)).equals(new Decimal(candidate.charged.amount))
  if (shaped.length === 1 && fresh.length === 1 && !input.shared && afterReading && beforeSendEnded && noGap && spentIsItsAmount && amountFits(candidate, order)) {
    return { kind: 'adopt', upstream: candidate, foreign: [] }
  }
  const reason = input.shared
    ? `Another program or person also places orders on this supplier account, so ResellerDesk cannot prove which order is this one. The supplier has ${shaped.length === 1 ? 'one order' : `${shaped.length} orders`} that could be it; check them and tell us which, if any.`
    : shaped.length > 1 || fresh.length > 1
      ? `Since this order was sent, ${fresh.length} new orders appeared on the supplier account and ${shaped.length} could be this one. Check them and tell us which, if any.`
      : !amountFits(candidate, order) || !spentIsItsAmount
        ? `The supplier has one order that could be this one, but for ${candidate.charged?.amount ?? '?'} where ${new Decimal(order.unitPrice).times(order.quantity).toString()} was expected, or its total spent moved by another amount. Check it and tell us whether it is this one.`
        : !noGap
          ? "The supplier has one order that could be this one, but ResellerDesk has no earlier count of this account's orders to show that nobody else was buying at the time. Check it and tell us whether it is this one."
          : 'The supplier has one order that could be this one, but its time does not fit the moment this order was sent. Check it and tell us whether it is this one.'
  // Orders not shaped like ours are someone else's for sure; of the candidates, all but (at most) one are too.
  return review(reason, shaped, others, others.length + Math.max(0, shaped.length - 1))
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
