// OneClickDz Flexy API v3 gift cards (seed 002) — undocumented, so assumed: orders carry our `ref` back (checkOrder and list items, field `ref`), the list is newest first and `from` filters by order time; a card becomes the code "value" or "value / serial"; max 50 cards per order, 60 requests/min per key; the error codes the docs do not name (OUT_OF_STOCK, ERR_VALIDATION, *_NOT_FOUND, RATE_LIMIT_EXCEEDED, …) are in errors.ts.
import Decimal from 'decimal.js'
import type { z } from 'zod'
import { AppError, UpstreamError } from '../../errors'
import { money, normalize } from '../../money'
import { readReply, type ReplyReading } from '../reply'
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
import { cardCode } from './codes'
import { errorFromEnvelope, errorFromUnreadableReply, LABEL, malformedReply, transportFailure, type ErrorContext } from './errors'
import {
  BalanceReply,
  CatalogReply,
  CheckOrderReply,
  CheckProductReply,
  ErrorEnvelope,
  ListReply,
  PlaceOrderReply,
  ValidateReply,
  type CatalogProduct,
  type Order,
  type Pagination
} from './schemas'

const CURRENCY = 'DZD'
const MIN_PER_ORDER = 1
const MAX_PER_ORDER = 50
const PAGE_SIZE = 100
const MAX_PAGES = 20
/** checkProduct calls in flight during a catalog sync; the account's rate limiter paces them anyway. */
const CATALOG_CONCURRENCY = 4
const MAX_QUOTED = 40
/**
 * findByClientRef looks this much further back than asked: `from` is compared with OneClickDz's clock, and an order
 * missed because its clock lags ours would be sent again (and refused as DUPLICATED_REF, again and again).
 */
const REF_LOOKBACK_MARGIN_MS = 10 * 60_000

export const ONECLICKDZ_CAPABILITIES: ProviderCapabilities = {
  clientReference: true,
  cancel: false,
  listOrders: true,
  supplier: true,
  minQuantityPerOrder: MIN_PER_ORDER,
  maxQuantityPerOrder: MAX_PER_ORDER,
  // "Most orders process within seconds" (3–45 s); the docs poll every 5 s.
  typicalDeliverySeconds: 5,
  pollIntervalSeconds: 5,
  rateLimits: { default: 60 },
  partialFulfilment: true
}

const STATUS: Record<string, UpstreamOrderStatus> = {
  // Not in the gift-card docs, but the mobile top-ups of the same API start PENDING: harmless to understand.
  PENDING: 'pending',
  HANDLING: 'processing',
  FULFILLED: 'completed',
  PARTIALLY_FILLED: 'partially_completed',
  REFUNDED: 'failed'
}

const FINAL = new Set<UpstreamOrderStatus>(['completed', 'partially_completed', 'failed'])

const D = Decimal.clone({ precision: 40 })

function quoted(text: string): string {
  return `“${text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text}”`
}

/** How OneClickDz's replies turn into errors: its `{success:false, error}` envelope is a refusal whatever the status. */
const READING: ReplyReading<ErrorContext> = {
  unreadable: errorFromUnreadableReply,
  malformed: malformedReply,
  refusal: (status, body, ctx) => {
    const envelope = ErrorEnvelope.safeParse(body)
    return envelope.success ? errorFromEnvelope(status, envelope.data.error.code, envelope.data.error.message ?? '', ctx) : undefined
  }
}

/**
 * An order object (checkOrder's data or a list item) → UpstreamOrder. Money: fulfilled_amount is what was charged;
 * what was not delivered is refunded, i.e. quantity × price_per_card − fulfilled_amount (REFUNDED: the whole amount).
 */
export function toUpstreamOrder(o: Order, ectx: ErrorContext): UpstreamOrder {
  const status = Object.hasOwn(STATUS, o.status) ? STATUS[o.status] : undefined
  if (status === undefined) throw malformedReply(undefined, `unknown order status ${quoted(o.status)}`, ectx)
  const final = FINAL.has(status)
  const codes = final && status !== 'failed' ? (o.cards ?? []).map((c) => cardCode(c.value, c.serial)) : []
  if ((status === 'completed' || status === 'partially_completed') && codes.length === 0) {
    throw malformedReply(undefined, `a ${o.status} order without cards`, ectx)
  }

  let charged: UpstreamOrder['charged'] = null
  let refunded: UpstreamOrder['refunded'] = null
  if (final) {
    const chargedText = o.fulfilled_amount ?? (status === 'failed' ? '0' : undefined)
    if (chargedText !== undefined) charged = money(chargedText, CURRENCY)
    if (o.price_per_card !== undefined && chargedText !== undefined) {
      const rest = new D(o.price_per_card).times(o.quantity).minus(chargedText)
      if (rest.isNegative() && !rest.isZero()) throw malformedReply(undefined, 'an order charged more than its cards cost', ectx)
      if (status !== 'completed') refunded = money(normalize(rest.toFixed()), CURRENCY)
    }
  }
  const fulfilledQuantity = !final ? null : (o.fulfilled_quantity ?? (status === 'failed' ? 0 : codes.length))
  let message: string | null = null
  if (status === 'partially_completed') {
    message = `${LABEL} delivered ${fulfilledQuantity} of ${o.quantity} cards and refunded the rest.`
  } else if (status === 'failed') {
    message = `${LABEL} could not deliver this order and refunded it in full.`
  }
  return {
    upstreamId: o._id,
    clientRef: o.ref ?? o.orderRef ?? null,
    productId: o.product ?? null,
    variantId: o.type ?? null,
    quantity: o.quantity,
    createdAt: o.time ?? null,
    status,
    codes,
    charged,
    refunded,
    fulfilledQuantity,
    step: null,
    message,
    upstreamStatus: o.status
  }
}

function toProducts(category: string, product: CatalogProduct, reply: z.output<typeof CheckProductReply>): UpstreamProduct[] {
  const region = product.region?.trim()
  return reply.data.types.map((t) => ({
    productId: product.id,
    variantId: t.id,
    title: product.title,
    variantName: t.name,
    category,
    description: region ? `Region: ${region.toUpperCase()}` : '',
    price: money(t.price, CURRENCY),
    stock: t.quantity,
    inStock: t.quantity > 0,
    maxPerOrder: MAX_PER_ORDER,
    fields: []
  }))
}

/** Refuse locally what OneClickDz would refuse anyway: nothing is sent, so nothing can be placed. */
function checkOrderRequest(req: CreateOrderRequest): string {
  if (req.productId.trim() === '') {
    throw new UpstreamError('BAD_REQUEST', `The order names no ${LABEL} product. Refresh the catalog and choose the card again.`, {
      placement: 'not_placed'
    })
  }
  if (req.variantId === null || req.variantId.trim() === '') {
    throw new UpstreamError(
      'BAD_REQUEST',
      `${LABEL} sells every card by denomination, and this order names none. Refresh the catalog and choose the denomination again.`,
      { placement: 'not_placed' }
    )
  }
  if (!Number.isInteger(req.quantity) || req.quantity < MIN_PER_ORDER || req.quantity > MAX_PER_ORDER) {
    throw new UpstreamError(
      'INVALID_QUANTITY',
      `ResellerDesk sends ${MIN_PER_ORDER} to ${MAX_PER_ORDER} cards per ${LABEL} order, so an order for ${req.quantity} was not sent.`,
      { placement: 'not_placed' }
    )
  }
  return req.variantId
}

/** The last page number the reply says there is, or null when it does not say. */
function lastPage(pagination: Pagination | undefined): number | null {
  return pagination === undefined ? null : pagination.totalPages
}

export function createOneClickDzAdapter(ctx: AdapterContext): ProviderAdapter {
  if (ctx.credentials.kind !== 'oneclickdz') {
    throw new AppError('VALIDATION', `This account's credentials are not ${LABEL} credentials.`)
  }
  const apiKey = ctx.credentials.apiKey
  const secrets = [apiKey]
  /** What /validate said about the key (SANDBOX or PRODUCTION, scope): asked once, shown with the balance. */
  let keyInfo: { type: string; scope: string | null } | null = null

  function withKey(req: HttpRequest): HttpRequest {
    return { ...req, headers: { ...req.headers, 'X-Access-Token': apiKey } }
  }

  async function call<S extends z.ZodType>(schema: S, req: HttpRequest, ectx: ErrorContext): Promise<z.output<S>> {
    let res: HttpResponse
    try {
      res = await ctx.http.request(withKey(req))
    } catch (err) {
      throw transportFailure(err, ectx)
    }
    return readReply(res, schema, ectx, READING)
  }

  async function validateKey(): Promise<{ type: string; scope: string | null }> {
    if (keyInfo) return keyInfo
    const reply = await call(ValidateReply, { method: 'GET', path: '/v3/validate', priority: 'low' }, { call: 'validate', secrets })
    const key = reply.data.apiKey
    if (key.isEnabled === false) {
      throw new UpstreamError(
        'AUTH_INVALID',
        `This ${LABEL} API key is disabled. Enable it in the ${LABEL} dashboard (Settings → API), or put an enabled key in the account settings.`
      )
    }
    keyInfo = { type: key.type, scope: key.scope ?? null }
    return keyInfo
  }

  async function checkProduct(productId: string): Promise<z.output<typeof CheckProductReply> | null> {
    const ectx: ErrorContext = { call: 'checkProduct', productId, secrets }
    try {
      const reply = await call(CheckProductReply, { method: 'GET', path: `/v3/gift-cards/checkProduct/${encodeURIComponent(productId)}`, priority: 'low' }, ectx)
      // Prices filed under the wrong product would sell the wrong card: refuse a reply about another product.
      if (reply.data.productId !== undefined && reply.data.productId !== productId) {
        throw malformedReply(undefined, 'the reply is about a different product', ectx)
      }
      return reply
    } catch (err) {
      // Withdrawn between the catalog call and this one: leave it out of the catalog.
      if (err instanceof UpstreamError && err.code === 'PRODUCT_NOT_FOUND') return null
      throw err
    }
  }

  async function fetchPage(page: number, since: Date): Promise<z.output<typeof ListReply>> {
    return call(
      ListReply,
      { method: 'GET', path: '/v3/gift-cards/list', query: { page, pageSize: PAGE_SIZE, from: since.toISOString() }, priority: 'high' },
      { call: 'list', secrets }
    )
  }

  /**
   * Walks the order list from `since` on, page by page, handing each new order to `visit` until it returns true
   * (found) or the list ends (20 pages at most). Returns whether any order carried a reference at all.
   */
  async function walkOrders(since: Date, visit: (order: UpstreamOrder) => boolean): Promise<{ sawAny: boolean; sawRef: boolean }> {
    const seen = new Set<string>()
    let sawAny = false
    let sawRef = false
    for (let page = 1; page <= MAX_PAGES; page++) {
      const reply = await fetchPage(page, since)
      for (const item of reply.data.items) {
        // Orders placed meanwhile shift the list: an order may show up on two pages.
        if (seen.has(item._id)) continue
        seen.add(item._id)
        sawAny = true
        const order = toUpstreamOrder(item, { call: 'list', secrets })
        if (order.clientRef !== null) sawRef = true
        if (visit(order)) return { sawAny, sawRef }
      }
      const last = lastPage(reply.data.pagination ?? reply.meta?.pagination)
      if (reply.data.items.length === 0 || (last !== null ? page >= last : reply.data.items.length < PAGE_SIZE)) break
    }
    return { sawAny, sawRef }
  }

  return {
    kind: 'oneclickdz',
    capabilities: ONECLICKDZ_CAPABILITIES,

    async getBalance(): Promise<UpstreamBalance> {
      const key = await validateKey()
      const reply = await call(BalanceReply, { method: 'GET', path: '/v3/account/balance', priority: 'low' }, { call: 'balance', secrets })
      const details: Record<string, string> = { keyType: key.type }
      if (key.scope !== null) details.scope = key.scope
      return { available: money(reply.data.balance, CURRENCY), details }
    },

    async listCatalog(): Promise<UpstreamProduct[]> {
      const catalog = await call(CatalogReply, { method: 'GET', path: '/v3/gift-cards/catalog', priority: 'low' }, { call: 'catalog', secrets })
      const wanted: { category: string; product: CatalogProduct }[] = []
      const seen = new Set<string>()
      for (const category of catalog.data.categories) {
        for (const product of category.products) {
          // Disabled products cannot be ordered; a product listed in two categories is kept once.
          if (!product.enabled || seen.has(product.id)) continue
          seen.add(product.id)
          wanted.push({ category: category.name, product })
        }
      }
      const results: (UpstreamProduct[] | null)[] = new Array<UpstreamProduct[] | null>(wanted.length).fill(null)
      let next = 0
      const worker = async (): Promise<void> => {
        for (let i = next++; i < wanted.length; i = next++) {
          const item = wanted[i]!
          const reply = await checkProduct(item.product.id)
          results[i] = reply === null ? [] : toProducts(item.category, item.product, reply)
        }
      }
      await Promise.all(Array.from({ length: Math.min(CATALOG_CONCURRENCY, wanted.length) }, worker))
      return results.flatMap((r) => r ?? [])
    },

    async createOrder(order: CreateOrderRequest): Promise<UpstreamOrder> {
      const typeId = checkOrderRequest(order)
      const ectx: ErrorContext = { call: 'placeOrder', quantity: order.quantity, productId: order.productId, typeId, secrets }
      const reply = await call(
        PlaceOrderReply,
        {
          method: 'POST',
          path: '/v3/gift-cards/placeOrder',
          body: { productId: order.productId, typeId, quantity: order.quantity, ref: order.clientRef },
          priority: 'high',
          idempotent: false
        },
        ectx
      )
      const placedAt = reply.meta?.timestamp === undefined ? null : new Date(reply.meta.timestamp)
      return {
        upstreamId: reply.data.orderId,
        clientRef: order.clientRef,
        productId: order.productId,
        variantId: typeId,
        quantity: order.quantity,
        createdAt: placedAt !== null && !Number.isNaN(placedAt.getTime()) ? placedAt : null,
        // placeOrder answers with the id only; every order starts HANDLING.
        status: 'processing',
        codes: [],
        charged: null,
        refunded: null,
        fulfilledQuantity: null,
        step: null,
        message: null,
        upstreamStatus: 'HANDLING'
      }
    },

    async getOrder(upstreamId: string): Promise<UpstreamOrder> {
      const ectx: ErrorContext = { call: 'checkOrder', orderId: upstreamId, secrets }
      const reply = await call(CheckOrderReply, { method: 'GET', path: `/v3/gift-cards/checkOrder/${encodeURIComponent(upstreamId)}`, priority: 'high' }, ectx)
      // Cards filed under the wrong order would be sold to the wrong customer: refuse a reply about another order.
      if (reply.data._id !== upstreamId) throw malformedReply(undefined, 'the reply is about a different order', ectx)
      return toUpstreamOrder(reply.data, ectx)
    },

    async listOrders({ since }: { since: Date }): Promise<UpstreamOrder[]> {
      const found: UpstreamOrder[] = []
      await walkOrders(since, (o) => {
        found.push(o)
        return false
      })
      return found
    },

    async findByClientRef(clientRef: string, { since }: { since: Date }): Promise<UpstreamOrder | null> {
      const found: { order: UpstreamOrder | null } = { order: null }
      const { sawAny, sawRef } = await walkOrders(new Date(since.getTime() - REF_LOOKBACK_MARGIN_MS), (o) => {
        if (o.clientRef === clientRef) found.order = o
        return found.order !== null
      })
      if (found.order) return found.order
      // Orders are there but none shows its reference: "not found" would be a guess, and a guess here can buy twice.
      if (sawAny && !sawRef) {
        throw new UpstreamError(
          'UNSUPPORTED',
          `${LABEL}'s order list does not show order references, so ResellerDesk cannot tell whether this order was placed. ` +
            `Check the order history in the ${LABEL} dashboard.`
        )
      }
      return null
    }
  }
}
