// The parts of an upstream's error explanations that do not depend on the upstream: echoing its words with the
// secrets blanked out, and the tail every order-placing adapter shares (unreadable and malformed replies, transport
// failures, the "the order may have been placed" note on a create that ended in doubt), parameterised by its label.
import { UpstreamError, type ErrorCode, type Placement } from '../errors'

export const RATE_LIMIT_WAIT_MS = 10_000
export const UNAVAILABLE_WAIT_MS = 30_000
const MAX_ECHOED_CHARS = 200

export const BUG = 'This is a problem in ResellerDesk, not something you did; please report it.'

/** What every adapter's error context carries. */
export interface BaseErrorContext {
  call: string
  /** Strings that must never appear in a message (the API key, a password or token). */
  secrets: readonly string[]
  /** Retry-After of the reply, already in ms. */
  retryAfterMs?: number
}

/** The upstream's own words: trimmed, single-line, with every secret blanked out; '' when there are none. */
export function echoUpstream(label: string, ctx: BaseErrorContext, upstream: string): string {
  let text = upstream.replace(/\s+/g, ' ').trim()
  for (const secret of ctx.secrets) if (secret !== '') text = text.split(secret).join('[hidden]')
  if (text === '') return ''
  if (text.length > MAX_ECHOED_CHARS) text = `${text.slice(0, MAX_ECHOED_CHARS)}…`
  return ` (${label} said: “${text}”)`
}

export function seconds(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000))
  return s === 1 ? '1 second' : `${s} seconds`
}

/**
 * Whether a failed create can have placed an order, for an error envelope sent with `httpStatus` carrying a code
 * documented to come with `documentedHttp`. Only a refusal spelled out by the API (an error envelope with a 4xx
 * status) proves nothing was created; 5xx of any kind, garbled replies and broken connections do not. An envelope
 * sent with a 2xx status: trust the status the code is documented to come with.
 */
export function createOrderPlacement(httpStatus: number, documentedHttp: number | undefined): Placement {
  const refusedStatus = httpStatus >= 400 && httpStatus < 500
  const refusedCode = documentedHttp !== undefined && documentedHttp >= 400 && documentedHttp < 500
  if (refusedStatus) return documentedHttp === undefined || refusedCode ? 'not_placed' : 'unknown'
  if (httpStatus >= 200 && httpStatus < 300) return refusedCode ? 'not_placed' : 'unknown'
  return 'unknown'
}

/** How long to wait before trying again: the reply's Retry-After, else a default by the kind of trouble. */
export function retryAfterFor(code: ErrorCode, retryable: boolean, ctx: { retryAfterMs?: number }): { retryAfterMs?: number } {
  if (code === 'RATE_LIMITED') return { retryAfterMs: ctx.retryAfterMs ?? RATE_LIMIT_WAIT_MS }
  return retryable ? { retryAfterMs: ctx.retryAfterMs ?? UNAVAILABLE_WAIT_MS } : {}
}

/** The same error with another message or placement; everything else is kept. */
export function rebuild(err: UpstreamError, change: { message?: string; placement?: Placement }): UpstreamError {
  return new UpstreamError(err.code, change.message ?? err.message, {
    ...(err.httpStatus === undefined ? {} : { httpStatus: err.httpStatus }),
    ...(err.upstreamCode === undefined ? {} : { upstreamCode: err.upstreamCode }),
    ...(err.retryAfterMs === undefined ? {} : { retryAfterMs: err.retryAfterMs }),
    placement: change.placement ?? err.placement,
    retryable: err.retryable,
    cause: err.cause
  })
}

export interface OrderErrorsSpec<C extends BaseErrorContext> {
  label: string
  /** The call that places an order: only its placement means anything to the engine. */
  createCall: C['call']
  /** Added to a create's message when it may have placed an order. */
  orderMayExist: string
  /** Phrases that show a message already says the order may exist (so the note is not added twice). */
  alreadyNoted: readonly string[]
  /** The upstream's rate-limit message, for a 429 whose body could not be read. */
  rateLimited: (ctx: C) => string
  /** The advice after "could not read (…)."; the common wording when left out. */
  malformedAdvice?: string
}

export interface OrderErrors<C extends BaseErrorContext> {
  placementFor(ctx: C, placement: Placement): { placement?: Placement }
  withOrderNote(ctx: C, placement: Placement, message: string): string
  /**
   * A reply that is not the upstream's JSON (a proxy's HTML page, an empty body, a reply of the wrong shape).
   * 429 and 5xx are still told apart: those are passing troubles, the rest means we cannot read the API any more.
   */
  errorFromUnreadableReply(httpStatus: number, detail: string, ctx: C): UpstreamError
  /** A reply we cannot understand. `detail` names what was wrong, never a value from the reply. */
  malformedReply(httpStatus: number | undefined, detail: string, ctx: C): UpstreamError
  /** An error from the transport (timeout, dropped connection) seen during a create gets the order note. */
  explainTransportError(err: UpstreamError, ctx: C): UpstreamError
  /** Anything the HTTP client throws, as an UpstreamError (the original may hold the request config: not kept). */
  transportFailure(err: unknown, ctx: C): UpstreamError
}

export function orderErrors<C extends BaseErrorContext>(spec: OrderErrorsSpec<C>): OrderErrors<C> {
  const { label } = spec
  const advice =
    spec.malformedAdvice ?? `If this keeps happening, ${label} may have changed its API or the account's web address may be wrong.`

  function placementFor(ctx: C, placement: Placement): { placement?: Placement } {
    return ctx.call === spec.createCall ? { placement } : {}
  }

  function withOrderNote(ctx: C, placement: Placement, message: string): string {
    return ctx.call === spec.createCall && placement === 'unknown' && !spec.alreadyNoted.some((phrase) => message.includes(phrase))
      ? `${message} ${spec.orderMayExist}`
      : message
  }

  function malformedReply(httpStatus: number | undefined, detail: string, ctx: C): UpstreamError {
    const message = `${label} sent a reply ResellerDesk could not read (${detail}). ${advice}`
    return new UpstreamError('MALFORMED_REPLY', withOrderNote(ctx, 'unknown', message), {
      ...(httpStatus === undefined ? {} : { httpStatus }),
      ...placementFor(ctx, 'unknown')
    })
  }

  function errorFromUnreadableReply(httpStatus: number, detail: string, ctx: C): UpstreamError {
    if (httpStatus === 429) {
      return new UpstreamError('RATE_LIMITED', withOrderNote(ctx, 'unknown', spec.rateLimited(ctx)), {
        httpStatus,
        retryable: true,
        retryAfterMs: ctx.retryAfterMs ?? RATE_LIMIT_WAIT_MS,
        ...placementFor(ctx, 'unknown')
      })
    }
    if (httpStatus >= 500) {
      return new UpstreamError(
        'UPSTREAM_UNAVAILABLE',
        withOrderNote(ctx, 'unknown', `${label} is temporarily unavailable (HTTP ${httpStatus}). Try again in a few minutes.`),
        { httpStatus, retryable: true, retryAfterMs: ctx.retryAfterMs ?? UNAVAILABLE_WAIT_MS, ...placementFor(ctx, 'unknown') }
      )
    }
    return malformedReply(httpStatus, detail, ctx)
  }

  function explainTransportError(err: UpstreamError, ctx: C): UpstreamError {
    const message = withOrderNote(ctx, err.placement, err.message)
    if (message === err.message) return err
    return rebuild(err, { message })
  }

  function transportFailure(err: unknown, ctx: C): UpstreamError {
    if (err instanceof UpstreamError) return explainTransportError(err, ctx)
    return explainTransportError(
      new UpstreamError('NETWORK', `The request to ${label} failed before an answer arrived.`, {
        placement: 'unknown',
        retryable: true,
        cause: new Error(err instanceof Error ? err.name : 'unknown failure')
      }),
      ctx
    )
  }

  return { placementFor, withOrderNote, errorFromUnreadableReply, malformedReply, explainTransportError, transportFailure }
}
