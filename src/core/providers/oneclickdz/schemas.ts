// OneClickDz Flexy API v3 (gift cards) replies, as zod schemas over parseUpstreamJson output. Every success reply is
// the envelope {success:true, data, meta?, requestId?}; loose objects, so extra fields are ignored. Required: what the
// adapter relies on; optional: what the docs show only sometimes (the FULFILLED example has no product/type, the
// HANDLING one no money fields, the catalog's meta no timestamp).
import { z } from 'zod'
import { zAmount, zIdString, zInt, zLooseBool } from '../json'
import { zCount, zNonNegativeAmount, zQuantity } from '../amounts'

/** ISO 8601 ("2025-10-29T01:00:00.000Z") → Date. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/
export const zIsoDate = z.string().transform((value, ctx): Date => {
  const date = ISO_DATE.test(value) ? new Date(value) : null
  if (!date || Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 date' })
    return z.NEVER
  }
  return date
})

/** `{success:false, error:{code, message, details}, requestId}` */
export const ErrorEnvelope = z.looseObject({
  success: z.literal(false).optional(),
  error: z.looseObject({
    code: z.string().min(1),
    message: z.string().optional(),
    details: z.unknown().optional()
  }),
  requestId: z.string().optional()
})
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>

export const Pagination = z.looseObject({
  page: zInt,
  pageSize: zInt,
  totalPages: zInt,
  totalResults: zInt
})
export type Pagination = z.infer<typeof Pagination>

const Meta = z
  .looseObject({
    timestamp: z.string().optional(),
    pagination: Pagination.optional()
  })
  .optional()

function envelope<T extends z.ZodType>(data: T) {
  return z.looseObject({ success: z.literal(true), data, meta: Meta, requestId: z.string().optional() })
}

export const ValidateReply = envelope(
  z.looseObject({
    username: z.string().optional(),
    apiKey: z.looseObject({
      /** "SANDBOX" or "PRODUCTION"; kept as text so a new kind is shown, not refused. */
      type: z.string().min(1),
      isEnabled: zLooseBool.optional(),
      scope: z.string().optional()
    })
  })
)
export type ValidateReply = z.infer<typeof ValidateReply>

export const BalanceReply = envelope(z.looseObject({ balance: zNonNegativeAmount }))
export type BalanceReply = z.infer<typeof BalanceReply>

export const CatalogProduct = z.looseObject({
  id: zIdString,
  title: z.string().min(1),
  enabled: zLooseBool,
  region: z.string().nullable().optional()
})
export type CatalogProduct = z.infer<typeof CatalogProduct>

export const CatalogReply = envelope(
  z.looseObject({
    categories: z.array(z.looseObject({ name: z.string(), products: z.array(CatalogProduct) }))
  })
)
export type CatalogReply = z.infer<typeof CatalogReply>

/** A denomination: its price is this account's wholesale price in DA, its quantity the stock. */
export const ProductType = z.looseObject({
  id: zIdString,
  name: z.string().min(1),
  price: zAmount,
  quantity: zCount
})
export type ProductType = z.infer<typeof ProductType>

export const CheckProductReply = envelope(
  z.looseObject({
    productId: zIdString.optional(),
    productTitle: z.string().optional(),
    types: z.array(ProductType)
  })
)
export type CheckProductReply = z.infer<typeof CheckProductReply>

export const PlaceOrderReply = envelope(
  z.looseObject({
    orderId: zIdString,
    orderRef: z.string().nullable().optional()
  })
)
export type PlaceOrderReply = z.infer<typeof PlaceOrderReply>

/** A delivered card. Numbers are kept exact (parseUpstreamJson leaves long ones as text). */
export const Card = z.looseObject({
  value: z.union([z.string().min(1), z.int()]).transform((v) => String(v)),
  serial: z
    .union([z.string(), z.int()])
    .nullable()
    .optional()
    .transform((v) => (v === null || v === undefined ? null : String(v)))
})
export type Card = z.infer<typeof Card>

/** checkOrder's data and a list item: the same order object. */
export const Order = z.looseObject({
  _id: zIdString,
  status: z.string().min(1),
  quantity: zQuantity,
  product: zIdString.nullable().optional(),
  type: zIdString.nullable().optional(),
  time: zIsoDate.optional(),
  fulfilled_quantity: zCount.optional(),
  fulfilled_amount: zNonNegativeAmount.optional(),
  // The seed's own sandbox card is listed at price_per_card 0: an order's unit price may be zero (a catalog price may not).
  price_per_card: zNonNegativeAmount.optional(),
  cards: z.array(Card).nullable().optional(),
  /** Our client reference, as we assume the order carries it (the docs' examples show none). */
  ref: z.string().nullable().optional(),
  orderRef: z.string().nullable().optional()
})
  // More cards filled than ordered would be paid for by nobody: the reply is wrong, not the order.
  .refine((o) => o.fulfilled_quantity === undefined || o.fulfilled_quantity <= o.quantity, { message: 'more filled than ordered', path: ['fulfilled_quantity'] })
export type Order = z.infer<typeof Order>

export const CheckOrderReply = envelope(Order)
export type CheckOrderReply = z.infer<typeof CheckOrderReply>

export const ListReply = envelope(
  z.looseObject({
    items: z.array(Order),
    pagination: Pagination.optional()
  })
)
export type ListReply = z.infer<typeof ListReply>
