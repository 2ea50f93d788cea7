// Digiseller (seed 004) — undocumented, so assumed: errors come as HTTP 200 with retval 1 and errors[{code}] (codes ours); zone-less dates are Moscow time (valid_thru: UTC); a product_sale operation's id is the invoice id seller-sells reports (one ledger entry per sale); purses z/t/e/x/l are USD/USDT/EUR/WMX/WML; 60 requests a minute.
import { createHash } from 'node:crypto'
import type { z } from 'zod'
import { AppError, UpstreamError } from '../../errors'
import { money } from '../../money'
import { amountText, parseUpstreamJson } from '../json'
import { describeIssues, isOk, withRetryAfter } from '../reply'
import { createTokenHolder, type HeldToken } from '../token'
import type {
  AdapterContext,
  HttpRequest,
  HttpResponse,
  LedgerEntry,
  ProviderAdapter,
  ProviderCapabilities,
  UpstreamBalance,
  UpstreamOrder,
  UpstreamProduct
} from '../types'
import {
  errorFromEnvelope,
  errorFromUnreadableReply,
  isTokenProblem,
  LABEL,
  loginRefusal,
  loginRefused,
  malformedReply,
  tokenKeepsFailing,
  type DigisellerCall,
  type ErrorContext
} from './errors'
import {
  BalanceContent,
  Envelope,
  ExternalContent,
  LoginReply,
  ReceiptsContent,
  SellsReply,
  type ExternalInvoice,
  type Operation,
  type SaleRow
} from './schemas'
import { parseDigisellerDate, receiptsDate, sellsDate, UTC_OFFSET_MINUTES } from './time'

export const PATHS = {
  login: '/api/apilogin',
  balance: '/api/sellers/account/balance/info',
  receipts: '/api/sellers/account/receipts',
  external: '/api/sellers/account/receipts/external',
  sells: '/api/seller-sells/v2'
} as const

/** The docs' "about 2 h", used when valid_thru is missing or already past by our clock. */
const DOCUMENTED_TOKEN_LIFETIME_MS = 2 * 60 * 60_000
/** Sign in again this long before valid_thru (or a tenth of the token's life, if that is shorter). */
export const RENEW_MARGIN_MS = 5 * 60_000
const RECEIPTS_PAGE_SIZE = 100
const EXTERNAL_PAGE_SIZE = 100
/** seller-sells' documented maximum. */
const SELLS_PAGE_SIZE = 1000
const MAX_PAGES = 1000
/** seller-sells wants both ends; "everything" starts here. */
const BEGINNING_OF_TIME = new Date('2000-01-01T00:00:00Z')
const DAY_MS = 24 * 60 * 60_000
const MAX_QUOTED_TYPE = 40

export const UNSUPPORTED_MESSAGE = `${LABEL} is your storefront; codes are not bought from it.`

export const DIGISELLER_CAPABILITIES: ProviderCapabilities = {
  clientReference: false,
  cancel: false,
  listOrders: false,
  supplier: false,
  minQuantityPerOrder: 0,
  maxQuantityPerOrder: 0,
  typicalDeliverySeconds: 0,
  pollIntervalSeconds: 60,
  rateLimits: { default: 60 },
  partialFulfilment: false
}

// ---------- currencies ----------

/** Balance purses (seed: amount_{z,t,e,x,l}_…) → currency. WMX and WML are WebMoney's milli-BTC and milli-LTC units: kept as such. */
const PURSE_CURRENCY: Record<string, string> = { z: 'USD', t: 'USDT', e: 'EUR', x: 'WMX', l: 'WML', r: 'RUB', u: 'UAH', b: 'BYN', k: 'KZT' }
const PURSE_ORDER = Object.keys(PURSE_CURRENCY)
/** Operation and sale currencies are WebMoney purse names (WMZ, WMR…) or ISO codes. */
const WM_CURRENCY: Record<string, string> = { WMZ: 'USD', WMT: 'USDT', WME: 'EUR', WMR: 'RUB', WMU: 'UAH', WMB: 'BYN', WMK: 'KZT', WMX: 'WMX', WML: 'WML' }
const CURRENCY_CODE = /^[A-Z0-9]{2,12}$/

/** "WMZ" → "USD", "usd" → "USD"; null when it is no currency code at all. */
export function currencyOf(code: string): string | null {
  const upper = code.trim().toUpperCase()
  const mapped = Object.hasOwn(WM_CURRENCY, upper) ? WM_CURRENCY[upper] : upper
  return mapped !== undefined && CURRENCY_CODE.test(mapped) ? mapped : null
}

function purseCurrency(letter: string): string {
  return PURSE_CURRENCY[letter] ?? `WM${letter.toUpperCase()}`
}

// ---------- signing in ----------

/** apilogin's sign: lowercase hex SHA-256 of the API key followed by the timestamp's decimal digits. */
export function loginSign(apiKey: string, timestamp: number): string {
  return createHash('sha256').update(`${apiKey}${timestamp}`, 'utf8').digest('hex')
}

// ---------- ledger ----------

const KIND_OF: Record<string, LedgerEntry['kind']> = {
  product_sale: 'sale',
  agent_accruals: 'sale',
  refund: 'refund',
  chargeback: 'refund',
  bank_refund: 'refund',
  partial_refund: 'refund',
  transfer_to_wallet: 'withdrawal',
  error_transfer_to_wallet: 'withdrawal',
  add_funds_to_account: 'deposit',
  add_funds_to_account_with_limits: 'deposit',
  external_commission: 'fee',
  hard_disk_rent: 'fee',
  hard_disk_rent_empty: 'fee',
  recommended_product: 'fee',
  extra_agent_product_rent: 'fee',
  sms_packages: 'fee',
  exchange_request: 'other',
  exchange_response: 'other',
  issue_gift_certificate: 'other'
}

const DESCRIPTION_OF: Record<string, (ref: string | null) => string> = {
  agent_accruals: () => 'Agent commission',
  refund: (ref) => `Refund to a buyer${invoice(ref)}`,
  chargeback: (ref) => `Chargeback by a buyer's bank${invoice(ref)}`,
  bank_refund: (ref) => `Refund through a buyer's bank${invoice(ref)}`,
  partial_refund: (ref) => `Partial refund to a buyer${invoice(ref)}`,
  transfer_to_wallet: () => 'Withdrawal to your wallet',
  error_transfer_to_wallet: () => 'Failed withdrawal returned to the balance',
  add_funds_to_account: () => `Top-up of the ${LABEL} balance`,
  add_funds_to_account_with_limits: () => `Top-up of the ${LABEL} balance with limits`,
  external_commission: () => `${LABEL} fee for a payment through a payment aggregator`,
  hard_disk_rent: () => `Extra disk space at ${LABEL}`,
  hard_disk_rent_empty: () => `Extra disk space at ${LABEL}`,
  recommended_product: () => 'Advertising (recommended product)',
  extra_agent_product_rent: () => 'More items in the agent store',
  sms_packages: () => 'SMS notification package',
  exchange_request: () => 'Transfer to currency exchange',
  exchange_response: () => 'Money from currency exchange',
  issue_gift_certificate: () => 'Gift certificate issued'
}

function invoice(ref: string | null): string {
  return ref === null ? '' : `, invoice ${ref}`
}

function productName(name: NonNullable<Operation['product']>['name']): string | null {
  if (typeof name === 'string') return name.trim() === '' ? null : name
  if (!name) return null
  const named = name.filter((n) => (n.value ?? '').trim() !== '')
  const pick = named.find((n) => n.locale === 'en-US') ?? named.find((n) => (n.locale ?? '').startsWith('en')) ?? named[0]
  return pick?.value ?? null
}

interface ExternalSale {
  invoiceId: string
}

/** Which sales were paid through a payment aggregator (the money went to the seller's own account there). */
function externalSales(invoices: readonly ExternalInvoice[]): Map<string, ExternalSale> {
  const out = new Map<string, ExternalSale>()
  for (const inv of invoices) for (const item of inv.items ?? []) out.set(item.operation_id, { invoiceId: inv.id })
  return out
}

// ---------- reading replies ----------

/** Marks a reply that refused the token: the caller signs in again, once. */
const TOKEN_REFUSED = Symbol('token refused')
type Read<T> = T | typeof TOKEN_REFUSED

function parseBody(res: HttpResponse, ectx: ErrorContext): Read<unknown> {
  try {
    return parseUpstreamJson(res.text)
  } catch {
    if (res.status === 401) return TOKEN_REFUSED
    throw errorFromUnreadableReply(res.status, `HTTP ${res.status}, not JSON`, ectx)
  }
}

/** `{retval, retdesc, errors, content}` → content as the schema says, or the error it stands for. */
function readContent<S extends z.ZodType>(res: HttpResponse, schema: S, ectx: ErrorContext): Read<z.output<S>> {
  const body = parseBody(res, ectx)
  if (body === TOKEN_REFUSED) return body
  const envelope = Envelope.safeParse(body)
  if (!envelope.success) {
    if (res.status === 401) return TOKEN_REFUSED
    if (!isOk(res.status)) throw errorFromUnreadableReply(res.status, `HTTP ${res.status} without an error description`, ectx)
    throw malformedReply(res.status, describeIssues(envelope.error), ectx)
  }
  const { retval, retdesc, errors, content } = envelope.data
  if (retval !== 0 || !isOk(res.status)) {
    if (isTokenProblem(res.status, errors ?? [], retdesc)) return TOKEN_REFUSED
    throw errorFromEnvelope(res.status, errors ?? [], retdesc, ectx)
  }
  const parsed = schema.safeParse(content)
  if (!parsed.success) throw malformedReply(res.status, describeIssues(parsed.error, 'content'), ectx)
  return parsed.data
}

/** seller-sells' older envelope, fields at the top level. */
function readSells(res: HttpResponse, ectx: ErrorContext): Read<SellsReply> {
  const body = parseBody(res, ectx)
  if (body === TOKEN_REFUSED) return body
  const parsed = SellsReply.safeParse(body)
  if (!parsed.success) {
    if (res.status === 401) return TOKEN_REFUSED
    if (!isOk(res.status)) throw errorFromUnreadableReply(res.status, `HTTP ${res.status} without an error description`, ectx)
    throw malformedReply(res.status, describeIssues(parsed.error), ectx)
  }
  if (parsed.data.retval !== 0 || !isOk(res.status)) {
    if (isTokenProblem(res.status, parsed.data.errors ?? [], parsed.data.retdesc)) return TOKEN_REFUSED
    throw errorFromEnvelope(res.status, parsed.data.errors ?? [], parsed.data.retdesc, ectx)
  }
  return parsed.data
}

function tooMuchHistory(call: DigisellerCall): UpstreamError {
  return new UpstreamError(
    'UPSTREAM_FAILED',
    `${LABEL} kept sending more pages of ${call === 'sells' ? 'sales' : 'operations'} than ResellerDesk reads at once ` +
      `(${MAX_PAGES} pages), so the import stopped. Please report this.`
  )
}

// ---------- the adapter ----------

export function createDigisellerAdapter(ctx: AdapterContext): ProviderAdapter {
  if (ctx.credentials.kind !== 'digiseller') {
    throw new AppError('VALIDATION', `This account's credentials are not ${LABEL} credentials.`)
  }
  const { apiKey } = ctx.credentials
  const sellerIdText = ctx.credentials.sellerId.trim()

  // Concurrent callers share one sign-in (see ../token).
  const tokens = createTokenHolder({ now: () => ctx.now().getTime(), signIn })
  let lastTimestamp = 0

  function secrets(): string[] {
    const held = tokens.peek()
    return held ? [apiKey, held.value] : [apiKey]
  }

  /** Sends; anything the HTTP client throws becomes an UpstreamError without the original (it may hold the token). */
  async function send(req: HttpRequest, call: DigisellerCall): Promise<HttpResponse> {
    try {
      return await ctx.http.request(req)
    } catch (err) {
      if (err instanceof UpstreamError) throw err
      throw new UpstreamError('NETWORK', `The request to ${LABEL} failed before an answer arrived.`, {
        retryable: true,
        cause: new Error(err instanceof Error ? err.name : `unknown failure in ${call}`)
      })
    }
  }

  function errorContext(call: DigisellerCall, res: HttpResponse, extraSecrets: readonly string[] = []): ErrorContext {
    return withRetryAfter<ErrorContext>(res, { call, secrets: [...secrets(), ...extraSecrets] })
  }

  async function signIn(): Promise<HeldToken> {
    if (!/^\d{1,15}$/.test(sellerIdText) || !Number.isSafeInteger(Number(sellerIdText))) {
      throw new AppError(
        'VALIDATION',
        `The ${LABEL} seller ID is a number (shown in your ${LABEL} account), and “${sellerIdText.slice(0, 30)}” is not one. Correct it in the account settings.`
      )
    }
    const sellerId = Number(sellerIdText)
    // A timestamp may be used once (docs): a second sign-in within the same second takes the next one.
    for (let attempt = 0; ; attempt++) {
      const startedMs = ctx.now().getTime()
      const timestamp = Math.max(Math.floor(startedMs / 1000), lastTimestamp + 1)
      lastTimestamp = timestamp
      const res = await send(
        {
          method: 'POST',
          path: PATHS.login,
          body: { seller_id: sellerId, timestamp, sign: loginSign(apiKey, timestamp) },
          priority: 'low',
          // Never repeated as is: the same timestamp would be refused as used.
          idempotent: false
        },
        'apilogin'
      )
      const ectx = errorContext('apilogin', res)
      // A bare 401/403 to a sign-in can only mean the seller ID and key were not accepted.
      const refusedOutright = (): UpstreamError => loginRefused('credentials', 0, '', res.status, ectx)
      let body: unknown
      try {
        body = parseUpstreamJson(res.text)
      } catch {
        if (res.status === 401 || res.status === 403) throw refusedOutright()
        throw errorFromUnreadableReply(res.status, `HTTP ${res.status}, not JSON`, ectx)
      }
      const parsed = LoginReply.safeParse(body)
      if (!parsed.success) {
        if (res.status === 401 || res.status === 403) throw refusedOutright()
        if (!isOk(res.status)) throw errorFromUnreadableReply(res.status, `HTTP ${res.status} without an error description`, ectx)
        throw malformedReply(res.status, describeIssues(parsed.error), ectx)
      }
      const reply = parsed.data
      if (reply.retval !== 0 || !isOk(res.status)) {
        if (res.status === 429 || res.status >= 500) throw errorFromEnvelope(res.status, [], reply.endesc ?? reply.desc, ectx)
        const refusal = loginRefusal(reply.retval, reply.desc, reply.endesc)
        if (refusal === 'replay' && attempt === 0) continue
        throw loginRefused(refusal, reply.retval, reply.endesc ?? reply.desc ?? '', res.status, ectx)
      }
      if (!reply.token) throw malformedReply(res.status, 'the sign-in token is missing', ectx)
      const validThru = reply.valid_thru ? parseDigisellerDate(reply.valid_thru, UTC_OFFSET_MINUTES) : null
      const lifetime = validThru === null ? 0 : validThru.getTime() - startedMs
      const effective = lifetime > 0 ? lifetime : DOCUMENTED_TOKEN_LIFETIME_MS
      return { value: reply.token, renewAtMs: startedMs + effective - Math.min(RENEW_MARGIN_MS, effective / 10) }
    }
  }

  /** One call with the token; if the reply refuses the token, sign in again and repeat the call once. */
  async function authed<T>(call: DigisellerCall, build: (token: string) => HttpRequest, read: (res: HttpResponse, ectx: ErrorContext) => Read<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const held = await tokens.get()
      const used = held.value
      const res = await send(build(used), call)
      const ectx = errorContext(call, res, [used])
      const out = read(res, ectx)
      if (out !== TOKEN_REFUSED) return out
      if (attempt >= 1) throw tokenKeepsFailing(ectx, res.status)
      // Another call may already have signed in again; only drop the token that was refused.
      tokens.invalidate(held)
    }
  }

  async function fetchOperations(since: Date | null): Promise<Operation[]> {
    const byId = new Map<string, Operation>()
    for (let page = 1; page <= MAX_PAGES; page++) {
      const content = await authed(
        'receipts',
        (t) => ({
          method: 'GET',
          path: PATHS.receipts,
          query: { token: t, page, count: RECEIPTS_PAGE_SIZE, start: since === null ? undefined : receiptsDate(since) },
          priority: 'low'
        }),
        (res, ectx) => readContent(res, ReceiptsContent, ectx)
      )
      // Newest first: operations added while we page push the list down, so one may show up twice.
      for (const item of content.items) if (!byId.has(item.account_operation_id)) byId.set(item.account_operation_id, item)
      const more =
        content.has_next_page ?? (content.total_pages !== undefined ? page < content.total_pages : content.items.length >= RECEIPTS_PAGE_SIZE)
      if (content.items.length === 0 || !more) return [...byId.values()]
    }
    throw tooMuchHistory('receipts')
  }

  async function fetchSales(since: Date | null): Promise<SaleRow[]> {
    const byId = new Map<string, SaleRow>()
    const finish = new Date(ctx.now().getTime() + DAY_MS)
    for (let page = 1; page <= MAX_PAGES; page++) {
      const reply = await authed(
        'sells',
        (t) => ({
          method: 'POST',
          path: PATHS.sells,
          query: { token: t },
          // No product_ids: "if not specified, returns the statistics for all products". returned 0: refunds included.
          body: { date_start: sellsDate(since ?? BEGINNING_OF_TIME), date_finish: sellsDate(finish), returned: 0, page, rows: SELLS_PAGE_SIZE },
          priority: 'low',
          // A read: safe to repeat.
          idempotent: true
        }),
        readSells
      )
      const rows = reply.rows ?? []
      for (const row of rows) if (!byId.has(row.invoice_id)) byId.set(row.invoice_id, row)
      const more = reply.pages !== null && reply.pages !== undefined ? page < reply.pages : rows.length >= SELLS_PAGE_SIZE
      if (rows.length === 0 || !more) return [...byId.values()]
    }
    throw tooMuchHistory('sells')
  }

  /** External invoices have no date filter: read newest first until one is older than `since`. */
  async function fetchExternal(since: Date | null): Promise<ExternalInvoice[]> {
    const byId = new Map<string, ExternalInvoice>()
    for (let page = 1; page <= MAX_PAGES; page++) {
      const content = await authed(
        'receipts_external',
        (t) => ({ method: 'GET', path: PATHS.external, query: { token: t, order: 'Date DESC', count: EXTERNAL_PAGE_SIZE, page }, priority: 'low' }),
        (res, ectx) => readContent(res, ExternalContent, ectx)
      )
      for (const inv of content.items) if (!byId.has(inv.id)) byId.set(inv.id, inv)
      const more =
        content.has_next_page ?? (content.total_pages !== undefined ? page < content.total_pages : content.items.length >= EXTERNAL_PAGE_SIZE)
      // An invoice is dated a few seconds before its sales: read a day past `since` so none at the edge is missed.
      const passedSince = since !== null && content.items.some((inv) => inv.date.getTime() < since.getTime() - DAY_MS)
      if (content.items.length === 0 || !more || passedSince) return [...byId.values()]
    }
    throw tooMuchHistory('receipts_external')
  }

  function ledgerMoney(amount: string, code: string, call: DigisellerCall): LedgerEntry['amount'] {
    const currency = currencyOf(code)
    if (currency === null) throw malformedReply(undefined, 'a currency is not a currency code', { call, secrets: secrets() })
    return money(amount, currency)
  }

  function fromOperation(op: Operation): LedgerEntry {
    const o = op.operation
    const type = o.type
    const ref = o.id ?? null
    // A sale is keyed by its invoice, so the same sale from seller-sells is the same entry.
    const isSale = type === 'product_sale' && ref !== null
    const known = Object.hasOwn(DESCRIPTION_OF, type) ? DESCRIPTION_OF[type] : undefined
    return {
      externalId: isSale ? `sale:${ref}` : `op:${op.account_operation_id}`,
      kind: (Object.hasOwn(KIND_OF, type) ? KIND_OF[type] : undefined) ?? 'other',
      at: (o.datetime ?? o.date) as Date,
      amount: ledgerMoney(o.on_account, o.currency, 'receipts'),
      description: isSale ? `Sale${invoice(ref)}` : (known?.(ref) ?? `${LABEL} operation “${type.slice(0, MAX_QUOTED_TYPE)}”`),
      productId: op.product?.id ?? null,
      productName: productName(op.product?.name),
      reference: ref,
      upstreamType: type
    }
  }

  /** A seller-sells row, merged into the sale's account operation when the account has one (that amount is what arrived). */
  function saleEntry(row: SaleRow, fromAccount: LedgerEntry | undefined, external: ExternalSale | undefined): LedgerEntry {
    const currency = currencyOf(row.amount_currency)
    const notes: string[] = []
    // Both amounts are normalized decimal text by now, so text comparison is exact.
    if (row.amount_in !== undefined && row.amount_in !== null && currency !== null && row.amount_in !== row.amount_out) {
      notes.push(`the buyer paid ${row.amount_in} ${currency}`)
    }
    if (external) {
      notes.push(`paid through ${row.aggregator_pay?.trim() || 'a payment aggregator'} into your own account there, not the ${LABEL} balance`)
    }
    return {
      externalId: `sale:${row.invoice_id}`,
      kind: 'sale',
      at: fromAccount?.at ?? row.date_pay,
      amount: fromAccount?.amount ?? ledgerMoney(row.amount_out, row.amount_currency, 'sells'),
      description: `Sale${invoice(row.invoice_id)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`,
      productId: row.product_id ?? fromAccount?.productId ?? null,
      productName: row.product_name?.trim() || fromAccount?.productName || null,
      reference: row.invoice_id,
      upstreamType: 'product_sale'
    }
  }

  return {
    kind: 'digiseller',
    capabilities: DIGISELLER_CAPABILITIES,

    async getBalance(): Promise<UpstreamBalance> {
      const content = await authed(
        'balance',
        (t) => ({ method: 'GET', path: PATHS.balance, query: { token: t }, priority: 'low' }),
        (res, ectx) => readContent(res, BalanceContent, ectx)
      )
      const ectx: ErrorContext = { call: 'balance', secrets: secrets() }
      // Every amount_{letter}_{free|lock|plus} present, so a purse Digiseller adds later shows up too.
      const purses = new Map<string, { free?: string; lock?: string; plus?: string }>()
      for (const [key, value] of Object.entries(content)) {
        const m = /^amount_([a-z])_(free|lock|plus)$/.exec(key)
        if (!m) continue
        const text = typeof value === 'string' || typeof value === 'number' ? amountText(value) : null
        if (text === null) throw malformedReply(undefined, `content.${key} is not an amount`, ectx)
        const purse = purses.get(m[1]!) ?? {}
        purse[m[2] as 'free' | 'lock' | 'plus'] = text
        purses.set(m[1]!, purse)
      }
      const letters = [...purses.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
      const wanted = currencyOf(ctx.currency)
      const main = [...new Set([...PURSE_ORDER, ...letters])].find((l) => purseCurrency(l) === wanted)
      if (main === undefined) {
        throw new AppError(
          'VALIDATION',
          `This ${LABEL} account is set to ${ctx.currency}, but ${LABEL} keeps balances in ${letters.map(purseCurrency).join(', ') || 'other currencies'}. ` +
            'Change the account currency to one of them.'
        )
      }
      const mainPurse = purses.get(main)
      if (mainPurse?.free === undefined) throw malformedReply(undefined, `content.amount_${main}_free is missing`, ectx)
      const details: Record<string, string> = { locked: mainPurse.lock ?? '0', limited_topups: mainPurse.plus ?? '0' }
      for (const letter of letters) {
        const plus = purses.get(letter)?.plus
        if (letter !== main && plus !== undefined && plus !== '0') details[`limited_topups_${purseCurrency(letter)}`] = plus
      }
      return {
        available: money(mainPurse.free, purseCurrency(main)),
        details,
        perCurrency: letters.map((l) => {
          const p = purses.get(l) ?? {}
          return { currency: purseCurrency(l), free: money(p.free ?? '0', purseCurrency(l)), locked: money(p.lock ?? '0', purseCurrency(l)) }
        })
      }
    },

    async listCatalog(): Promise<UpstreamProduct[]> {
      return []
    },

    async createOrder(): Promise<UpstreamOrder> {
      throw new AppError('UNSUPPORTED', UNSUPPORTED_MESSAGE)
    },

    async getOrder(): Promise<UpstreamOrder> {
      throw new AppError('UNSUPPORTED', UNSUPPORTED_MESSAGE)
    },

    async listLedger({ since }: { since: Date | null }): Promise<LedgerEntry[]> {
      const operations = await fetchOperations(since)
      const sales = await fetchSales(since)
      const external = externalSales(await fetchExternal(since))
      const entries = new Map<string, LedgerEntry>()
      for (const op of operations) {
        const entry = fromOperation(op)
        if (!entries.has(entry.externalId)) entries.set(entry.externalId, entry)
      }
      for (const row of sales) {
        const id = `sale:${row.invoice_id}`
        entries.set(id, saleEntry(row, entries.get(id), external.get(row.invoice_id)))
      }
      return [...entries.values()]
        .filter((e) => since === null || e.at.getTime() >= since.getTime())
        .sort((a, b) => a.at.getTime() - b.at.getTime() || a.externalId.localeCompare(b.externalId))
    }
  }
}

function rank(letter: string): number {
  const i = PURSE_ORDER.indexOf(letter)
  return i === -1 ? PURSE_ORDER.length : i
}
