// DigetalHube's error table (seed 000, "All Error Codes") → our ErrorCodes, with messages a shop assistant can act
// on, and the rule that decides whether a failed create_order can have placed an order.
// Messages never quote codes or the key: upstream text is only echoed for our own bugs, with the key blanked out.
import { UpstreamError, type ErrorCode, type Placement } from '../../errors'

export const LABEL = 'DigetalHube'

export type DigetalHubeCall = 'balance' | 'products' | 'create_order' | 'order_status' | 'my_orders'

/** What the adapter knows about the request, to make the message concrete. */
export interface ErrorContext {
  call: DigetalHubeCall
  quantity?: number
  productId?: string
  orderId?: string
  /** Strings that must never appear in a message (the API key). */
  secrets: readonly string[]
  /** Retry-After of the reply, already in ms. */
  retryAfterMs?: number
}

interface Row {
  /** The HTTP status the seed documents for this code. */
  http: number
  code: ErrorCode
  retryable: boolean
  message: (ctx: ErrorContext, upstreamMessage: string) => string
}

const RATE_LIMIT_WAIT_MS = 10_000
const UNAVAILABLE_WAIT_MS = 30_000
const MAX_ECHOED_CHARS = 200

const BUG = 'This is a problem in ResellerDesk, not something you did; please report it.'

function ourBug(what: string): Row['message'] {
  return (ctx, upstream) => `${LABEL} refused the request: ${what}. ${BUG}${echo(ctx, upstream)}`
}

/** The upstream's own words, for a bug report: trimmed, single-line, with every secret blanked out. */
function echo(ctx: ErrorContext, upstream: string): string {
  let text = upstream.replace(/\s+/g, ' ').trim()
  for (const secret of ctx.secrets) if (secret !== '') text = text.split(secret).join('[hidden]')
  if (text === '') return ''
  if (text.length > MAX_ECHOED_CHARS) text = `${text.slice(0, MAX_ECHOED_CHARS)}…`
  return ` (${LABEL} said: “${text}”)`
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000))
  return s === 1 ? '1 second' : `${s} seconds`
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

/**
 * Whether a failed create_order can have placed an order. Only a refusal spelled out by the API (an error envelope
 * with a 4xx status) proves nothing was created; 5xx of any kind, garbled replies and broken connections do not.
 */
export function createOrderPlacement(httpStatus: number, documentedHttp: number | undefined): Placement {
  const refusedStatus = httpStatus >= 400 && httpStatus < 500
  // A PHP API may send its envelope with 200: then trust the status the seed documents for the code.
  const refusedCode = documentedHttp !== undefined && documentedHttp >= 400 && documentedHttp < 500
  if (refusedStatus) return documentedHttp === undefined || refusedCode ? 'not_placed' : 'unknown'
  if (httpStatus >= 200 && httpStatus < 300) return refusedCode ? 'not_placed' : 'unknown'
  return 'unknown'
}

function placementFor(ctx: ErrorContext, placement: Placement): { placement?: Placement } {
  // Only create_order's placement means anything to the engine; other calls keep the default.
  return ctx.call === 'create_order' ? { placement } : {}
}

function withOrderNote(ctx: ErrorContext, placement: Placement, message: string): string {
  return ctx.call === 'create_order' && placement === 'unknown' && !message.includes('may have been placed') &&
    !message.includes('may or may not have been placed')
    ? `${message} ${ORDER_MAY_EXIST}`
    : message
}

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
  const retryAfterMs =
    row.code === 'RATE_LIMITED' ? (ctx.retryAfterMs ?? RATE_LIMIT_WAIT_MS) : retryable ? (ctx.retryAfterMs ?? UNAVAILABLE_WAIT_MS) : undefined
  return new UpstreamError(row.code, withOrderNote(ctx, placement, row.message(ctx, upstreamMessage)), {
    httpStatus,
    upstreamCode,
    retryable,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...placementFor(ctx, placement)
  })
}

/**
 * A reply that is not DigetalHube's JSON envelope (a proxy's HTML page, an empty body, a reply of the wrong shape).
 * 429 and 5xx are still told apart: those are passing troubles, the rest means we cannot read the API any more.
 */
export function errorFromUnreadableReply(httpStatus: number, detail: string, ctx: ErrorContext): UpstreamError {
  if (httpStatus === 429) {
    const retryAfterMs = ctx.retryAfterMs ?? RATE_LIMIT_WAIT_MS
    return new UpstreamError('RATE_LIMITED', withOrderNote(ctx, 'unknown', TABLE.RATE_LIMITED.message(ctx)), {
      httpStatus,
      retryable: true,
      retryAfterMs,
      ...placementFor(ctx, 'unknown')
    })
  }
  if (httpStatus >= 500) {
    return new UpstreamError(
      'UPSTREAM_UNAVAILABLE',
      withOrderNote(ctx, 'unknown', `${LABEL} is temporarily unavailable (HTTP ${httpStatus}). Try again in a few minutes.`),
      { httpStatus, retryable: true, retryAfterMs: ctx.retryAfterMs ?? UNAVAILABLE_WAIT_MS, ...placementFor(ctx, 'unknown') }
    )
  }
  return malformedReply(httpStatus, detail, ctx)
}

/** A reply we cannot understand. `detail` names what was wrong, never a value from the reply. */
export function malformedReply(httpStatus: number | undefined, detail: string, ctx: ErrorContext): UpstreamError {
  const message =
    `${LABEL} sent a reply ResellerDesk could not read (${detail}). ` +
    `If this keeps happening, ${LABEL} may have changed its API or the account's web address may be wrong.`
  return new UpstreamError('MALFORMED_REPLY', withOrderNote(ctx, 'unknown', message), {
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...placementFor(ctx, 'unknown')
  })
}

/** An error from the transport (timeout, dropped connection) seen during create_order gets the reconcile note. */
export function explainTransportError(err: UpstreamError, ctx: ErrorContext): UpstreamError {
  const message = withOrderNote(ctx, err.placement, err.message)
  if (message === err.message) return err
  return new UpstreamError(err.code, message, {
    ...(err.httpStatus === undefined ? {} : { httpStatus: err.httpStatus }),
    ...(err.upstreamCode === undefined ? {} : { upstreamCode: err.upstreamCode }),
    ...(err.retryAfterMs === undefined ? {} : { retryAfterMs: err.retryAfterMs }),
    placement: err.placement,
    retryable: err.retryable,
    cause: err.cause
  })
}
