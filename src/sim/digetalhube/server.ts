// Wires the DigetalHube simulator together: loopback HTTP server → path/action routing → fault injection →
// handleDigetalHube over the in-memory state.
import { known } from '../common/checks'
import { createSimClock, type SimClock } from '../common/clock'
import type { StatusFaultKind } from '../common/faults'
import { clientIp, type SimReply } from '../common/http'
import { perMinuteLimiter } from '../common/rate-limiter'
import { createRng, randomSeed } from '../common/rng'
import { afterSettling, settledAccessors } from '../common/settle'
import { startSimServer } from '../common/sim-server'
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
  const clockOffsetMs = opts.clockOffsetMs ?? 0
  const clock = createSimClock({ speed: opts.speed ?? 1, now: () => Date.now() + clockOffsetMs })
  const state = new DigetalHubeState({
    accounts: opts.accounts ?? [{ apiKey: DIGETALHUBE_DEMO_KEY, balance: DIGETALHUBE_DEMO_BALANCE }],
    products: opts.products ?? DEFAULT_CATALOG,
    clock,
    rng,
    deliveryMs: opts.deliveryMs ?? DEFAULT_DELIVERY_MS,
    failureRate: opts.failureRate ?? 0
  })
  const rateLimits = opts.rateLimits === false ? null : (opts.rateLimits ?? DEFAULT_RATE_LIMITS)
  const limits: DhRateLimits | null = rateLimits && {
    authenticated: perMinuteLimiter(rateLimits.authenticatedPerMinute, clock),
    products: perMinuteLimiter(rateLimits.productsPerMinute, clock)
  }

  let baseUrl = ''
  const ctx: DhContext = {
    state,
    clock,
    limits,
    statusUrl: (orderId) => `${baseUrl}${API_PATH}?action=order_status&order_id=${encodeURIComponent(orderId)}`,
    listUtcOffsetMinutes: opts.listUtcOffsetMinutes ?? 0,
    myOrdersTotal: opts.myOrdersTotal ?? 'account',
    listBehind: 0,
    hits: new Map(),
    lies: [],
    beforeCreate: []
  }

  const server = await startSimServer<DigetalHubeAction>({
    rng,
    port: opts.port,
    statusFaultReply: (kind, action) => statusFaultReply(kind, action, clock),
    bodyTooLarge: () => errorReply('BAD_REQUEST', 'Request body too large.', clock.unixSeconds()),
    dispatch(req, url) {
      if (url.pathname !== API_PATH) return { reply: { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: NOT_FOUND_HTML } }
      const action = url.searchParams.get('action')
      if (!isAction(action)) return { reply: errorReply('INVALID_ACTION', `Invalid action. Valid actions: ${DIGETALHUBE_ACTIONS.join(', ')}`, clock.unixSeconds()) }
      ctx.hits.set(action, (ctx.hits.get(action) ?? 0) + 1)
      return {
        action,
        handle: (body) => handleDigetalHube(ctx, { method: req.method ?? 'GET', action, query: url.searchParams, headers: req.headers, body, ip: clientIp(req) })
      }
    }
  })
  baseUrl = server.baseUrl

  const accountOrThrow = (apiKey: string) => known(state.account(apiKey), `no DigetalHube sim account with key ${apiKey}`)

  return {
    baseUrl,
    faults: server.faults,
    ...settledAccessors(state, {
      issuedCodes: (apiKey: string) => state.account(apiKey)?.issuedCodes ?? [],
      orders: (apiKey) => state.ordersOf(apiKey).map((o) => state.snapshot(o)),
      balance: (apiKey) => formatUsdt(accountOrThrow(apiKey).available)
    }),
    // Refunds that fell due return their stock first, so the value set is the value seen.
    setStock: afterSettling(state, state.setStock.bind(state)),
    placeOrder: afterSettling(state, (apiKey: string, productId: number, quantity: number) => {
      const product = known(state.product(productId), `no DigetalHube sim product ${productId}`)
      const result = state.createOrder(accountOrThrow(apiKey), product, quantity)
      if (!result.ok) throw new RangeError(`the simulator refuses this order: ${result.reason}`)
      return state.snapshot(result.order)
    }),
    lieOnce: (lie) => void ctx.lies.push(lie),
    setListBehind: (n) => void (ctx.listBehind = Math.max(0, n)),
    hits: (action) => ctx.hits.get(action) ?? 0,
    beforeNextCreate: (fn) => void ctx.beforeCreate.push(fn),
    close: () => server.close()
  }
}
