// Wires the AI Digital Tools simulator together: loopback HTTP server → /api/public/v1 routing → fault injection →
// handleAiDigitalTools over the in-memory state. Outside /api/public/v1 the site answers like a Lovable single-page
// app: 200 with its HTML shell, whatever the path ([assume]; so a wrong base URL gives HTML, not a JSON 404).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createSimClock } from '../common/clock'
import { deliverWithFault } from '../common/fault-delivery'
import { FaultInjector, type StatusFaultKind } from '../common/faults'
import { BodyTooLargeError, readBody, sendReply, startLoopbackServer, type SimReply } from '../common/http'
import { SlidingWindowLimiter } from '../common/rate-limiter'
import { createRng, randomSeed } from '../common/rng'
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
const MINUTE_MS = 60_000

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
  const faults = new FaultInjector<AiDigitalToolsAction>(rng.fork('faults'))
  const garbleRng = rng.fork('garble')
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
        limiter = new SlidingWindowLimiter(perMinute, MINUTE_MS, clock.nowMs)
        limiters.set(perMinute, limiter)
      }
      return limiter
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) {
      req.resume()
      sendReply(res, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: SPA_HTML })
      return
    }
    const route = matchRoute(method, url.pathname.slice(API_PREFIX.length))
    if (!route) {
      req.resume()
      sendReply(res, errorReply(404, 'Route not found'))
      return
    }
    await deliverWithFault({
      req,
      res,
      fault: faults.take(route.action),
      timers: server.timers,
      rng: garbleRng,
      statusFaultReply,
      handle: async () => {
        let body: string
        try {
          body = await readBody(req)
        } catch (err) {
          if (err instanceof BodyTooLargeError) return errorReply(400, 'Request body too large')
          throw err
        }
        return handleAiDigitalTools(ctx, { route, query: url.searchParams, headers: req.headers, body })
      }
    })
  }

  const server = await startLoopbackServer(handle, { port: opts.port ?? 0 })

  function accountOrThrow(apiKey: string) {
    const account = state.account(apiKey)
    if (!account) throw new RangeError(`no AI Digital Tools sim account with key ${apiKey}`)
    return account
  }

  return {
    baseUrl: server.baseUrl,
    apiBaseUrl: server.baseUrl + API_PREFIX,
    faults,
    issuedCodes(apiKey) {
      state.settle()
      return [...(state.account(apiKey)?.issuedCodes ?? [])]
    },
    orders(apiKey) {
      state.settle()
      return state.ordersOf(apiKey).map((o) => state.snapshot(o))
    },
    balance(apiKey) {
      state.settle()
      return centsText(accountOrThrow(apiKey).balance)
    },
    setStock(productId, stock) {
      state.settle() // refunds that fell due return their stock first, so the value set is the value seen
      state.setStock(productId, stock)
    },
    revokeKey(apiKey) {
      accountOrThrow(apiKey).revoked = true
    },
    close: () => server.close()
  }
}
