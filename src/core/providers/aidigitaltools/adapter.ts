// AI Digital Tools (seed 001) — undocumented, so assumed: errors are `{error: "<message>"}`; amounts are USD (the account's currency); an order's items arrive in delivery.text, split by the rule in splitDelivery (the image/video URL when there is no text); custom_fields are `{name|key, label, type, required, placeholder, pattern, options}`; stock null means unlimited; at most 100 per order; cancel and refund give back the whole `total`; no order list exists, so an unanswered create goes to review.
import type { z } from 'zod'
import { AppError, UpstreamError } from '../../errors'
import { money, multiply } from '../../money'
import type { CustomField } from '../../../shared/contract'
import { isOk, readReply, type ReplyReading } from '../reply'
import type {
  AdapterContext,
  CreateOrderRequest,
  HttpRequest,
  HttpResponse,
  ProviderAdapter,
  ProviderCapabilities,
  UpstreamBalance,
  UpstreamOrder,
  UpstreamOrderStatus,
  UpstreamProduct
} from '../types'
import {
  errorFromBody,
  errorFromUnreadableReply,
  errorInSuccessReply,
  transportFailure,
  LABEL,
  malformedReply,
  type ErrorContext
} from './errors'
import {
  BalanceReply,
  ErrorBody,
  HealthReply,
  OrderReply,
  OrderWithBalanceReply,
  ProductReply,
  ProductsReply,
  type CustomFieldSpec,
  type DetailedProduct,
  type ListedProduct,
  type Order
} from './schemas'

export type KeyPlacement = 'bearer' | 'x-api-key'

export interface AiDigitalToolsOptions {
  /** How the key is sent; the seed shows Authorization: Bearer first, X-API-Key as the alternative. */
  keyPlacement?: KeyPlacement
}

/** The adapter plus the one public call the interface has no slot for. */
export interface AiDigitalToolsAdapter extends ProviderAdapter {
  /** GET /health (no key): whether the API answers, and its version. */
  health(): Promise<{ message: string; version: string | null }>
  /** POST /orders/{id}/cancel: only before delivery; the whole amount goes back to the wallet. */
  cancelOrder(upstreamId: string, reason: string | null): Promise<UpstreamOrder>
}

export const API_PREFIX = '/api/public/v1'
const MIN_PER_ORDER = 1
/** [assume] The seed names no limit; the simulator enforces the same. */
export const MAX_PER_ORDER = 100
/** Product-detail calls in flight at once during a catalog sync (the account's rate limiter still paces them). */
const DETAIL_CONCURRENCY = 4
const MAX_QUOTED_STATUS = 40
const DEFAULT_CANCEL_REASON = 'Cancelled by the reseller'

export const AIDIGITALTOOLS_CAPABILITIES: ProviderCapabilities = {
  // customer_ref carries our reference, but nothing can look an order up by it (no list endpoint).
  clientReference: true,
  cancel: true,
  listOrders: false,
  supplier: true,
  minQuantityPerOrder: MIN_PER_ORDER,
  maxQuantityPerOrder: MAX_PER_ORDER,
  // Auto-deliver products come back delivered in the create reply; this is for the manually delivered ones.
  typicalDeliverySeconds: 60,
  pollIntervalSeconds: 15,
  // One budget per key (GET /balance says rate_limit_per_minute: 60); catalog calls draw from it too.
  rateLimits: { default: 60 },
  partialFulfilment: false
}

const STATUS: Record<string, UpstreamOrderStatus> = {
  pending: 'pending',
  processing: 'processing',
  delivered: 'completed',
  cancelled: 'cancelled',
  refunded: 'failed'
}

/** How AI Digital Tools' replies turn into errors: an error body with a failing status, or instead of the data. */
const READING: ReplyReading<ErrorContext> = {
  unreadable: errorFromUnreadableReply,
  malformed: malformedReply,
  refusal: (status, body, ctx) => {
    if (isOk(status)) return undefined
    const error = ErrorBody.safeParse(body)
    return error.success ? errorFromBody(status, error.data.message, ctx, error.data.code) : undefined
  },
  misfit: (status, body, ctx) => {
    const error = ErrorBody.safeParse(body)
    return error.success ? errorInSuccessReply(status, error.data.message, ctx) : undefined
  }
}

/**
 * The delivered items of an order: AI Digital Tools sends them as one `delivery.text`. [decision] The rule, in order:
 *   1. blank-line-separated blocks, when there are exactly `quantity` of them *and all have the same number of lines*
 *      (multi-line items: "login\npassword"); blocks of differing shapes ("A\n\nB\nC" for 2) would merge two codes
 *      into one item, so they are not guessed at (rule 4);
 *   2. non-empty lines, when there are exactly `quantity` of them (one code per line, CRLF and stray spaces allowed);
 *   3. one item ordered: the whole text is that item;
 *   4. anything else — extra lines, missing lines, codes joined by commas on one line — is *not* guessed at: the
 *      whole text is kept as a single item and flagged `whole`, and the engine sends the order to review.
 * Without a known quantity (never the case for a delivered order in the seed), lines are the items.
 */
export function splitDelivery(text: string, quantity: number | null): { items: string[]; whole: boolean } {
  const normalized = text.replace(/\r\n?/g, '\n').trim()
  if (normalized === '') return { items: [], whole: false }
  const lines = normalized
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  if (quantity === null) return { items: lines, whole: false }
  const blocks = normalized
    .split(/\n[ \t]*\n/)
    .map((b) => b.trim())
    .filter((b) => b !== '')
  if (blocks.length === quantity) {
    const shape = (b: string): number => b.split('\n').filter((line) => line.trim() !== '').length
    if (blocks.every((b) => shape(b) === shape(blocks[0]!))) return { items: blocks, whole: false }
    return { items: [normalized], whole: true }
  }
  if (lines.length === quantity) return { items: lines, whole: false }
  if (quantity === 1) return { items: [normalized], whole: false }
  return { items: [normalized], whole: true }
}

/** The items of a delivery (see splitDelivery); a delivery that does not split is one item. */
export function deliveredItems(text: string, quantity: number | null): string[] {
  return splitDelivery(text, quantity).items
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Whole-value pattern without the anchors some forms add (the planner anchors it itself). */
function unanchored(pattern: string): string {
  let p = pattern.trim()
  if (p.startsWith('^')) p = p.slice(1)
  if (p.endsWith('$') && !p.endsWith('\\$')) p = p.slice(0, -1)
  return p
}

const TYPE_PATTERNS: Record<string, string> = {
  email: '[^@\\s]+@[^@\\s]+\\.[^@\\s]+',
  number: '-?[0-9]+(\\.[0-9]+)?',
  integer: '[0-9]+',
  digits: '[0-9]+'
}

export function toCustomField(spec: CustomFieldSpec): CustomField {
  const name = (spec.name ?? spec.key ?? spec.id) as string
  const label = spec.label?.trim() ? spec.label.trim() : name
  let pattern: string | null = null
  if (spec.pattern?.trim()) pattern = unanchored(spec.pattern)
  else if (spec.options && spec.options.length > 0) {
    pattern = spec.options.map((o) => escapeRegExp(typeof o === 'string' ? o : o.value)).join('|')
  } else if (spec.type) pattern = Object.hasOwn(TYPE_PATTERNS, spec.type.toLowerCase()) ? (TYPE_PATTERNS[spec.type.toLowerCase()] ?? null) : null
  return { name, label, required: spec.required ?? false, pattern: pattern === '' ? null : pattern }
}

function toProduct(listed: ListedProduct, detail: DetailedProduct | null, currency: string): UpstreamProduct {
  const p = { ...listed, ...stripUndefined(detail ?? {}) } as ListedProduct
  const stock = p.stock
  return {
    productId: listed.id,
    variantId: null,
    title: p.name,
    variantName: null,
    category: p.category_name ?? '',
    description: p.description ?? listed.description ?? '',
    // What this account pays (after its discount); the list price is only the shop's reference.
    price: money(p.your_price ?? p.price, currency),
    stock,
    inStock: stock === null || stock > 0,
    maxPerOrder: MAX_PER_ORDER,
    fields: (p.custom_fields ?? []).map(toCustomField)
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** Refuse locally what AI Digital Tools would refuse anyway: nothing is sent, so nothing can be placed. */
function checkOrderRequest(req: CreateOrderRequest): void {
  if (req.productId.trim() === '' || req.productId.length > 128) {
    throw new UpstreamError('BAD_REQUEST', `That is not an ${LABEL} product id. Refresh the catalog and choose the product again.`, {
      placement: 'not_placed'
    })
  }
  if (req.variantId !== null) {
    throw new UpstreamError('BAD_REQUEST', `${LABEL} products have no variants. Refresh the catalog and choose the product again.`, {
      placement: 'not_placed'
    })
  }
  if (!Number.isInteger(req.quantity) || req.quantity < MIN_PER_ORDER || req.quantity > MAX_PER_ORDER) {
    throw new UpstreamError(
      'INVALID_QUANTITY',
      `${LABEL} orders are for ${MIN_PER_ORDER} to ${MAX_PER_ORDER} items, so an order for ${req.quantity} was not sent.`,
      { placement: 'not_placed' }
    )
  }
}

/** Runs fn over items with at most `limit` in flight; results in input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failed = false
  async function worker(): Promise<void> {
    while (!failed && next < items.length) {
      const i = next++
      try {
        results[i] = await fn(items[i] as T)
      } catch (e) {
        failed = true
        throw e
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

export function createAiDigitalToolsAdapter(ctx: AdapterContext, opts: AiDigitalToolsOptions = {}): AiDigitalToolsAdapter {
  if (ctx.credentials.kind !== 'aidigitaltools') {
    throw new AppError('VALIDATION', `This account's credentials are not ${LABEL} credentials.`)
  }
  const apiKey = ctx.credentials.apiKey
  const keyPlacement = opts.keyPlacement ?? 'bearer'
  const secrets = [apiKey]
  const currency = ctx.currency
  // A base URL given with the API path already on it still works.
  const prefix = /\/api\/public\/v1\/*$/i.test(ctx.baseUrl) ? '' : API_PREFIX

  function withKey(req: HttpRequest): HttpRequest {
    const auth: Record<string, string> = keyPlacement === 'x-api-key' ? { 'X-API-Key': apiKey } : { Authorization: `Bearer ${apiKey}` }
    return { ...req, path: prefix + req.path, headers: { ...req.headers, ...auth } }
  }

  async function call<S extends z.ZodType>(schema: S, req: HttpRequest, ectx: ErrorContext): Promise<z.output<S>> {
    let res: HttpResponse
    try {
      res = await ctx.http.request(req)
    } catch (err) {
      throw transportFailure(err, ectx)
    }
    return readReply(res, schema, ectx, READING)
  }

  function toOrder(o: Order, ectx: ErrorContext): UpstreamOrder {
    const status = Object.hasOwn(STATUS, o.status) ? STATUS[o.status] : undefined
    if (status === undefined) throw malformedReply(undefined, `unknown order status “${o.status.slice(0, MAX_QUOTED_STATUS)}”`, ectx)
    const quantity = o.quantity ?? null
    let codes: string[] = []
    let unsplitDelivery = false
    if (status === 'completed') {
      const split = splitDelivery(o.delivery?.text ?? '', quantity)
      codes = split.items
      unsplitDelivery = split.whole
      // A delivery with no text is a picture or a video of the item: its link is what the customer gets.
      if (codes.length === 0) codes = [o.delivery?.image_url, o.delivery?.video_url].filter((u): u is string => !!u && u.trim() !== '')
    }
    const totalText = o.total ?? (o.unit_price != null && quantity !== null ? multiply(money(o.unit_price, currency), quantity).amount : null)
    const charged = totalText === null ? null : money(totalText, currency)
    const closed = status === 'failed' || status === 'cancelled'
    // Cancel and refund give back the full order amount (seed: "Full order amount is refunded").
    const refundedText = closed ? (o.refunded ?? charged?.amount ?? null) : null
    return {
      upstreamId: o.id,
      clientRef: o.customer_ref ?? null,
      productId: o.product_id ?? null,
      variantId: null,
      quantity,
      createdAt: o.created_at ?? null,
      status,
      codes,
      charged,
      refunded: refundedText === null ? null : money(refundedText, currency),
      fulfilledQuantity: status === 'completed' ? codes.length : closed ? 0 : null,
      step: null,
      message: closed ? (o.cancel_reason ?? null) : null,
      upstreamStatus: o.status,
      ...(unsplitDelivery ? { unsplitDelivery } : {})
    }
  }

  async function productDetail(id: string): Promise<DetailedProduct | null> {
    const ectx: ErrorContext = { call: 'product', productId: id, secrets }
    const req = withKey({ method: 'GET', path: `/products/${encodeURIComponent(id)}`, bucket: 'catalog', priority: 'low' })
    try {
      return (await call(ProductReply, req, ectx)).product
    } catch (e) {
      // Gone between the list and now: leave it out of the catalog rather than fail the whole sync.
      if (e instanceof UpstreamError && e.code === 'PRODUCT_NOT_FOUND') return null
      throw e
    }
  }

  return {
    kind: 'aidigitaltools',
    capabilities: AIDIGITALTOOLS_CAPABILITIES,

    async health() {
      const req: HttpRequest = { method: 'GET', path: `${prefix}/health`, priority: 'low' }
      const reply = await call(HealthReply, req, { call: 'health', secrets })
      return { message: reply.message ?? '', version: reply.version ?? null }
    },

    async getBalance(): Promise<UpstreamBalance> {
      const reply = await call(BalanceReply, withKey({ method: 'GET', path: '/balance', priority: 'low' }), { call: 'balance', secrets })
      const details: Record<string, string> = {}
      if (reply.discount_percent != null) details.discount_percent = reply.discount_percent
      if (reply.rate_limit_per_minute != null) details.rate_limit_per_minute = String(reply.rate_limit_per_minute)
      return { available: money(reply.balance, currency), details }
    },

    async listCatalog(): Promise<UpstreamProduct[]> {
      const req = withKey({ method: 'GET', path: '/products', bucket: 'catalog', priority: 'low' })
      const { products } = await call(ProductsReply, req, { call: 'products', secrets })
      // custom_fields are only in the single-product reply, and the planner needs them before anything is bought.
      const details = await mapLimited(products, DETAIL_CONCURRENCY, (p) => (p.custom_fields ? Promise.resolve(undefined) : productDetail(p.id)))
      const out: UpstreamProduct[] = []
      products.forEach((p, i) => {
        const detail = details[i]
        if (detail === null) return
        out.push(toProduct(p, detail ?? null, currency))
      })
      return out
    },

    async createOrder(order: CreateOrderRequest): Promise<UpstreamOrder> {
      checkOrderRequest(order)
      const ectx: ErrorContext = { call: 'create_order', quantity: order.quantity, productId: order.productId, secrets }
      const req = withKey({
        method: 'POST',
        path: '/orders',
        body: { product_id: order.productId, quantity: order.quantity, customer_ref: order.clientRef, custom_data: { ...order.fields } },
        priority: 'high',
        idempotent: false
      })
      const reply = await call(OrderWithBalanceReply, req, ectx)
      const created = toOrder(reply.order, ectx)
      // Codes filed under the wrong order would be sold to the wrong customer: refuse a reply about another order.
      if (created.clientRef !== null && created.clientRef !== order.clientRef) {
        throw malformedReply(undefined, 'the reply is about an order with another reference', ectx)
      }
      if (created.productId !== null && created.productId !== order.productId) {
        throw malformedReply(undefined, 'the reply is about another product', ectx)
      }
      return {
        ...created,
        clientRef: order.clientRef,
        productId: order.productId,
        quantity: created.quantity ?? order.quantity
      }
    },

    async getOrder(upstreamId: string): Promise<UpstreamOrder> {
      const ectx: ErrorContext = { call: 'order', orderId: upstreamId, secrets }
      const req = withKey({ method: 'GET', path: `/orders/${encodeURIComponent(upstreamId)}`, priority: 'high' })
      const reply = await call(OrderReply, req, ectx)
      if (reply.order.id !== upstreamId) throw malformedReply(undefined, 'the reply is about a different order', ectx)
      return toOrder(reply.order, ectx)
    },

    async cancelOrder(upstreamId: string, reason: string | null): Promise<UpstreamOrder> {
      const ectx: ErrorContext = { call: 'cancel_order', orderId: upstreamId, secrets }
      const req = withKey({
        method: 'POST',
        path: `/orders/${encodeURIComponent(upstreamId)}/cancel`,
        body: { reason: reason?.trim() ? reason.trim() : DEFAULT_CANCEL_REASON },
        priority: 'high',
        idempotent: false
      })
      const reply = await call(OrderWithBalanceReply, req, ectx)
      if (reply.order.id !== upstreamId) throw malformedReply(undefined, 'the reply is about a different order', ectx)
      return toOrder(reply.order, ectx)
    }
  }
}
