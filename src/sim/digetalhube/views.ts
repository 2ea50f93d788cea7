// How orders look on the wire, quirks included: create_order says `total_amount` and `created_at` in UNIX seconds;
// order_status and my_orders say `amount`, and my_orders prints `created_at` as "YYYY-MM-DD HH:MM:SS" (UTC);
// an order in error is the seed's minimal object in order_status.
import type { JsonValue } from '../common/json-text'
import type { DigetalHubeState, OrderState } from './state'
import type { ProcessingStep } from './types'

const STEP_MESSAGES: Record<ProcessingStep, string> = {
  started: 'Order received, preparing to purchase...',
  checking_balance: 'Checking supplier balance...',
  creating_invoice: 'Creating invoice...',
  transferring: 'Transferring payment to supplier...',
  waiting_deposit: 'Waiting for supplier to confirm the deposit...',
  purchasing: 'Purchasing your product...'
}

export const CREATED_MESSAGE = 'Order created! Balance deducted. Your code is being purchased from the supplier.'
export const TRACKING_NOTE = 'Poll the check_status_url every 10 seconds. Status will change from processing to completed (with codes).'
const COMPLETED_MESSAGE = 'Order completed! Your codes are ready.'

/** "2026-03-25 12:00:00", in UTC or, with `utcOffsetMinutes`, in that zone's local time (no zone is printed). */
export function sqlDateTime(ms: number, utcOffsetMinutes = 0): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 19).replace('T', ' ')
}

/** order_status's `order` object. */
export function orderStatusView(state: DigetalHubeState, order: OrderState): JsonValue {
  if (order.status === 'error') {
    return {
      order_id: order.orderId,
      status: 'error',
      message: state.failureMessage(order) ?? 'Order failed. Your balance has been refunded.',
      refunded: true,
      refund_amount: order.refundAmount ?? order.total
    }
  }
  const common = {
    order_id: order.orderId,
    product_id: order.productId,
    product_name: order.productName,
    quantity: order.quantity,
    amount: order.total,
    currency: 'USDT'
  }
  if (order.status === 'completed') {
    return { ...common, status: 'completed', status_detail: 'completed', message: COMPLETED_MESSAGE, codes: [...order.codes] }
  }
  const step = state.processingStep(order)
  return { ...common, status: 'processing', status_detail: 'processing', message: STEP_MESSAGES[step], processing_step: step }
}

/**
 * my_orders' entry. The seed only shows a completed one. Assumption for the others: a processing order has no
 * `codes`; an order in error keeps the full row (it is a history line, not the minimal status object) with
 * status "error", `refunded: true` and `refund_amount`, and no `codes`.
 */
export function orderListView(order: OrderState, utcOffsetMinutes = 0): JsonValue {
  return {
    order_id: order.orderId,
    product_id: order.productId,
    product_name: order.productName,
    quantity: order.quantity,
    amount: order.total,
    currency: 'USDT',
    status: order.status,
    created_at: sqlDateTime(order.createdAtMs, utcOffsetMinutes),
    codes: order.status === 'completed' ? [...order.codes] : undefined,
    refunded: order.status === 'error' ? true : undefined,
    refund_amount: order.status === 'error' ? (order.refundAmount ?? order.total) : undefined
  }
}

/**
 * A lying reply (SimLie) about an order, built from its true view: `error` turns it into the seed's refunded
 * failure; `fewer_codes` drops the last code of a completed order. Null when the lie does not fit this order.
 */
export function lyingView(truth: JsonValue, kind: 'error' | 'fewer_codes' | 'not_found'): JsonValue | null {
  if (kind === 'not_found') return null // told as an error reply by the route, not as a view
  if (typeof truth !== 'object' || truth === null || Array.isArray(truth)) return null
  const t = truth as Record<string, JsonValue>
  if (kind === 'error') {
    if (t.status === 'error') return null
    return {
      order_id: t.order_id ?? null,
      status: 'error',
      message: 'Order failed. Your balance has been refunded.',
      refunded: true,
      refund_amount: t.amount ?? null,
      ...('created_at' in t ? { created_at: t.created_at ?? null, product_id: t.product_id ?? null, quantity: t.quantity ?? null, amount: t.amount ?? null } : {})
    }
  }
  const codes = t.codes
  if (t.status !== 'completed' || !Array.isArray(codes) || codes.length < 2) return null
  return { ...t, codes: codes.slice(0, -1) }
}
