// AI Digital Tools' request handling once the route is known and no fault intervened:
// API key → revoked? → rate limit → the endpoint itself. Pure request-in, reply-out over the state.
//
// Order of checks (the seed does not say; [assume] the usual middleware order): /health needs no key; then a missing
// or unknown key is 401, a revoked one 403; the per-key limit counts only requests that passed those checks.
// Create checks, in order: body → product_id → quantity → customer_ref → custom_data shape → product (404) →
// the product's custom fields (400) → stock (409) → balance (402).
import type { IncomingHttpHeaders } from 'node:http'
import type { SimReply } from '../common/http'
import type { JsonValue } from '../common/json-text'
import type { SlidingWindowLimiter } from '../common/rate-limiter'
import { centsText } from './money'
import { errorReply, okReply } from './replies'
import type { AccountState, AiDigitalToolsState } from './state'
import type { AiDigitalToolsAction, SimCustomField } from './types'
import { cancelledOrderView, createdOrderView, listedProductView, orderView, productView } from './views'

export const MAX_QUANTITY = 100
const MAX_CUSTOMER_REF = 255
const MAX_REASON = 500

export interface AdtRoute {
  action: AiDigitalToolsAction
  /** The {id} of /products/{id} and /orders/{id}. */
  id?: string
}

export interface AdtRequest {
  route: AdtRoute
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
}

export interface AdtContext {
  state: AiDigitalToolsState
  /** Per-key limiters by per-minute limit (each account may have its own); null: no limits. */
  limiter(perMinute: number): SlidingWindowLimiter | null
  /** The limit a key gets: the override when set, else the account's own. */
  limitOf(account: AccountState): number
}

/** Method + path (below /api/public/v1) → route; undefined: "route does not exist" (404). */
export function matchRoute(method: string, path: string): AdtRoute | undefined {
  const parts = path.split('/').filter((p) => p !== '')
  const [a, b, c] = parts
  const id = b === undefined ? undefined : safeDecode(b)
  if (method === 'GET' && parts.length === 1 && a === 'health') return { action: 'health' }
  if (method === 'GET' && parts.length === 1 && a === 'balance') return { action: 'balance' }
  if (method === 'GET' && parts.length === 1 && a === 'products') return { action: 'products' }
  if (method === 'GET' && parts.length === 2 && a === 'products' && id) return { action: 'product', id }
  if (method === 'POST' && parts.length === 1 && a === 'orders') return { action: 'create_order' }
  if (method === 'GET' && parts.length === 2 && a === 'orders' && id) return { action: 'order_status', id }
  if (method === 'POST' && parts.length === 3 && a === 'orders' && c === 'cancel' && id) return { action: 'cancel_order', id }
  return undefined
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

export const HEALTH_REPLY = { success: true, message: 'Reseller API is running successfully', version: 'v1' } as const

export function handleAiDigitalTools(ctx: AdtContext, req: AdtRequest): SimReply {
  if (req.route.action === 'health') return okReply(HEALTH_REPLY)
  // Outcomes that fell due since the last request are applied before anything reads the state.
  ctx.state.settle()

  const apiKey = apiKeyOf(req.headers)
  if (apiKey === undefined) return errorReply(401, 'Missing API key. Send it as Authorization: Bearer <key> or X-API-Key.')
  const account = ctx.state.account(apiKey)
  if (!account) return errorReply(401, 'Invalid API key')
  if (account.revoked) return errorReply(403, 'API key revoked. Ask the admin to reissue a new key.')
  const limiter = ctx.limiter(ctx.limitOf(account))
  if (limiter) {
    const decision = limiter.hit(apiKey)
    if (!decision.allowed) {
      return errorReply(429, `Rate limit exceeded (${limiter.limit} requests per minute). Try again in ${decision.retryAfterSeconds} seconds.`, {
        'Retry-After': String(decision.retryAfterSeconds)
      })
    }
  }

  const { route } = req
  switch (route.action) {
    case 'health':
      return okReply(HEALTH_REPLY)
    case 'balance':
      return okReply({ balance: account.balance, discount_percent: account.discountPercent, rate_limit_per_minute: ctx.limitOf(account) })
    case 'products':
      return products(ctx, account, req.query)
    case 'product':
      return product(ctx, account, route.id ?? '')
    case 'create_order':
      return createOrder(ctx, account, req.body)
    case 'order_status':
      return orderStatus(ctx, account, route.id ?? '')
    case 'cancel_order':
      return cancelOrder(ctx, account, route.id ?? '', req.body)
  }
}

/** Authorization: Bearer first (the seed's main way), then X-API-Key. */
function apiKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(firstHeader(headers.authorization) ?? '')?.[1]
  if (bearer) return bearer
  const header = firstHeader(headers['x-api-key'])?.trim()
  return header ? header : undefined
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function products(ctx: AdtContext, account: AccountState, query: URLSearchParams): SimReply {
  const categoryId = query.get('category_id')
  const list = ctx.state
    .products()
    .filter((p) => categoryId === null || categoryId === '' || p.categoryId === categoryId)
    .map((p) => listedProductView(ctx.state, account, p))
  return okReply({ products: list, default_discount_percent: account.discountPercent })
}

function product(ctx: AdtContext, account: AccountState, id: string): SimReply {
  const p = ctx.state.product(id)
  if (!p) return errorReply(404, 'Product not found')
  return okReply({ product: productView(ctx.state, account, p) })
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reply: SimReply }

/** The JSON body; an empty body counts as `{}`. */
function parseBody(text: string): Parsed<Record<string, unknown>> {
  if (text.trim() === '') return { ok: true, value: {} }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, reply: errorReply(400, 'Invalid JSON body') }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reply: errorReply(400, 'Request body must be a JSON object') }
  return { ok: true, value: value as Record<string, unknown> }
}

/** custom_data: an object of text (numbers are taken as their text, as a form would). */
function parseCustomData(value: unknown): Parsed<Record<string, string>> {
  if (value === undefined || value === null) return { ok: true, value: {} }
  if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, reply: errorReply(400, 'custom_data must be an object') }
  const out: Record<string, string> = {}
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') out[key] = v
    else if (typeof v === 'number' && Number.isFinite(v)) out[key] = String(v)
    else if (v !== null && v !== undefined) return { ok: false, reply: errorReply(400, `custom_data.${key} must be text`) }
  }
  return { ok: true, value: out }
}

/** The first problem with the buyer's inputs, as the API words it; undefined when they are fine. */
function fieldProblem(fields: readonly SimCustomField[], data: Record<string, string>): string | undefined {
  for (const f of fields) {
    const value = (data[f.name] ?? '').trim()
    if (value === '') {
      if (f.required) return `Missing required field: ${f.label}`
      continue
    }
    if (f.pattern !== undefined && !new RegExp(`^(?:${f.pattern})$`).test(value)) return `Invalid value for ${f.label}`
    if (f.type === 'select' && !(f.options ?? []).includes(value)) return `Invalid value for ${f.label}: choose one of ${(f.options ?? []).join(', ')}`
  }
  return undefined
}

function createOrder(ctx: AdtContext, account: AccountState, bodyText: string): SimReply {
  const body = parseBody(bodyText)
  if (!body.ok) return body.reply
  const { product_id: productId, quantity: rawQuantity, customer_ref: rawRef, custom_data: rawData } = body.value

  if (typeof productId !== 'string' || productId.trim() === '') return errorReply(400, 'product_id is required')
  const quantity = rawQuantity === undefined || rawQuantity === null ? 1 : rawQuantity
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    return errorReply(400, `quantity must be an integer between 1 and ${MAX_QUANTITY}`)
  }
  if (rawRef !== undefined && rawRef !== null && (typeof rawRef !== 'string' || rawRef.length > MAX_CUSTOMER_REF)) {
    return errorReply(400, `customer_ref must be text of at most ${MAX_CUSTOMER_REF} characters`)
  }
  const customerRef = typeof rawRef === 'string' && rawRef !== '' ? rawRef : null
  const customData = parseCustomData(rawData)
  if (!customData.ok) return customData.reply

  const product = ctx.state.product(productId)
  if (!product) return errorReply(404, 'Product not found')
  const problem = fieldProblem(product.customFields, customData.value)
  if (problem !== undefined) return errorReply(400, problem)

  const result = ctx.state.createOrder(account, product, quantity, customerRef, customData.value)
  if (!result.ok) {
    if (result.reason === 'out_of_stock') return errorReply(409, `Out of stock. Requested ${result.requested}, available ${result.available}.`)
    return errorReply(402, `Insufficient wallet balance. Required: ${centsText(result.required)}, available: ${centsText(result.available)}.`)
  }
  return okReply({ order: createdOrderView(ctx.state, result.order), balance: result.balance }, 201)
}

function orderStatus(ctx: AdtContext, account: AccountState, id: string): SimReply {
  const order = ctx.state.order(account.apiKey, id)
  if (!order) return errorReply(404, 'Order not found')
  return okReply({ order: orderView(ctx.state, order) })
}

function cancelOrder(ctx: AdtContext, account: AccountState, id: string, bodyText: string): SimReply {
  const body = parseBody(bodyText)
  if (!body.ok) return body.reply
  const rawReason = body.value.reason
  if (rawReason !== undefined && rawReason !== null && (typeof rawReason !== 'string' || rawReason.length > MAX_REASON)) {
    return errorReply(400, `reason must be text of at most ${MAX_REASON} characters`)
  }
  const order = ctx.state.order(account.apiKey, id)
  if (!order) return errorReply(404, 'Order not found')
  const reason = typeof rawReason === 'string' && rawReason.trim() !== '' ? rawReason.trim() : null
  const result = ctx.state.cancel(account, order, reason)
  if (!result.ok) return errorReply(400, `Order cannot be cancelled: it is already ${result.status}.`)
  const value: JsonValue = { order: cancelledOrderView(result.order), balance: result.balance }
  return okReply(value)
}
