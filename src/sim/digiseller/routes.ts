// Digiseller's request handling once the route is known and no fault intervened:
// method → (apilogin) body and sign | (the rest) token → rate limit per seller → the call itself.
// Pure request-in, reply-out over the state.
import type { SimClock } from '../common/clock'
import type { SimReply } from '../common/http'
import type { JsonValue } from '../common/json-text'
import type { SlidingWindowLimiter } from '../common/rate-limiter'
import { Dec } from './money'
import { aspNetError, contentReply, envelopeError, jsonReply, loginRefusal, sellsError } from './replies'
import { AGGREGATOR_NAMES, type AccountState, type DigisellerState, type ExternalInvoiceState, type OperationState, type SaleState } from './state'
import { parseReceiptsDate, parseSellsDate, receiptsDateTime, sellsDateTime, validThru } from './time'
import { PURSES, type AggregatorCode, type DigisellerAction } from './types'

export interface DsRequest {
  method: string
  action: DigisellerAction
  url: URL
  body: string
}

export interface DsContext {
  state: DigisellerState
  limiter: SlidingWindowLimiter | null
  /** Noise for valid_thru's sub-millisecond digits. */
  noise(): number
}

export const METHOD_OF: Record<DigisellerAction, 'GET' | 'POST'> = {
  apilogin: 'POST',
  balance: 'GET',
  receipts: 'GET',
  receipts_external: 'GET',
  sells: 'POST'
}

const RECEIPTS_MAX_COUNT = 500
const SELLS_MAX_ROWS = 1000

/** receipts' `type` filter words → the operation types they select (the request and reply spell them differently). */
const TYPE_FILTER: Record<string, readonly string[]> = {
  agent_accurals: ['agent_accruals'],
  product_sales: ['product_sale'],
  add_funds: ['add_funds_to_account', 'add_funds_to_account_with_limits'],
  exchange_response: ['exchange_response'],
  exchange_request: ['exchange_request'],
  refund: ['refund', 'chargeback', 'bank_refund', 'partial_refund'],
  adv_goods: ['recommended_product'],
  external_commissions: ['external_commission'],
  hard_disk_rent: ['hard_disk_rent', 'hard_disk_rent_empty'],
  extra_partner_space: ['extra_agent_product_rent'],
  gift_certificates: ['issue_gift_certificate'],
  transfer_to_wallet: ['transfer_to_wallet', 'error_transfer_to_wallet']
}
const EXTERNAL_ORDERS = ['Date DESC', 'Date', 'ProductId DESC', 'ProductId', 'Amount DESC', 'Amount'] as const

export function handleDigiseller(ctx: DsContext, req: DsRequest): SimReply {
  const expected = METHOD_OF[req.action]
  if (req.method !== expected) return aspNetError(405, `The requested resource does not support http method '${req.method}'.`)
  if (req.action === 'apilogin') return apiLogin(ctx, req.body)

  const check = ctx.state.checkToken(req.url.searchParams.get('token'))
  if (!check.ok) {
    const message = check.reason === 'expired' ? 'Token has expired' : 'Token is invalid'
    return req.action === 'sells' ? sellsError(message) : envelopeError(check.reason === 'expired' ? 'token_expired' : 'token_invalid', message)
  }
  const limited = rateLimited(ctx, check.account.sellerId, req.action)
  if (limited) return limited

  switch (req.action) {
    case 'balance':
      return balance(ctx, check.account)
    case 'receipts':
      return receipts(ctx, check.account, req.url.searchParams)
    case 'receipts_external':
      return external(ctx.state.clock, check.account, req.url.searchParams)
    case 'sells':
      return sells(ctx.state.clock, check.account, req.body)
  }
}

function rateLimited(ctx: DsContext, sellerId: number, action: DigisellerAction): SimReply | undefined {
  if (!ctx.limiter) return undefined
  const decision = ctx.limiter.hit(String(sellerId))
  if (decision.allowed) return undefined
  const message = `Too many requests: at most ${ctx.limiter.limit} a minute. Try again in ${decision.retryAfterSeconds} seconds.`
  const opts = { status: 429, headers: { 'Retry-After': String(decision.retryAfterSeconds) } }
  if (action === 'apilogin') return loginRefusal(1, 'Слишком много запросов', message, opts)
  return action === 'sells' ? sellsError(message, opts) : envelopeError('rate_limited', message, opts)
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

function apiLogin(ctx: DsContext, bodyText: string): SimReply {
  const body = parseJson(bodyText)
  // The docs also name the seller `id_seller`.
  const sellerId = body?.seller_id ?? body?.id_seller
  const { timestamp, sign } = body ?? {}
  if (typeof sellerId !== 'number' || !Number.isSafeInteger(sellerId) || typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || typeof sign !== 'string') {
    return loginRefusal(1, 'Неверный запрос', 'Invalid request: seller_id and timestamp must be integers and sign a string')
  }
  const limited = rateLimited(ctx, sellerId, 'apilogin')
  if (limited) return limited
  const result = ctx.state.login(sellerId, timestamp, sign)
  if (!result.ok) return loginRefusal(result.retval, result.desc, result.endesc)
  return jsonReply(200, {
    retval: 0,
    desc: null,
    endesc: null,
    token: result.token,
    seller_id: result.sellerId,
    valid_thru: validThru(result.validThruMs, ctx.noise())
  })
}

function balance(ctx: DsContext, account: AccountState): SimReply {
  const b = ctx.state.balances(account)
  const content: Record<string, JsonValue> = {}
  for (const p of PURSES) {
    content[`amount_${p}_free`] = b[p].free
    content[`amount_${p}_lock`] = b[p].lock
    content[`amount_${p}_plus`] = b[p].plus
  }
  return contentReply(content)
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reply: SimReply }

function intParam(params: URLSearchParams, name: string, fallback: number): Parsed<number> {
  const raw = params.get(name)
  if (raw === null || raw === '') return { ok: true, value: fallback }
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) return { ok: false, reply: envelopeError('invalid_parameter', `Parameter '${name}' must be a positive integer`) }
  return { ok: true, value: Number(raw) }
}

function page<T>(items: readonly T[], pageNo: number, count: number): { slice: T[]; content: Record<string, JsonValue> } {
  const totalPages = Math.ceil(items.length / count)
  return {
    slice: items.slice((pageNo - 1) * count, pageNo * count),
    content: { page: pageNo, count, has_next_page: pageNo < totalPages, has_previous_page: pageNo > 1, total_count: items.length, total_pages: totalPages }
  }
}

function receipts(ctx: DsContext, account: AccountState, params: URLSearchParams): SimReply {
  const pageNo = intParam(params, 'page', 1)
  if (!pageNo.ok) return pageNo.reply
  const count = intParam(params, 'count', 10)
  if (!count.ok) return count.reply
  const currency = params.get('currency')
  if (currency !== null && currency !== '' && !['WMZ', 'WMT', 'WME', 'WMX', 'WML', 'WMR'].includes(currency)) {
    return envelopeError('invalid_parameter', `Unknown currency '${currency}'`)
  }
  const types = new Set<string>()
  for (const t of params.getAll('type')) {
    const selected = Object.hasOwn(TYPE_FILTER, t) ? TYPE_FILTER[t] : undefined
    if (!selected) return envelopeError('invalid_parameter', `Unknown operation type '${t}'`)
    for (const s of selected) types.add(s)
  }
  const codeFilter = params.get('codeFilter')
  if (codeFilter !== null && codeFilter !== 'only_waiting_check_code' && codeFilter !== 'hide_waiting_code_check') {
    return envelopeError('invalid_parameter', `Unknown codeFilter '${codeFilter}'`)
  }
  const allowType = params.get('allowType')
  if (allowType !== null && allowType !== 'exclude' && allowType !== 'only') return envelopeError('invalid_parameter', `Unknown allowType '${allowType}'`)
  const start = params.get('start') ? parseReceiptsDate(params.get('start')!) : null
  const finish = params.get('finish') ? parseReceiptsDate(params.get('finish')!) : null
  if ((params.get('start') && !start) || (params.get('finish') && !finish)) {
    return envelopeError('invalid_parameter', "Dates must look like 'yyyy-MM-dd' or 'yyyy-MM-ddTHH:mm'")
  }

  const now = ctx.state.clock.nowMs()
  const selected = ctx.state
    .operationsNewestFirst(account)
    .filter((op) => op.atMs <= now)
    .filter((op) => !currency || op.currency === currency)
    .filter((op) => types.size === 0 || types.has(op.type))
    // No sale here waits for a code check, so "only waiting" finds nothing and "hide waiting" hides nothing.
    .filter(() => codeFilter !== 'only_waiting_check_code')
    .filter((op) => allowType === null || (allowType === 'only') === (op.releaseAtMs > now))
    .filter((op) => !start || op.atMs >= start.fromMs)
    .filter((op) => !finish || op.atMs < finish.untilMs)
  const count_ = Math.min(count.value, RECEIPTS_MAX_COUNT)
  const { slice, content } = page(selected, pageNo.value, count_)
  return contentReply({ ...content, items: slice.map((op) => operationView(op, now)) })
}

function productView(p: { id: number; nameEn: string; nameRu: string }): JsonValue {
  return { id: p.id, name: [{ locale: 'ru-RU', value: p.nameRu }, { locale: 'en-US', value: p.nameEn }], deleted: false }
}

function operationView(op: OperationState, now: number): JsonValue {
  const locked = op.releaseAtMs > now
  return {
    account_operation_id: op.accountOperationId,
    operation: {
      id: op.operationId,
      type: op.type,
      datetime: receiptsDateTime(op.atMs),
      percent: op.percent,
      price: op.price,
      currency: op.currency,
      on_account: op.onAccount
    },
    owner_id: 0,
    product: op.product ? productView(op.product) : null,
    response: op.response,
    condition: null,
    code_check_datetime: null,
    date_free: op.showsReleaseDate ? receiptsDateTime(op.releaseAtMs) : null,
    free_description: op.showsReleaseDate && locked ? 'wait_delivery' : null
  }
}

function external(clock: SimClock, account: AccountState, params: URLSearchParams): SimReply {
  const pageNo = intParam(params, 'page', 1)
  if (!pageNo.ok) return pageNo.reply
  const count = intParam(params, 'count', 10)
  if (!count.ok) return count.reply
  const order = params.get('order') ?? 'Date DESC'
  if (!(EXTERNAL_ORDERS as readonly string[]).includes(order)) return envelopeError('invalid_parameter', `Unknown order '${order}'`)
  const code = params.get('code')
  if (code !== null && code !== 'only' && code !== 'exclude') return envelopeError('invalid_parameter', `Unknown code filter '${code}'`)
  const aggregator = params.get('aggregator')
  if (aggregator !== null && !Object.hasOwn(AGGREGATOR_NAMES, aggregator) && aggregator !== 'api') {
    return envelopeError('invalid_parameter', `Unknown aggregator '${aggregator}'`)
  }
  const key: Record<string, (i: ExternalInvoiceState) => number> = {
    Date: (i) => i.atMs,
    ProductId: (i) => i.items[0]?.product.id ?? 0,
    Amount: (i) => i.amount.toNumber()
  }
  const [field = 'Date', dir] = order.split(' ')
  const sign = dir === 'DESC' ? -1 : 1
  const now = clock.nowMs()
  const selected = account.external
    .filter((i) => i.atMs <= now)
    .filter(() => code !== 'only')
    .filter((i) => aggregator === null || i.aggregator === (aggregator as AggregatorCode))
    .sort((a, b) => sign * (key[field]!(a) - key[field]!(b)) || sign * (a.id - b.id))
  const count_ = Math.min(count.value, RECEIPTS_MAX_COUNT)
  const { slice, content } = page(selected, pageNo.value, count_)
  return contentReply({
    ...content,
    items: slice.map((inv) => ({
      id: inv.id,
      date: receiptsDateTime(inv.atMs),
      name: inv.name,
      cart_id: inv.cartId,
      is_cart: inv.cartId !== null,
      amount: inv.amount,
      currency_code: inv.currencyCode,
      payment_status: 'success',
      // A cart's fees are on its items (as in the seed's cart example).
      ds_set: inv.cartId === null ? inv.items.reduce((s, i) => s.plus(i.dsSet), new Dec(0)) : null,
      currency_ds: inv.cartId === null ? (inv.items[0]?.currencyDs ?? null) : null,
      transaction_id: inv.transactionId,
      warning_fee: 0,
      items: inv.items.map((i) => ({
        operation_id: i.saleInvoiceId,
        product_id: i.product.id,
        product_name: i.product.nameRu,
        operation_date: receiptsDateTime(i.atMs),
        options_id: 0,
        ds_set: i.dsSet,
        currency_ds: i.currencyDs,
        warning_fee: 0
      }))
    }))
  })
}

function sells(clock: SimClock, account: AccountState, bodyText: string): SimReply {
  const body = parseJson(bodyText)
  if (!body) return sellsError('Invalid request: the body must be a JSON object')
  const { product_ids: productIds, date_start: dateStart, date_finish: dateFinish } = body
  if (productIds !== undefined && productIds !== null && !(Array.isArray(productIds) && productIds.every((id) => Number.isSafeInteger(id)))) {
    return sellsError('Invalid request: product_ids must be an array of integers')
  }
  const start = typeof dateStart === 'string' ? parseSellsDate(dateStart) : null
  const finish = typeof dateFinish === 'string' ? parseSellsDate(dateFinish) : null
  if (!start || !finish) return sellsError("Invalid request: date_start and date_finish must look like 'yyyy-MM-dd HH:mm:ss'")
  const returned = body.returned ?? 0
  if (returned !== 0 && returned !== 1 && returned !== 2) return sellsError('Invalid request: returned must be 0, 1 or 2')
  const pageNo = body.page ?? 1
  const rows = body.rows ?? 10
  if (!Number.isSafeInteger(pageNo) || (pageNo as number) < 1 || !Number.isSafeInteger(rows) || (rows as number) < 1) {
    return sellsError('Invalid request: page and rows must be positive integers')
  }
  const ids = Array.isArray(productIds) && productIds.length > 0 ? new Set(productIds as number[]) : null
  const now = clock.nowMs()
  const selected = [...account.sales]
    .filter((s) => s.datePayMs <= now)
    .filter((s) => !ids || ids.has(s.product.id))
    .filter((s) => s.datePayMs >= start.fromMs && s.datePayMs < finish.untilMs)
    .filter((s) => (returned === 1 ? !s.returned : returned === 2 ? s.returned : true))
    .sort((a, b) => b.datePayMs - a.datePayMs || b.invoiceId - a.invoiceId)
  const perPage = Math.min(rows as number, SELLS_MAX_ROWS)
  const pages = Math.ceil(selected.length / perPage)
  const slice = selected.slice(((pageNo as number) - 1) * perPage, (pageNo as number) * perPage)
  return jsonReply(200, { retval: 0, retdesc: null, total_rows: selected.length, pages, page: pageNo as number, rows: slice.map(saleRow) })
}

function saleRow(s: SaleState): JsonValue {
  return {
    invoice_id: s.invoiceId,
    product_id: s.product.id,
    product_name: s.product.nameEn,
    product_entry_id: s.productEntryId,
    product_entry: '****',
    date_put: sellsDateTime(s.datePutMs),
    date_pay: sellsDateTime(s.datePayMs),
    email: s.email,
    wmid: s.wmid,
    amount_in: s.amountIn,
    amount_out: s.amountOut,
    amount_currency: s.currency,
    method_pay: s.methodPay,
    aggregator_pay: s.aggregatorPay,
    ip: s.ip,
    // A string in the docs' example, unlike every other id.
    partner_id: '0',
    lang: s.lang,
    returned: s.returned ? 1 : 0,
    owner: 0
  }
}
