// Hyper Teknoloji's error envelope `{success:false, message, errorCode}` (and a refused basket's `items`) → our
// ErrorCodes, with messages a shop assistant can act on, and the rule that decides whether a failed Order/create can
// have placed an order. The seed says to branch on errorCode; the codes themselves are undocumented, so this table is
// the set the adapter and the simulator agree on (UPSTREAMS.md §4 [assume]); anything else goes by its HTTP status.
// Messages never quote codes, the password or the token: upstream text is only echoed for our own bugs, blanked.
import { UpstreamError, type ErrorCode } from '../../errors'
import { BUG, createOrderPlacement, echoUpstream, orderErrors, RATE_LIMIT_WAIT_MS, rebuild, retryAfterFor, seconds, type BaseErrorContext } from '../upstream-errors'
import type { FailedItem } from './schemas'

/**
 * The same error with another message or placement. Used where a failure happened *before* the order was sent
 * (logging in, reading the product's required inputs): whatever the transport said, nothing can have been placed.
 */
export { rebuild }

export const LABEL = 'Hyper Teknoloji'

export type HyperCall =
  | 'login'
  | 'categories'
  | 'category_types'
  | 'products'
  | 'product_detail'
  | 'order_create'
  | 'order_detail'
  | 'order_list'
  | 'order_cancel'
  | 'account_details'

/** What the adapter knows about the request, to make the message concrete. */
export interface ErrorContext extends BaseErrorContext {
  call: HyperCall
  quantity?: number
  productId?: string
  orderId?: string
  /** Labels of the product's required inputs by ProductRequireID, for REQUIRE_DATA_* messages. */
  fieldLabels?: Readonly<Record<string, string>>
}

interface Row {
  /** The HTTP status this code comes with. */
  http: number
  code: ErrorCode
  retryable: boolean
  message: (ctx: ErrorContext, upstreamMessage: string, item: FailedItem | undefined) => string
}

export const MAX_PER_ORDER = 50

const NOTHING_BOUGHT = 'Nothing was bought.'

function ourBug(what: string): Row['message'] {
  return (ctx, upstream) => `${LABEL} refused the request: ${what}. ${BUG}${echo(ctx, upstream)}`
}

/** The upstream's own words, for a bug report: trimmed, single-line, with every secret blanked out. */
function echo(ctx: ErrorContext, upstream: string): string {
  return echoUpstream(LABEL, ctx, upstream)
}

function product(ctx: ErrorContext, item?: FailedItem): string {
  const id = item?.CustomerStoreProductID ?? ctx.productId
  return id === undefined || id === null ? 'this product' : `product ${id}`
}

function order(ctx: ErrorContext): string {
  return ctx.orderId === undefined ? 'this order' : `order ${ctx.orderId}`
}

/** The label of the input an item complains about, as the catalog shows it. */
function field(ctx: ErrorContext, item: FailedItem | undefined): string | null {
  const id = item?.ProductRequireID
  if (id === undefined || id === null) return null
  const label = ctx.fieldLabels?.[id]
  return label === undefined ? null : label
}

/** "Insufficient balance. Required: 214.50 TRY, Available: 100.00 TRY." → the amounts as the upstream wrote them. */
export function parseBalanceShortfall(message: string): { required: string; available: string } | null {
  const required = /Required:\s*(\d+(?:[.,]\d+)?\s*[A-Z]{0,4})/i.exec(message)?.[1]?.trim()
  const available = /Available:\s*(-?\d+(?:[.,]\d+)?\s*[A-Z]{0,4})/i.exec(message)?.[1]?.trim()
  return required !== undefined && available !== undefined ? { required, available } : null
}

const TOKEN_REFUSED: Row['message'] = () =>
  `${LABEL} refused ResellerDesk's login token even right after logging in again. ` +
  `Check in the ${LABEL} panel that this account may use the reseller API, or contact the platform owner.`

const TABLE = {
  VALIDATION_ERROR: { http: 400, code: 'BAD_REQUEST', retryable: false, message: ourBug('it was not in the form it expects') },
  REGION_NOT_SUPPORTED: { http: 400, code: 'BAD_REQUEST', retryable: false, message: ourBug('the region code (h-region-code) was not accepted') },
  INVALID_DELIVER_ID: { http: 400, code: 'BAD_REQUEST', retryable: false, message: ourBug('the order reference (DeliverID) was not accepted') },
  METHOD_NOT_ALLOWED: { http: 405, code: 'BAD_REQUEST', retryable: false, message: ourBug('it used the wrong HTTP method') },
  NOT_FOUND: {
    http: 404,
    code: 'NOT_FOUND',
    retryable: false,
    message: () => `${LABEL} does not know this address. Check the account's web address: every reseller has its own ${LABEL} host.`
  },
  INVALID_CREDENTIALS: {
    http: 401,
    code: 'AUTH_INVALID',
    retryable: false,
    message: () =>
      `${LABEL} did not accept the e-mail address and password of this account. Check them in the account settings (the password may have been changed).`
  },
  UNAUTHORIZED: { http: 401, code: 'AUTH_INVALID', retryable: false, message: TOKEN_REFUSED },
  TOKEN_EXPIRED: { http: 401, code: 'AUTH_INVALID', retryable: false, message: TOKEN_REFUSED },
  TOKEN_INVALID: { http: 401, code: 'AUTH_INVALID', retryable: false, message: TOKEN_REFUSED },
  ACCOUNT_DISABLED: {
    http: 403,
    code: 'FORBIDDEN',
    retryable: false,
    message: () => `${LABEL} has disabled this reseller account. Contact the platform owner.`
  },
  FORBIDDEN: {
    http: 403,
    code: 'FORBIDDEN',
    retryable: false,
    message: (c, u) => `${LABEL} refused access for this account.${echo(c, u)} Check the account with the platform owner.`
  },
  BASKET_INVALID: {
    http: 400,
    code: 'UPSTREAM_FAILED',
    retryable: false,
    message: (c, u) => `${LABEL} refused the order. ${NOTHING_BOUGHT}${echo(c, u)}`
  },
  INSUFFICIENT_BALANCE: {
    http: 400,
    code: 'INSUFFICIENT_BALANCE',
    retryable: false,
    message: (_c, upstream) => {
      const shortfall = parseBalanceShortfall(upstream)
      const what = shortfall
        ? `this order needs ${shortfall.required} but only ${shortfall.available} is available`
        : 'the balance does not cover this order'
      return `Not enough balance at ${LABEL}: ${what}. ${NOTHING_BOUGHT} Top up your ${LABEL} balance and try again.`
    }
  },
  PRODUCT_NOT_FOUND: {
    http: 404,
    code: 'PRODUCT_NOT_FOUND',
    retryable: false,
    message: (c, _u, item) => `${LABEL} no longer sells ${product(c, item)}. Refresh the catalog and choose the product again.`
  },
  PRODUCT_INACTIVE: {
    http: 400,
    code: 'OUT_OF_STOCK',
    retryable: false,
    message: (c, _u, item) => `${LABEL} has taken ${product(c, item)} off sale for now. ${NOTHING_BOUGHT} Try again later, or choose another product.`
  },
  OUT_OF_STOCK: {
    http: 400,
    code: 'OUT_OF_STOCK',
    retryable: false,
    message: (c) =>
      `${LABEL} does not have enough stock${c.quantity === undefined ? '' : ` for ${c.quantity} codes`} of this product right now. ` +
      `${NOTHING_BOUGHT} Try a smaller quantity, or try again later.`
  },
  INVALID_QUANTITY: {
    http: 400,
    code: 'INVALID_QUANTITY',
    retryable: false,
    message: (c) =>
      `${LABEL} refused the quantity${c.quantity === undefined ? '' : ` ${c.quantity}`} for this product. ${NOTHING_BOUGHT} ` +
      `It sells 1 to ${MAX_PER_ORDER} codes per order.`
  },
  REQUIRE_DATA_MISSING: {
    http: 400,
    code: 'VALIDATION',
    retryable: false,
    message: (c, _u, item) => {
      const label = field(c, item)
      return label === null
        ? `${LABEL} needs more details for this product (such as a player ID). ${NOTHING_BOUGHT} Refresh the catalog, fill in every field and try again.`
        : `${LABEL} needs “${label}” for this product. ${NOTHING_BOUGHT} Fill it in and try again.`
    }
  },
  REQUIRE_DATA_INVALID: {
    http: 400,
    code: 'VALIDATION',
    retryable: false,
    message: (c, _u, item) => {
      const label = field(c, item)
      return label === null
        ? `${LABEL} did not accept the details given for this product (such as a player ID). ${NOTHING_BOUGHT} Check them and try again.`
        : `${LABEL} did not accept “${label}” for this product. ${NOTHING_BOUGHT} Check it and try again.`
    }
  },
  DUPLICATE_DELIVER_ID: {
    http: 409,
    code: 'DUPLICATE_REFERENCE',
    retryable: false,
    message: () =>
      `${LABEL} already has an order with ResellerDesk's reference for this order, so it was not bought a second time. ` +
      'ResellerDesk will look it up by its reference and follow that order instead.'
  },
  ORDER_NOT_FOUND: {
    http: 404,
    code: 'ORDER_NOT_FOUND',
    retryable: false,
    message: (c) => `${LABEL} has no ${c.orderId === undefined ? 'such order' : `order ${c.orderId}`} on this account. Check that it was placed with this account.`
  },
  ORDER_NOT_CANCELLABLE: {
    http: 400,
    code: 'NOT_CANCELLABLE',
    retryable: false,
    message: (c) => `${LABEL} can no longer cancel ${order(c)}: it has already been delivered or closed.`
  },
  ORDER_ALREADY_CANCELLED: {
    http: 400,
    code: 'NOT_CANCELLABLE',
    retryable: false,
    message: (c) => `${c.orderId === undefined ? 'This order' : `Order ${c.orderId}`} is already cancelled at ${LABEL}.`
  },
  CATEGORY_NOT_FOUND: {
    http: 404,
    code: 'NOT_FOUND',
    retryable: false,
    message: () => `${LABEL} removed a category while the catalog was being read. Refresh the catalog again.`
  },
  RATE_LIMITED: {
    http: 429,
    code: 'RATE_LIMITED',
    retryable: true,
    message: (c) => `${LABEL} is limiting how fast requests may be sent. ResellerDesk will wait ${seconds(c.retryAfterMs ?? RATE_LIMIT_WAIT_MS)} and try again.`
  },
  INTERNAL_ERROR: {
    http: 500,
    code: 'UPSTREAM_FAILED',
    retryable: true,
    message: (c) =>
      c.call === 'order_create'
        ? `${LABEL} had an internal error while creating the order. It may or may not have been placed: ` +
          `ResellerDesk will look it up at ${LABEL} by its reference before buying again.`
        : `${LABEL} had an internal error. Try again in a few minutes.`
  },
  UPSTREAM_UNAVAILABLE: {
    http: 502,
    code: 'UPSTREAM_UNAVAILABLE',
    retryable: true,
    message: () => `${LABEL}'s own supplier is temporarily unavailable. Try again in a few minutes.`
  },
  SERVICE_UNAVAILABLE: {
    http: 503,
    code: 'UPSTREAM_UNAVAILABLE',
    retryable: true,
    message: () => `${LABEL} is temporarily unavailable. Try again in a few minutes.`
  }
} satisfies Record<string, Row>

export type HyperErrorCode = keyof typeof TABLE

/** The codes the adapter knows, for tests and documentation. */
export const KNOWN_ERROR_CODES: readonly HyperErrorCode[] = Object.keys(TABLE) as HyperErrorCode[]

/** 401 codes that mean "log in again": the adapter renews the token once and repeats the request. */
export const TOKEN_ERROR_CODES: ReadonlySet<string> = new Set(['UNAUTHORIZED', 'TOKEN_EXPIRED', 'TOKEN_INVALID'])

/** The row of an upstream code; own keys only, so "toString" or "__proto__" from a reply finds nothing. */
function listedRow(upstreamCode: string | undefined): Row | undefined {
  return upstreamCode !== undefined && Object.hasOwn(TABLE, upstreamCode) ? (TABLE as Record<string, Row>)[upstreamCode] : undefined
}

const ORDER_MAY_EXIST = `The order may have been placed: ResellerDesk will look it up at ${LABEL} by its reference before buying again.`

const { placementFor, withOrderNote, ...tail } = orderErrors<ErrorContext>({
  label: LABEL,
  createCall: 'order_create',
  orderMayExist: ORDER_MAY_EXIST,
  alreadyNoted: ['look it up'],
  rateLimited: (ctx) => TABLE.RATE_LIMITED.message(ctx)
})

/** Fallback for codes the table does not list: go by the HTTP status. */
function unlistedRow(httpStatus: number, ctx: ErrorContext): Row {
  if (httpStatus === 401) return ctx.call === 'login' ? TABLE.INVALID_CREDENTIALS : TABLE.TOKEN_INVALID
  if (httpStatus === 404) {
    return { http: 404, code: 'NOT_FOUND', retryable: false, message: (c, u) => `${LABEL} could not find what was asked for.${echo(c, u)}` }
  }
  if (httpStatus === 429) return TABLE.RATE_LIMITED
  if (httpStatus >= 500) return { ...TABLE.SERVICE_UNAVAILABLE, http: httpStatus }
  if (httpStatus === 403) return TABLE.FORBIDDEN
  if (httpStatus >= 400) {
    return { http: httpStatus, code: 'UPSTREAM_FAILED', retryable: false, message: (c, u) => `${LABEL} refused the request (HTTP ${httpStatus}).${echo(c, u)}` }
  }
  return { http: httpStatus, code: 'UPSTREAM_FAILED', retryable: false, message: (c, u) => `${LABEL} reported an error.${echo(c, u)}` }
}

/** The failing line a refused basket names: ours by DeliverID, else the first. */
export function failedItem(items: readonly FailedItem[] | null | undefined, deliverId: string | undefined): FailedItem | undefined {
  if (!items || items.length === 0) return undefined
  return items.find((i) => deliverId !== undefined && i.DeliverID === deliverId) ?? items[0]
}

export interface EnvelopeError {
  errorCode: string | undefined
  message: string
  item: FailedItem | undefined
}

/** `{success:false, message, errorCode, items?}` → UpstreamError. A refused basket is explained by its failing line. */
export function errorFromEnvelope(httpStatus: number, env: EnvelopeError, ctx: ErrorContext): UpstreamError {
  const topRow = listedRow(env.errorCode)
  const itemCode = env.item?.errorCode ?? undefined
  const itemRow = listedRow(itemCode)
  // The line's own reason is the useful one; the basket-level code only says "a line failed". A 401 from the login
  // itself is about the e-mail and password, whatever code it carries.
  const row = ctx.call === 'login' && httpStatus === 401 ? TABLE.INVALID_CREDENTIALS : (itemRow ?? topRow ?? unlistedRow(httpStatus, ctx))
  const upstreamCode = itemRow ? itemCode : env.errorCode
  const upstreamMessage = (itemRow ? env.item?.message : undefined) ?? env.message
  // The basket-level code decides what the status means; an item code is always a refusal of that basket.
  const documentedHttp = topRow?.http ?? itemRow?.http
  let placement = createOrderPlacement(httpStatus, documentedHttp)
  // An order with our reference exists: certainly placed, so the engine must look it up, never fail or resend it.
  if (row.code === 'DUPLICATE_REFERENCE') placement = 'unknown'
  const retryable = row.retryable || httpStatus >= 500
  return new UpstreamError(row.code, withOrderNote(ctx, placement, row.message(ctx, upstreamMessage, env.item)), {
    httpStatus,
    ...(upstreamCode === undefined ? {} : { upstreamCode }),
    retryable,
    ...retryAfterFor(row.code, retryable, ctx),
    ...placementFor(ctx, placement)
  })
}

/** Unreadable and malformed replies, and transport failures (see ../upstream-errors). */
export const { errorFromUnreadableReply, malformedReply, explainTransportError, transportFailure } = tail
