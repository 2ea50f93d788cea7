// Wires the OneClickDz simulator together: loopback HTTP server → route → fault injection → handleOneClickDz over
// the in-memory state.
import { cardCode } from '../../core/providers/oneclickdz/codes'
import { known } from '../common/checks'
import { createSimClock } from '../common/clock'
import type { StatusFaultKind } from '../common/faults'
import { clientIp, type SimReply } from '../common/http'
import { perMinuteLimiter } from '../common/rate-limiter'
import { createRng, randomSeed } from '../common/rng'
import { afterSettling, settledAccessors } from '../common/settle'
import { startSimServer } from '../common/sim-server'
import { DEFAULT_CATALOG } from './catalog'
import { formatDzd } from './money'
import { errorReply, type Stamp } from './replies'
import { handleOneClickDz, type OcContext } from './routes'
import { OneClickDzState } from './state'
import type { OneClickDzAction, OneClickDzSim, OneClickDzSimOptions, SimAccount } from './types'

/** The demo account's keys: one of each kind, UUIDs like the real ones. */
export const ONECLICKDZ_DEMO_KEY = '5a1e5d4e-0c1d-4d2a-9e3b-7f0a2c6b8e11'
export const ONECLICKDZ_DEMO_SANDBOX_KEY = '5a2d8b0c-0c1d-4b7e-8f61-3c9d0e4a7b22'
export const ONECLICKDZ_DEMO_USERNAME = '+213555000111'
export const ONECLICKDZ_DEMO_BALANCE = '50000.00'

export const ONECLICKDZ_DEMO_ACCOUNT: SimAccount = {
  username: ONECLICKDZ_DEMO_USERNAME,
  balance: ONECLICKDZ_DEMO_BALANCE,
  keys: [
    { apiKey: ONECLICKDZ_DEMO_KEY, type: 'PRODUCTION' },
    { apiKey: ONECLICKDZ_DEMO_SANDBOX_KEY, type: 'SANDBOX' }
  ]
}

const DEFAULT_DELIVERY_MS: [number, number] = [3_000, 45_000]
const DEFAULT_RATE_LIMIT = 60

interface Route {
  action: OneClickDzAction
  param: string | null
}

/** Method + path → endpoint; anything else is the API's JSON 404. */
function route(method: string, pathname: string): Route | null {
  const path = pathname.replace(/\/+$/, '')
  const withParam = (prefix: string): string | null => {
    if (!path.startsWith(prefix)) return null
    const rest = path.slice(prefix.length)
    if (rest === '' || rest.includes('/')) return null
    try {
      return decodeURIComponent(rest)
    } catch {
      return null
    }
  }
  if (method === 'GET') {
    if (path === '/v3/validate') return { action: 'validate', param: null }
    if (path === '/v3/account/balance') return { action: 'balance', param: null }
    if (path === '/v3/gift-cards/catalog') return { action: 'catalog', param: null }
    if (path === '/v3/gift-cards/list') return { action: 'list', param: null }
    const product = withParam('/v3/gift-cards/checkProduct/')
    if (product !== null) return { action: 'checkProduct', param: product }
    const order = withParam('/v3/gift-cards/checkOrder/')
    if (order !== null) return { action: 'checkOrder', param: order }
  }
  if (method === 'POST' && path === '/v3/gift-cards/placeOrder') return { action: 'placeOrder', param: null }
  return null
}

/** The API's own reply to a status fault (502 has no documented code: a gateway error in the same envelope). */
function statusFaultReply(kind: StatusFaultKind, stamp: Stamp): SimReply {
  switch (kind) {
    case 'http429':
      return errorReply('RATE_LIMIT_EXCEEDED', 'Too many requests, please try again later', stamp, {
        details: { retryAfter: 1 },
        headers: { 'Retry-After': '1' }
      })
    case 'http500':
      return errorReply('INTERNAL_ERROR', 'Internal server error', stamp)
    case 'http502':
      return errorReply('BAD_GATEWAY', 'Upstream provider did not respond', stamp)
    case 'http503':
      return errorReply('SERVICE_UNAVAILABLE', 'Service temporarily unavailable', stamp)
  }
}

export async function startOneClickDzSim(opts: OneClickDzSimOptions = {}): Promise<OneClickDzSim> {
  const rng = createRng(opts.seed ?? randomSeed())
  const clock = createSimClock({ speed: opts.speed ?? 1 })
  const state = new OneClickDzState({
    accounts: opts.accounts ?? [ONECLICKDZ_DEMO_ACCOUNT],
    products: opts.products ?? DEFAULT_CATALOG,
    clock,
    rng,
    deliveryMs: opts.deliveryMs ?? DEFAULT_DELIVERY_MS,
    failureRate: opts.failureRate ?? 0,
    partialRate: opts.partialRate ?? 0
  })
  const requestIdRng = rng.fork('request-ids')
  const perMinute = opts.rateLimitPerMinute === false ? null : (opts.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT)
  const ctx: OcContext = {
    state,
    clock,
    limiter: perMinute === null ? null : perMinuteLimiter(perMinute, clock),
    stamp: () => ({
      timestamp: new Date(clock.nowMs()).toISOString(),
      requestId: `req_${clock.unixSeconds()}_${requestIdRng.hex(6).toLowerCase()}`
    })
  }

  const server = await startSimServer<OneClickDzAction>({
    rng,
    port: opts.port,
    statusFaultReply: (kind) => statusFaultReply(kind, ctx.stamp()),
    bodyTooLarge: () => errorReply('ERR_VALIDATION', 'Request body too large', ctx.stamp()),
    dispatch(req, url) {
      const found = route(req.method ?? 'GET', url.pathname)
      if (!found) return { reply: errorReply('NOT_FOUND', `Route ${req.method ?? 'GET'} ${url.pathname} not found`, ctx.stamp()) }
      return { action: found.action, handle: (body) => handleOneClickDz(ctx, { ...found, query: url.searchParams, headers: req.headers, body, ip: clientIp(req) }) }
    }
  })

  const keyOrThrow = (apiKey: string) => known(state.key(apiKey), `no OneClickDz sim key ${apiKey}`)

  return {
    baseUrl: server.baseUrl,
    faults: server.faults,
    issuedCards: afterSettling(state, (apiKey: string) => keyOrThrow(apiKey).issued.map((c) => ({ ...c }))),
    ...settledAccessors(state, {
      issuedCodes: (apiKey: string) => keyOrThrow(apiKey).issued.map((c) => cardCode(c.value, c.serial)),
      orders: (apiKey) => state.ordersOfKey(apiKey).map((o) => state.snapshot(o)),
      balance: (apiKey) => formatDzd(keyOrThrow(apiKey).account.balance)
    }),
    // Stock that fell due to come back is back first, so the value set is the value seen.
    setStock: afterSettling(state, state.setStock.bind(state)),
    close: () => server.close()
  }
}
