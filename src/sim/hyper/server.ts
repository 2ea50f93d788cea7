// Wires the Hyper Teknoloji simulator together: loopback HTTP server → route matching → fault injection →
// handleHyper over the in-memory state, plus the delivery callbacks.
import { known } from '../common/checks'
import { createSimClock } from '../common/clock'
import type { StatusFaultKind } from '../common/faults'
import type { SimReply } from '../common/http'
import { perMinuteLimiter } from '../common/rate-limiter'
import { createRng, randomSeed } from '../common/rng'
import { afterSettling, settledAccessors } from '../common/settle'
import { startSimServer } from '../common/sim-server'
import { toJsonText } from '../common/json-text'
import { TokenIssuer } from './auth'
import { DEFAULT_HYPER_CATALOG } from './catalog'
import { formatAmount } from './money'
import { errorReply } from './replies'
import { handleHyper, matchRoute, type HyperContext, type HyperRateLimits } from './routes'
import { HyperState, type LineState } from './state'
import type { HyperAction, HyperSim, HyperSimOptions } from './types'
import { webhookView } from './views'
import { CallbackPoster } from './webhook'

export const HYPER_DEMO_EMAIL = 'demo.reseller@hyper-demo.test'
export const HYPER_DEMO_PASSWORD = 'Demo-Bayi-2026!'
export const HYPER_DEMO_BALANCE = '20000.00'
export const HYPER_DEMO_CALLBACK_APIKEY = 'hyper_cb_demo_7d41a9'

const DEFAULT_DELIVERY_MS: [number, number] = [5_000, 60_000]
const DEFAULT_TOKEN_LIFETIME_MS = 3_600_000
const DEFAULT_RATE_LIMITS = { perMinute: 60, loginsPerMinute: 10 }
/** The callback timer never spins faster than this while it waits for a line to fall due. */
const MIN_CALLBACK_CHECK_MS = 10

/** The platform's reply to a status fault. */
function statusFaultReply(kind: StatusFaultKind): SimReply {
  switch (kind) {
    case 'http429':
      return errorReply('RATE_LIMITED', 'Too many requests. Try again later.', { headers: { 'Retry-After': '1' } })
    case 'http500':
      return errorReply('INTERNAL_ERROR', 'An unexpected error occurred. Please try again.')
    case 'http502':
      return errorReply('UPSTREAM_UNAVAILABLE', 'The supplier service is temporarily unavailable. Please try again later.')
    case 'http503':
      return errorReply('SERVICE_UNAVAILABLE', 'The service is temporarily unavailable. Please try again later.')
  }
}

export async function startHyperSim(opts: HyperSimOptions = {}): Promise<HyperSim> {
  const rng = createRng(opts.seed ?? randomSeed())
  const clock = createSimClock({ speed: opts.speed ?? 1, ...(opts.now ? { now: opts.now } : {}) })
  const poster = new CallbackPoster()

  const state: HyperState = new HyperState({
    accounts: opts.accounts ?? [
      { email: HYPER_DEMO_EMAIL, password: HYPER_DEMO_PASSWORD, balance: HYPER_DEMO_BALANCE, creditLimit: '0.00', currency: 'TRY', callbackApiKey: HYPER_DEMO_CALLBACK_APIKEY }
    ],
    catalog: opts.catalog ?? DEFAULT_HYPER_CATALOG,
    clock,
    rng,
    deliveryMs: opts.deliveryMs ?? DEFAULT_DELIVERY_MS,
    failureRate: opts.failureRate ?? 0,
    onFinal: (line: LineState) => {
      if (line.notifyUrl === null) return
      poster.post(line.notifyUrl, state.account(line.email)?.callbackApiKey ?? '', toJsonText(webhookView(line), formatAmount))
    }
  })
  const tokens = new TokenIssuer(clock, rng.fork('tokens'), opts.tokenLifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS)
  const rateLimits = opts.rateLimits === false ? null : (opts.rateLimits ?? DEFAULT_RATE_LIMITS)
  const limits: HyperRateLimits | null = rateLimits && {
    requests: perMinuteLimiter(rateLimits.perMinute, clock),
    logins: perMinuteLimiter(rateLimits.loginsPerMinute, clock)
  }

  // One timer at a time brings due lines with a NotifyURL to their final status, which posts their callbacks.
  let cancelCallbackTimer: (() => void) | null = null
  function watchCallbacks(): void {
    cancelCallbackTimer?.()
    cancelCallbackTimer = null
    const due = state.nextCallbackDueMs()
    if (due === null) return
    cancelCallbackTimer = server.timers.schedule(
      () => {
        cancelCallbackTimer = null
        state.settle()
        watchCallbacks()
      },
      Math.max(MIN_CALLBACK_CHECK_MS, due - clock.nowMs() + 1)
    )
  }

  const ctx: HyperContext = { state, clock, tokens, limits, watchCallbacks }

  const server = await startSimServer<HyperAction>({
    rng,
    port: opts.port,
    statusFaultReply,
    bodyTooLarge: () => errorReply('VALIDATION_ERROR', 'The request body is too large.', { status: 413 }),
    dispatch(req, url) {
      const method = req.method ?? 'GET'
      const route = matchRoute(method, url.pathname)
      if (route.kind === 'not_found') return { reply: errorReply('NOT_FOUND', 'The requested endpoint was not found.') }
      if (route.kind !== 'found') {
        return { reply: errorReply('METHOD_NOT_ALLOWED', `Method ${method.slice(0, 10)} is not allowed here.`, { headers: { Allow: route.allow } }) }
      }
      return {
        action: route.action,
        handle: (body) => handleHyper(ctx, { method, action: route.action, id: route.id, query: url.searchParams, headers: req.headers, body })
      }
    }
  })

  const accountOrThrow = (email: string) => known(state.account(email), `no Hyper sim account ${email}`)

  return {
    baseUrl: server.baseUrl,
    faults: server.faults,
    ...settledAccessors(state, {
      issuedCodes: (email: string) => state.account(email)?.issuedCodes ?? [],
      orders: (email) => state.linesOf(email).map((l) => state.snapshot(l)),
      balance: (email) => formatAmount(accountOrThrow(email).balance)
    }),
    logins: (email) => accountOrThrow(email).logins,
    authFailures: (email) => accountOrThrow(email).authFailures,
    expireTokens(email) {
      tokens.expireAll(accountOrThrow(email).email)
    },
    // Refunds that fell due return their stock first, so the value set is the value seen.
    setStock: afterSettling(state, state.setStock.bind(state)),
    async close() {
      poster.close()
      await server.close()
    }
  }
}
