// OneClickDz's request handling once the route is known and no fault intervened:
// access token → allowed IPs → rate limit → the endpoint itself. Pure request-in, reply-out over the state.
// Order of checks inside placeOrder [assume]: scope, body, product, type, duplicate ref, stock, balance.
import type { IncomingHttpHeaders } from 'node:http'
import type { SimClock } from '../common/clock'
import type { SimReply } from '../common/http'
import type { JsonValue } from '../common/json-text'
import type { SlidingWindowLimiter } from '../common/rate-limiter'
import { errorReply, okReply, type Stamp } from './replies'
import { SANDBOX_TEST_STOCK, type KeyState, type OneClickDzState, type ProductState } from './state'
import { TEST_PARTIAL, TEST_REFUND, type OneClickDzAction } from './types'
import { checkOrderView, listItemView } from './views'

export interface OcRequest {
  action: OneClickDzAction
  /** The path parameter of checkProduct / checkOrder. */
  param: string | null
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
  ip: string
}

export interface OcContext {
  state: OneClickDzState
  clock: SimClock
  limiter: SlidingWindowLimiter | null
  stamp(): Stamp
}

/** [assume] The docs give a minimum of 1 only. */
export const MAX_QUANTITY = 50
const MAX_PAGE_SIZE = 100
const DEFAULT_PAGE_SIZE = 20
const MAX_REF_LENGTH = 100

export function handleOneClickDz(ctx: OcContext, req: OcRequest): SimReply {
  const stamp = ctx.stamp()
  const token = headerValue(req.headers, 'x-access-token')?.trim()
  if (!token) return errorReply('MISSING_ACCESS_TOKEN', 'Access token is required', stamp)
  const key = ctx.state.key(token)
  if (!key || !key.enabled) return errorReply('INVALID_ACCESS_TOKEN', 'The provided access token is invalid', stamp)
  if (key.allowedIps.length > 0 && !key.allowedIps.includes(normalizeIp(req.ip))) {
    return errorReply('IP_BLOCKED', 'Your IP address is not allowed to use this API key', stamp, { details: { ip: normalizeIp(req.ip) } })
  }
  if (ctx.limiter) {
    const decision = ctx.limiter.hit(key.apiKey)
    if (!decision.allowed) {
      return errorReply('RATE_LIMIT_EXCEEDED', 'Too many requests, please try again later', stamp, {
        details: { retryAfter: decision.retryAfterSeconds },
        headers: { 'Retry-After': String(decision.retryAfterSeconds) }
      })
    }
  }
  // Outcomes that fell due since the last request are applied before anything reads the state.
  ctx.state.settle()

  switch (req.action) {
    case 'validate':
      return okReply(
        {
          username: key.account.username,
          apiKey: { key: key.apiKey, isEnabled: key.enabled, type: key.type, allowedips: [...key.allowedIps], scope: key.scope }
        },
        stamp
      )
    case 'balance':
      return okReply({ balance: key.account.balance }, stamp)
    case 'catalog':
      return catalog(ctx, stamp)
    case 'checkProduct':
      return checkProduct(ctx, key, req.param ?? '', stamp)
    case 'placeOrder':
      return placeOrder(ctx, key, req.body, stamp)
    case 'checkOrder':
      return checkOrder(ctx, key, req.param ?? '', stamp)
    case 'list':
      return list(ctx, key, req.query, stamp)
  }
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** "::ffff:127.0.0.1" → "127.0.0.1", so allowed IPs can be written plainly. */
function normalizeIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip
}

function catalog(ctx: OcContext, stamp: Stamp): SimReply {
  const byCategory = new Map<string, JsonValue[]>()
  for (const p of ctx.state.products()) {
    const list = byCategory.get(p.category) ?? []
    list.push({ id: p.id, title: p.title, enabled: p.enabled, region: p.region ?? undefined })
    byCategory.set(p.category, list)
  }
  const categories = [...byCategory.entries()].map(([name, products]) => ({ name, products }))
  const totalProducts = categories.reduce((n, c) => n + c.products.length, 0)
  return okReply({ categories }, stamp, { totalCategories: categories.length, totalProducts })
}

/** A product the key may order, or the 404 reply. Disabled products count as absent. */
function orderable(ctx: OcContext, productId: string, stamp: Stamp): ProductState | SimReply {
  const product = ctx.state.product(productId)
  if (!product || !product.enabled) return errorReply('PRODUCT_NOT_FOUND', 'Product not found', stamp, { details: { productId } })
  return product
}

function isReply(value: ProductState | SimReply): value is SimReply {
  return 'status' in value && 'body' in value
}

function checkProduct(ctx: OcContext, key: KeyState, productId: string, stamp: Stamp): SimReply {
  const product = orderable(ctx, productId, stamp)
  if (isReply(product)) return product
  const types: JsonValue[] = [...product.types.values()].map((t) => ({ id: t.id, name: t.name, price: t.price, quantity: t.stock }))
  if (key.type === 'SANDBOX') {
    // The sandbox's test types, priced like the product's cheapest card (sandbox orders cost nothing anyway).
    const cheapest = [...product.types.values()].map((t) => t.price).sort((a, b) => a.comparedTo(b))[0]
    if (cheapest !== undefined) {
      types.push({ id: TEST_REFUND, name: 'Test: refunded order', price: cheapest, quantity: SANDBOX_TEST_STOCK })
      types.push({ id: TEST_PARTIAL, name: 'Test: half delivered', price: cheapest, quantity: SANDBOX_TEST_STOCK })
    }
  }
  return okReply({ productId: product.id, productTitle: product.title, types }, stamp)
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reply: SimReply }

function parseBody(text: string, stamp: Stamp): Parsed<Record<string, unknown>> {
  let value: unknown
  try {
    value = text.trim() === '' ? {} : JSON.parse(text)
  } catch {
    return { ok: false, reply: errorReply('ERR_VALIDATION', 'Invalid JSON body', stamp) }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reply: errorReply('ERR_VALIDATION', 'Request body must be a JSON object', stamp) }
  }
  return { ok: true, value: value as Record<string, unknown> }
}

function invalid(field: string, message: string, stamp: Stamp): SimReply {
  return errorReply('ERR_VALIDATION', message, stamp, { details: { field } })
}

function placeOrder(ctx: OcContext, key: KeyState, bodyText: string, stamp: Stamp): SimReply {
  if (key.scope !== 'READ-WRITE') {
    return errorReply('INSUFFICIENT_PERMISSIONS', 'This API key is not allowed to place orders (scope READ-ONLY)', stamp)
  }
  const body = parseBody(bodyText, stamp)
  if (!body.ok) return body.reply
  const { productId, typeId, quantity, ref } = body.value
  if (typeof productId !== 'string' || productId === '') return invalid('productId', 'productId is required', stamp)
  if (typeof typeId !== 'string' || typeId === '') return invalid('typeId', 'typeId is required', stamp)
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    return invalid('quantity', `quantity must be an integer between 1 and ${MAX_QUANTITY}`, stamp)
  }
  if (ref !== undefined && ref !== null && (typeof ref !== 'string' || ref === '' || ref.length > MAX_REF_LENGTH)) {
    return invalid('ref', `ref must be a string of 1 to ${MAX_REF_LENGTH} characters`, stamp)
  }
  const product = orderable(ctx, productId, stamp)
  if (isReply(product)) return product
  const testType = typeId === TEST_REFUND || typeId === TEST_PARTIAL
  if (testType ? key.type !== 'SANDBOX' : !product.types.has(typeId)) {
    return errorReply('TYPE_NOT_FOUND', 'Type not found for this product', stamp, { details: { productId, typeId } })
  }

  const result = ctx.state.place(key, product, typeId, quantity, typeof ref === 'string' ? ref : null)
  if (!result.ok) {
    switch (result.reason) {
      case 'duplicate_ref':
        return errorReply('DUPLICATED_REF', 'This reference ID is already in use', stamp, { details: { ref: String(ref) } })
      case 'out_of_stock':
        return errorReply('OUT_OF_STOCK', 'Product out of stock', stamp, { details: { productId, typeId, available: 0 } })
      case 'insufficient_balance':
        return errorReply(result.available.isZero() ? 'NO_BALANCE' : 'INSUFFICIENT_BALANCE', 'Insufficient balance', stamp, {
          details: { required: result.required, available: result.available }
        })
    }
  }
  return okReply({ orderId: result.order.orderId, orderRef: result.order.ref ?? undefined }, stamp)
}

function checkOrder(ctx: OcContext, key: KeyState, orderId: string, stamp: Stamp): SimReply {
  const order = ctx.state.order(key, orderId)
  if (!order) return errorReply('ORDER_NOT_FOUND', 'Order not found', stamp, { details: { orderId } })
  return okReply(checkOrderView(order), stamp)
}

/** A positive integer query parameter, its default when absent, or null when malformed. */
function positiveInt(query: URLSearchParams, name: string, fallback: number): number | null {
  const text = query.get(name)
  if (text === null || text === '') return fallback
  if (!/^\d{1,9}$/.test(text)) return null
  const n = Number(text)
  return n >= 1 ? n : null
}

function dateParam(query: URLSearchParams, name: string): number | undefined | null {
  const text = query.get(name)
  if (text === null || text === '') return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? null : ms
}

function list(ctx: OcContext, key: KeyState, query: URLSearchParams, stamp: Stamp): SimReply {
  const page = positiveInt(query, 'page', 1)
  if (page === null) return invalid('page', 'page must be an integer of at least 1', stamp)
  const pageSize = positiveInt(query, 'pageSize', DEFAULT_PAGE_SIZE)
  if (pageSize === null || pageSize > MAX_PAGE_SIZE) return invalid('pageSize', `pageSize must be an integer between 1 and ${MAX_PAGE_SIZE}`, stamp)
  const from = dateParam(query, 'from')
  if (from === null) return invalid('from', 'from must be an ISO 8601 date', stamp)
  const to = dateParam(query, 'to')
  if (to === null) return invalid('to', 'to must be an ISO 8601 date', stamp)

  const matching = ctx.state
    .visibleOrders(key)
    .filter((o) => (from === undefined || o.createdAtMs >= from) && (to === undefined || o.createdAtMs <= to))
    .reverse()
  const items = matching.slice((page - 1) * pageSize, page * pageSize).map(listItemView)
  return okReply(
    { items, pagination: { page, pageSize, totalPages: Math.ceil(matching.length / pageSize), totalResults: matching.length } },
    stamp
  )
}
