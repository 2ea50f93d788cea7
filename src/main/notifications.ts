// What an OS notification says when orders settle. A basket of 25 × "PUBG Mobile 60 UC" is three upstream
// orders (10 + 10 + 5), so the person gets one notification per batch — "25 codes delivered — PUBG Mobile 60 UC" —
// not one per upstream order. Pure: the tray service decides when, this decides what.
import { add, format, type Money } from '../core/money'
import type { OrderView } from '../shared/contract'
import { strings } from './strings'

export type NoticeLevel = 'info' | 'warning' | 'error'

export interface NotificationContent {
  /** The outcome: "25 codes delivered", "Order failed — refunded 10.50 USDT". */
  title: string
  /** What it was about: the product names. */
  body: string
  level: NoticeLevel
  /** The order a click opens: the first one that needs attention, else the first one. None for a balance warning. */
  orderId?: string
}

const MAX_TITLES = 3

export function summarizeSettled(orders: readonly OrderView[]): NotificationContent | null {
  const first = orders[0]
  if (!first) return null
  const body = productList(orders)

  const review = orders.filter((o) => o.state === 'needs_review')
  const firstReview = review[0]
  if (firstReview) {
    return { title: strings.needsReview(review.length), body: firstReview.reviewReason ?? body, level: 'warning', orderId: firstReview.id }
  }

  const asked = orders.reduce((n, o) => n + o.quantity, 0)
  const delivered = orders.reduce((n, o) => n + Math.min(o.deliveredCount, o.quantity), 0)
  const refund = refundText(orders)
  const firstShort = orders.find((o) => o.state !== 'completed' || o.deliveredCount < o.quantity) ?? first

  if (delivered === 0) {
    const failed = orders.filter((o) => o.state !== 'cancelled').length
    const outcome = failed === 0 ? strings.orderCancelled : strings.ordersFailed(failed)
    return { title: withRefund(outcome, refund), body, level: 'error', orderId: firstShort.id }
  }
  if (delivered < asked) {
    return { title: withRefund(strings.codesPartlyDelivered(delivered, asked), refund), body, level: 'warning', orderId: firstShort.id }
  }
  return { title: strings.codesDelivered(delivered), body, level: 'info', orderId: first.id }
}

/** The in-app notice text for the same content. */
export function noticeMessage(content: Pick<NotificationContent, 'title' | 'body'>): string {
  return strings.joinNotice(content.title, content.body)
}

function withRefund(outcome: string, refund: string | null): string {
  return refund ? strings.joinNotice(outcome, strings.refunded(refund)) : outcome
}

/** "10.50 USDT" or "10.50 USDT, 1,200 DZD" when a batch spans accounts in different currencies. */
function refundText(orders: readonly OrderView[]): string | null {
  const byCurrency = new Map<string, Money>()
  for (const o of orders) {
    if (!o.refunded) continue
    const prev = byCurrency.get(o.refunded.currency)
    byCurrency.set(o.refunded.currency, prev ? add(prev, o.refunded) : o.refunded)
  }
  const totals = [...byCurrency.values()].filter((m) => !/^-?0(\.0+)?$/.test(m.amount))
  return totals.length ? totals.map(format).join(strings.listJoin) : null
}

function productList(orders: readonly OrderView[]): string {
  const titles = [...new Set(orders.map((o) => o.title))]
  const shown = titles.slice(0, MAX_TITLES)
  const rest = titles.length - shown.length
  return rest > 0 ? [...shown, strings.andMore(rest)].join(strings.listJoin) : shown.join(strings.listJoin)
}
