// Hyper's request handling once the route is known and no fault intervened: region → (login | bearer token →
// rate limit) → the endpoint itself. Pure request-in, reply-out over the state.
//
// Paths are matched case-insensitively and JSON property names bind case-insensitively, as ASP.NET Core does; a value
// of the wrong JSON type is a model-binding 400 before any rule runs, and a missing number binds to 0.
import type { IncomingHttpHeaders } from 'node:http'
import type { SimClock } from '../common/clock'
import type { SimReply } from '../common/http'
import type { JsonValue } from '../common/json-text'
import type { SlidingWindowLimiter } from '../common/rate-limiter'
import type { TokenIssuer } from './auth'
import { formatAmount } from './money'
import { errorReply, okReply, type HyperErrorCode } from './replies'
import type { AccountState, BasketLineInput, HyperState } from './state'
import type { HyperAction } from './types'
import { accountView, categoryView, isoSeconds, orderDetailView, productView, typeView } from './views'

export interface HyperRequest {
  method: string
  action: HyperAction
  /** The `{id}` of the path, as text. */
  id: string | undefined
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
}

export interface HyperRateLimits {
  requests: SlidingWindowLimiter
  logins: SlidingWindowLimiter
}

export interface HyperContext {
  state: HyperState
  clock: SimClock
  tokens: TokenIssuer
  limits: HyperRateLimits | null
  /** A line was created with a NotifyURL: make sure its callback goes out when it falls due. */
  watchCallbacks(): void
}

interface Route {
  action: HyperAction
  method: 'GET' | 'POST'
  pattern: RegExp
}

const ROUTES: readonly Route[] = [
  { action: 'login', method: 'POST', pattern: /^\/login\/customer\/api\/verify$/i },
  { action: 'categories', method: 'GET', pattern: /^\/categories$/i },
  { action: 'category_types', method: 'GET', pattern: /^\/categories\/([^/]+)\/types$/i },
  { action: 'products', method: 'GET', pattern: /^\/products$/i },
  { action: 'product_detail', method: 'GET', pattern: /^\/products\/([^/]+)$/i },
  { action: 'order_create', method: 'POST', pattern: /^\/order\/create$/i },
  { action: 'order_detail', method: 'GET', pattern: /^\/order\/detail\/([^/]+)$/i },
  { action: 'order_list', method: 'GET', pattern: /^\/order\/list$/i },
  { action: 'order_cancel', method: 'POST', pattern: /^\/order\/cancel\/([^/]+)$/i },
  { action: 'account_details', method: 'GET', pattern: /^\/account\/details$/i }
]

export type RouteMatch =
  | { kind: 'found'; action: HyperAction; id: string | undefined }
  | { kind: 'wrong_method'; allow: string }
  | { kind: 'not_found' }

export function matchRoute(method: string, pathname: string): RouteMatch {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  const matching = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).filter((x) => x.m !== null)
  if (matching.length === 0) return { kind: 'not_found' }
  const hit = matching.find((x) => x.r.method === method)
  if (!hit) return { kind: 'wrong_method', allow: [...new Set(matching.map((x) => x.r.method))].join(', ') }
  const raw = hit.m?.[1]
  return { kind: 'found', action: hit.r.action, id: raw === undefined ? undefined : safeDecode(raw) }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

const MAX_PAGE_SIZE = 100
const DEFAULT_PAGE_SIZE = 20
const MAX_BASKET_LINES = 50
export const SUPPORTED_REGION = 'TR'

export function handleHyper(ctx: HyperContext, req: HyperRequest): SimReply {
  const region = firstHeader(req.headers['h-region-code'])?.trim()
  if (region !== undefined && region !== '' && region.toUpperCase() !== SUPPORTED_REGION) {
    return errorReply('REGION_NOT_SUPPORTED', `Region ${region.slice(0, 10)} is not served by this store.`)
  }
  // Outcomes that fell due since the last request are applied before anything reads the state.
  ctx.state.settle()
  if (req.action === 'login') return login(ctx, req)

  const bearer = ctx.tokens.check(firstHeader(req.headers.authorization))
  if (!bearer.ok) {
    if (bearer.code === 'TOKEN_EXPIRED') {
      const account = ctx.state.account(bearer.email)
      if (account) account.authFailures += 1
    }
    const message =
      bearer.code === 'UNAUTHORIZED' ? 'Authorization header is missing.' : bearer.code === 'TOKEN_EXPIRED' ? 'Token has expired.' : 'Token is invalid.'
    const why = bearer.code === 'UNAUTHORIZED' ? '' : `, error="invalid_token", error_description="${bearer.code === 'TOKEN_EXPIRED' ? 'The token expired' : 'The signature is invalid'}"`
    return errorReply(bearer.code, message, { headers: { 'WWW-Authenticate': `Bearer${why}` } })
  }
  const account = ctx.state.account(bearer.email)
  if (!account) return errorReply('TOKEN_INVALID', 'Token is invalid.')
  const limited = rateLimited(ctx.limits?.requests, account.email.toLowerCase())
  if (limited) return limited

  switch (req.action) {
    case 'categories':
      return okReply(ctx.state.categories().map(categoryView))
    case 'category_types':
      return categoryTypes(ctx, req)
    case 'products':
      return products(ctx, req)
    case 'product_detail':
      return productDetail(ctx, req)
    case 'order_create':
      return createOrder(ctx, account, req)
    case 'order_detail':
      return orderDetail(ctx, account, req)
    case 'order_list':
      return orderList(ctx, account, req)
    case 'order_cancel':
      return cancelOrder(ctx, account, req)
    case 'account_details':
      return okReply(accountView(account))
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function rateLimited(limiter: SlidingWindowLimiter | undefined, key: string): SimReply | undefined {
  if (!limiter) return undefined
  const decision = limiter.hit(key)
  if (decision.allowed) return undefined
  return errorReply('RATE_LIMITED', `Too many requests. At most ${limiter.limit} per minute; try again in ${decision.retryAfterSeconds} seconds.`, {
    headers: { 'Retry-After': String(decision.retryAfterSeconds) }
  })
}

// ---------- binding ----------

type Bound<T> = { ok: true; value: T } | { ok: false; reply: SimReply }

function invalid(message: string): { ok: false; reply: SimReply } {
  return { ok: false, reply: errorReply('VALIDATION_ERROR', message) }
}

function conversion(type: string, path: string): { ok: false; reply: SimReply } {
  return invalid(`The JSON value could not be converted to ${type}. Path: ${path}.`)
}

type JsonObject = Record<string, unknown>

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A property by name, case-insensitively (ASP.NET Core binding). */
function prop(obj: JsonObject, name: string): unknown {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(obj)) if (key.toLowerCase() === wanted) return value
  return undefined
}

function parseObject(text: string): Bound<JsonObject> {
  if (text.trim() === '') return invalid('A non-empty request body is required.')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return invalid('The request body is not valid JSON.')
  }
  return isObject(value) ? { ok: true, value } : conversion('the request model', '$')
}

/** string | null; absent → null. */
function stringOrNull(value: unknown, path: string): Bound<string | null> {
  if (value === undefined || value === null) return { ok: true, value: null }
  return typeof value === 'string' ? { ok: true, value } : conversion('System.String', path)
}

/** A JSON integer; absent or null → 0, as a non-nullable int binds. */
function int32(value: unknown, path: string): Bound<number> {
  if (value === undefined || value === null) return { ok: true, value: 0 }
  return typeof value === 'number' && Number.isSafeInteger(value) ? { ok: true, value } : conversion('System.Int32', path)
}

/** The `{id}` of the path as an integer, or the 400 ASP.NET gives for a value it cannot bind. */
function pathId(req: HyperRequest): Bound<number> {
  const text = req.id ?? ''
  if (!/^\d{1,15}$/.test(text) || !Number.isSafeInteger(Number(text))) return invalid(`The value '${text.slice(0, 40)}' is not valid for id.`)
  return { ok: true, value: Number(text) }
}

function queryInt(query: URLSearchParams, name: string): Bound<number | undefined> {
  const text = query.get(name)
  if (text === null || text === '') return { ok: true, value: undefined }
  if (!/^-?\d{1,15}$/.test(text)) return invalid(`The value '${text.slice(0, 40)}' is not valid for ${name}.`)
  return { ok: true, value: Number(text) }
}

const ISO_QUERY = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$/

function queryDate(query: URLSearchParams, name: string): Bound<number | undefined> {
  const text = query.get(name)
  if (text === null || text === '') return { ok: true, value: undefined }
  const ms = ISO_QUERY.test(text) ? Date.parse(/T/.test(text) && !/(Z|[+-]\d{2}:\d{2})$/.test(text) ? `${text}Z` : text) : Number.NaN
  return Number.isNaN(ms) ? invalid(`The value '${text.slice(0, 40)}' is not valid for ${name}.`) : { ok: true, value: ms }
}

// ---------- endpoints ----------

function login(ctx: HyperContext, req: HyperRequest): SimReply {
  const body = parseObject(req.body)
  if (!body.ok) return body.reply
  const email = stringOrNull(prop(body.value, 'Email'), '$.Email')
  if (!email.ok) return email.reply
  const password = stringOrNull(prop(body.value, 'Password'), '$.Password')
  if (!password.ok) return password.reply
  if (!email.value?.trim()) return invalid('The Email field is required.').reply
  if (!password.value) return invalid('The Password field is required.').reply

  const limited = rateLimited(ctx.limits?.logins, email.value.trim().toLowerCase())
  if (limited) return limited
  const account = ctx.state.account(email.value)
  if (!account || account.password !== password.value) return errorReply('INVALID_CREDENTIALS', 'E-mail or password is incorrect.')
  const issued = ctx.tokens.issue(account.email)
  account.logins += 1
  return okReply({ Token: issued.token, Expiration: isoSeconds(issued.expiresAtMs) }, 'Login successful.')
}

function categoryTypes(ctx: HyperContext, req: HyperRequest): SimReply {
  const id = pathId(req)
  if (!id.ok) return id.reply
  if (!ctx.state.category(id.value)) return errorReply('CATEGORY_NOT_FOUND', `Category ${id.value} was not found.`)
  return okReply(ctx.state.typesOf(id.value).map(typeView))
}

/** Both filters are optional; without them every product of the store is listed (inactive ones with IsActive false). */
function products(ctx: HyperContext, req: HyperRequest): SimReply {
  const categoryId = queryInt(req.query, 'categoryId')
  if (!categoryId.ok) return categoryId.reply
  const typeId = queryInt(req.query, 'typeId')
  if (!typeId.ok) return typeId.reply
  const list = ctx.state
    .products()
    .filter((p) => categoryId.value === undefined || p.categoryId === categoryId.value)
    .filter((p) => typeId.value === undefined || p.typeId === typeId.value)
    .map(productView)
  return okReply(list)
}

function productDetail(ctx: HyperContext, req: HyperRequest): SimReply {
  const id = pathId(req)
  if (!id.ok) return id.reply
  const product = ctx.state.product(id.value)
  if (!product) return errorReply('PRODUCT_NOT_FOUND', `Product ${id.value} was not found in your store.`)
  return okReply(productView(product))
}

interface CreateBody {
  lines: BasketLineInput[]
  notifyUrl: string | null
}

function bindCreate(text: string): Bound<CreateBody> {
  const body = parseObject(text)
  if (!body.ok) return body
  const rawBasket = prop(body.value, 'basketData')
  if (rawBasket === undefined || rawBasket === null) return invalid('The basketData field is required.')
  if (!Array.isArray(rawBasket)) return conversion('List`1[BasketItem]', '$.basketData')
  if (rawBasket.length === 0) return invalid('basketData must contain at least one item.')
  if (rawBasket.length > MAX_BASKET_LINES) return invalid(`basketData may contain at most ${MAX_BASKET_LINES} items.`)
  const lines: BasketLineInput[] = []
  for (const [i, raw] of rawBasket.entries()) {
    const path = `$.basketData[${i}]`
    if (!isObject(raw)) return conversion('BasketItem', path)
    const deliverId = stringOrNull(prop(raw, 'DeliverID'), `${path}.DeliverID`)
    if (!deliverId.ok) return deliverId
    const productId = int32(prop(raw, 'CustomerStoreProductID'), `${path}.CustomerStoreProductID`)
    if (!productId.ok) return productId
    const quantity = int32(prop(raw, 'Quantity'), `${path}.Quantity`)
    if (!quantity.ok) return quantity
    const rawRequire = prop(raw, 'RequireData')
    const requireData: BasketLineInput['RequireData'] = []
    if (rawRequire !== undefined && rawRequire !== null) {
      if (!Array.isArray(rawRequire)) return conversion('List`1[RequireDataItem]', `${path}.RequireData`)
      for (const [j, r] of rawRequire.entries()) {
        const rpath = `${path}.RequireData[${j}]`
        if (!isObject(r)) return conversion('RequireDataItem', rpath)
        const requireId = int32(prop(r, 'ProductRequireID'), `${rpath}.ProductRequireID`)
        if (!requireId.ok) return requireId
        const identifier = stringOrNull(prop(r, 'Identifier'), `${rpath}.Identifier`)
        if (!identifier.ok) return identifier
        const value = stringOrNull(prop(r, 'Value'), `${rpath}.Value`)
        if (!value.ok) return value
        requireData.push({ ProductRequireID: requireId.value, Identifier: identifier.value, Value: value.value })
      }
    }
    lines.push({ DeliverID: deliverId.value, CustomerStoreProductID: productId.value, Quantity: quantity.value, RequireData: requireData })
  }
  const billing = prop(body.value, 'BillingAddressID')
  if (billing !== undefined && billing !== null && !(typeof billing === 'number' && Number.isSafeInteger(billing))) {
    return conversion('System.Nullable`1[System.Int32]', '$.BillingAddressID')
  }
  const notify = stringOrNull(prop(body.value, 'NotifyURL'), '$.NotifyURL')
  if (!notify.ok) return notify
  const notifyUrl = notify.value?.trim() ? notify.value.trim() : null
  if (notifyUrl !== null && !isHttpUrl(notifyUrl)) return invalid('NotifyURL must be an absolute http or https URL.')
  return { ok: true, value: { lines, notifyUrl } }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

function createOrder(ctx: HyperContext, account: AccountState, req: HyperRequest): SimReply {
  const bound = bindCreate(req.body)
  if (!bound.ok) return bound.reply
  const { lines, notifyUrl } = bound.value

  const failures = ctx.state.checkBasket(account, lines)
  if (failures.length > 0) {
    const items: JsonValue[] = failures.map((f) => ({
      DeliverID: f.DeliverID,
      CustomerStoreProductID: f.CustomerStoreProductID,
      errorCode: f.errorCode,
      message: f.message,
      OrderDetailID: f.OrderDetailID,
      ProductRequireID: f.ProductRequireID
    }))
    const failing = new Set(failures.map((f) => f.DeliverID)).size
    return errorReply('BASKET_INVALID', `${failing} of ${lines.length} basket lines could not be ordered. Nothing was ordered.`, { items })
  }
  const placed = ctx.state.placeBasket(account, lines, notifyUrl)
  if (!placed.ok) {
    return errorReply(
      'INSUFFICIENT_BALANCE',
      `Insufficient balance. Required: ${formatAmount(placed.required)} ${placed.currency}, Available: ${formatAmount(placed.available)} ${placed.currency}.`
    )
  }
  if (notifyUrl !== null) ctx.watchCallbacks()
  return okReply(
    {
      OrderID: placed.orderId,
      details: placed.lines.map((l) => ({ DeliverID: l.deliverId, OrderDetailID: l.orderDetailId, Quantity: l.quantity, Price: l.unitPrice }))
    },
    'Order created.'
  )
}

function orderDetail(ctx: HyperContext, account: AccountState, req: HyperRequest): SimReply {
  const id = pathId(req)
  if (!id.ok) return id.reply
  const line = ctx.state.line(account.email, id.value)
  if (!line) return errorReply('ORDER_NOT_FOUND', `Order detail ${id.value} was not found.`)
  return okReply(orderDetailView(line))
}

/** Newest first; `from`/`to` bound CreatedDate (inclusive); pageSize above 100 is cut to 100, as the reply shows. */
function orderList(ctx: HyperContext, account: AccountState, req: HyperRequest): SimReply {
  const page = queryInt(req.query, 'page')
  if (!page.ok) return page.reply
  const size = queryInt(req.query, 'pageSize')
  if (!size.ok) return size.reply
  const from = queryDate(req.query, 'from')
  if (!from.ok) return from.reply
  const to = queryDate(req.query, 'to')
  if (!to.ok) return to.reply
  const pageNo = Math.max(1, page.value ?? 1)
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, size.value ?? DEFAULT_PAGE_SIZE))
  const rows = ctx.state
    .linesOf(account.email)
    .filter((l) => (from.value === undefined || l.createdAtMs >= from.value) && (to.value === undefined || l.createdAtMs <= to.value))
    .reverse()
  const slice = rows.slice((pageNo - 1) * pageSize, pageNo * pageSize).map(orderDetailView)
  return okReply({ Orders: slice, Page: pageNo, PageSize: pageSize, TotalCount: rows.length })
}

const CANCEL_REFUSALS: Record<'already_cancelled' | 'not_cancellable', { code: HyperErrorCode; message: (id: number) => string }> = {
  already_cancelled: { code: 'ORDER_ALREADY_CANCELLED', message: (id) => `Order detail ${id} is already cancelled.` },
  not_cancellable: { code: 'ORDER_NOT_CANCELLABLE', message: (id) => `Order detail ${id} can no longer be cancelled.` }
}

function cancelOrder(ctx: HyperContext, account: AccountState, req: HyperRequest): SimReply {
  const id = pathId(req)
  if (!id.ok) return id.reply
  const result = ctx.state.cancel(account.email, id.value)
  if (!result.ok) {
    if (result.reason === 'not_found') return errorReply('ORDER_NOT_FOUND', `Order detail ${id.value} was not found.`)
    const refusal = CANCEL_REFUSALS[result.reason]
    return errorReply(refusal.code, refusal.message(id.value))
  }
  return okReply(orderDetailView(result.line), 'Order cancelled.')
}
