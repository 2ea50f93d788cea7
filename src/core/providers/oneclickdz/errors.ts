// OneClickDz's error envelope (codes from its "Error Handling" docs, plus the few we had to name ourselves) → our
// ErrorCodes, with messages a shop assistant can act on, and the rule that decides whether a failed placeOrder can
// have created an order. Messages never quote cards or the key: upstream text is echoed only where it helps, with
// the key blanked out.
import { UpstreamError, type ErrorCode, type Placement } from '../../errors'

export const LABEL = 'OneClickDz'

export type OneClickDzCall = 'validate' | 'balance' | 'catalog' | 'checkProduct' | 'placeOrder' | 'checkOrder' | 'list'

/** What the adapter knows about the request, to make the message concrete. */
export interface ErrorContext {
  call: OneClickDzCall
  quantity?: number
  productId?: string
  typeId?: string
  orderId?: string
  /** Strings that must never appear in a message (the API key). */
  secrets: readonly string[]
  /** Retry-After of the reply, already in ms. */
  retryAfterMs?: number
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

const RATE_LIMIT_WAIT_MS = 10_000
const UNAVAILABLE_WAIT_MS = 30_000
const MAX_ECHOED_CHARS = 200

const BUG = 'This is a problem in ResellerDesk, not something you did; please report it.'

/** The upstream's own words, trimmed, single-line, with every secret blanked out. */
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

/**
 * Whether a failed placeOrder can have created an order. Only a refusal spelled out by the API (an error envelope
 * with a 4xx status) proves nothing was created; 5xx of any kind, garbled replies and broken connections do not.
 */
export function createOrderPlacement(httpStatus: number, documentedHttp: number | undefined): Placement {
  const refusedStatus = httpStatus >= 400 && httpStatus < 500
  // An envelope sent with 200: trust the status the code is known to come with.
  const refusedCode = documentedHttp !== undefined && documentedHttp >= 400 && documentedHttp < 500
  if (refusedStatus) return documentedHttp === undefined || refusedCode ? 'not_placed' : 'unknown'
  if (httpStatus >= 200 && httpStatus < 300) return refusedCode ? 'not_placed' : 'unknown'
  return 'unknown'
}

function placementFor(ctx: ErrorContext, placement: Placement): { placement?: Placement } {
  // Only placeOrder's placement means anything to the engine; other calls keep the default.
  return ctx.call === 'placeOrder' ? { placement } : {}
}

function withOrderNote(ctx: ErrorContext, placement: Placement, message: string): string {
  return ctx.call === 'placeOrder' && placement === 'unknown' && !message.includes('may have been placed') && !message.includes('earlier attempt')
    ? `${message} ${ORDER_MAY_EXIST}`
    : message
}

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
 * A reply that is not OneClickDz's JSON envelope (a proxy's HTML page, an empty body, a reply of the wrong shape).
 * 429 and 5xx are still told apart: those are passing troubles, the rest means we cannot read the API any more.
 */
export function errorFromUnreadableReply(httpStatus: number, detail: string, ctx: ErrorContext): UpstreamError {
  if (httpStatus === 429) {
    return new UpstreamError('RATE_LIMITED', withOrderNote(ctx, 'unknown', rateLimited.message(ctx, '')), {
      httpStatus,
      retryable: true,
      retryAfterMs: ctx.retryAfterMs ?? RATE_LIMIT_WAIT_MS,
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

/** An error from the transport (timeout, dropped connection) seen during placeOrder gets the reconcile note. */
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
