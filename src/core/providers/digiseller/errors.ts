// Digiseller's error replies → our ErrorCodes, with messages a shop assistant can act on. Digiseller documents only
// "retval 0 ok, 1 error" plus `errors[{code, message}]` without listing the codes, so the codes below are assumed
// (and spoken by our simulator); anything else is recognised by its words, then by the HTTP status.
// Nothing here is about orders: Digiseller is the shop's storefront, so no error can leave an order in doubt.
// Messages never quote the API key or the token: upstream text is only echoed with both blanked out, trimmed.
import { UpstreamError, type ErrorCode } from '../../errors'
import { BUG, echoUpstream, RATE_LIMIT_WAIT_MS, seconds, UNAVAILABLE_WAIT_MS, type BaseErrorContext } from '../upstream-errors'
import type { ErrorItem } from './schemas'

export const LABEL = 'Digiseller'

export type DigisellerCall = 'apilogin' | 'balance' | 'receipts' | 'receipts_external' | 'sells'

export interface ErrorContext extends BaseErrorContext {
  call: DigisellerCall
}

const REPLAY_WAIT_MS = 2_000

/** What each call reads, for messages, and the API-key permission it needs (names as on Digiseller's API page). */
const WHAT: Record<DigisellerCall, { what: string; permission: string }> = {
  apilogin: { what: 'the sign-in', permission: 'API access' },
  balance: { what: 'the balance', permission: 'Operations: Getting balance' },
  receipts: { what: 'the account operations', permission: 'Operations: View all operations' },
  receipts_external: { what: 'the payments through payment aggregators', permission: 'Operations: View all operations' },
  sells: { what: 'the sales statistics', permission: 'Statistics: Sales statistics' }
}

/** The upstream's own words: trimmed, single-line, with every secret blanked out; '' when there are none. */
export function echo(ctx: ErrorContext, upstream: string): string {
  return echoUpstream(LABEL, ctx, upstream)
}

// ---------- recognising what an error reply is about ----------

type Kind = 'token' | 'forbidden' | 'rate' | 'bad_request' | 'internal' | 'unknown'

const CODE_KIND: [RegExp, Kind][] = [
  [/^(token_(invalid|expired|missing)|invalid_token|expired_token|unauthori[sz]ed)$/i, 'token'],
  [/^(forbidden|access_denied|permission_denied|no_permission)$/i, 'forbidden'],
  [/^(rate_limited|too_many_requests)$/i, 'rate'],
  [/^(invalid_parameter|bad_request|validation(_error)?|invalid_request)$/i, 'bad_request'],
  [/^(internal_error|server_error|service_unavailable)$/i, 'internal']
]

const TEXT_KIND: [RegExp, Kind][] = [
  [/token/i, 'token'],
  [/permission|access denied|forbidden|нет прав|доступ/i, 'forbidden'],
  [/too many requests|rate limit/i, 'rate']
]

/** The combined words of an error reply: errors[].message, else retdesc. */
export function upstreamText(items: readonly ErrorItem[], retdesc: string | null | undefined): string {
  const messages = items.map((e) => e.message ?? '').filter((m) => m.trim() !== '')
  return messages.length > 0 ? messages.join('; ') : (retdesc ?? '')
}

function kindOf(httpStatus: number, items: readonly ErrorItem[], retdesc: string | null | undefined): Kind {
  for (const item of items) {
    const code = item.code ?? ''
    for (const [pattern, kind] of CODE_KIND) if (pattern.test(code)) return kind
  }
  const text = upstreamText(items, retdesc)
  for (const [pattern, kind] of TEXT_KIND) if (pattern.test(text)) return kind
  if (httpStatus === 401) return 'token'
  if (httpStatus === 403) return 'forbidden'
  if (httpStatus === 429) return 'rate'
  if (httpStatus >= 500) return 'internal'
  return 'unknown'
}

/** Whether an error reply says the token is invalid or expired: the adapter then signs in again, once. */
export function isTokenProblem(httpStatus: number, items: readonly ErrorItem[], retdesc: string | null | undefined): boolean {
  return kindOf(httpStatus, items, retdesc) === 'token'
}

// ---------- error replies of the data calls ----------

/** `retval ≠ 0` (or an error status) with `errors` and/or `retdesc` → UpstreamError. */
export function errorFromEnvelope(
  httpStatus: number,
  items: readonly ErrorItem[],
  retdesc: string | null | undefined,
  ctx: ErrorContext
): UpstreamError {
  const kind = kindOf(httpStatus, items, retdesc)
  const said = echo(ctx, upstreamText(items, retdesc))
  const upstreamCode = items.find((i) => (i.code ?? '') !== '')?.code ?? undefined
  const { what, permission } = WHAT[ctx.call]
  const base = { httpStatus, ...(upstreamCode === undefined ? {} : { upstreamCode }) }
  const fail = (code: ErrorCode, message: string, retryable = false, retryAfterMs?: number): UpstreamError =>
    new UpstreamError(code, message, { ...base, retryable, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) })

  // A 5xx status makes any refusal a passing trouble.
  if (httpStatus >= 500 && kind !== 'rate') {
    return fail('UPSTREAM_UNAVAILABLE', `${LABEL} is temporarily unavailable (HTTP ${httpStatus}). Try again in a few minutes.`, true, ctx.retryAfterMs ?? UNAVAILABLE_WAIT_MS)
  }
  switch (kind) {
    case 'token':
      return tokenKeepsFailing(ctx, httpStatus, upstreamCode)
    case 'forbidden':
      return fail(
        'FORBIDDEN',
        `The ${LABEL} API key is not allowed to read ${what}. In ${LABEL}'s API settings, give the key the “${permission}” permission, then try again.`
      )
    case 'rate': {
      const wait = ctx.retryAfterMs ?? RATE_LIMIT_WAIT_MS
      return fail('RATE_LIMITED', `${LABEL} is limiting how fast requests may be sent. ResellerDesk will wait ${seconds(wait)} and try again.`, true, wait)
    }
    case 'bad_request':
      return fail('BAD_REQUEST', `${LABEL} refused the request for ${what} as malformed. ${BUG}${said}`)
    case 'internal':
      return fail('UPSTREAM_UNAVAILABLE', `${LABEL} had an internal error while reading ${what}. Try again in a few minutes.${said}`, true, ctx.retryAfterMs ?? UNAVAILABLE_WAIT_MS)
    case 'unknown':
      return fail('UPSTREAM_FAILED', `${LABEL} reported an error while reading ${what}.${said} Try again later; if it keeps happening, check the account in ${LABEL}.`)
  }
}

/** The token was refused again right after a fresh sign-in: the key itself no longer works for this call. */
export function tokenKeepsFailing(ctx: ErrorContext, httpStatus?: number, upstreamCode?: string): UpstreamError {
  return new UpstreamError(
    'AUTH_INVALID',
    `${LABEL} signed ResellerDesk in but then refused its sign-in token for ${WHAT[ctx.call].what}. ` +
      'Check that the API key in the account settings is still valid (it may have been changed), then try again.',
    { ...(httpStatus === undefined ? {} : { httpStatus }), ...(upstreamCode === undefined ? {} : { upstreamCode }) }
  )
}

// ---------- sign-in refusals ----------

export type LoginRefusal = 'credentials' | 'clock' | 'replay'

/**
 * Why apilogin said no. Digiseller documents only "retval ≠ 0 is an error" with a text; the retvals 2 and 3 are our
 * simulator's (assumed), the words are what decide for a real server.
 */
export function loginRefusal(retval: number, desc: string | null | undefined, endesc: string | null | undefined): LoginRefusal {
  const text = `${endesc ?? ''} ${desc ?? ''}`
  if (retval === 3 || /already (been )?used|not unique|unique|repeat|replay/i.test(text)) return 'replay'
  if (retval === 2 || /time ?stamp|clock|time (is )?(out of|outside)|expired request/i.test(text)) return 'clock'
  return 'credentials'
}

export function loginRefused(
  refusal: LoginRefusal,
  retval: number,
  text: string,
  httpStatus: number,
  ctx: ErrorContext
): UpstreamError {
  const base = retval === 0 ? { httpStatus } : { httpStatus, upstreamCode: `retval ${retval}` }
  switch (refusal) {
    case 'credentials':
      return new UpstreamError(
        'AUTH_INVALID',
        `${LABEL} did not accept the seller ID and API key. Check both in the account settings: the seller ID is the number ` +
          `shown in your ${LABEL} account, and the API key is on ${LABEL}'s API settings page (it may have been changed).${echo(ctx, text)}`,
        base
      )
    case 'clock':
      return new UpstreamError(
        'UPSTREAM_FAILED',
        `${LABEL} refused the sign-in because this computer's clock is off. Set the correct date and time ` +
          '(turn on automatic time setting), then try again.',
        base
      )
    case 'replay':
      return new UpstreamError(
        'UPSTREAM_FAILED',
        `${LABEL} refused the sign-in because its time stamp had just been used. Another copy of ResellerDesk may be ` +
          `signing in with the same key at the same moment; ResellerDesk will try again in ${seconds(REPLAY_WAIT_MS)}.`,
        { ...base, retryable: true, retryAfterMs: REPLAY_WAIT_MS }
      )
  }
}

// ---------- replies we cannot read ----------

/**
 * A reply that is not Digiseller's JSON (a proxy's HTML page, an empty body, ASP.NET's {"Message": …} for an unknown
 * path). 401/403/429/5xx are still told apart; anything else means we cannot read the API at this address.
 */
export function errorFromUnreadableReply(httpStatus: number, detail: string, ctx: ErrorContext): UpstreamError {
  if (httpStatus === 401 || httpStatus === 403 || httpStatus === 429 || httpStatus >= 500) {
    return errorFromEnvelope(httpStatus, [], '', ctx)
  }
  if (httpStatus === 404 || httpStatus === 405) {
    return new UpstreamError(
      'MALFORMED_REPLY',
      `${LABEL} did not recognise the request for ${WHAT[ctx.call].what} (HTTP ${httpStatus}). ` +
        `Check the account's web address: it should be ${LABEL}'s API address, https://api.digiseller.com.`,
      { httpStatus }
    )
  }
  return malformedReply(httpStatus, detail, ctx)
}

/** A reply we cannot understand. `detail` names what was wrong, never a value from the reply. */
export function malformedReply(httpStatus: number | undefined, detail: string, ctx: ErrorContext): UpstreamError {
  return new UpstreamError(
    'MALFORMED_REPLY',
    `${LABEL} sent a reply about ${WHAT[ctx.call].what} that ResellerDesk could not read (${detail}). ` +
      `If this keeps happening, ${LABEL} may have changed its API or the account's web address may be wrong.`,
    httpStatus === undefined ? {} : { httpStatus }
  )
}
