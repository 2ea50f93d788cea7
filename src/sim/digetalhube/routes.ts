// DigetalHube's request handling once the action is known and no fault intervened:
// method → API key → rate limit → the action itself. Pure request-in, reply-out over the state.
//
// Order of checks (the seed does not say; this is the usual PHP front controller): the method is checked before the
// key, so a GET create_order without a key is 405; the per-key limit counts only requests with a valid key.
import type { IncomingHttpHeaders } from 'node:http'
import type { SimClock } from '../common/clock'
import type { SimReply } from '../common/http'
import type { JsonValue } from '../common/json-text'
import type { SlidingWindowLimiter } from '../common/rate-limiter'
import { formatUsdt } from './money'
import { errorReply, okReply } from './replies'
import type { AccountState, DigetalHubeState } from './state'
import type { DigetalHubeAction, SimLie } from './types'
import { CREATED_MESSAGE, TRACKING_NOTE, lyingView, orderListView, orderStatusView } from './views'

export interface DhRequest {
  method: string
  action: DigetalHubeAction
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
  ip: string
}

export interface DhRateLimits {
  authenticated: SlidingWindowLimiter
  products: SlidingWindowLimiter
}

export interface DhContext {
  state: DigetalHubeState
  clock: SimClock
  limits: DhRateLimits | null
  /** Full URL of order_status for an order, on the simulator's own base URL. */
  statusUrl(orderId: string): string
  /** The zone my_orders prints `created_at` in (minutes east of UTC). */
  listUtcOffsetMinutes: number
  /** What my_orders' `total` counts (see DigetalHubeSimOptions.myOrdersTotal). */
  myOrdersTotal: 'account' | 'page'
  /** my_orders leaves out this many of the newest orders (a list that lags behind the count). */
  listBehind: number
  /** Requests per action. */
  hits: Map<string, number>
  /** Lies still to tell (SimLie), first fitting one wins and is used up. */
  lies: SimLie[]
  /** Run (and forgotten) when the next create_order arrives, before it is handled. */
  beforeCreate: (() => void)[]
}

/** The view as sent: the truth, or a queued lie about this order that fits it (used up by being told). */
function maybeLie(ctx: DhContext, action: SimLie['action'], orderId: string, truth: JsonValue): JsonValue {
  for (let i = 0; i < ctx.lies.length; i++) {
    const lie = ctx.lies[i]!
    if (lie.action !== action || (lie.orderId !== undefined && lie.orderId !== orderId)) continue
    const told = lyingView(truth, lie.kind)
    if (told === null) continue
    ctx.lies.splice(i, 1)
    return told
  }
  return truth
}

const METHOD_OF: Record<DigetalHubeAction, 'GET' | 'POST'> = {
  balance: 'GET',
  products: 'GET',
  create_order: 'POST',
  order_status: 'GET',
  my_orders: 'GET'
}

const MAX_QUANTITY = 10
export const POLL_INTERVAL_SECONDS = 10

export function handleDigetalHube(ctx: DhContext, req: DhRequest): SimReply {
  const now = ctx.clock.unixSeconds()
  const expected = METHOD_OF[req.action]
  if (req.method !== expected) {
    return errorReply('METHOD_NOT_ALLOWED', `Method not allowed. Use ${expected} for ${req.action}.`, now, { headers: { Allow: expected } })
  }
  // Outcomes that fell due since the last request are applied before anything reads the state.
  ctx.state.settle()

  if (req.action === 'products') {
    const limited = rateLimited(ctx.limits?.products, req.ip, now)
    if (limited) return limited
    return products(ctx, req, now)
  }

  const apiKey = apiKeyOf(req)
  if (apiKey === undefined) return errorReply('UNAUTHORIZED', 'API key required. Send it in the X-API-Key header.', now)
  const account = ctx.state.account(apiKey)
  if (!account) return errorReply('INVALID_API_KEY', 'Invalid API key.', now)
  const limited = rateLimited(ctx.limits?.authenticated, apiKey, now)
  if (limited) return limited

  switch (req.action) {
    case 'balance':
      return balance(account, now)
    case 'create_order':
      return createOrder(ctx, account, req.body, now)
    case 'order_status':
      return orderStatus(ctx, account, req.query, now)
    case 'my_orders':
      return myOrders(ctx, account, req.query, now)
  }
}

/** X-API-Key, then Authorization: Bearer, then ?api_key= — the seed's order of preference. */
function apiKeyOf(req: DhRequest): string | undefined {
  const header = firstHeader(req.headers['x-api-key'])?.trim()
  if (header) return header
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(firstHeader(req.headers.authorization) ?? '')?.[1]
  if (bearer) return bearer
  const query = req.query.get('api_key')?.trim()
  return query ? query : undefined
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function rateLimited(limiter: SlidingWindowLimiter | undefined, key: string, now: number): SimReply | undefined {
  if (!limiter) return undefined
  const decision = limiter.hit(key)
  if (decision.allowed) return undefined
  return errorReply(
    'RATE_LIMITED',
    `Rate limit exceeded. Maximum ${limiter.limit} requests per minute. Try again in ${decision.retryAfterSeconds} seconds.`,
    now,
    { headers: { 'Retry-After': String(decision.retryAfterSeconds) } }
  )
}

function balance(account: AccountState, now: number): SimReply {
  return okReply(
    {
      balance: {
        available: account.available,
        total_deposited: account.totalDeposited,
        total_spent: account.totalSpent,
        total_orders: account.totalOrders,
        currency: 'USDT'
      }
    },
    now
  )
}

/** `categories` lists the whole catalog's categories whatever the filter, so a client can build its filter from it. */
function products(ctx: DhContext, req: DhRequest, now: number): SimReply {
  const categoryParam = req.query.get('category_id')
  let categoryId: number | undefined
  if (categoryParam !== null && categoryParam !== '') {
    if (!/^\d+$/.test(categoryParam)) return errorReply('BAD_REQUEST', 'Invalid category_id. It must be an integer.', now)
    categoryId = Number(categoryParam)
  }
  const inStockParam = (req.query.get('in_stock') ?? '').toLowerCase()
  const onlyInStock = inStockParam === '1' || inStockParam === 'true'

  const list = ctx.state
    .products()
    .filter((p) => categoryId === undefined || p.categoryId === categoryId)
    .filter((p) => !onlyInStock || p.stock > 0)
    .map(
      (p): JsonValue => ({
        id: p.id,
        title: p.title,
        description: p.description,
        price_usdt: p.price,
        stock: p.stock,
        in_stock: p.stock > 0,
        category_id: p.categoryId,
        category_name: p.categoryName
      })
    )
  return okReply({ products: list, total: list.length, categories: ctx.state.categories() }, now)
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reply: SimReply }

/** The JSON body. An empty body counts as `{}` (so it ends in MISSING_FIELD, like PHP's json_decode of nothing). */
function parseBody(text: string, now: number): Parsed<Record<string, unknown>> {
  if (text.trim() === '') return { ok: true, value: {} }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, reply: errorReply('BAD_REQUEST', 'Invalid JSON body.', now) }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reply: errorReply('BAD_REQUEST', 'Request body must be a JSON object.', now) }
  }
  return { ok: true, value: value as Record<string, unknown> }
}

/** A JSON integer, or a string of digits (PHP-style leniency); undefined for anything else. */
function integerOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) {
    const n = Number(value)
    return Number.isSafeInteger(n) ? n : undefined
  }
  return undefined
}

function createOrder(ctx: DhContext, account: AccountState, bodyText: string, now: number): SimReply {
  for (const fn of ctx.beforeCreate.splice(0)) fn()
  const body = parseBody(bodyText, now)
  if (!body.ok) return body.reply
  const { product_id: rawProductId, quantity: rawQuantity } = body.value

  if (rawProductId === undefined || rawProductId === null || rawProductId === '') {
    return errorReply('MISSING_FIELD', 'Missing required field: product_id', now)
  }
  const productId = integerOf(rawProductId)
  if (productId === undefined) return errorReply('BAD_REQUEST', 'product_id must be an integer.', now)

  const quantity = rawQuantity === undefined || rawQuantity === null ? 1 : integerOf(rawQuantity)
  if (quantity === undefined || quantity < 1 || quantity > MAX_QUANTITY) {
    return errorReply('INVALID_QUANTITY', `Quantity must be between 1 and ${MAX_QUANTITY}.`, now)
  }

  const product = ctx.state.product(productId)
  if (!product) return errorReply('PRODUCT_NOT_FOUND', `Product not found: ${productId}`, now)

  const result = ctx.state.createOrder(account, product, quantity)
  if (!result.ok) {
    if (result.reason === 'insufficient_stock') {
      return errorReply('INSUFFICIENT_STOCK', `Insufficient stock. Requested: ${result.requested}, Available: ${result.available}.`, now)
    }
    return errorReply(
      'INSUFFICIENT_BALANCE',
      `Insufficient balance. Required: $${formatUsdt(result.required)}, Available: $${formatUsdt(result.available)}. Please deposit more USDT.`,
      now
    )
  }

  const { order } = result
  return okReply(
    {
      order: {
        order_id: order.orderId,
        product_id: order.productId,
        product_name: order.productName,
        quantity: order.quantity,
        price_per_unit: order.pricePerUnit,
        total_amount: order.total,
        currency: 'USDT',
        status: 'processing',
        created_at: Math.floor(order.createdAtMs / 1000),
        message: CREATED_MESSAGE
      },
      balance: { previous: result.previous, deducted: order.total, remaining: result.remaining },
      tracking: { check_status_url: ctx.statusUrl(order.orderId), poll_interval_seconds: POLL_INTERVAL_SECONDS, note: TRACKING_NOTE }
    },
    now
  )
}

function orderStatus(ctx: DhContext, account: AccountState, query: URLSearchParams, now: number): SimReply {
  const orderId = query.get('order_id')?.trim()
  if (!orderId) return errorReply('MISSING_FIELD', 'Missing required field: order_id', now)
  const order = ctx.state.order(account.apiKey, orderId)
  if (!order) return errorReply('ORDER_NOT_FOUND', 'Order not found.', now)
  const denial = ctx.lies.findIndex((l) => l.action === 'order_status' && l.kind === 'not_found' && (l.orderId === undefined || l.orderId === order.orderId))
  if (denial >= 0) {
    ctx.lies.splice(denial, 1)
    return errorReply('ORDER_NOT_FOUND', 'Order not found.', now)
  }
  return okReply({ order: maybeLie(ctx, 'order_status', order.orderId, orderStatusView(ctx.state, order)) }, now)
}

/** PHP's intval: leading integer digits, else 0 ("abc" → 0, "12x" → 12). */
function phpIntval(text: string): number {
  const match = /^\s*[+-]?\d+/.exec(text)
  return match ? Number.parseInt(match[0], 10) : 0
}

/** Out-of-range limit/offset are clamped (1–100, ≥ 0) rather than refused; the reply echoes what was used. */
function myOrders(ctx: DhContext, account: AccountState, query: URLSearchParams, now: number): SimReply {
  const limitParam = query.get('limit')
  const limit = limitParam === null || limitParam === '' ? 50 : Math.min(100, Math.max(1, phpIntval(limitParam)))
  const offset = Math.max(0, phpIntval(query.get('offset') ?? '0'))
  const newestFirst = ctx.state.ordersOf(account.apiKey).reverse().slice(ctx.listBehind)
  const page = newestFirst.slice(offset, offset + limit).map((o) => maybeLie(ctx, 'my_orders', o.orderId, orderListView(o, ctx.listUtcOffsetMinutes)))
  return okReply({ orders: page, total: ctx.myOrdersTotal === 'page' ? page.length : newestFirst.length, limit, offset }, now)
}
