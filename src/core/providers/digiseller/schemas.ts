// Every Digiseller reply of seed 004 and its docs, as zod schemas over parseUpstreamJson output. Loose objects: extra
// fields are ignored. Required: what the adapter relies on; optional/nullish: what the docs show but we only pass on.
// Three envelopes: apilogin's {retval, desc, endesc, token, …}; the account API's {retval, retdesc, errors, content};
// seller-sells' older {retval, retdesc, total_rows, pages, page, rows}.
import { z } from 'zod'
import { zIdString, zInt, zLooseBool } from '../json'
// Storefront figures may be negative (withdrawals, refunds): only their size is checked.
import { zSignedAmount } from '../amounts'
import { MOSCOW_OFFSET_MINUTES, parseDigisellerDate } from './time'

/** A Digiseller date (any of its shapes); zone-less ones are Moscow time. */
export const zDigiDate = z.string().transform((text, ctx): Date => {
  const date = parseDigisellerDate(text, MOSCOW_OFFSET_MINUTES)
  if (date === null) {
    ctx.addIssue({ code: 'custom', message: 'expected a date' })
    return z.NEVER
  }
  return date
})

/** Text the upstream may send as a number (ids, codes); always text for us. */
const zText = z.union([z.string(), z.int()]).transform((v) => String(v))

export const ErrorItem = z.looseObject({
  code: zText.nullish(),
  message: z.string().nullish()
})
export type ErrorItem = z.infer<typeof ErrorItem>

/** `{retval, retdesc, errors, content}`; content is checked per call once retval says it is there. */
export const Envelope = z.looseObject({
  retval: zInt,
  retdesc: z.string().nullish(),
  errors: z.array(ErrorItem).nullish(),
  content: z.unknown().optional()
})
export type Envelope = z.infer<typeof Envelope>

/**
 * POST /api/apilogin. On refusal the token is null and valid_thru may be .NET's "0001-01-01T00:00:00", so both are only
 * read (and required) when retval is 0.
 */
export const LoginReply = z.looseObject({
  retval: zInt,
  desc: z.string().nullish(),
  endesc: z.string().nullish(),
  token: z.string().nullish(),
  seller_id: zIdString.nullish(),
  valid_thru: z.string().nullish()
})
export type LoginReply = z.infer<typeof LoginReply>

/** GET /api/sellers/account/balance/info → content: amount_{purse}_{free|lock|plus}, read by the adapter per key. */
export const BalanceContent = z.record(z.string(), z.unknown())

const LocalizedName = z.looseObject({ locale: z.string().nullish(), value: z.string().nullish() })

export const Operation = z.looseObject({
  account_operation_id: zIdString,
  operation: z
    .looseObject({
      /** For a product_sale, the invoice (order) id; for a withdrawal, the withdrawal's id. */
      id: zIdString.nullish(),
      type: z.string().min(1),
      /** The seed's example says `datetime`, its field table says `date`: either is accepted. */
      datetime: zDigiDate.optional(),
      date: zDigiDate.optional(),
      percent: zSignedAmount.nullish(),
      price: zSignedAmount.nullish(),
      currency: z.string().min(1),
      on_account: zSignedAmount
    })
    .refine((o) => o.datetime !== undefined || o.date !== undefined, { message: 'the operation has no date', path: ['datetime'] }),
  owner_id: zInt.nullish(),
  product: z
    .looseObject({
      id: zIdString.nullish(),
      name: z.union([z.array(LocalizedName), z.string()]).nullish(),
      deleted: zLooseBool.nullish()
    })
    .nullish(),
  response: z.string().nullish(),
  code_check_datetime: z.string().nullish(),
  date_free: z.string().nullish(),
  free_description: z.string().nullish()
})
export type Operation = z.infer<typeof Operation>

const Paging = {
  page: zInt.optional(),
  count: zInt.optional(),
  has_next_page: zLooseBool.optional(),
  has_previous_page: zLooseBool.optional(),
  total_count: zInt.optional(),
  total_pages: zInt.optional()
}

/** GET /api/sellers/account/receipts → content. */
export const ReceiptsContent = z.looseObject({ ...Paging, items: z.array(Operation) })
export type ReceiptsContent = z.infer<typeof ReceiptsContent>

export const ExternalItem = z.looseObject({
  /** The sale's own id: the same number as seller-sells' invoice_id (the seed's single-item invoice shows it). */
  operation_id: zIdString,
  product_id: zIdString.nullish(),
  product_name: z.string().nullish(),
  operation_date: zDigiDate.nullish(),
  options_id: zInt.nullish(),
  ds_set: zSignedAmount.nullish(),
  currency_ds: z.string().nullish(),
  warning_fee: zSignedAmount.nullish()
})

export const ExternalInvoice = z.looseObject({
  id: zIdString,
  date: zDigiDate,
  name: z.string().nullish(),
  cart_id: zIdString.nullish(),
  is_cart: zLooseBool.nullish(),
  amount: zSignedAmount.nullish(),
  currency_code: z.string().nullish(),
  payment_status: z.string().nullish(),
  ds_set: zSignedAmount.nullish(),
  currency_ds: z.string().nullish(),
  transaction_id: z.string().nullish(),
  warning_fee: zSignedAmount.nullish(),
  items: z.array(ExternalItem).nullish()
})
export type ExternalInvoice = z.infer<typeof ExternalInvoice>

/** GET /api/sellers/account/receipts/external → content. */
export const ExternalContent = z.looseObject({ ...Paging, items: z.array(ExternalInvoice) })
export type ExternalContent = z.infer<typeof ExternalContent>

export const SaleRow = z.looseObject({
  invoice_id: zIdString,
  product_id: zIdString.nullish(),
  product_name: z.string().nullish(),
  date_put: z.string().nullish(),
  date_pay: zDigiDate,
  amount_in: zSignedAmount.nullish(),
  amount_out: zSignedAmount,
  amount_currency: z.string().min(1),
  method_pay: z.string().nullish(),
  aggregator_pay: z.string().nullish(),
  partner_id: zText.nullish(),
  returned: z.union([zLooseBool, zInt]).nullish()
})
export type SaleRow = z.infer<typeof SaleRow>

/** POST /api/seller-sells/v2: the older envelope, fields at the top level. */
export const SellsReply = z.looseObject({
  retval: zInt,
  retdesc: z.string().nullish(),
  errors: z.array(ErrorItem).nullish(),
  total_rows: zInt.nullish(),
  pages: zInt.nullish(),
  page: zInt.nullish(),
  rows: z.array(SaleRow).nullish()
})
export type SellsReply = z.infer<typeof SellsReply>
