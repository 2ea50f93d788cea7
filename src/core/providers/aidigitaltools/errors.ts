// AI Digital Tools' HTTP error codes (seed 001, "Error codes") → our ErrorCodes, with messages a shop assistant can
// act on, and the rule that decides whether a failed create can have placed an order. The API has no error codes of
// its own, only a status and (assumed) `{error: "<message>"}`, so the status and the call decide together.
// Messages never quote codes or the key: upstream text is only echoed with the key blanked out, trimmed.
import { UpstreamError, type ErrorCode, type Placement } from '../../errors'
import { BUG, echoUpstream, orderErrors, RATE_LIMIT_WAIT_MS, retryAfterFor, seconds, type BaseErrorContext } from '../upstream-errors'

export const LABEL = 'AI Digital Tools'

export type AiDigitalToolsCall = 'health' | 'balance' | 'products' | 'product' | 'create_order' | 'order' | 'cancel_order'

/** What the adapter knows about the request, to make the message concrete. */
export interface ErrorContext extends BaseErrorContext {
  call: AiDigitalToolsCall
  quantity?: number
  productId?: string
  orderId?: string
}

interface Mapped {
  code: ErrorCode
  retryable: boolean
  message: string
}

const NOTHING_BOUGHT = 'Nothing was bought.'
/** No order list to search: after an unanswered create the engine can only ask a person. */
const ORDER_MAY_EXIST =
  `The order may have been placed. ${LABEL} offers no order list to check it against, so ResellerDesk puts it aside ` +
  `for review: look for it in your ${LABEL} order history before buying again.`

/** The upstream's own words: trimmed, single-line, with every secret blanked out; '' when there are none. */
export function echo(ctx: ErrorContext, upstream: string): string {
  return echoUpstream(LABEL, ctx, upstream)
}

function product(ctx: ErrorContext): string {
  return ctx.productId === undefined ? 'this product' : `product ${ctx.productId}`
}

function order(ctx: ErrorContext): string {
  return ctx.orderId === undefined ? 'this order' : `order ${ctx.orderId}`
}

const WRONG_ADDRESS =
  `Check the account's web address: it should be the ${LABEL} site itself (such as https://aidigitaltools.lovable.app), ` +
  'without /api/public/v1.'

function badRequest(ctx: ErrorContext, upstream: string): Mapped {
  if (ctx.call === 'create_order') {
    if (/quantit/i.test(upstream)) {
      return {
        code: 'INVALID_QUANTITY',
        retryable: false,
        message: `${LABEL} refused the quantity${ctx.quantity === undefined ? '' : ` ${ctx.quantity}`}${echo(ctx, upstream)}. Try a smaller quantity. ${NOTHING_BOUGHT}`
      }
    }
    return {
      code: 'BAD_REQUEST',
      retryable: false,
      message:
        `${LABEL} refused the order details${echo(ctx, upstream)}. Check the product's extra fields in the basket ` +
        `(such as a player ID or an e-mail address) and try again. ${NOTHING_BOUGHT}`
    }
  }
  if (ctx.call === 'cancel_order') return notCancellable(ctx, upstream)
  return { code: 'BAD_REQUEST', retryable: false, message: `${LABEL} refused the request as malformed. ${BUG}${echo(ctx, upstream)}` }
}

function notCancellable(ctx: ErrorContext, upstream: string): Mapped {
  return {
    code: 'NOT_CANCELLABLE',
    retryable: false,
    message:
      `${LABEL} would not cancel ${order(ctx)}${echo(ctx, upstream)}. Only orders not yet delivered, cancelled or refunded ` +
      'can be cancelled, so nothing was refunded. If it was delivered, its codes arrive with the next status check.'
  }
}

function notFound(ctx: ErrorContext, upstream: string): Mapped {
  if (/route/i.test(upstream) || !['product', 'create_order', 'order', 'cancel_order'].includes(ctx.call)) {
    return { code: 'NOT_FOUND', retryable: false, message: `${LABEL} does not know the address ResellerDesk called. ${WRONG_ADDRESS}` }
  }
  if (ctx.call === 'product' || ctx.call === 'create_order') {
    return {
      code: 'PRODUCT_NOT_FOUND',
      retryable: false,
      message: `${LABEL} no longer has ${product(ctx)}.${ctx.call === 'create_order' ? ` ${NOTHING_BOUGHT}` : ''} Refresh the catalog and choose the product again.`
    }
  }
  return {
    code: 'ORDER_NOT_FOUND',
    retryable: false,
    message: `${LABEL} has no ${order(ctx)} on this account. Check that the order was placed with this account's API key.`
  }
}

/** The status (with the call it answered) → code and message. */
function mapStatus(httpStatus: number, upstream: string, ctx: ErrorContext): Mapped {
  switch (httpStatus) {
    case 400:
      return badRequest(ctx, upstream)
    case 401:
      return /missing|required|no api key|not provided/i.test(upstream)
        ? {
            code: 'AUTH_MISSING',
            retryable: false,
            message: `${LABEL} did not receive an API key. Check that the account settings have a key; if they do, a proxy or firewall may be removing it.`
          }
        : {
            code: 'AUTH_INVALID',
            retryable: false,
            message: `${LABEL} did not accept the API key. Check the key in the account settings (it may have been reissued).`
          }
    case 402:
      return {
        code: 'INSUFFICIENT_BALANCE',
        retryable: false,
        message: `Not enough balance in the ${LABEL} wallet for this order${echo(ctx, upstream)}. Top up your ${LABEL} wallet and try again. ${NOTHING_BOUGHT}`
      }
    case 403:
      return {
        code: 'FORBIDDEN',
        retryable: false,
        message: `${LABEL} has revoked this API key. Ask the ${LABEL} admin to issue a new key and enter it in the account settings.`
      }
    case 404:
      return notFound(ctx, upstream)
    case 409:
      if (ctx.call === 'cancel_order') return notCancellable(ctx, upstream)
      if (ctx.call === 'create_order') {
        return {
          code: 'OUT_OF_STOCK',
          retryable: false,
          message:
            `${LABEL} does not have enough stock${ctx.quantity === undefined ? '' : ` for ${ctx.quantity}`} of ${product(ctx)} right now. ` +
            `${NOTHING_BOUGHT} Try a smaller quantity, or try again later.`
        }
      }
      return { code: 'CONFLICT', retryable: false, message: `${LABEL} refused the request (HTTP 409)${echo(ctx, upstream)}.` }
    case 429:
      return {
        code: 'RATE_LIMITED',
        retryable: true,
        message: `${LABEL} is limiting how fast requests may be sent. ResellerDesk will wait ${seconds(ctx.retryAfterMs ?? RATE_LIMIT_WAIT_MS)} and try again.`
      }
  }
  if (httpStatus >= 500) {
    return {
      code: 'UPSTREAM_UNAVAILABLE',
      retryable: true,
      message: `${LABEL} is temporarily unavailable (HTTP ${httpStatus}). Try again in a few minutes.`
    }
  }
  return { code: 'UPSTREAM_FAILED', retryable: false, message: `${LABEL} refused the request (HTTP ${httpStatus})${echo(ctx, upstream)}.` }
}

/**
 * Whether a failed create can have placed an order: only a readable refusal with a 4xx status proves nothing was
 * created; 5xx, garbled replies and broken connections do not.
 */
export function createPlacement(httpStatus: number, readable: boolean): Placement {
  return readable && httpStatus >= 400 && httpStatus < 500 ? 'not_placed' : 'unknown'
}

const { placementFor, withOrderNote, ...tail } = orderErrors<ErrorContext>({
  label: LABEL,
  createCall: 'create_order',
  orderMayExist: ORDER_MAY_EXIST,
  alreadyNoted: ['may have been placed'],
  rateLimited: (ctx) => mapStatus(429, '', ctx).message,
  malformedAdvice: `If this keeps happening, ${LABEL} may have changed its API, or the account's web address may be wrong.`
})

/** A readable error body (`{error: "…"}`) with a status ≥ 400 → UpstreamError. */
export function errorFromBody(httpStatus: number, upstreamMessage: string, ctx: ErrorContext, upstreamCode?: string): UpstreamError {
  const mapped = mapStatus(httpStatus, upstreamMessage, ctx)
  const placement = createPlacement(httpStatus, true)
  return new UpstreamError(mapped.code, withOrderNote(ctx, placement, mapped.message), {
    httpStatus,
    ...(upstreamCode === undefined ? {} : { upstreamCode }),
    retryable: mapped.retryable,
    ...retryAfterFor(mapped.code, mapped.retryable, ctx),
    ...placementFor(ctx, placement)
  })
}

/** An error body sent with a 2xx status: the API contradicts itself, so on a create nothing is proven. */
export function errorInSuccessReply(httpStatus: number, upstreamMessage: string, ctx: ErrorContext): UpstreamError {
  return new UpstreamError(
    'UPSTREAM_FAILED',
    withOrderNote(ctx, 'unknown', `${LABEL} answered with an error${echo(ctx, upstreamMessage)}.`),
    { httpStatus, ...placementFor(ctx, 'unknown') }
  )
}

/** Unreadable and malformed replies, and transport failures (see ../upstream-errors). */
export const { errorFromUnreadableReply, malformedReply, explainTransportError, transportFailure } = tail
