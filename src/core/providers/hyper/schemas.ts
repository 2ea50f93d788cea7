// Hyper Teknoloji's replies (seed 003 + UPSTREAMS.md §4) as zod schemas over parseUpstreamJson output. Loose
// objects: extra fields are ignored. Field names are the platform's own PascalCase inside a lower-case envelope
// (`data`, `success`, `message`, `errorCode`, `details`, `items`), as the docs print them.
import { z } from 'zod'
import { zAmount, zIdString, zInt, zLooseBool } from '../json'
import { zNonNegativeAmount, zQuantity, zSignedAmount } from '../amounts'

/**
 * ISO-8601 as the seed states it ("yyyy-MM-ddTHH:mm:ssZ"), also with a fraction (.NET prints up to 7 digits) or an
 * offset; without a zone it is read as UTC, as the seed says every timestamp is.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i
export const zIsoDate = z.string().transform((value, ctx): Date => {
  const m = ISO.exec(value.trim())
  let date: Date | null = null
  if (m) {
    const ms = (m[7] ?? '').padEnd(3, '0').slice(0, 3)
    const zone = m[8] === undefined || m[8].toUpperCase() === 'Z' ? 'Z' : m[8].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')
    date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${ms}${zone}`)
  }
  if (!date || Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'expected a date' })
    return z.NEVER
  }
  return date
})

/** The platform's error code: documented as a string to branch on; a number is tolerated and kept as text. */
const zErrorCode = z.union([z.string(), z.int()]).transform((v) => String(v).trim())

/** One failing basket line of a refused Order/create (all-or-nothing: nothing was created). */
export const FailedItem = z.looseObject({
  DeliverID: z.string().nullable().optional(),
  CustomerStoreProductID: zIdString.nullable().optional(),
  errorCode: zErrorCode.nullable().optional(),
  message: z.string().nullable().optional(),
  /** On DUPLICATE_DELIVER_ID: the order line that already carries this DeliverID. */
  OrderDetailID: zIdString.nullable().optional(),
  ProductRequireID: zIdString.nullable().optional()
})
export type FailedItem = z.infer<typeof FailedItem>

/** `{success:false, message, errorCode}`, with `items` on a refused basket. */
export const ErrorEnvelope = z.looseObject({
  success: z.literal(false),
  message: z.string().nullable().optional(),
  errorCode: zErrorCode.nullable().optional(),
  items: z.array(FailedItem).nullable().optional()
})
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>

/** `{data, success:true, message}` around the given data schema. */
export function envelope<S extends z.ZodType>(data: S) {
  return z.looseObject({ success: z.literal(true), message: z.string().nullable().optional(), data })
}

export const LoginData = z.looseObject({
  Token: z.string().trim().min(1),
  Expiration: zIsoDate
})
export type LoginData = z.infer<typeof LoginData>

export const Category = z.looseObject({
  ID: zIdString,
  Name: z.string().min(1),
  ParentID: zIdString.nullable().optional()
})
export type Category = z.infer<typeof Category>

export const CategoryType = z.looseObject({
  ID: zIdString,
  Name: z.string().min(1),
  CategoryID: zIdString.nullable().optional()
})
export type CategoryType = z.infer<typeof CategoryType>

/** What the buyer must give at purchase (a player id, a zone id…). */
export const RequireField = z.looseObject({
  ProductRequireID: zIdString,
  Identifier: z.string().min(1),
  Name: z.string().nullable().optional(),
  IsRequired: zLooseBool.optional(),
  Regex: z.string().nullable().optional()
})
export type RequireField = z.infer<typeof RequireField>

export const Product = z.looseObject({
  ID: zIdString,
  Name: z.string().min(1),
  CategoryID: zIdString,
  TypeID: zIdString.nullable().optional(),
  Description: z.string().nullable().optional(),
  Price: zAmount,
  /** null: no stock count (delivered on demand, e.g. a direct top-up). */
  Stock: zInt.nullable().optional(),
  IsActive: zLooseBool.optional(),
  /** Absent from a list row: then only Get Product Detail says what the product requires. */
  RequireData: z.array(RequireField).nullable().optional()
})
export type Product = z.infer<typeof Product>

export const CreatedLine = z.looseObject({
  DeliverID: z.string().min(1),
  OrderDetailID: zIdString,
  Quantity: zQuantity,
  /** The unit price of the line (zero possible on an order; only a catalog price must be more). */
  Price: zNonNegativeAmount
})

export const CreateOrderData = z.looseObject({
  OrderID: zIdString,
  details: z.array(CreatedLine).min(1)
})
export type CreateOrderData = z.infer<typeof CreateOrderData>

/** A delivered code: text, or a number (kept exact: parseUpstreamJson leaves long numbers as text). */
const zCode = z.union([z.string().min(1), z.int()]).transform((v) => String(v))

/** 0 cancelled, 1 delivered, 2 processing, 3 removed. */
export const zDeliveryStatus = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)])
export type DeliveryStatus = z.infer<typeof zDeliveryStatus>

/** Get Order Detail's data, and one row of List Orders. */
export const OrderDetail = z.looseObject({
  OrderID: zIdString.nullable().optional(),
  OrderDetailID: zIdString,
  DeliverID: z.string().nullable().optional(),
  CustomerStoreProductID: zIdString.nullable().optional(),
  ProductName: z.string().nullable().optional(),
  TypeID: zIdString.nullable().optional(),
  Quantity: zQuantity.nullable().optional(),
  Price: zNonNegativeAmount.nullable().optional(),
  Status: zDeliveryStatus,
  DeliveryData: z.array(zCode).nullable().optional(),
  DeliveryNote: z.array(z.string()).nullable().optional(),
  CreatedDate: zIsoDate.nullable().optional()
})
export type OrderDetail = z.infer<typeof OrderDetail>

/** List Orders: the rows of one page, with paging figures (a bare array is accepted too). */
export const OrderListData = z.union([
  z.array(OrderDetail).transform((Orders) => ({ Orders, Page: undefined, PageSize: undefined, TotalCount: undefined })),
  z.looseObject({
    Orders: z.array(OrderDetail),
    Page: zInt.optional(),
    PageSize: zInt.optional(),
    TotalCount: zInt.optional()
  })
])
export type OrderListData = z.infer<typeof OrderListData>

export const AccountDetails = z
  .looseObject({
    Balance: zSignedAmount,
    Currency: z.string().trim().min(1).max(12).nullable().optional(),
    CreditLimit: zNonNegativeAmount.nullable().optional()
  })
// A credit line lets the balance go below zero, but never below minus the line. Below it (a negative balance and no
// CreditLimit: an overdraft or an adjustment nobody documented) the reading is kept and flagged (getBalance), not
// refused.
export type AccountDetails = z.infer<typeof AccountDetails>

/**
 * The Order Delivery Webhook's body (header `Apikey`). The desktop app polls instead; this is for a local receiver
 * and the simulator's tests.
 */
export const DeliveryWebhook = z.looseObject({
  DeliverID: z.string().min(1),
  OrderDetailID: zIdString,
  Status: zDeliveryStatus,
  DeliveryData: z.array(zCode).nullable(),
  DeliveryNote: z.array(z.string()).nullable()
})
export type DeliveryWebhook = z.infer<typeof DeliveryWebhook>
