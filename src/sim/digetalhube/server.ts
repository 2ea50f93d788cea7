// Wires the DigetalHube simulator together: loopback HTTP server → path/action routing → fault injection →
// handleDigetalHube over the in-memory state.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createSimClock, type SimClock } from '../common/clock'
import { deliverWithFault } from '../common/fault-delivery'
import { FaultInjector, type StatusFaultKind } from '../common/faults'
import { BodyTooLargeError, clientIp, readBody, sendReply, startLoopbackServer, type SimReply } from '../common/http'
import { SlidingWindowLimiter } from '../common/rate-limiter'
import { createRng, randomSeed } from '../common/rng'
import { DEFAULT_CATALOG } from './catalog'
import { formatUsdt } from './money'
import { errorReply } from './replies'
import { handleDigetalHube, type DhContext, type DhRateLimits } from './routes'
import { DigetalHubeState } from './state'
import { DIGETALHUBE_ACTIONS, type DigetalHubeAction, type DigetalHubeSim, type DigetalHubeSimOptions } from './types'

export const DIGETALHUBE_DEMO_KEY = 'dh_demo_5f2b9c1e7a'
export const DIGETALHUBE_DEMO_BALANCE = '500.00'
export const API_PATH = '/reseller_api.php'

const DEFAULT_DELIVERY_MS: [number, number] = [60_000, 180_000]
const DEFAULT_RATE_LIMITS = { authenticatedPerMinute: 60, productsPerMinute: 30 }
const MINUTE_MS = 60_000

const NOT_FOUND_HTML = '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n'

function isAction(value: string | null): value is DigetalHubeAction {
  return value !== null && (DIGETALHUBE_ACTIONS as readonly string[]).includes(value)
}

/**
 * The upstream's reply to a status fault. http500 is ORDER_CREATION_FAILED on create_order (the seed's only 500 code);
 * on the other actions it is the SERVICE_ERROR envelope, sent with HTTP 500 as the fault's name says.
 */
function statusFaultReply(kind: StatusFaultKind, action: DigetalHubeAction, clock: SimClock): SimReply {
  const now = clock.unixSeconds()
  switch (kind) {
    case 'http429':
      return errorReply('RATE_LIMITED', 'Too many requests. Wait and try again.', now, { headers: { 'Retry-After': '1' } })
    case 'http500':
      return action === 'create_order'
        ? errorReply('ORDER_CREATION_FAILED', 'Internal error while creating the order. Please try again.', now)
        : errorReply('SERVICE_ERROR', 'Database or service is temporarily unavailable. Please try again.', now, { status: 500 })
    case 'http502':
      return errorReply('UPSTREAM_ERROR', 'Supplier API is temporarily unavailable. Please try again later.', now)
    case 'http503':
      return errorReply('SERVICE_ERROR', 'Database or service is temporarily unavailable. Please try again.', now)
  }
}

export async function startDigetalHubeSim(opts: DigetalHubeSimOptions = {}): Promise<DigetalHubeSim> {
  const rng = createRng(opts.seed ?? randomSeed())
  const clock = createSimClock({ speed: opts.speed ?? 1 })
  const state = new DigetalHubeState({
    accounts: opts.accounts ?? [{ apiKey: DIGETALHUBE_DEMO_KEY, balance: DIGETALHUBE_DEMO_BALANCE }],
    products: opts.products ?? DEFAULT_CATALOG,
    clock,
    rng,
    deliveryMs: opts.deliveryMs ?? DEFAULT_DELIVERY_MS,
    failureRate: opts.failureRate ?? 0
  })
  const faults = new FaultInjector<DigetalHubeAction>(rng.fork('faults'))
  const garbleRng = rng.fork('garble')
  const rateLimits = opts.rateLimits === false ? null : (opts.rateLimits ?? DEFAULT_RATE_LIMITS)
  const limits: DhRateLimits | null = rateLimits && {
    authenticated: new SlidingWindowLimiter(rateLimits.authenticatedPerMinute, MINUTE_MS, clock.nowMs),
    products: new SlidingWindowLimiter(rateLimits.productsPerMinute, MINUTE_MS, clock.nowMs)
  }

  let baseUrl = ''
  const ctx: DhContext = {
    state,
    clock,
    limits,
    statusUrl: (orderId) => `${baseUrl}${API_PATH}?action=order_status&order_id=${encodeURIComponent(orderId)}`
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== API_PATH) {
      req.resume()
      sendReply(res, { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: NOT_FOUND_HTML })
      return
    }
    const action = url.searchParams.get('action')
    if (!isAction(action)) {
      req.resume()
      sendReply(res, errorReply('INVALID_ACTION', `Invalid action. Valid actions: ${DIGETALHUBE_ACTIONS.join(', ')}`, clock.unixSeconds()))
      return
    }
    await deliverWithFault({
      req,
      res,
      fault: faults.take(action),
      timers: server.timers,
      rng: garbleRng,
      statusFaultReply: (kind) => statusFaultReply(kind, action, clock),
      handle: async () => {
        let body: string
        try {
          body = await readBody(req)
        } catch (err) {
          if (err instanceof BodyTooLargeError) return errorReply('BAD_REQUEST', 'Request body too large.', clock.unixSeconds())
          throw err
        }
        return handleDigetalHube(ctx, { method: req.method ?? 'GET', action, query: url.searchParams, headers: req.headers, body, ip: clientIp(req) })
      }
    })
  }

  const server = await startLoopbackServer(handle, { port: opts.port ?? 0 })
  baseUrl = server.baseUrl

  function accountOrThrow(apiKey: string) {
    const account = state.account(apiKey)
    if (!account) throw new RangeError(`no DigetalHube sim account with key ${apiKey}`)
    return account
  }

  return {
    baseUrl,
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
      return formatUsdt(accountOrThrow(apiKey).available)
    },
    setStock(productId, stock) {
      state.settle() // refunds that fell due return their stock first, so the value set is the value seen
      state.setStock(productId, stock)
    },
    close: () => server.close()
  }
}
