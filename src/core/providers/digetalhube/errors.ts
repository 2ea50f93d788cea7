// DigetalHube's error table (seed 000, "All Error Codes") → our ErrorCodes, with messages a shop assistant can act
// on, and the rule that decides whether a failed create_order can have placed an order.
// Messages never quote codes or the key: upstream text is only echoed for our own bugs, with the key blanked out.
import { UpstreamError, type ErrorCode } from '../../errors'
import { BUG, createOrderPlacement, echoUpstream, orderErrors, RATE_LIMIT_WAIT_MS, retryAfterFor, seconds, type BaseErrorContext } from '../upstream-errors'

export const LABEL = 'DigetalHube'

export type DigetalHubeCall = 'balance' | 'products' | 'create_order' | 'order_status' | 'my_orders'

/** What the adapter knows about the request, to make the message concrete. */
export interface ErrorContext extends BaseErrorContext {
  call: DigetalHubeCall
  quantity?: number
  productId?: string
  orderId?: string
}

interface Row {
  /** The HTTP status the seed documents for this code. */
  http: number
  code: ErrorCode
  retryable: boolean
  message: (ctx: ErrorContext, upstreamMessage: string) => string
}

function ourBug(what: string): Row['message'] {
  return (ctx, upstream) => `${LABEL} refused the request: ${what}. ${BUG}${echo(ctx, upstream)}`
}

/** The upstream's own words, for a bug report: trimmed, single-line, with every secret blanked out. */
function echo(ctx: ErrorContext, upstream: string): string {
  return echoUpstream(LABEL, ctx, upstream)
}

/** "Insufficient balance. Required: $10.50, Available: $5.00. …" → the two amounts as the upstream wrote them. */
export function parseBalanceShortfall(message: string): { required: string; available: string } | null {
  const required = /Required:\s*\$?\s*(\d+(?:\.\d+)?)/i.exec(message)?.[1]
  const available = /Available:\s*\$?\s*(\d+(?:\.\d+)?)/i.exec(message)?.[1]
  return required !== undefined && available !== undefined ? { required, available } : null
}

const TABLE = {
  BAD_REQUEST: { http: 400, code: 'BAD_REQUEST', retryable: false, message: ourBug('it was malformed') },
  MISSING_FIELD: { http: 400, code: 'BAD_REQUEST', retryable: false, message: ourBug('a required field was missing') },
  INVALID_ACTION: { http: 400, code: 'BAD_REQUEST', retryable: false, message: ourBug('the action was not recognised') },
  METHOD_NOT_ALLOWED: { http: 405, code: 'BAD_REQUEST', retryable: false, message: ourBug('it used the wrong HTTP method') },
  INVALID_QUANTITY: {
    http: 400,
    code: 'INVALID_QUANTITY',
    retryable: false,
    message: (ctx) =>
      ctx.quantity === undefined
        ? `${LABEL} refused the quantity: it sells 1 to 10 codes per order.`
        : `${LABEL} sells 1 to 10 codes per order, so an order for ${ctx.quantity} was refused. Nothing was bought.`
  },
  INSUFFICIENT_STOCK: {
    http: 400,
    code: 'OUT_OF_STOCK',
    retryable: false,
    message: (ctx) =>
      `${LABEL} does not have enough stock${ctx.quantity === undefined ? '' : ` for ${ctx.quantity} codes`} of this product right now. ` +
      'Nothing was bought. Try a smaller quantity, or try again later.'
  },
  INSUFFICIENT_BALANCE: {
    http: 400,
    code: 'INSUFFICIENT_BALANCE',
    retryable: false,
    message: (_ctx, upstream) => {
      const shortfall = parseBalanceShortfall(upstream)
      const what = shortfall
        ? `this order needs $${shortfall.required} but only $${shortfall.available} is available`
        : 'the balance does not cover this order'
      return `Not enough balance at ${LABEL}: ${what}. Top up your ${LABEL} balance and try again.`
    }
  },
  UNAUTHORIZED: {
    http: 401,
    code: 'AUTH_MISSING',
    retryable: false,
    message: () =>
      `${LABEL} did not receive an API key. Check that the account settings have a key; if they do, a proxy or firewall may be removing it.`
  },
  INVALID_API_KEY: {
    http: 401,
    code: 'AUTH_INVALID',
    retryable: false,
    message: () => `${LABEL} rejected the API key. Check the key in the account settings (it may have been regenerated).`
  },
  PRODUCT_NOT_FOUND: {
    http: 404,
    code: 'PRODUCT_NOT_FOUND',
    retryable: false,
    message: (ctx) =>
      `${LABEL} no longer has ${ctx.productId === undefined ? 'this product' : `product ${ctx.productId}`}. ` +
      'Refresh the catalog and choose the product again.'
  },
  ORDER_NOT_FOUND: {
    http: 404,
    code: 'ORDER_NOT_FOUND',
    retryable: false,
    message: (ctx) =>
      `${LABEL} has no ${ctx.orderId === undefined ? 'such order' : `order ${ctx.orderId}`} on this account. ` +
      "Check that the order was placed with this account's API key."
  },
  RATE_LIMITED: {
    http: 429,
    code: 'RATE_LIMITED',
    retryable: true,
    message: (ctx) =>
      `${LABEL} is limiting how fast requests may be sent. ResellerDesk will wait ${seconds(ctx.retryAfterMs ?? RATE_LIMIT_WAIT_MS)} and try again.`
  },
  ORDER_CREATION_FAILED: {
    http: 500,
    code: 'UPSTREAM_FAILED',
    // The seed says "Try again"; placement unknown still makes the engine reconcile first.
    retryable: true,
    message: () =>
      `${LABEL} had an internal error while creating the order. It may or may not have been placed: ` +
      `ResellerDesk will check ${LABEL}'s order list before buying again.`
  },
  UPSTREAM_ERROR: {
    http: 502,
    code: 'UPSTREAM_UNAVAILABLE',
    retryable: true,
    message: () => `${LABEL}'s own supplier is temporarily unavailable. Try again in a few minutes.`
  },
  SERVICE_ERROR: {
    http: 503,
    code: 'UPSTREAM_UNAVAILABLE',
    retryable: true,
    message: () => `${LABEL} is temporarily unavailable. Try again in a few minutes.`
  }
} satisfies Record<string, Row>

/** The row of an upstream code; own keys only, so "toString" or "__proto__" from a reply finds nothing. */
function listedRow(upstreamCode: string): Row | undefined {
  return Object.hasOwn(TABLE, upstreamCode) ? (TABLE as Record<string, Row>)[upstreamCode] : undefined
}

/** The codes of the seed's table, for tests and documentation. */
export const DOCUMENTED_ERROR_CODES: readonly string[] = Object.keys(TABLE)

const ORDER_MAY_EXIST = `The order may have been placed: ResellerDesk will check ${LABEL}'s order list before buying again.`

const { placementFor, withOrderNote, ...tail } = orderErrors<ErrorContext>({
  label: LABEL,
  createCall: 'create_order',
  orderMayExist: ORDER_MAY_EXIST,
  alreadyNoted: ['may have been placed', 'may or may not have been placed'],
  rateLimited: (ctx) => TABLE.RATE_LIMITED.message(ctx)
})

/** Fallback for codes the seed does not list: go by the HTTP status. */
function unlistedRow(httpStatus: number): Row {
  if (httpStatus === 401) return TABLE.INVALID_API_KEY
  if (httpStatus === 404) {
    return { http: 404, code: 'NOT_FOUND', retryable: false, message: (c, u) => `${LABEL} could not find what was asked for.${echo(c, u)}` }
  }
  if (httpStatus === 429) return TABLE.RATE_LIMITED
  if (httpStatus >= 500) return { ...TABLE.SERVICE_ERROR, http: httpStatus }
  if (httpStatus === 403) {
    return {
      http: 403,
      code: 'FORBIDDEN',
      retryable: false,
      message: (c, u) => `${LABEL} refused access for this account.${echo(c, u)} Check the account in the ${LABEL} dashboard.`
    }
  }
  if (httpStatus >= 400) {
    return { http: httpStatus, code: 'UPSTREAM_FAILED', retryable: false, message: (c, u) => `${LABEL} refused the request (HTTP ${httpStatus}).${echo(c, u)}` }
  }
  return { http: httpStatus, code: 'UPSTREAM_FAILED', retryable: false, message: (c, u) => `${LABEL} reported an error.${echo(c, u)}` }
}

/** `{success:false, error:{code, message}}` → UpstreamError. */
export function errorFromEnvelope(
  httpStatus: number,
  upstreamCode: string,
  upstreamMessage: string,
  ctx: ErrorContext
): UpstreamError {
  const listed = listedRow(upstreamCode)
  const row = listed ?? unlistedRow(httpStatus)
  const placement = createOrderPlacement(httpStatus, listed?.http)
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
