// OneClickDz's error envelope (codes from its "Error Handling" docs, plus the few we had to name ourselves) → our
// ErrorCodes, with messages a shop assistant can act on, and the rule that decides whether a failed placeOrder can
// have created an order. Messages never quote cards or the key: upstream text is echoed only where it helps, with
// the key blanked out.
import { UpstreamError, type ErrorCode, type Placement } from '../../errors'
import { BUG, createOrderPlacement, echoUpstream, orderErrors, RATE_LIMIT_WAIT_MS, retryAfterFor, seconds, type BaseErrorContext } from '../upstream-errors'

export const LABEL = 'OneClickDz'

export type OneClickDzCall = 'validate' | 'balance' | 'catalog' | 'checkProduct' | 'placeOrder' | 'checkOrder' | 'list'

/** What the adapter knows about the request, to make the message concrete. */
export interface ErrorContext extends BaseErrorContext {
  call: OneClickDzCall
  quantity?: number
  productId?: string
  typeId?: string
  orderId?: string
}

interface Row {
  /** The HTTP status OneClickDz sends with this code. */
  http: number
  code: ErrorCode
  retryable: boolean
  message: (ctx: ErrorContext, upstreamMessage: string) => string
  /** Overrides the placement rule below (DUPLICATED_REF: the order exists). */
  placement?: Placement
}

/** The upstream's own words, trimmed, single-line, with every secret blanked out. */
function echo(ctx: ErrorContext, upstream: string): string {
  return echoUpstream(LABEL, ctx, upstream)
}

function productName(ctx: ErrorContext): string {
  return ctx.productId === undefined ? 'this product' : `product ${ctx.productId}${ctx.typeId === undefined ? '' : ` (type ${ctx.typeId})`}`
}

const invalidKey: Row = {
  http: 401,
  code: 'AUTH_INVALID',
  retryable: false,
  message: () =>
    `${LABEL} rejected the API key (it may be wrong, expired or revoked). Check the key in the account settings, ` +
    `or generate a new one in the ${LABEL} dashboard (Settings → API).`
}

const notEnoughBalance: Row = {
  http: 403,
  code: 'INSUFFICIENT_BALANCE',
  retryable: false,
  message: () => `Not enough balance at ${LABEL} for this order. Nothing was bought. Top up your ${LABEL} balance and try again.`
}

const productGone: Row = {
  http: 404,
  code: 'PRODUCT_NOT_FOUND',
  retryable: false,
  message: (ctx) => `${LABEL} no longer sells ${productName(ctx)}. Refresh the catalog and choose the card again.`
}

const orderGone: Row = {
  http: 404,
  code: 'ORDER_NOT_FOUND',
  retryable: false,
  message: (ctx) =>
    `${LABEL} has no ${ctx.orderId === undefined ? 'such order' : `order ${ctx.orderId}`} for this API key. ` +
    "Check that the order was placed with this account's key (sandbox and production keys see different orders)."
}

const rateLimited: Row = {
  http: 429,
  code: 'RATE_LIMITED',
  retryable: true,
  message: (ctx) =>
    `${LABEL} is limiting how fast requests may be sent. ResellerDesk will wait ${seconds(ctx.retryAfterMs ?? RATE_LIMIT_WAIT_MS)} and try again.`
}

const unavailable: Row = {
  http: 503,
  code: 'UPSTREAM_UNAVAILABLE',
  retryable: true,
  message: () => `${LABEL} is temporarily unavailable. Try again in a few minutes.`
}

/** Documented codes ([docs]) and the ones we had to name for the simulator ([assume]); see UPSTREAMS.md §3. */
const TABLE = {
  // [docs] 401
  MISSING_ACCESS_TOKEN: {
    http: 401,
    code: 'AUTH_MISSING',
    retryable: false,
    message: () =>
      `${LABEL} did not receive an API key. Check that the account settings have a key; if they do, a proxy or firewall may be removing the X-Access-Token header.`
  },
  INVALID_ACCESS_TOKEN: invalidKey,
  ERR_AUTH: invalidKey,
  // [docs] 403
  INSUFFICIENT_BALANCE: notEnoughBalance,
  NO_BALANCE: notEnoughBalance,
  IP_BLOCKED: {
    http: 403,
    code: 'FORBIDDEN',
    retryable: false,
    message: () =>
      `${LABEL} refused this computer's IP address: the API key only accepts requests from the IP addresses listed for it. ` +
      `Add this computer's public IP address to the key in the ${LABEL} dashboard (Settings → API), or remove the restriction.`
  },
  // [docs] "This reference ID is already in use": an order with our client reference already exists, so it was placed
  // by an earlier attempt whose answer got lost. Not a refusal: placement 'unknown' makes the engine look it up by
  // reference (findByClientRef) and adopt it instead of buying again.
  DUPLICATED_REF: {
    http: 400,
    code: 'DUPLICATE_REFERENCE',
    retryable: false,
    placement: 'unknown',
    message: () =>
      `${LABEL} already has an order with this reference: an earlier attempt placed it. ` +
      `ResellerDesk will look that order up instead of buying again.`
  },
  // [assume] names of the remaining refusals (the docs list them only as "invalid request", "out of stock", …)
  ERR_VALIDATION: {
    http: 400,
    code: 'BAD_REQUEST',
    retryable: false,
    message: (ctx, upstream) => `${LABEL} refused the request as invalid.${echo(ctx, upstream)} ${BUG}`
  },
  OUT_OF_STOCK: {
    http: 400,
    code: 'OUT_OF_STOCK',
    retryable: false,
    message: (ctx) =>
      `${LABEL} has no stock of ${productName(ctx)} right now. Nothing was bought. Refresh the catalog, choose another denomination, or try again later.`
  },
  INSUFFICIENT_PERMISSIONS: {
    http: 403,
    code: 'FORBIDDEN',
    retryable: false,
    message: (ctx, upstream) =>
      `${LABEL} does not allow this API key to do that (its scope may be read-only).${echo(ctx, upstream)} ` +
      `Use a READ-WRITE key, or change the key's scope in the ${LABEL} dashboard (Settings → API).`
  },
  PRODUCT_NOT_FOUND: productGone,
  TYPE_NOT_FOUND: productGone,
  ORDER_NOT_FOUND: orderGone,
  RATE_LIMIT_EXCEEDED: rateLimited,
  INTERNAL_ERROR: {
    http: 500,
    code: 'UPSTREAM_FAILED',
    retryable: true,
    message: () => `${LABEL} had an internal error. Try again in a few minutes.`
  },
  SERVICE_UNAVAILABLE: unavailable
} satisfies Record<string, Row>

/** The row of an upstream code; own keys only, so "toString" or "__proto__" from a reply finds nothing. */
function listedRow(upstreamCode: string): Row | undefined {
  return Object.hasOwn(TABLE, upstreamCode) ? (TABLE as Record<string, Row>)[upstreamCode] : undefined
}

/** The codes of the table, for tests and documentation. */
export const KNOWN_ERROR_CODES: readonly string[] = Object.keys(TABLE)

/** Codes the docs name ([docs]); the others in the table are our assumption. */
export const DOCUMENTED_ERROR_CODES: readonly string[] = [
  'MISSING_ACCESS_TOKEN',
  'INVALID_ACCESS_TOKEN',
  'ERR_AUTH',
  'INSUFFICIENT_BALANCE',
  'NO_BALANCE',
  'IP_BLOCKED',
  'DUPLICATED_REF'
]

const ORDER_MAY_EXIST = `The order may have been placed: ResellerDesk will check ${LABEL}'s order list before buying again.`

const { placementFor, withOrderNote, ...tail } = orderErrors<ErrorContext>({
  label: LABEL,
  createCall: 'placeOrder',
  orderMayExist: ORDER_MAY_EXIST,
  alreadyNoted: ['may have been placed', 'earlier attempt'],
  rateLimited: (ctx) => rateLimited.message(ctx, '')
})

/** Fallback for codes the table does not list: go by the HTTP status (and, for 404, by what was asked for). */
function unlistedRow(httpStatus: number, ctx: ErrorContext): Row {
  if (httpStatus === 401) return invalidKey
  if (httpStatus === 404) {
    if (ctx.call === 'checkOrder') return orderGone
    if (ctx.call === 'checkProduct' || ctx.call === 'placeOrder') return productGone
    return {
      http: 404,
      code: 'NOT_FOUND',
      retryable: false,
      message: (c, u) =>
        `${LABEL} could not find what was asked for.${echo(c, u)} Check that the account's web address is ${LABEL}'s API address.`
    }
  }
  if (httpStatus === 429) return rateLimited
  if (httpStatus >= 500) return { ...unavailable, http: httpStatus }
  if (httpStatus === 403) {
    return {
      http: 403,
      code: 'FORBIDDEN',
      retryable: false,
      message: (c, u) => `${LABEL} refused access for this API key.${echo(c, u)} Check the key and the account in the ${LABEL} dashboard.`
    }
  }
  if (httpStatus >= 400) {
    return {
      http: httpStatus,
      code: 'UPSTREAM_FAILED',
      retryable: false,
      message: (c, u) => `${LABEL} refused the request (HTTP ${httpStatus}).${echo(c, u)}`
    }
  }
  return { http: httpStatus, code: 'UPSTREAM_FAILED', retryable: false, message: (c, u) => `${LABEL} reported an error.${echo(c, u)}` }
}

/** `{success:false, error:{code, message}}` → UpstreamError. */
export function errorFromEnvelope(httpStatus: number, upstreamCode: string, upstreamMessage: string, ctx: ErrorContext): UpstreamError {
  const listed = listedRow(upstreamCode)
  const row = listed ?? unlistedRow(httpStatus, ctx)
  const placement = row.placement ?? createOrderPlacement(httpStatus, listed?.http)
  // A 5xx status makes even a listed 4xx code a passing trouble worth retrying later.
  const retryable = row.retryable || httpStatus >= 500
  return new UpstreamError(row.code, withOrderNote(ctx, placement, row.message(ctx, upstreamMessage)), {
    httpStatus,
    upstreamCode,
    retryable,
    ...retryAfterFor(row.code, retryable, ctx),
    ...placementFor(ctx, placement)
  })
}

/** Unreadable and malformed replies, and transport failures (see ../upstream-errors). */
export const { errorFromUnreadableReply, malformedReply, explainTransportError, transportFailure } = tail
