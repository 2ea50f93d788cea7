// Every DigetalHube reply of seed 000, as zod schemas over parseUpstreamJson output. Loose objects: extra
// fields are ignored. Required: what the adapter relies on; optional: what the seed shows but we only pass on.
import { z } from 'zod'
import Decimal from 'decimal.js'
import { zAmount, zIdString, zInt, zLooseBool } from '../json'
import { notAbove, zCount, zNonNegativeAmount, zQuantity } from '../amounts'

/** Unix seconds (create_order) or "YYYY-MM-DD HH:MM:SS" (my_orders, assumed UTC) → Date. */
const SQL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/
export const zTimestamp = z.union([z.int().nonnegative(), z.string()]).transform((value, ctx): Date => {
  if (typeof value === 'number') return new Date(value * 1000)
  const m = SQL_DATETIME.exec(value)
  const date = m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : null
  if (!date || Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'expected a date' })
    return z.NEVER
  }
  return date
})

/** A delivered code: text, or a number (kept exact: parseUpstreamJson leaves long numbers as text). */
const zCode = z.union([z.string().min(1), z.int()]).transform((v) => String(v))

/** `{success:false, error:{code, message}, timestamp}` */
export const ErrorEnvelope = z.looseObject({
  success: z.literal(false).optional(),
  error: z.looseObject({
    code: z.string().min(1),
    message: z.string().optional()
  })
})
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>

const Success = z.literal(true)

export const BalanceReply = z.looseObject({
  success: Success,
  balance: z
    .looseObject({
      available: zNonNegativeAmount,
      total_deposited: zNonNegativeAmount.optional(),
      total_spent: zNonNegativeAmount.optional(),
      total_orders: zCount.optional(),
      currency: z.string().min(1).optional()
    }),
    // The seed's examples (50 = 100 − 50, 47.50 = 100 − 52.50) and the simulator keep available = deposited − spent
    // (spent is net of refunds), but no document promises it: a bonus credit or an adjustment breaks it. A reply
    // that does not add up is kept and flagged (balanceAddsUp), never refused: refusing it stopped every order.
  timestamp: zInt.optional()
})
export type BalanceReply = z.infer<typeof BalanceReply>

/** Whether available = total_deposited − total_spent (true when either total is missing: nothing to check). */
export function balanceAddsUp(b: { available: string; total_deposited?: string | undefined; total_spent?: string | undefined }): boolean {
  return b.total_deposited === undefined || b.total_spent === undefined || new Decimal(b.total_deposited).minus(b.total_spent).eq(b.available)
}

export const Product = z.looseObject({
  id: zIdString,
  title: z.string().min(1),
  description: z.string().nullable().optional(),
  price_usdt: zAmount,
  stock: zInt.nullable(),
  in_stock: zLooseBool,
  category_id: zIdString.nullable().optional(),
  category_name: z.string().nullable().optional()
})
export type Product = z.infer<typeof Product>

export const ProductsReply = z.looseObject({
  success: Success,
  products: z.array(Product),
  total: zInt.optional(),
  categories: z.array(z.looseObject({ id: zIdString, name: z.string() })).optional(),
  timestamp: zInt.optional()
})
export type ProductsReply = z.infer<typeof ProductsReply>

/**
 * The order object of order_status and my_orders. Only order_id and status are always there: the error-state
 * object of order_status is minimal (no product, quantity or amount).
 */
const OrderObject = z.looseObject({
  order_id: zIdString,
  status: z.string().min(1),
  product_id: zIdString.nullable().optional(),
  product_name: z.string().nullable().optional(),
  quantity: zQuantity.nullable().optional(),
  /** Zero is possible on an order (a free sandbox card, as OneClickDz's seed lists); only a catalog price must be more. */
  price_per_unit: zNonNegativeAmount.optional(),
  /** create_order names the total this way… */
  total_amount: zNonNegativeAmount.optional(),
  /** …order_status and my_orders this way. */
  amount: zNonNegativeAmount.optional(),
  currency: z.string().min(1).optional(),
  status_detail: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
  processing_step: z.string().nullable().optional(),
  codes: z.array(zCode).nullable().optional(),
  refunded: zLooseBool.optional(),
  refund_amount: zNonNegativeAmount.nullable().optional(),
  created_at: zTimestamp.optional()
})

/** A refund larger than what the order cost would invent money in reconciliation. */
function refundWithinCost(o: { refund_amount?: string | null | undefined; amount?: string | undefined; total_amount?: string | undefined }): boolean {
  const cost = o.amount ?? o.total_amount
  return o.refund_amount == null || cost === undefined || notAbove(o.refund_amount, cost)
}
const REFUND_WITHIN_COST = { message: 'the refund is larger than the order', path: ['refund_amount'] }

export const Order = OrderObject.refine(refundWithinCost, REFUND_WITHIN_COST)
export type Order = z.infer<typeof Order>

export const CreateOrderReply = z.looseObject({
  success: Success,
  order: Order,
  balance: z
    .looseObject({
      previous: zNonNegativeAmount.optional(),
      deducted: zNonNegativeAmount.optional(),
      remaining: zNonNegativeAmount.optional()
    })
    .optional(),
  tracking: z
    .looseObject({
      check_status_url: z.string().optional(),
      poll_interval_seconds: zInt.optional(),
      note: z.string().optional()
    })
    .optional(),
  timestamp: zInt.optional()
})
export type CreateOrderReply = z.infer<typeof CreateOrderReply>

export const OrderStatusReply = z.looseObject({
  success: Success,
  order: Order,
  timestamp: zInt.optional()
})
export type OrderStatusReply = z.infer<typeof OrderStatusReply>

/** my_orders: the listing is what crash recovery matches on, so each entry must say when it was created. */
export const MyOrdersReply = z.looseObject({
  success: Success,
  orders: z.array(OrderObject.extend({ created_at: zTimestamp }).refine(refundWithinCost, REFUND_WITHIN_COST)),
  /** A count like the balance's total_orders: whole, zero or more, at most a billion (recovery compares the two). */
  total: zCount.optional(),
  limit: zInt.optional(),
  offset: zInt.optional(),
  timestamp: zInt.optional()
})
export type MyOrdersReply = z.infer<typeof MyOrdersReply>
