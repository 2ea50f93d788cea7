// In-app news of a finished purchase: one toast per basket, once its last upstream order has settled, e.g.
// "25 codes delivered — PUBG Mobile 60 UC" with Open order. A basket of 25 is three upstream orders (10 + 10 + 5):
// the person hears about the 25, not about each order. Counts are whole numbers; no money is added up here.
import { isActiveState } from '../../../../shared/domain'
import type { OrderView } from '../../../../shared/contract'
import { call } from '../../api'
import { t } from '../../i18n'
import { useNotices, type NoticeLevel } from '../../state/notices'

const MAX_TITLES = 3

/** What was last said per batch: a batch is announced again only when its outcome changes (a review resolved). */
const announced = new Map<string, string>()

interface Summary {
  level: NoticeLevel
  message: string
  /** The order "Open order" shows: the first that needs attention, else the first. */
  orderId: string
}

export function summarizeBatch(orders: readonly OrderView[]): Summary | null {
  const first = orders[0]
  if (!first) return null
  const titles = [...new Set(orders.map((o) => o.title))]
  const what = t.deliveries.titles(titles.slice(0, MAX_TITLES), Math.max(0, titles.length - MAX_TITLES))
  const review = orders.filter((o) => o.state === 'needs_review')
  if (review[0]) return { level: 'warning', message: t.deliveries.needsReview(review.length, what), orderId: review[0].id }
  const asked = orders.reduce((n, o) => n + o.quantity, 0)
  const delivered = orders.reduce((n, o) => n + Math.min(o.deliveredCount, o.quantity), 0)
  const short = orders.find((o) => o.state !== 'completed' || o.deliveredCount < o.quantity) ?? first
  if (delivered === 0) {
    const failed = orders.filter((o) => o.state !== 'cancelled').length
    return failed === 0
      ? { level: 'info', message: t.deliveries.cancelled(what), orderId: short.id }
      : { level: 'warning', message: t.deliveries.failed(failed, what), orderId: short.id }
  }
  if (delivered < asked) return { level: 'warning', message: t.deliveries.partly(delivered, asked, what), orderId: short.id }
  return { level: 'success', message: t.deliveries.delivered(delivered, what), orderId: first.id }
}

/** An order settled: when it was the last open one of its basket, say what the basket came to. */
export async function noteSettled(order: OrderView): Promise<void> {
  let orders: OrderView[]
  try {
    orders = await call('orders.list', { batchId: order.batchId, limit: 1000 })
  } catch {
    return // the Orders screen still shows it; a toast is a courtesy
  }
  // The others bring their own event when they settle.
  if (orders.length === 0 || orders.some((o) => isActiveState(o.state))) return
  const summary = summarizeBatch(orders)
  if (!summary || announced.get(order.batchId) === summary.message) return
  announced.set(order.batchId, summary.message)
  useNotices.getState().push(summary.level, summary.message, summary.orderId, 'delivery')
}

export function resetDeliveries(): void {
  announced.clear()
}
