// DigetalHube (seed 000) — undocumented, so assumed: my_orders lists newest first and its `total` counts the same
// orders as the balance's `total_orders`; my_orders' "YYYY-MM-DD HH:MM:SS" carries no zone, so it is read as UTC here
// and the engine corrects it by the offset it learns from our own orders (see engine/account-evidence.ts); an `error` order is refunded in full (no partial delivery); a reply without `currency` is USDT; a completed order carries at least one code.
import { AppError, UpstreamError } from '../../errors'
import { money } from '../../money'
import type { z } from 'zod'
import { readReply, type ReplyReading } from '../reply'
import type {
  AdapterContext,
  CreateOrderRequest,
  HttpRequest,
  HttpResponse,
  ProviderAdapter,
  ProviderCapabilities,
  AccountTotals,
  OrderHistory,
  UpstreamBalance,
  UpstreamOrder,
  UpstreamOrderStatus,
  UpstreamProduct
} from '../types'
import { BALANCE_FLAG } from '../types'
import {
  errorFromEnvelope,
  errorFromUnreadableReply,
  transportFailure,
  LABEL,
  malformedReply,
  type ErrorContext
} from './errors'
import { balanceAddsUp, BalanceReply, CreateOrderReply, ErrorEnvelope, MyOrdersReply, OrderStatusReply, ProductsReply, type Order } from './schemas'

export type KeyPlacement = 'x-api-key' | 'bearer' | 'query'

export interface DigetalHubeOptions {
  /** How the key is sent; the seed prefers the X-API-Key header. */
  keyPlacement?: KeyPlacement
}

const PATH = '/reseller_api.php'
const CURRENCY = 'USDT'
const MIN_PER_ORDER = 1
const MAX_PER_ORDER = 10
const PAGE_SIZE = 100
const MAX_PAGES = 20
const MAX_QUOTED_STATUS = 40

export const DIGETALHUBE_CAPABILITIES: ProviderCapabilities = {
  clientReference: false,
  cancel: false,
  listOrders: true,
  supplier: true,
  minQuantityPerOrder: MIN_PER_ORDER,
  maxQuantityPerOrder: MAX_PER_ORDER,
  typicalDeliverySeconds: 60,
  pollIntervalSeconds: 10,
  rateLimits: { default: 60, catalog: 30 },
  partialFulfilment: false
}

const STATUS: Record<string, UpstreamOrderStatus> = {
  processing: 'processing',
  completed: 'completed',
  error: 'failed'
}

type Query = NonNullable<HttpRequest['query']>

/** How DigetalHube's replies turn into errors: its `{success:false, error}` envelope is a refusal whatever the status. */
const READING: ReplyReading<ErrorContext> = {
  unreadable: errorFromUnreadableReply,
  malformed: malformedReply,
  refusal: (status, body, ctx) => {
    const envelope = ErrorEnvelope.safeParse(body)
    return envelope.success ? errorFromEnvelope(status, envelope.data.error.code, envelope.data.error.message ?? '', ctx) : undefined
  }
}

function toOrder(o: Order, chargedField: 'total_amount' | 'amount', ectx: ErrorContext): UpstreamOrder {
  const status = Object.hasOwn(STATUS, o.status) ? STATUS[o.status] : undefined
  if (status === undefined) {
    throw malformedReply(undefined, `unknown order status “${o.status.slice(0, MAX_QUOTED_STATUS)}”`, ectx)
  }
  const codes = o.codes ?? []
  if (status === 'completed' && codes.length === 0) throw malformedReply(undefined, 'a completed order without codes', ectx)
  const currency = o.currency ?? CURRENCY
  const otherField = chargedField === 'amount' ? 'total_amount' : 'amount'
  const chargedText = o[chargedField] ?? o[otherField]
  const charged = chargedText === undefined ? null : money(chargedText, currency)
  const refundText = o.refund_amount ?? (o.refunded === true ? charged?.amount : undefined)
  return {
    upstreamId: o.order_id,
    clientRef: null,
    productId: o.product_id ?? null,
    variantId: null,
    quantity: o.quantity ?? null,
    createdAt: o.created_at ?? null,
    status,
    codes: status === 'completed' ? codes : [],
    charged,
    refunded: status === 'failed' && refundText !== undefined && o.refunded !== false ? money(refundText, currency) : null,
    fulfilledQuantity: status === 'completed' ? codes.length : status === 'failed' ? 0 : null,
    step: o.processing_step ?? null,
    message: o.message ?? null,
    upstreamStatus: o.status
  }
}

/** The `timestamp` every reply carries (UNIX seconds on the supplier's clock). */
function serverTimeOf(timestamp: number | undefined): Date | null {
  return timestamp === undefined ? null : new Date(timestamp * 1000)
}

function toProduct(p: z.output<typeof ProductsReply>['products'][number]): UpstreamProduct {
  return {
    productId: p.id,
    variantId: null,
    title: p.title,
    variantName: null,
    category: p.category_name ?? '',
    description: p.description ?? '',
    price: money(p.price_usdt, CURRENCY),
    stock: p.stock,
    inStock: p.in_stock,
    maxPerOrder: MAX_PER_ORDER,
    fields: []
  }
}

/** Refuse locally what DigetalHube would refuse anyway: nothing is sent, so nothing can be placed. */
function checkOrderRequest(req: CreateOrderRequest): number {
  if (!/^\d{1,15}$/.test(req.productId) || !Number.isSafeInteger(Number(req.productId))) {
    throw new UpstreamError(
      'BAD_REQUEST',
      `${LABEL} product ids are whole numbers, and “${req.productId.slice(0, 40)}” is not one. Refresh the catalog and choose the product again.`,
      { placement: 'not_placed' }
    )
  }
  if (req.variantId !== null) {
    throw new UpstreamError('BAD_REQUEST', `${LABEL} products have no variants. Refresh the catalog and choose the product again.`, {
      placement: 'not_placed'
    })
  }
  if (!Number.isInteger(req.quantity) || req.quantity < MIN_PER_ORDER || req.quantity > MAX_PER_ORDER) {
    throw new UpstreamError(
      'INVALID_QUANTITY',
      `${LABEL} sells ${MIN_PER_ORDER} to ${MAX_PER_ORDER} codes per order, so an order for ${req.quantity} was not sent.`,
      { placement: 'not_placed' }
    )
  }
  return Number(req.productId)
}

export function createDigetalHubeAdapter(ctx: AdapterContext, opts: DigetalHubeOptions = {}): ProviderAdapter {
  if (ctx.credentials.kind !== 'digetalhube') {
    throw new AppError('VALIDATION', `This account's credentials are not ${LABEL} credentials.`)
  }
  const apiKey = ctx.credentials.apiKey
  const keyPlacement = opts.keyPlacement ?? 'x-api-key'
  const secrets = [apiKey]

  /** The request with the key where the account sends it. */
  function withKey(req: HttpRequest & { query: Query }): HttpRequest {
    if (keyPlacement === 'query') return { ...req, query: { ...req.query, api_key: apiKey } }
    const auth: Record<string, string> = keyPlacement === 'bearer' ? { Authorization: `Bearer ${apiKey}` } : { 'X-API-Key': apiKey }
    return { ...req, headers: { ...req.headers, ...auth } }
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

  async function fetchOrderPage(offset: number): Promise<z.output<typeof MyOrdersReply>> {
    const req = withKey({ method: 'GET', path: PATH, query: { action: 'my_orders', limit: PAGE_SIZE, offset }, priority: 'high' })
    return call(MyOrdersReply, req, { call: 'my_orders', secrets })
  }

  return {
    kind: 'digetalhube',
    capabilities: DIGETALHUBE_CAPABILITIES,

    async getBalance(): Promise<UpstreamBalance> {
      const req = withKey({ method: 'GET', path: PATH, query: { action: 'balance' }, priority: 'low' })
      const { balance } = await call(BalanceReply, req, { call: 'balance', secrets })
      const details: Record<string, string> = {}
      if (balance.total_deposited !== undefined) details.total_deposited = balance.total_deposited
      if (balance.total_spent !== undefined) details.total_spent = balance.total_spent
      if (balance.total_orders !== undefined) details.total_orders = String(balance.total_orders)
      if (!balanceAddsUp(balance)) {
        details[BALANCE_FLAG] = `available ${balance.available} is not total_deposited ${balance.total_deposited} − total_spent ${balance.total_spent} (a bonus credit or an adjustment at DigetalHube?)`
      }
      return { available: money(balance.available, balance.currency ?? CURRENCY), details }
    },

    async listCatalog(): Promise<UpstreamProduct[]> {
      // The one public endpoint: no key, and its own per-IP limit.
      const req: HttpRequest = { method: 'GET', path: PATH, query: { action: 'products' }, bucket: 'catalog', priority: 'low' }
      const reply = await call(ProductsReply, req, { call: 'products', secrets })
      return reply.products.map(toProduct)
    },

    async createOrder(order: CreateOrderRequest): Promise<UpstreamOrder> {
      const productId = checkOrderRequest(order)
      const ectx: ErrorContext = { call: 'create_order', quantity: order.quantity, productId: order.productId, secrets }
      const req = withKey({
        method: 'POST',
        path: PATH,
        query: { action: 'create_order' },
        body: { product_id: productId, quantity: order.quantity },
        priority: 'high',
        idempotent: false
      })
      const reply = await call(CreateOrderReply, req, ectx)
      const created = toOrder(reply.order, 'total_amount', ectx)
      return {
        ...created,
        productId: created.productId ?? order.productId,
        quantity: created.quantity ?? order.quantity,
        serverTime: serverTimeOf(reply.timestamp)
      }
    },

    async getOrder(upstreamId: string): Promise<UpstreamOrder> {
      const ectx: ErrorContext = { call: 'order_status', orderId: upstreamId, secrets }
      const req = withKey({ method: 'GET', path: PATH, query: { action: 'order_status', order_id: upstreamId }, priority: 'high' })
      const reply = await call(OrderStatusReply, req, ectx)
      // Codes filed under the wrong order would be sold to the wrong customer: refuse a reply about another order.
      if (reply.order.order_id !== upstreamId) throw malformedReply(undefined, 'the reply is about a different order', ectx)
      return { ...toOrder(reply.order, 'amount', ectx), serverTime: serverTimeOf(reply.timestamp) }
    },

    async accountTotals(): Promise<AccountTotals> {
      // Asked for at high priority: it stands just before a create, or in the way of recovering one.
      const req = withKey({ method: 'GET', path: PATH, query: { action: 'balance' }, priority: 'high' })
      const reply = await call(BalanceReply, req, { call: 'balance', secrets })
      const { total_orders: totalOrders, total_spent: totalSpent } = reply.balance
      if (totalOrders === undefined || totalSpent === undefined) {
        throw malformedReply(undefined, 'the balance reply has no total_orders or total_spent', { call: 'balance', secrets })
      }
      return { totalOrders, totalSpent, serverTime: serverTimeOf(reply.timestamp), receivedAt: ctx.now() }
    },

    async orderHistory({ newest }: { newest: number }): Promise<OrderHistory> {
      const found = new Map<string, UpstreamOrder>()
      let offset = 0
      let total: number | null = null
      let serverTime: Date | null = null
      let receivedAt: Date | null = null
      for (let page = 0; page < MAX_PAGES; page++) {
        const reply = await fetchOrderPage(offset)
        if (page === 0) {
          // The first page is the snapshot the count refers to: later pages only complete it.
          total = reply.total ?? null
          serverTime = serverTimeOf(reply.timestamp)
          receivedAt = ctx.now()
        }
        for (const o of reply.orders) {
          if (!found.has(o.order_id)) found.set(o.order_id, toOrder(o, 'amount', { call: 'my_orders', secrets }))
        }
        offset += reply.orders.length
        const lastPage = reply.orders.length === 0 || reply.orders.length < (reply.limit ?? PAGE_SIZE)
        if (found.size >= newest || lastPage) break
      }
      return { orders: [...found.values()], total, serverTime, receivedAt: receivedAt ?? ctx.now() }
    },

    async listOrders({ since }: { since: Date }): Promise<UpstreamOrder[]> {
      const found = new Map<string, UpstreamOrder>()
      let offset = 0
      for (let page = 0; page < MAX_PAGES; page++) {
        const reply = await fetchOrderPage(offset)
        for (const o of reply.orders) {
          // New orders arriving between pages shift the list: an order may show up twice.
          if (!found.has(o.order_id)) found.set(o.order_id, toOrder(o, 'amount', { call: 'my_orders', secrets }))
        }
        offset += reply.orders.length
        const reachedSince = reply.orders.some((o) => o.created_at.getTime() < since.getTime())
        const lastPage =
          reply.orders.length === 0 ||
          reply.orders.length < (reply.limit ?? PAGE_SIZE) ||
          (reply.total !== undefined && offset >= reply.total)
        if (reachedSince || lastPage) break
      }
      return [...found.values()]
    }
  }
}
