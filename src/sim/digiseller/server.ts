// Wires the Digiseller simulator together: loopback HTTP server → path routing → fault injection →
// handleDigiseller over the in-memory state.
import { known } from '../common/checks'
import { createSimClock } from '../common/clock'
import type { StatusFaultKind } from '../common/faults'
import type { SimReply } from '../common/http'
import { perMinuteLimiter } from '../common/rate-limiter'
import { createRng, randomSeed } from '../common/rng'
import { startSimServer } from '../common/sim-server'
import { DEFAULT_STOREFRONT } from './catalog'
import { generateDemoHistory } from './history'
import { formatAmount } from './money'
import { aspNetError, envelopeError, loginRefusal, sellsError } from './replies'
import { handleDigiseller, type DsContext } from './routes'
import { DigisellerState, PURSE_OF, type AccountState } from './state'
import type { DigisellerAction, DigisellerSim, DigisellerSimOptions } from './types'

export const DIGISELLER_DEMO_SELLER_ID = '1180743'
export const DIGISELLER_DEMO_API_KEY = '7F3A9C2E4B8D41F6A0C5E9B2D7F1A3C6'
/** The demo account's balances before its 60 days of history. */
export const DIGISELLER_DEMO_OPENING = { z: { free: '120.00' }, e: { free: '25.00' }, x: { free: '0.2500' } } as const

const ROUTES: Record<string, DigisellerAction> = {
  '/api/apilogin': 'apilogin',
  '/api/sellers/account/balance/info': 'balance',
  '/api/sellers/account/receipts': 'receipts',
  '/api/sellers/account/receipts/external': 'receipts_external',
  '/api/seller-sells/v2': 'sells'
}

const TOKEN_LIFETIME_MS = 2 * 60 * 60_000
const HOLD_MS = 2 * 24 * 60 * 60_000
const MAX_CLOCK_SKEW_SECONDS = 300
const DEFAULT_RATE_LIMIT = 60

/** ASP.NET routes ignore case and a trailing slash. */
function routeOf(pathname: string): DigisellerAction | undefined {
  const key = pathname.toLowerCase().replace(/\/+$/, '')
  return Object.hasOwn(ROUTES, key) ? ROUTES[key] : undefined
}

/** The upstream's reply to a status fault, in the envelope of the endpoint hit. */
function statusFaultReply(kind: StatusFaultKind, action: DigisellerAction): SimReply {
  const status = Number(kind.slice(4))
  const headers: Record<string, string> = kind === 'http429' ? { 'Retry-After': '1' } : {}
  const message = kind === 'http429' ? 'Too many requests. Try again later.' : 'An error has occurred. The service is temporarily unavailable.'
  if (action === 'apilogin') return loginRefusal(1, 'Ошибка сервера', message, { status, headers })
  if (action === 'sells') return sellsError(message, { status, headers })
  return envelopeError(kind === 'http429' ? 'rate_limited' : 'internal_error', message, { status, headers })
}

export async function startDigisellerSim(opts: DigisellerSimOptions = {}): Promise<DigisellerSim> {
  const rng = createRng(opts.seed ?? randomSeed())
  const clock = createSimClock({ speed: opts.speed ?? 1, ...(opts.now ? { now: opts.now } : {}) })
  const state = new DigisellerState({
    clock,
    rng,
    products: opts.products ?? DEFAULT_STOREFRONT,
    tokenLifetimeMs: opts.tokenLifetimeMs ?? TOKEN_LIFETIME_MS,
    maxClockSkewSeconds: opts.maxClockSkewSeconds ?? MAX_CLOCK_SKEW_SECONDS,
    holdMs: opts.holdMs ?? HOLD_MS
  })
  const accounts = opts.accounts ?? [{ sellerId: DIGISELLER_DEMO_SELLER_ID, apiKey: DIGISELLER_DEMO_API_KEY, opening: DIGISELLER_DEMO_OPENING, history: 'demo' as const }]
  for (const a of accounts) {
    const account = state.addAccount(a)
    if ((a.history ?? 'demo') === 'demo') generateDemoHistory(state, account, rng.fork(`history:${account.sellerId}`))
  }
  const noiseRng = rng.fork('noise')
  const perMinute = opts.rateLimitPerMinute === false ? null : (opts.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT)
  const ctx: DsContext = {
    state,
    limiter: perMinute === null ? null : perMinuteLimiter(perMinute, clock),
    noise: () => noiseRng.int(0, 9999)
  }

  const server = await startSimServer<DigisellerAction>({
    rng,
    port: opts.port,
    statusFaultReply,
    bodyTooLarge: () => aspNetError(413, 'The request body is too large.'),
    dispatch(req, url) {
      const action = routeOf(url.pathname)
      if (action === undefined) return { reply: aspNetError(404, `No HTTP resource was found that matches the request URI '${url.href}'.`) }
      return { action, handle: (body) => handleDigiseller(ctx, { method: req.method ?? 'GET', action, url, body }) }
    }
  })

  const accountOrThrow = (sellerId: number | string): AccountState => known(state.account(sellerId), `no Digiseller sim account with seller id ${sellerId}`)

  return {
    baseUrl: server.baseUrl,
    faults: server.faults,
    addSale: (sellerId, input = {}) => state.saleSnapshot(state.recordSale(accountOrThrow(sellerId), input)),
    refundSale: (sellerId, invoiceId, input = {}) => state.operationSnapshot(state.refund(accountOrThrow(sellerId), invoiceId, input)),
    addOperation: (sellerId, input) => state.operationSnapshot(state.addOperation(accountOrThrow(sellerId), input)),
    sales: (sellerId) => [...accountOrThrow(sellerId).sales].sort((a, b) => a.datePayMs - b.datePayMs || a.invoiceId - b.invoiceId).map((s) => state.saleSnapshot(s)),
    operations: (sellerId) =>
      [...accountOrThrow(sellerId).operations].sort((a, b) => a.atMs - b.atMs || a.accountOperationId - b.accountOperationId).map((o) => state.operationSnapshot(o)),
    balance: (sellerId, currency = 'WMZ') => formatAmount(state.balances(accountOrThrow(sellerId))[PURSE_OF[currency]].free),
    balances: (sellerId) => state.balanceView(accountOrThrow(sellerId)),
    loginCount: (sellerId) => accountOrThrow(sellerId).logins,
    tokenRejections: (sellerId) => accountOrThrow(sellerId).tokenRejections,
    revokeTokens: (sellerId) => state.revokeTokens(accountOrThrow(sellerId).sellerId),
    issuedCodes: (sellerId) => {
      accountOrThrow(sellerId)
      return []
    },
    orders: (sellerId) => {
      accountOrThrow(sellerId)
      return []
    },
    close: () => server.close()
  }
}
