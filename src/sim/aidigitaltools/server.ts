// Wires the AI Digital Tools simulator together: loopback HTTP server → /api/public/v1 routing → fault injection →
// handleAiDigitalTools over the in-memory state. Outside /api/public/v1 the site answers like a Lovable single-page
// app: 200 with its HTML shell, whatever the path ([assume]; so a wrong base URL gives HTML, not a JSON 404).
import { known } from '../common/checks'
import { createSimClock } from '../common/clock'
import type { StatusFaultKind } from '../common/faults'
import type { SimReply } from '../common/http'
import { perMinuteLimiter, type SlidingWindowLimiter } from '../common/rate-limiter'
import { createRng, randomSeed } from '../common/rng'
import { afterSettling, settledAccessors } from '../common/settle'
import { startSimServer } from '../common/sim-server'
import { DEFAULT_CATALOG } from './catalog'
import { centsText } from './money'
import { errorReply } from './replies'
import { handleAiDigitalTools, matchRoute, type AdtContext } from './routes'
import { AiDigitalToolsState } from './state'
import type { AiDigitalToolsAction, AiDigitalToolsSim, AiDigitalToolsSimOptions, SimAccount } from './types'

export const AIDIGITALTOOLS_DEMO_KEY = 'adt_live_demo_4f7c2a9e1b6d'
export const AIDIGITALTOOLS_DEMO_BALANCE = '250.00'
export const AIDIGITALTOOLS_DEMO_DISCOUNT_PERCENT = 10
/** A key the admin has revoked: every call but /health answers 403. */
export const AIDIGITALTOOLS_REVOKED_KEY = 'adt_live_revoked_8d3e6b0c5a71'
export const API_PREFIX = '/api/public/v1'

export const DEFAULT_ACCOUNTS: readonly SimAccount[] = [
  { apiKey: AIDIGITALTOOLS_DEMO_KEY, balance: AIDIGITALTOOLS_DEMO_BALANCE, discountPercent: AIDIGITALTOOLS_DEMO_DISCOUNT_PERCENT },
  { apiKey: AIDIGITALTOOLS_REVOKED_KEY, balance: '100.00', revoked: true }
]

const DEFAULT_PENDING_MS: [number, number] = [20_000, 60_000]
const DEFAULT_PROCESSING_MS: [number, number] = [30_000, 120_000]

const SPA_HTML =
  '<!doctype html>\n<html lang="en">\n<head><meta charset="UTF-8" /><title>AI Digital Tools</title>' +
  '<script type="module" crossorigin src="/assets/index.js"></script></head>\n<body><div id="root"></div></body>\n</html>\n'

/** The API's reply to a status fault. */
function statusFaultReply(kind: StatusFaultKind): SimReply {
  switch (kind) {
    case 'http429':
      return errorReply(429, 'Too many requests', { 'Retry-After': '1' })
    case 'http500':
      return errorReply(500, 'Internal server error')
    case 'http502':
      return errorReply(502, 'Bad gateway')
    case 'http503':
      return errorReply(503, 'Service temporarily unavailable')
  }
}

export async function startAiDigitalToolsSim(opts: AiDigitalToolsSimOptions = {}): Promise<AiDigitalToolsSim> {
  const rng = createRng(opts.seed ?? randomSeed())
  const clock = createSimClock({ speed: opts.speed ?? 1 })
  const state = new AiDigitalToolsState({
    accounts: opts.accounts ?? DEFAULT_ACCOUNTS,
    products: opts.products ?? DEFAULT_CATALOG,
    clock,
    rng,
    pendingMs: opts.pendingMs ?? DEFAULT_PENDING_MS,
    processingMs: opts.processingMs ?? DEFAULT_PROCESSING_MS,
    refundRate: opts.refundRate ?? 0
  })
  const override = opts.rateLimits === false ? null : (opts.rateLimits?.perMinute ?? null)
  if (override !== null && (!Number.isInteger(override) || override < 1)) throw new RangeError(`rateLimits.perMinute must be a positive integer, got ${override}`)
  const limiters = new Map<number, SlidingWindowLimiter>()
  const ctx: AdtContext = {
    state,
    limitOf: (account) => override ?? account.rateLimitPerMinute,
    limiter(perMinute) {
      if (opts.rateLimits === false) return null
      let limiter = limiters.get(perMinute)
      if (!limiter) {
        limiter = perMinuteLimiter(perMinute, clock)
        limiters.set(perMinute, limiter)
      }
      return limiter
    }
  }

  const server = await startSimServer<AiDigitalToolsAction>({
    rng,
    port: opts.port,
    statusFaultReply,
    bodyTooLarge: () => errorReply(400, 'Request body too large'),
    dispatch(req, url) {
      if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) {
        return { reply: { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: SPA_HTML } }
      }
      const route = matchRoute(req.method ?? 'GET', url.pathname.slice(API_PREFIX.length))
      if (!route) return { reply: errorReply(404, 'Route not found') }
      return { action: route.action, handle: (body) => handleAiDigitalTools(ctx, { route, query: url.searchParams, headers: req.headers, body }) }
    }
  })

  const accountOrThrow = (apiKey: string) => known(state.account(apiKey), `no AI Digital Tools sim account with key ${apiKey}`)

  return {
    baseUrl: server.baseUrl,
    apiBaseUrl: server.baseUrl + API_PREFIX,
    faults: server.faults,
    ...settledAccessors(state, {
      issuedCodes: (apiKey: string) => state.account(apiKey)?.issuedCodes ?? [],
      orders: (apiKey) => state.ordersOf(apiKey).map((o) => state.snapshot(o)),
      balance: (apiKey) => centsText(accountOrThrow(apiKey).balance)
    }),
    // Refunds that fell due return their stock first, so the value set is the value seen.
    setStock: afterSettling(state, state.setStock.bind(state)),
    revokeKey(apiKey) {
      accountOrThrow(apiKey).revoked = true
    },
    close: () => server.close()
  }
}
