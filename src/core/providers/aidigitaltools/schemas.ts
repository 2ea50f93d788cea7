// Every AI Digital Tools reply of seed 001, as zod schemas over parseUpstreamJson output. Loose objects: extra
// fields are ignored. Required: what the adapter relies on; optional: what the seed shows but we only pass on, and
// what the seed leaves out of one example but shows in another (the single-product example has no description).
import { z } from 'zod'
import { zAmount, zIdString, zInt, zLooseBool } from '../json'
import { notAbove, zNonNegativeAmount, zQuantity } from '../amounts'

/** ISO 8601 as the seed prints it ("2026-06-20T10:00:00.000Z") → Date. */
export const zIsoDate = z.string().transform((value, ctx): Date => {
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? new Date(value) : null
  if (!at || Number.isNaN(at.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'expected a date' })
    return z.NEVER
  }
  return at
})

/**
 * The error body, [assume] `{error: "<message>"}`. Also read: `{error: {code?, message}}` and a bare `{message}`
 * (what hosting layers in front of such APIs send), so a changed envelope still yields its words.
 */
export const ErrorBody = z.union([
  z.looseObject({ error: z.string() }).transform((b) => ({ message: b.error, code: undefined as string | undefined })),
  z
    .looseObject({ error: z.looseObject({ code: z.string().optional(), message: z.string().optional() }) })
    .transform((b) => ({ message: b.error.message ?? '', code: b.error.code })),
  z.looseObject({ message: z.string(), success: z.literal(false).optional() }).transform((b) => ({ message: b.message, code: undefined }))
])
export type ErrorBody = z.output<typeof ErrorBody>

export const HealthReply = z.looseObject({
  success: z.literal(true),
  message: z.string().optional(),
  version: z.string().optional()
})
export type HealthReply = z.infer<typeof HealthReply>

export const BalanceReply = z.looseObject({
  balance: zNonNegativeAmount,
  discount_percent: zAmount.nullable().optional(),
  rate_limit_per_minute: zInt.nullable().optional()
})
export type BalanceReply = z.infer<typeof BalanceReply>

/**
 * [assume] One input the buyer must give at purchase time. The seed only shows `custom_fields: []`; this is the shape
 * form builders use: `{name, label, type, required, placeholder, pattern, options}`, with `key`/`id` read as the name.
 * `pattern` is whole-value, as in an HTML input's pattern attribute.
 */
export const CustomFieldSpec = z
  .looseObject({
    name: z.string().min(1).optional(),
    key: z.string().min(1).optional(),
    id: z.string().min(1).optional(),
    label: z.string().nullable().optional(),
    type: z.string().nullable().optional(),
    required: zLooseBool.nullable().optional(),
    placeholder: z.string().nullable().optional(),
    pattern: z.string().nullable().optional(),
    options: z.array(z.union([z.string(), z.looseObject({ value: z.string(), label: z.string().optional() })])).nullable().optional()
  })
  .refine((f) => (f.name ?? f.key ?? f.id) !== undefined, { message: 'a field without a name' })
export type CustomFieldSpec = z.infer<typeof CustomFieldSpec>

const ProductCommon = {
  id: zIdString,
  name: z.string().min(1),
  description: z.string().nullable().optional(),
  /** The list price, for display only: what we pay is `your_price`. */
  price: zAmount,
  /** [assume] null means unlimited (manually delivered products). */
  stock: zInt.nullable(),
  category_id: zIdString.nullable().optional(),
  /** Not in the seed; read when present. */
  category_name: z.string().nullable().optional(),
  auto_deliver: zLooseBool.nullable().optional(),
  your_price: zAmount.optional(),
  your_discount_percent: zAmount.nullable().optional(),
  custom_fields: z.array(CustomFieldSpec).nullable().optional()
}

export const ListedProduct = z.looseObject(ProductCommon)
export type ListedProduct = z.infer<typeof ListedProduct>

export const ProductsReply = z.looseObject({
  products: z.array(ListedProduct),
  default_discount_percent: zAmount.nullable().optional()
})
export type ProductsReply = z.infer<typeof ProductsReply>

/** The single product: custom_fields is what we fetch it for, so it must be there (an empty list is fine). */
export const ProductReply = z.looseObject({
  product: z.looseObject({ ...ProductCommon, custom_fields: z.array(CustomFieldSpec) })
})
export type ProductReply = z.infer<typeof ProductReply>
export type DetailedProduct = ProductReply['product']

/** `delivery` — only `text` in the create reply, all three in the status reply; [assume] null until delivered. */
export const Delivery = z.looseObject({
  text: z.string().nullable().optional(),
  image_url: z.string().nullable().optional(),
  video_url: z.string().nullable().optional()
})

/**
 * The order object of create, status and cancel. Only `id` and `status` are always there: the cancel reply's
 * object is minimal (`id, status, refunded, cancel_reason`).
 */
export const Order = z.looseObject({
  id: zIdString,
  status: z.string().min(1),
  product_id: zIdString.nullable().optional(),
  product_name: z.string().nullable().optional(),
  quantity: zQuantity.nullable().optional(),
  unit_price: zNonNegativeAmount.nullable().optional(),
  total: zNonNegativeAmount.nullable().optional(),
  refunded: zNonNegativeAmount.nullable().optional(),
  customer_ref: z.string().nullable().optional(),
  created_at: zIsoDate.nullable().optional(),
  delivered_at: zIsoDate.nullable().optional(),
  cancel_reason: z.string().nullable().optional(),
  delivery: Delivery.nullable().optional()
})
  // A refund larger than what the order cost would invent money in reconciliation.
  .refine((o) => o.refunded == null || o.total == null || notAbove(o.refunded, o.total), { message: 'the refund is larger than the order', path: ['refunded'] })
export type Order = z.infer<typeof Order>

/** Create and cancel answer with the order and the wallet balance after it. */
export const OrderWithBalanceReply = z.looseObject({
  order: Order,
  balance: zNonNegativeAmount.nullable().optional()
})
export type OrderWithBalanceReply = z.infer<typeof OrderWithBalanceReply>

export const OrderReply = z.looseObject({ order: Order })
export type OrderReply = z.infer<typeof OrderReply>
