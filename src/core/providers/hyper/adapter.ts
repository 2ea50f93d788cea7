// Hyper Teknoloji (seed 003 + UPSTREAMS.md §4) — undocumented, so assumed: the paths of types/products/list/cancel/account; error codes (errors.ts); basket `Price` is the unit price; cancelled (0) and removed (3) lines are refunded in full; at most 50 per line; 60 requests/min; a category type is the product's variant (denomination/region) and the product id alone says what is bought; the order list carries DeliveryData; CreditLimit adds to what can be spent.
import { AppError, UpstreamError } from '../../errors'
import { add, money, multiply } from '../../money'
import { z } from 'zod'
import type { CustomField } from '../../../shared/contract'
import { parseUpstreamJson } from '../json'
import { readReply } from '../reply'
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
import { BALANCE_FLAG } from '../types'
import { notAbove } from '../amounts'
import {
  errorFromEnvelope,
  errorFromUnreadableReply,
  failedItem,
  LABEL,
  malformedReply,
  MAX_PER_ORDER,
  rebuild,
  transportFailure,
  type ErrorContext
} from './errors'
import {
  AccountDetails,
  Category,
  CategoryType,
  CreateOrderData,
  envelope,
  ErrorEnvelope,
  LoginData,
  OrderDetail,
  OrderListData,
  Product,
  type DeliveryStatus
} from './schemas'
import { createTokenKeeper, type HeldToken } from './token'

export interface HyperOptions {
  /** The `h-region-code` header; the platform's default is TR. */
  regionCode?: string
  /** Renew the token this long before its Expiration (default 60 s, at most a tenth of its lifetime). */
  renewMarginMs?: number
}

export const PATHS = {
  login: '/Login/Customer/Api/Verify',
  categories: '/Categories',
  categoryTypes: (id: string) => `/Categories/${encodeURIComponent(id)}/Types`,
  products: '/Products',
  product: (id: string) => `/Products/${encodeURIComponent(id)}`,
  orderCreate: '/Order/create',
  orderDetail: (id: string) => `/Order/detail/${encodeURIComponent(id)}`,
  orderList: '/Order/list',
  orderCancel: (id: string) => `/Order/cancel/${encodeURIComponent(id)}`,
  account: '/Account/details'
} as const

const PAGE_SIZE = 100
const MAX_PAGES = 20
/** How far back a DeliverID already in use is looked for when the refusal does not name its order line. */
const DUPLICATE_LOOKBACK_MS = 30 * 24 * 3600_000
const MAX_CATEGORY_DEPTH = 10
const MAX_REFERENCE_LENGTH = 64

export const HYPER_CAPABILITIES: ProviderCapabilities = {
  clientReference: true,
  cancel: true,
  listOrders: true,
  supplier: true,
  minQuantityPerOrder: 1,
  maxQuantityPerOrder: MAX_PER_ORDER,
  typicalDeliverySeconds: 15,
  pollIntervalSeconds: 10,
  rateLimits: { default: 60 },
  partialFulfilment: false
}

const STATUS: Record<DeliveryStatus, { status: UpstreamOrderStatus; word: string }> = {
  0: { status: 'cancelled', word: 'cancelled' },
  1: { status: 'completed', word: 'delivered' },
  2: { status: 'processing', word: 'processing' },
  3: { status: 'failed', word: 'removed' }
}

/** The reply → the schema's output, or the UpstreamError it stands for. */
function readHyperReply<S extends z.ZodType>(res: HttpResponse, schema: S, ectx: ErrorContext, clientRef?: string): z.output<S> {
  return readReply(res, schema, ectx, {
    unreadable: errorFromUnreadableReply,
    malformed: malformedReply,
    refusal: (status, body, ctx) => {
      const refused = ErrorEnvelope.safeParse(body)
      if (refused.success) {
        const code = refused.data.errorCode ?? undefined
        return errorFromEnvelope(
          status,
          { errorCode: code === '' ? undefined : code, message: refused.data.message ?? '', item: failedItem(refused.data.items, clientRef) },
          ctx
        )
      }
      // A 401 is about the credentials whatever its body looks like (a gateway may send its own page).
      return status === 401 ? errorFromEnvelope(401, { errorCode: undefined, message: '', item: undefined }, ctx) : undefined
    }
  })
}

/** The envelope's `data`, validated. */
function readData<S extends z.ZodType>(res: HttpResponse, data: S, ectx: ErrorContext, clientRef?: string): z.output<S> {
  const reply = readHyperReply(res, envelope(data), ectx, clientRef) as { data: z.output<S> }
  return reply.data
}

/** "2026-03-25T12:00:00Z", the seed's timestamp format (whole seconds, rounded down so nothing is missed). */
export function isoSeconds(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

/** Ids the platform prints as numbers go back as numbers. */
function idValue(id: string): number | string {
  return /^\d{1,15}$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id
}

function notPlaced(message: string, code: 'BAD_REQUEST' | 'INVALID_QUANTITY' | 'VALIDATION'): UpstreamError {
  return new UpstreamError(code, message, { placement: 'not_placed' })
}

/** Refuse locally what Hyper would refuse anyway: nothing is sent, so nothing can be placed. */
function checkOrderRequest(req: CreateOrderRequest): void {
  if (!/^\S{1,128}$/.test(req.productId)) {
    throw notPlaced(`${LABEL} could not be asked for this product: its id is not valid. Refresh the catalog and choose the product again.`, 'BAD_REQUEST')
  }
  if (!Number.isInteger(req.quantity) || req.quantity < 1 || req.quantity > MAX_PER_ORDER) {
    throw notPlaced(`${LABEL} sells 1 to ${MAX_PER_ORDER} codes per order, so an order for ${req.quantity} was not sent.`, 'INVALID_QUANTITY')
  }
  if (req.clientRef === '' || req.clientRef.length > MAX_REFERENCE_LENGTH) {
    throw notPlaced(`The order's reference is not valid for ${LABEL}, so it was not sent. ResellerDesk has a problem; please report it.`, 'BAD_REQUEST')
  }
}

export function createHyperAdapter(ctx: AdapterContext, opts: HyperOptions = {}): ProviderAdapter {
  if (ctx.credentials.kind !== 'hyper') {
    throw new AppError('VALIDATION', `This account's credentials are not ${LABEL} credentials.`)
  }
  const { email, password } = ctx.credentials
  const currency = ctx.currency
  const regionHeaders = { 'h-region-code': opts.regionCode ?? 'TR' }

  const tokens = createTokenKeeper({
    now: () => ctx.now().getTime(),
    login,
    ...(opts.renewMarginMs === undefined ? {} : { marginMs: opts.renewMarginMs })
  })

  function secrets(): string[] {
    const held = tokens.peek()
    return held ? [password, held.value] : [password]
  }

  async function send(req: HttpRequest, ectx: ErrorContext): Promise<HttpResponse> {
    try {
      return await ctx.http.request(req)
    } catch (err) {
      throw transportFailure(err, ectx)
    }
  }

  async function login(): Promise<{ token: string; expiration: Date }> {
    const ectx: ErrorContext = { call: 'login', secrets: [password] }
    const req: HttpRequest = {
      method: 'POST',
      path: PATHS.login,
      headers: { ...regionHeaders },
      body: { Email: email, Password: password },
      priority: 'high',
      // Logging in twice is harmless: the client may repeat it after a 5xx or a lost reply.
      idempotent: true
    }
    const data = readData(await send(req, ectx), LoginData, ectx)
    return { token: data.Token, expiration: data.Expiration }
  }

  /** A token for a request. A failed login happened before the request was sent: nothing can have been placed. */
  async function token(): Promise<HeldToken> {
    try {
      return await tokens.get()
    } catch (err) {
      if (err instanceof UpstreamError) throw rebuild(err, { placement: 'not_placed' })
      throw err
    }
  }

  function withToken(req: HttpRequest, held: HeldToken): HttpRequest {
    return { ...req, headers: { ...req.headers, ...regionHeaders, Authorization: `Bearer ${held.value}` } }
  }

  /**
   * Sends with the token; on a 401, renews it once and sends once more. A 401 is the gate refusing the token before
   * the request is processed, so even an Order/create is safe to repeat after one: it cannot have been placed.
   */
  async function sendAuthed(req: HttpRequest, ectx: ErrorContext): Promise<HttpResponse> {
    const first = await token()
    const res = await send(withToken(req, first), { ...ectx, secrets: secrets() })
    if (res.status !== 401) return res
    tokens.invalidate(first)
    const second = await token()
    return send(withToken(req, second), { ...ectx, secrets: secrets() })
  }

  async function call<S extends z.ZodType>(data: S, req: HttpRequest, ectx: ErrorContext, clientRef?: string): Promise<z.output<S>> {
    const res = await sendAuthed(req, ectx)
    return readData(res, data, { ...ectx, secrets: secrets() }, clientRef)
  }

  function toOrder(d: OrderDetail, ectx: ErrorContext): UpstreamOrder {
    const { status, word } = STATUS[d.Status]
    const codes = d.DeliveryData ?? []
    if (status === 'completed' && codes.length === 0) throw malformedReply(undefined, 'a delivered order without DeliveryData', ectx)
    const quantity = d.Quantity ?? null
    const charged = d.Price != null && quantity !== null ? multiply(money(d.Price, currency), quantity) : null
    // Delivery notes of a delivered line may carry redemption details: they stay out of the journal.
    const notes = status === 'completed' ? [] : (d.DeliveryNote ?? []).map((n) => n.trim()).filter((n) => n !== '')
    return {
      upstreamId: d.OrderDetailID,
      clientRef: d.DeliverID ?? null,
      productId: d.CustomerStoreProductID ?? null,
      variantId: d.TypeID ?? null,
      quantity,
      createdAt: d.CreatedDate ?? null,
      status,
      codes: status === 'completed' ? codes : [],
      charged,
      refunded: status === 'cancelled' || status === 'failed' ? charged : null,
      fulfilledQuantity: status === 'completed' ? codes.length : status === 'processing' ? null : 0,
      step: null,
      message: notes.length > 0 ? notes.join(' ') : null,
      upstreamStatus: word
    }
  }

  async function getOrder(upstreamId: string): Promise<UpstreamOrder> {
    const ectx: ErrorContext = { call: 'order_detail', orderId: upstreamId, secrets: [] }
    const d = await call(OrderDetail, { method: 'GET', path: PATHS.orderDetail(upstreamId), priority: 'high' }, ectx)
    // Codes filed under the wrong order would be sold to the wrong customer: refuse a reply about another line.
    if (d.OrderDetailID !== upstreamId) throw malformedReply(undefined, 'the reply is about a different order', ectx)
    return toOrder(d, ectx)
  }

  /** A list row as an order; a delivered row that came without its codes is read in full. */
  async function fromListRow(d: OrderDetail): Promise<UpstreamOrder> {
    if (d.Status === 1 && (d.DeliveryData ?? []).length === 0) return getOrder(d.OrderDetailID)
    return toOrder(d, { call: 'order_list', secrets: [] })
  }

  /** Pages of List Orders from `since`, newest first, until `visit` says stop or the list ends. */
  async function eachListed(since: Date, visit: (row: OrderDetail) => boolean): Promise<void> {
    const ectx: ErrorContext = { call: 'order_list', secrets: [] }
    const from = isoSeconds(since)
    // CreatedDate has whole seconds: compare with `from`, not `since`, or a line of that same second looks older.
    const fromMs = Math.floor(since.getTime() / 1000) * 1000
    let seen = 0
    for (let page = 1; page <= MAX_PAGES; page++) {
      const req: HttpRequest = { method: 'GET', path: PATHS.orderList, query: { page, pageSize: PAGE_SIZE, from }, priority: 'high' }
      const data = await call(OrderListData, req, ectx)
      for (const row of data.Orders) if (!visit(row)) return
      seen += data.Orders.length
      const pageSize = data.PageSize ?? PAGE_SIZE
      const lastPage =
        data.Orders.length === 0 ||
        data.Orders.length < pageSize ||
        (data.TotalCount !== undefined && seen >= data.TotalCount) ||
        data.Orders.some((o) => o.CreatedDate != null && o.CreatedDate.getTime() < fromMs)
      if (lastPage) return
    }
  }

  async function findByClientRef(clientRef: string, { since }: { since: Date }): Promise<UpstreamOrder | null> {
    let found = null as OrderDetail | null
    await eachListed(since, (row) => {
      if (row.DeliverID === clientRef) found = row
      return found === null
    })
    return found === null ? null : fromListRow(found)
  }

  /**
   * The product's required inputs (RequireData) for the values given, with their Identifier, from Get Product
   * Detail. Read before the order is sent, so any failure here means nothing was placed.
   */
  async function requireDataFor(
    productId: string,
    fields: Record<string, string>
  ): Promise<{ lines: { ProductRequireID: number | string; Identifier: string; Value: string }[]; labels: Record<string, string> }> {
    const given = Object.entries(fields).filter(([, value]) => value.trim() !== '')
    if (given.length === 0) return { lines: [], labels: {} }
    const ectx: ErrorContext = { call: 'product_detail', productId, secrets: [] }
    let product: Product
    try {
      product = await call(Product, { method: 'GET', path: PATHS.product(productId), priority: 'high' }, ectx)
    } catch (err) {
      if (err instanceof UpstreamError) throw rebuild(err, { placement: 'not_placed' })
      throw err
    }
    const defs = product.RequireData ?? []
    const labels: Record<string, string> = {}
    for (const d of defs) labels[d.ProductRequireID] = d.Name ?? d.Identifier
    const lines = given.map(([name, value]) => {
      const def = defs.find((d) => d.ProductRequireID === name)
      if (!def) {
        throw notPlaced(`${LABEL} no longer asks for one of the details entered for this product. Refresh the catalog and try again.`, 'VALIDATION')
      }
      return { ProductRequireID: idValue(def.ProductRequireID), Identifier: def.Identifier, Value: value.trim() }
    })
    return { lines, labels }
  }

  /**
   * Order/create refused our DeliverID as already used: the order was placed before (its reply was lost). Follow
   * that order instead of failing or buying again; if it cannot be found now, the engine looks it up later.
   */
  async function followDuplicate(order: CreateOrderRequest, res: HttpResponse, refusal: UpstreamError): Promise<UpstreamOrder> {
    let detailId: string | null = null
    try {
      const env = ErrorEnvelope.safeParse(parseUpstreamJson(res.text))
      if (env.success) detailId = failedItem(env.data.items, order.clientRef)?.OrderDetailID ?? null
    } catch {
      // The refusal was readable a moment ago; nothing more to learn here.
    }
    try {
      const existing =
        detailId !== null
          ? await getOrder(detailId)
          : await findByClientRef(order.clientRef, { since: new Date(ctx.now().getTime() - DUPLICATE_LOOKBACK_MS) })
      if (existing && (existing.clientRef === null || existing.clientRef === order.clientRef)) {
        return { ...existing, clientRef: order.clientRef }
      }
    } catch {
      // Looking it up failed: the refusal (placement unknown) sends the engine to look again later.
    }
    throw refusal
  }

  async function listCatalog(): Promise<UpstreamProduct[]> {
    const catalogCtx = (which: ErrorContext['call']): ErrorContext => ({ call: which, secrets: [] })
    const categories = await call(z.array(Category), { method: 'GET', path: PATHS.categories, priority: 'low' }, catalogCtx('categories'))
    const byId = new Map(categories.map((c) => [c.ID, c]))
    const path = (id: string): string => {
      const names: string[] = []
      const seen = new Set<string>()
      let cur = byId.get(id)
      // A parent loop or an unknown parent ends the path instead of the sync.
      for (let depth = 0; cur && !seen.has(cur.ID) && depth < MAX_CATEGORY_DEPTH; depth++) {
        seen.add(cur.ID)
        names.unshift(cur.Name)
        cur = cur.ParentID == null ? undefined : byId.get(cur.ParentID)
      }
      return names.join(' / ')
    }

    const listed = await call(z.array(Product), { method: 'GET', path: PATHS.products, priority: 'low' }, catalogCtx('products'))
    const products = [...new Map(listed.map((p) => [p.ID, p])).values()]

    // Type names, only for categories whose products have a type.
    const typeNames = new Map<string, string>()
    const typedCategories = [...new Set(products.filter((p) => p.TypeID != null).map((p) => p.CategoryID))]
    for (const categoryId of typedCategories) {
      try {
        const types = await call(
          z.array(CategoryType),
          { method: 'GET', path: PATHS.categoryTypes(categoryId), priority: 'low' },
          catalogCtx('category_types')
        )
        for (const t of types) typeNames.set(t.ID, t.Name)
      } catch (err) {
        // A category removed while we read the catalog: its products keep their type id, without a name.
        if (err instanceof UpstreamError && err.upstreamCode === 'CATEGORY_NOT_FOUND') continue
        throw err
      }
    }

    const out: UpstreamProduct[] = []
    for (const listedProduct of products) {
      // A list row without RequireData (absent, not null) does not say what the product needs at purchase: the
      // detail does. null is read as "nothing", the way .NET prints an empty list it never filled.
      const p =
        listedProduct.RequireData === undefined
          ? await call(Product, { method: 'GET', path: PATHS.product(listedProduct.ID), priority: 'low' }, {
              call: 'product_detail',
              productId: listedProduct.ID,
              secrets: []
            })
          : listedProduct
      const fields: CustomField[] = (p.RequireData ?? []).map((r) => ({
        name: r.ProductRequireID,
        label: r.Name ?? r.Identifier,
        required: r.IsRequired ?? true,
        pattern: r.Regex == null || r.Regex === '' ? null : r.Regex
      }))
      const stock = p.Stock ?? null
      const typeId = p.TypeID ?? null
      out.push({
        productId: p.ID,
        variantId: typeId,
        title: p.Name,
        variantName: typeId === null ? null : (typeNames.get(typeId) ?? null),
        category: path(p.CategoryID),
        description: p.Description ?? '',
        price: money(p.Price, currency),
        stock,
        inStock: p.IsActive !== false && (stock === null || stock > 0),
        maxPerOrder: MAX_PER_ORDER,
        fields
      })
    }
    return out
  }

  return {
    kind: 'hyper',
    capabilities: HYPER_CAPABILITIES,

    async getBalance(): Promise<UpstreamBalance> {
      const d = await call(AccountDetails, { method: 'GET', path: PATHS.account, priority: 'low' }, { call: 'account_details', secrets: [] })
      const accountCurrency = d.Currency ?? currency
      const credit = d.CreditLimit ?? '0'
      const details: Record<string, string> = { balance: d.Balance, credit_limit: credit }
      if (!notAbove('-' + credit, d.Balance)) details[BALANCE_FLAG] = `the balance ${d.Balance} is below the credit limit (${credit}) at Hyper`
      return {
        // The credit limit is spendable too: the platform refuses an order only beyond Balance + CreditLimit.
        available: add(money(d.Balance, accountCurrency), money(credit, accountCurrency)),
        details
      }
    },

    listCatalog,

    async createOrder(order: CreateOrderRequest): Promise<UpstreamOrder> {
      checkOrderRequest(order)
      const { lines, labels } = await requireDataFor(order.productId, order.fields)
      const ectx: ErrorContext = {
        call: 'order_create',
        quantity: order.quantity,
        productId: order.productId,
        fieldLabels: labels,
        secrets: []
      }
      // One basket line per order: the basket is all-or-nothing, so one line is one clear answer.
      const req: HttpRequest = {
        method: 'POST',
        path: PATHS.orderCreate,
        body: {
          basketData: [
            { DeliverID: order.clientRef, CustomerStoreProductID: idValue(order.productId), Quantity: order.quantity, RequireData: lines }
          ]
        },
        priority: 'high',
        idempotent: false
      }
      const res = await sendAuthed(req, ectx)
      let data: CreateOrderData
      try {
        data = readData(res, CreateOrderData, { ...ectx, secrets: secrets() }, order.clientRef)
      } catch (err) {
        if (err instanceof UpstreamError && err.code === 'DUPLICATE_REFERENCE') return followDuplicate(order, res, err)
        throw err
      }
      const line = data.details.find((d) => d.DeliverID === order.clientRef)
      if (!line) throw malformedReply(res.status, 'the reply does not name this order’s reference', ectx)
      return {
        upstreamId: line.OrderDetailID,
        clientRef: order.clientRef,
        productId: order.productId,
        variantId: order.variantId,
        quantity: line.Quantity,
        createdAt: null,
        status: 'processing',
        codes: [],
        charged: multiply(money(line.Price, currency), line.Quantity),
        refunded: null,
        fulfilledQuantity: null,
        step: null,
        message: null,
        upstreamStatus: STATUS[2].word
      }
    },

    getOrder,

    async listOrders({ since }: { since: Date }): Promise<UpstreamOrder[]> {
      const rows = new Map<string, OrderDetail>()
      await eachListed(since, (row) => {
        // New orders arriving between pages shift the list: a line may show up twice.
        if (!rows.has(row.OrderDetailID)) rows.set(row.OrderDetailID, row)
        return true
      })
      const out: UpstreamOrder[] = []
      for (const row of rows.values()) out.push(await fromListRow(row))
      return out
    },

    findByClientRef,

    async cancelOrder(upstreamId: string): Promise<UpstreamOrder> {
      const ectx: ErrorContext = { call: 'order_cancel', orderId: upstreamId, secrets: [] }
      let data: unknown
      try {
        // Repeating a cancel is harmless (a second one says ORDER_ALREADY_CANCELLED), so the client may retry it.
        data = await call(z.unknown(), { method: 'POST', path: PATHS.orderCancel(upstreamId), priority: 'high', idempotent: true }, ectx)
      } catch (err) {
        if (err instanceof UpstreamError && err.upstreamCode === 'ORDER_ALREADY_CANCELLED') {
          const current = await getOrder(upstreamId)
          if (current.status === 'cancelled') return current
        }
        throw err
      }
      const detail = OrderDetail.safeParse(data)
      if (detail.success && detail.data.OrderDetailID === upstreamId) return toOrder(detail.data, ectx)
      return getOrder(upstreamId)
    }
  }
}
