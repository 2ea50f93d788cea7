// The Digiseller simulator against seed 004 and Digiseller's API docs, over real HTTP with plain fetch.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DIGISELLER_DEMO_API_KEY, DIGISELLER_DEMO_SELLER_ID, startDigisellerSim, type DigisellerSim, type DigisellerSimOptions } from '../../src/sim/digiseller'
import { activeTimeouts, type Called, closedAfterEach, expectCloseEndsRequests, expectGarbledJson, expectProxyErrorPage, expectRandomFaults, fetchCalled, parse } from './support'

// ---------- reply shapes ----------
interface Envelope<C> { retval: number; retdesc: string | null; errors: { code: string; message: string }[] | null; content: C }
interface LoginReply { retval: number; desc: string | null; endesc: string | null; token: string | null; seller_id: number; valid_thru: string }
interface Page { page: number; count: number; has_next_page: boolean; has_previous_page: boolean; total_count: number; total_pages: number }
interface OperationItem {
  account_operation_id: number
  operation: { id: number; type: string; datetime: string; percent: number; price: number; currency: string; on_account: number }
  owner_id: number
  product: { id: number; name: { locale: string; value: string }[]; deleted: boolean } | null
  response: string | null
  condition: null
  code_check_datetime: null
  date_free: string | null
  free_description: string | null
}
interface ExternalInvoice {
  id: number; date: string; name: string; cart_id: number | null; is_cart: boolean; amount: number; currency_code: string; payment_status: string
  ds_set: number | null; currency_ds: string | null; transaction_id: string | null; warning_fee: number
  items: { operation_id: number; product_id: number; product_name: string; operation_date: string; options_id: number; ds_set: number; currency_ds: string; warning_fee: number }[]
}
interface SaleRow {
  invoice_id: number; product_id: number; product_name: string; product_entry_id: number; product_entry: string; date_put: string; date_pay: string
  email: string; wmid: string; amount_in: number; amount_out: number; amount_currency: string; method_pay: string; aggregator_pay: string; ip: string
  partner_id: string; lang: string; returned: number; owner: number
}
interface SellsReply { retval: number; retdesc: string | null; total_rows: number; pages: number; page: number; rows: SaleRow[] | null }

// ---------- helpers ----------
const SELLER = 1180743
const KEY = 'CA1SF69A000A46D00039F01Z11017V39'
const OTHER_SELLER = 2200400
const OTHER_KEY = 'B0B0B0B0B0B0B0B0B0B0B0B0B0B0B0B0'
const T0 = Date.parse('2026-03-25T12:00:00Z')

const started = closedAfterEach<DigisellerSim>()

interface Clock {
  ms: number
}

async function sim(opts: DigisellerSimOptions = {}, clock?: Clock): Promise<DigisellerSim> {
  const s = await startDigisellerSim({
    seed: 42,
    rateLimitPerMinute: false,
    accounts: [
      { sellerId: SELLER, apiKey: KEY, opening: { z: { free: '10.00' } }, history: 'none' },
      { sellerId: OTHER_SELLER, apiKey: OTHER_KEY, history: 'none' }
    ],
    ...(clock ? { now: () => clock.ms } : {}),
    ...opts
  })
  started.push(s)
  return s
}

const sign = (key: string, ts: number) => createHash('sha256').update(`${key}${ts}`).digest('hex')

async function raw(s: DigisellerSim, path: string, init: RequestInit = {}): Promise<Called> {
  return fetchCalled(`${s.baseUrl}${path}`, init)
}

let lastTs = 0
/** A fresh timestamp each time (the simulator takes each once), near the given clock. */
function nextTs(clock?: Clock): number {
  const now = Math.floor((clock?.ms ?? Date.now()) / 1000)
  // Tests run on different clocks (real and injected): restart the count when it is not near this one.
  lastTs = lastTs >= now && lastTs < now + 60 ? lastTs + 1 : now
  return lastTs
}

async function login(s: DigisellerSim, body: Record<string, unknown>): Promise<Called> {
  return raw(s, '/api/apilogin', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
}

async function token(s: DigisellerSim, clock?: Clock, seller = SELLER, key = KEY): Promise<string> {
  const ts = nextTs(clock)
  const c = await login(s, { seller_id: seller, timestamp: ts, sign: sign(key, ts) })
  const reply = parse<LoginReply>(c)
  expect(reply.retval, c.text).toBe(0)
  return reply.token!
}

async function get<C>(s: DigisellerSim, path: string, tok: string, query = ''): Promise<Envelope<C>> {
  const c = await raw(s, `${path}?token=${encodeURIComponent(tok)}${query}`)
  expect(c.status, c.text).toBe(200)
  return parse<Envelope<C>>(c)
}

async function receipts(s: DigisellerSim, tok: string, query = ''): Promise<Page & { items: OperationItem[] }> {
  const env = await get<Page & { items: OperationItem[] }>(s, '/api/sellers/account/receipts', tok, query)
  expect(env.retval, JSON.stringify(env)).toBe(0)
  return env.content
}

async function allReceipts(s: DigisellerSim, tok: string, query = ''): Promise<OperationItem[]> {
  const out: OperationItem[] = []
  for (let page = 1; ; page++) {
    const c = await receipts(s, tok, `&count=500&page=${page}${query}`)
    out.push(...c.items)
    if (!c.has_next_page) return out
  }
}

async function sells(s: DigisellerSim, tok: string, body: Record<string, unknown>): Promise<SellsReply> {
  const c = await raw(s, `/api/seller-sells/v2?token=${tok}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  expect(c.status, c.text).toBe(200)
  return parse<SellsReply>(c)
}

const ALL_TIME = { date_start: '2000-01-01 00:00:00', date_finish: '2100-01-01 00:00:00' }

async function balance(s: DigisellerSim, tok: string): Promise<Called> {
  return raw(s, `/api/sellers/account/balance/info?token=${tok}`)
}

const MOSCOW = 3 * 60 * 60_000
const receiptsText = (ms: number) => new Date(ms + MOSCOW).toISOString().slice(0, 23).replace(/\.?0+$/, '')
const sellsText = (ms: number) => new Date(ms + MOSCOW).toISOString().slice(0, 19).replace('T', ' ')

// ---------- sign-in ----------
describe('apilogin', () => {
  it('accepts sign = hex(sha256(API key + timestamp)) and returns a token, the seller id and valid_thru (Moscow offset, 7 digits)', async () => {
    const clock = { ms: T0 }
    const s = await sim({}, clock)
    const c = await login(s, { seller_id: SELLER, timestamp: 1774440000, sign: '5e2f36fe0deb8bad4d9a78a09a80649aa760895ed456c7e300243fe0357ef81a' })
    expect(c.status).toBe(200)
    const reply = parse<LoginReply>(c)
    expect(reply).toMatchObject({ retval: 0, desc: null, endesc: null, seller_id: SELLER })
    expect(reply.token).toMatch(/^[0-9a-f]{40}$/)
    expect(reply.valid_thru).toMatch(/^2026-03-25T17:00:00\.000\d{4}\+03:00$/)
    expect(s.loginCount(SELLER)).toBe(1)
  })

  it('accepts the sign in upper case and the docs\' `id_seller`', async () => {
    const s = await sim()
    const ts = nextTs()
    expect(parse<LoginReply>(await login(s, { id_seller: SELLER, timestamp: ts, sign: sign(KEY, ts).toUpperCase() })).retval).toBe(0)
  })

  it('a wrong sign, a wrong key or an unknown seller: retval 1, HTTP 200, no token, .NET\'s empty date', async () => {
    const s = await sim()
    for (const body of [
      { seller_id: SELLER, timestamp: nextTs(), sign: 'deadbeef' },
      { seller_id: SELLER, timestamp: lastTs + 1, sign: sign(OTHER_KEY, lastTs + 1) },
      { seller_id: 999, timestamp: nextTs(), sign: sign(KEY, lastTs) }
    ]) {
      const c = await login(s, body)
      expect(c.status).toBe(200)
      expect(c.text).toBe(
        '{"retval":1,"desc":"Неверный идентификатор продавца или подпись","endesc":"Invalid seller id or signature","token":null,"seller_id":0,"valid_thru":"0001-01-01T00:00:00"}'
      )
    }
    expect(s.loginCount(SELLER)).toBe(0)
  })

  it('a timestamp more than 5 minutes off the server clock: retval 2 (the skew is not scaled by speed)', async () => {
    const clock = { ms: T0 }
    const s = await sim({ speed: 1000 }, clock)
    const now = T0 / 1000
    for (const ts of [now - 301, now + 301]) {
      const reply = parse<LoginReply>(await login(s, { seller_id: SELLER, timestamp: ts, sign: sign(KEY, ts) }))
      expect(reply).toMatchObject({ retval: 2, token: null })
      expect(reply.endesc).toContain('out of the allowed range')
    }
    for (const ts of [now - 300, now + 300]) expect(parse<LoginReply>(await login(s, { seller_id: SELLER, timestamp: ts, sign: sign(KEY, ts) })).retval).toBe(0)
  })

  it('each timestamp once: a reused one is retval 3', async () => {
    const s = await sim()
    const ts = nextTs()
    expect(parse<LoginReply>(await login(s, { seller_id: SELLER, timestamp: ts, sign: sign(KEY, ts) })).retval).toBe(0)
    const again = parse<LoginReply>(await login(s, { seller_id: SELLER, timestamp: ts, sign: sign(KEY, ts) }))
    expect(again).toMatchObject({ retval: 3, endesc: 'Timestamp has already been used', token: null })
    // Another seller may use the same second.
    expect(parse<LoginReply>(await login(s, { seller_id: OTHER_SELLER, timestamp: ts, sign: sign(OTHER_KEY, ts) })).retval).toBe(0)
  })

  it('a malformed body is retval 1; a GET is ASP.NET\'s 405', async () => {
    const s = await sim()
    for (const body of ['', 'not json', '[]', JSON.stringify({ seller_id: String(SELLER), timestamp: 1, sign: 'x' }), JSON.stringify({ seller_id: SELLER, timestamp: 1.5, sign: 'x' })]) {
      const c = await raw(s, '/api/apilogin', { method: 'POST', body })
      expect(parse<LoginReply>(c)).toMatchObject({ retval: 1, token: null })
    }
    const c = await raw(s, '/api/apilogin')
    expect(c.status).toBe(405)
    expect(parse<{ Message: string }>(c).Message).toBe("The requested resource does not support http method 'GET'.")
  })
})

describe('tokens', () => {
  it('last 2 hours scaled by speed, judged lazily by the clock: expired → token_expired (HTTP 200, retval 1)', async () => {
    const clock = { ms: T0 }
    const s = await sim({ speed: 3600 }, clock)
    const ts = nextTs(clock)
    const reply = parse<LoginReply>(await login(s, { seller_id: SELLER, timestamp: ts, sign: sign(KEY, ts) }))
    expect(Date.parse(reply.valid_thru)).toBe(T0 + 2000)
    clock.ms = T0 + 1999
    expect((await get(s, '/api/sellers/account/balance/info', reply.token!)).retval).toBe(0)
    clock.ms = T0 + 2000
    const c = await balance(s, reply.token!)
    expect(c.status).toBe(200)
    expect(c.text).toBe('{"retval":1,"retdesc":"Token has expired","errors":[{"code":"token_expired","message":"Token has expired"}],"content":null}')
    expect(s.tokenRejections(SELLER)).toBe(1)
  })

  it('tokenLifetimeMs sets the real-time lifetime', async () => {
    const clock = { ms: T0 }
    const s = await sim({ tokenLifetimeMs: 60_000, speed: 2 }, clock)
    const ts = nextTs(clock)
    const reply = parse<LoginReply>(await login(s, { seller_id: SELLER, timestamp: ts, sign: sign(KEY, ts) }))
    expect(Date.parse(reply.valid_thru)).toBe(T0 + 30_000)
  })

  it('missing, unknown and revoked tokens → token_invalid; seller-sells says it in its older envelope', async () => {
    const s = await sim()
    const tok = await token(s)
    s.revokeTokens(SELLER)
    for (const path of ['/api/sellers/account/balance/info', `/api/sellers/account/balance/info?token=nope`, `/api/sellers/account/receipts?token=${tok}`, `/api/sellers/account/receipts/external?token=${tok}`]) {
      const env = parse<Envelope<null>>(await raw(s, path))
      expect(env).toEqual({ retval: 1, retdesc: 'Token is invalid', errors: [{ code: 'token_invalid', message: 'Token is invalid' }], content: null })
    }
    expect(s.tokenRejections(SELLER)).toBe(2)
    const c = await raw(s, `/api/seller-sells/v2?token=${tok}`, { method: 'POST', body: JSON.stringify(ALL_TIME) })
    expect(c.text).toBe('{"retval":1,"retdesc":"Token is invalid","total_rows":0,"pages":0,"page":0,"rows":null}')
    // A new sign-in works again.
    expect((await get(s, '/api/sellers/account/balance/info', await token(s))).retval).toBe(0)
  })
})

// ---------- balances and money ----------
describe('balance', () => {
  it('prints every purse free/lock/plus with the seed\'s number format', async () => {
    const s = await sim()
    const c = await balance(s, await token(s))
    expect(c.text).toBe(
      '{"retval":0,"retdesc":null,"errors":null,"content":{"amount_z_free":10.00,"amount_z_lock":0.00,"amount_z_plus":0.00,"amount_t_free":0.00,"amount_t_lock":0.00,"amount_t_plus":0.00,"amount_e_free":0.00,"amount_e_lock":0.00,"amount_e_plus":0.00,"amount_x_free":0.00,"amount_x_lock":0.00,"amount_x_plus":0.00,"amount_l_free":0.00,"amount_l_lock":0.00,"amount_l_plus":0.00}}'
    )
  })

  it('a sale is locked for the (scaled) hold, then free — to the cent, with the seed\'s 0.04 at 1.50 % → 0.03', async () => {
    const clock = { ms: T0 }
    const s = await sim({ speed: 1000 }, clock)
    const sale = s.addSale(SELLER, { amountIn: '0.04' })
    expect(sale).toMatchObject({ amountIn: '0.04', amountOut: '0.03', percent: '1.50', currency: 'WMZ', methodPay: 'WebMoney', returned: false })
    expect(s.balances(SELLER).z).toEqual({ free: '10.00', lock: '0.03', plus: '0.00' })
    clock.ms = T0 + (2 * 24 * 60 * 60_000) / 1000 // two days at speed 1000
    expect(s.balances(SELLER).z).toEqual({ free: '10.03', lock: '0.00', plus: '0.00' })
    s.addOperation(SELLER, { type: 'transfer_to_wallet', amount: '-0.99', currency: 'WMZ' })
    expect(s.balance(SELLER)).toBe('9.04')
    const c = await balance(s, await token(s, clock))
    expect(c.text).toContain('"amount_z_free":9.04,"amount_z_lock":0.00')
  })

  it('decimal exactness: 0.10 + 0.20 − 0.30 is exactly zero, in every purse', async () => {
    const s = await sim({ accounts: [{ sellerId: SELLER, apiKey: KEY, history: 'none' }] })
    for (const currency of ['WMZ', 'WME', 'WMT'] as const) {
      s.addOperation(SELLER, { type: 'add_funds_to_account', amount: '0.10', currency })
      s.addOperation(SELLER, { type: 'add_funds_to_account', amount: '0.20', currency })
      s.addOperation(SELLER, { type: 'transfer_to_wallet', amount: '-0.30', currency })
      expect(s.balance(SELLER, currency)).toBe('0.00')
    }
  })

  it('a refund of a still-locked sale comes out of the locked money; limited top-ups go to plus', async () => {
    const s = await sim({ speed: 1 })
    const sale = s.addSale(SELLER, { productId: 3091245, method: 'Bank Card' })
    expect(sale).toMatchObject({ amountIn: '21.90', amountOut: '20.80', percent: '5.00' })
    expect(s.balances(SELLER).z.lock).toBe('20.80')
    const refund = s.refundSale(SELLER, sale.invoiceId)
    expect(refund).toMatchObject({ type: 'refund', operationId: sale.invoiceId, onAccount: '-20.80', price: '20.80' })
    expect(s.balances(SELLER).z).toEqual({ free: '10.00', lock: '0.00', plus: '0.00' })
    expect(s.sales(SELLER)[0]?.returned).toBe(true)
    s.addOperation(SELLER, { type: 'add_funds_to_account_with_limits', amount: '15.00', currency: 'WMT' })
    expect(s.balances(SELLER).t).toEqual({ free: '0.00', lock: '0.00', plus: '15.00' })
    expect(() => s.refundSale(SELLER, sale.invoiceId)).toThrow(/already refunded/)
  })

  it('an aggregator sale never reaches the balance; only Digiseller\'s fee comes off it', async () => {
    const s = await sim()
    const sale = s.addSale(SELLER, { productId: 3091245, aggregator: 'paypal' })
    expect(sale).toMatchObject({ amountIn: '21.90', amountOut: '21.90', methodPay: 'Merchant', aggregator: 'paypal', accountOperationId: null })
    expect(s.balances(SELLER).z).toEqual({ free: '9.56', lock: '0.00', plus: '0.00' })
    expect(s.operations(SELLER).at(-1)).toMatchObject({ type: 'external_commission', operationId: sale.invoiceId, onAccount: '-0.44', percent: '2.00' })
  })
})

// ---------- the demo account ----------
describe('the demo history', () => {
  it('a few hundred sales and operations over the last 60 days, in several currencies, with refunds, withdrawals and locked money', async () => {
    const now = T0
    const s = await startDigisellerSim({ seed: 7, rateLimitPerMinute: false, now: () => now })
    started.push(s)
    const sales = s.sales(DIGISELLER_DEMO_SELLER_ID)
    const ops = s.operations(DIGISELLER_DEMO_SELLER_ID)
    expect(sales.length).toBeGreaterThanOrEqual(250)
    expect(ops.length).toBeGreaterThanOrEqual(250)
    for (const x of [...sales.map((s) => s.datePayMs), ...ops.map((o) => o.atMs)]) {
      expect(x).toBeLessThanOrEqual(now)
      expect(x).toBeGreaterThan(now - 61 * 24 * 60 * 60_000)
    }
    expect(new Set(sales.map((x) => x.currency))).toEqual(new Set(['WMZ', 'WME', 'WMT']))
    const types = ops.map((o) => o.type)
    expect(types.filter((t) => t === 'refund').length).toBeGreaterThanOrEqual(3)
    expect(types).toContain('partial_refund')
    expect(types).toContain('transfer_to_wallet')
    expect(types).toContain('error_transfer_to_wallet')
    expect(types).toContain('external_commission')
    expect(types).toContain('agent_accruals')
    expect(types).toContain('add_funds_to_account_with_limits')
    expect(sales.filter((x) => x.returned).length).toBeGreaterThanOrEqual(3)
    expect(sales.filter((x) => x.aggregator !== null).length).toBeGreaterThanOrEqual(5)
    const b = s.balances(DIGISELLER_DEMO_SELLER_ID)
    expect(Number(b.z.lock)).toBeGreaterThan(0)
    expect(b.t.plus).toBe('15.00')
    for (const p of Object.values(b)) expect(Number(p.free)).toBeGreaterThanOrEqual(0)
    // The balance is exactly the opening plus every operation released by now (checked independently, in cents).
    const cents = (t: string) => Math.round(Number(t) * 100)
    const freeZ = ops.filter((o) => o.currency === 'WMZ' && o.releaseAtMs <= now && o.type !== 'add_funds_to_account_with_limits').reduce((n, o) => n + cents(o.onAccount), 12000)
    expect(cents(b.z.free)).toBe(freeZ)
  })

  it('the same seed and clock give the same history', async () => {
    const clock = { ms: T0 }
    const a = await startDigisellerSim({ seed: 5, now: () => clock.ms })
    const b = await startDigisellerSim({ seed: 5, now: () => clock.ms })
    started.push(a, b)
    expect(b.sales(DIGISELLER_DEMO_SELLER_ID)).toEqual(a.sales(DIGISELLER_DEMO_SELLER_ID))
    expect(b.operations(DIGISELLER_DEMO_SELLER_ID)).toEqual(a.operations(DIGISELLER_DEMO_SELLER_ID))
    expect(b.balances(DIGISELLER_DEMO_SELLER_ID)).toEqual(a.balances(DIGISELLER_DEMO_SELLER_ID))
    expect(DIGISELLER_DEMO_API_KEY).toMatch(/^[0-9A-F]{32}$/)
  })
})

// ---------- receipts ----------
describe('receipts', () => {
  it('items in the seed\'s shape: Moscow datetime without zone, trimmed fraction, signed on_account, product names per locale', async () => {
    const clock = { ms: T0 }
    const s = await sim({}, clock)
    const sale = s.addSale(SELLER, { productId: 3104877, amountIn: '10.90', atMs: T0 - 60_000 + 130 })
    const w = s.addOperation(SELLER, { type: 'transfer_to_wallet', amount: '-0.99', currency: 'WMZ', atMs: T0 - 1000 })
    const c = await raw(s, `/api/sellers/account/receipts?token=${await token(s, clock)}`)
    expect(c.text).toContain('"percent":0.00,"price":0.99,"currency":"WMZ","on_account":-0.99')
    const content = parse<Envelope<Page & { items: OperationItem[] }>>(c).content
    expect(content).toMatchObject({ page: 1, count: 10, has_next_page: false, has_previous_page: false, total_count: 2, total_pages: 1 })
    expect(content.items).toEqual([
      {
        account_operation_id: w.accountOperationId,
        operation: { id: w.operationId, type: 'transfer_to_wallet', datetime: '2026-03-25T14:59:59', percent: 0, price: 0.99, currency: 'WMZ', on_account: -0.99 },
        owner_id: 0,
        product: null,
        response: null,
        condition: null,
        code_check_datetime: null,
        date_free: null,
        free_description: null
      },
      {
        account_operation_id: sale.accountOperationId,
        operation: { id: sale.invoiceId, type: 'product_sale', datetime: '2026-03-25T14:59:00.13', percent: 1.5, price: 10.9, currency: 'WMZ', on_account: 10.73 },
        owner_id: 0,
        product: { id: 3104877, name: [{ locale: 'ru-RU', value: 'PUBG Mobile 660 UC (Глобал)' }, { locale: 'en-US', value: 'PUBG Mobile 660 UC (Global)' }], deleted: false },
        response: null,
        condition: null,
        code_check_datetime: null,
        date_free: '2026-03-27T14:59:00.13',
        free_description: 'wait_delivery'
      }
    ])
  })

  it('pages newest first; count clamps at 500; a page past the end is empty', async () => {
    const s = await startDigisellerSim({ seed: 3, rateLimitPerMinute: false })
    started.push(s)
    const tok = await token(s, undefined, Number(DIGISELLER_DEMO_SELLER_ID), DIGISELLER_DEMO_API_KEY)
    const total = s.operations(DIGISELLER_DEMO_SELLER_ID).length
    const p1 = await receipts(s, tok, '&page=1&count=100')
    expect(p1).toMatchObject({ page: 1, count: 100, has_next_page: true, has_previous_page: false, total_count: total, total_pages: Math.ceil(total / 100) })
    const all = await allReceipts(s, tok)
    expect(all).toHaveLength(total)
    expect(new Set(all.map((i) => i.account_operation_id)).size).toBe(total)
    const times = all.map((i) => Date.parse(i.operation.datetime + '+03:00'))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    expect((await receipts(s, tok, '&count=5000')).count).toBe(500)
    const past = await receipts(s, tok, '&page=99&count=100')
    expect(past.items).toEqual([])
    expect(past.has_next_page).toBe(false)
  })

  it('filters: currency, type (the request\'s own words), start/finish in Moscow time, allowType, codeFilter', async () => {
    const clock = { ms: T0 }
    const s = await sim({ speed: 1 }, clock)
    const day = 24 * 60 * 60_000
    const old = s.addSale(SELLER, { atMs: T0 - 5 * day })
    const fresh = s.addSale(SELLER, { atMs: T0 - 60_000 })
    const eur = s.addSale(SELLER, { productId: 3120552, atMs: T0 - 2 * 60_000 })
    const refund = s.refundSale(SELLER, old.invoiceId, { atMs: T0 - 4 * day })
    const w = s.addOperation(SELLER, { type: 'transfer_to_wallet', amount: '-1.00', currency: 'WMZ', atMs: T0 - 3 * day })
    const err = s.addOperation(SELLER, { type: 'error_transfer_to_wallet', amount: '1.00', currency: 'WMZ', atMs: T0 - 3 * day + 1000 })
    const tok = await token(s, clock)
    const ids = async (q: string) => (await receipts(s, tok, `&count=100${q}`)).items.map((i) => i.account_operation_id)
    expect(await ids('&currency=WME')).toEqual([eur.accountOperationId])
    expect(await ids('&type=product_sales')).toEqual([fresh.accountOperationId, eur.accountOperationId, old.accountOperationId])
    expect(await ids('&type=transfer_to_wallet&type=refund')).toEqual([err.accountOperationId, w.accountOperationId, refund.accountOperationId])
    expect(await ids('&allowType=only')).toEqual([fresh.accountOperationId, eur.accountOperationId])
    expect(await ids('&allowType=exclude')).toHaveLength(4)
    expect(await ids('&codeFilter=only_waiting_check_code')).toEqual([])
    expect(await ids('&codeFilter=hide_waiting_code_check')).toHaveLength(6)
    // 2026-03-22T15:00 Moscow is 12:00 UTC, when the withdrawal happened (T0 − 3 days).
    expect(await ids('&start=2026-03-22T15:00&finish=2026-03-22T15:00')).toEqual([err.accountOperationId, w.accountOperationId])
    expect(await ids('&start=2026-03-22T15:00:01')).toEqual([fresh.accountOperationId, eur.accountOperationId, err.accountOperationId])
    expect(await ids('&start=2026-03-22T15:00:01.001')).toEqual([fresh.accountOperationId, eur.accountOperationId])
    expect(await ids('&finish=2026-03-21')).toEqual([refund.accountOperationId, old.accountOperationId])
    expect(await ids('&start=2021-12-01T00:00:00.000&finish=2021-12-05T00:00:00.000')).toEqual([])
  })

  it('bad parameters → invalid_parameter in the envelope', async () => {
    const s = await sim()
    const tok = await token(s)
    for (const q of ['&page=0', '&count=abc', '&currency=XYZ', '&type=sales', '&codeFilter=x', '&allowType=maybe', '&start=01.12.2021', '&finish=2021-12-05T25:00']) {
      const env = await get<null>(s, '/api/sellers/account/receipts', tok, q)
      expect(env.retval).toBe(1)
      expect(env.errors?.[0]?.code).toBe('invalid_parameter')
      expect(env.content).toBeNull()
    }
  })
})

// ---------- external receipts ----------
describe('receipts/external', () => {
  it('single invoices and a cart in the seed\'s shape; order, aggregator and code filters', async () => {
    const s = await startDigisellerSim({ seed: 11, rateLimitPerMinute: false })
    started.push(s)
    const tok = await token(s, undefined, Number(DIGISELLER_DEMO_SELLER_ID), DIGISELLER_DEMO_API_KEY)
    const env = await get<Page & { items: ExternalInvoice[] }>(s, '/api/sellers/account/receipts/external', tok, '&order=Date+DESC&count=100&page=1')
    const items = env.content.items
    const aggregatorSales = s.sales(DIGISELLER_DEMO_SELLER_ID).filter((x) => x.aggregator !== null)
    expect(items.flatMap((i) => i.items.map((x) => x.operation_id)).sort()).toEqual(aggregatorSales.map((x) => x.invoiceId).sort())
    const cart = items.find((i) => i.is_cart)
    expect(cart).toMatchObject({ ds_set: null, currency_ds: null, payment_status: 'success', warning_fee: 0 })
    expect(cart?.name).toMatch(/^Корзина №\d+$/)
    expect(cart?.items.length).toBe(3)
    const single = items.find((i) => !i.is_cart)!
    expect(single.cart_id).toBeNull()
    expect(single.items).toHaveLength(1)
    expect(single.items[0]?.operation_id).toBe(single.id)
    expect(single.ds_set).toBe(single.items[0]?.ds_set)
    expect(single.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?$/)
    const dates = items.map((i) => Date.parse(i.date + '+03:00'))
    expect([...dates].sort((a, b) => b - a)).toEqual(dates)
    const asc = await get<Page & { items: ExternalInvoice[] }>(s, '/api/sellers/account/receipts/external', tok, '&order=Date&count=100')
    expect(asc.content.items.map((i) => i.id)).toEqual([...items].reverse().map((i) => i.id))
    const paypal = await get<Page & { items: ExternalInvoice[] }>(s, '/api/sellers/account/receipts/external', tok, '&aggregator=paypal&count=100')
    for (const inv of paypal.content.items) expect(inv.transaction_id).toMatch(/^[0-9A-F]{17}$/)
    expect((await get<Page & { items: ExternalInvoice[] }>(s, '/api/sellers/account/receipts/external', tok, '&code=only')).content.total_count).toBe(0)
    expect((await get<null>(s, '/api/sellers/account/receipts/external', tok, '&order=Price')).errors?.[0]?.code).toBe('invalid_parameter')
  })
})

// ---------- seller-sells ----------
describe('seller-sells/v2', () => {
  it('rows in the docs\' shape: "yyyy-MM-dd HH:mm:ss" Moscow, partner_id as a string, amounts exact', async () => {
    const clock = { ms: T0 }
    const s = await sim({}, clock)
    const sale = s.addSale(SELLER, { productId: 3120552, amountIn: '9.99', percent: '3.00', atMs: T0 - 1000 })
    const c = await raw(s, `/api/seller-sells/v2?token=${await token(s, clock)}`, { method: 'POST', body: JSON.stringify({ ...ALL_TIME, returned: 0, page: 1, rows: 10 }) })
    expect(c.text).toContain('"amount_in":9.99,"amount_out":9.69,"amount_currency":"WME"')
    const reply = parse<SellsReply>(c)
    expect(reply).toMatchObject({ retval: 0, retdesc: null, total_rows: 1, pages: 1, page: 1 })
    const row = reply.rows![0]!
    expect(row).toMatchObject({
      invoice_id: sale.invoiceId,
      product_id: 3120552,
      product_name: 'Google Play 10 EUR (Germany)',
      product_entry: '****',
      date_pay: '2026-03-25 14:59:59',
      method_pay: 'WebMoney',
      partner_id: '0',
      returned: 0,
      owner: 0
    })
    expect(row.date_put < row.date_pay).toBe(true)
    expect(Object.keys(row)).toEqual([
      'invoice_id', 'product_id', 'product_name', 'product_entry_id', 'product_entry', 'date_put', 'date_pay', 'email', 'wmid', 'amount_in', 'amount_out',
      'amount_currency', 'method_pay', 'aggregator_pay', 'ip', 'partner_id', 'lang', 'returned', 'owner'
    ])
  })

  it('pages (rows ≤ 1000), newest first, returned 0/1/2, product_ids, the date window', async () => {
    const clock = { ms: T0 }
    const s = await sim({}, clock)
    const made = Array.from({ length: 25 }, (_, i) => s.addSale(SELLER, { productId: i % 2 === 0 ? 3091245 : 3104877, atMs: T0 - (25 - i) * 60_000 }))
    s.refundSale(SELLER, made[3]!.invoiceId)
    s.refundSale(SELLER, made[4]!.invoiceId, { type: 'partial_refund', amount: '1.00' })
    const tok = await token(s, clock)
    const p = await sells(s, tok, { ...ALL_TIME, page: 2, rows: 10 })
    expect(p).toMatchObject({ total_rows: 25, pages: 3, page: 2 })
    expect(p.rows?.map((r) => r.invoice_id)).toEqual(made.slice(5, 15).reverse().map((m) => m.invoiceId))
    expect((await sells(s, tok, { ...ALL_TIME, rows: 5000 })).rows).toHaveLength(25)
    expect((await sells(s, tok, { ...ALL_TIME })).rows).toHaveLength(10)
    expect((await sells(s, tok, { ...ALL_TIME, returned: 2, rows: 100 })).rows?.map((r) => [r.invoice_id, r.returned])).toEqual([[made[3]!.invoiceId, 1]])
    expect((await sells(s, tok, { ...ALL_TIME, returned: 1, rows: 100 })).total_rows).toBe(24)
    expect((await sells(s, tok, { ...ALL_TIME, product_ids: [3104877], rows: 100 })).total_rows).toBe(12)
    expect((await sells(s, tok, { ...ALL_TIME, product_ids: [], rows: 100 })).total_rows).toBe(25)
    const from = sellsText(made[20]!.datePayMs)
    const to = sellsText(made[22]!.datePayMs)
    expect((await sells(s, tok, { date_start: from, date_finish: to, rows: 100 })).rows?.map((r) => r.invoice_id)).toEqual(
      [made[22]!, made[21]!, made[20]!].map((m) => m.invoiceId)
    )
  })

  it('bad requests → retval 1 with retdesc only; a GET is 405', async () => {
    const s = await sim()
    const tok = await token(s)
    for (const body of [{}, { ...ALL_TIME, date_start: '2017-01-01' }, { ...ALL_TIME, date_finish: '2017-01-01T00:00:00' }, { ...ALL_TIME, returned: 3 }, { ...ALL_TIME, page: 0 }, { ...ALL_TIME, product_ids: ['a'] }]) {
      const reply = await sells(s, tok, body)
      expect(reply.retval).toBe(1)
      expect(reply.retdesc).toMatch(/^Invalid request/)
      expect(reply.rows).toBeNull()
    }
    expect((await raw(s, `/api/seller-sells/v2?token=${tok}`)).status).toBe(405)
  })
})

// ---------- incremental ----------
describe('new sales and operations for incremental imports', () => {
  it('addSale / refundSale / addOperation show up in receipts and seller-sells, and only after their time', async () => {
    const clock = { ms: T0 }
    const s = await sim({}, clock)
    const tok = await token(s, clock)
    expect((await receipts(s, tok)).total_count).toBe(0)
    const sale = s.addSale(SELLER, { productId: 3150771 })
    expect(sale).toMatchObject({ currency: 'WMT', methodPay: 'USDT TRC20', percent: '1.00', amountIn: '51.20', amountOut: '50.68' })
    const later = s.addSale(SELLER, { atMs: T0 + 60_000 })
    const r1 = await receipts(s, tok)
    expect(r1.items.map((i) => i.operation.id)).toEqual([sale.invoiceId])
    expect((await sells(s, tok, ALL_TIME)).rows?.map((r) => r.invoice_id)).toEqual([sale.invoiceId])
    clock.ms = T0 + 60_000
    expect((await receipts(s, tok)).items.map((i) => i.operation.id)).toEqual([later.invoiceId, sale.invoiceId])
    const since = receiptsText(T0 + 60_000).slice(0, 16)
    expect((await receipts(s, tok, `&start=${since}`)).items.map((i) => i.operation.id)).toEqual([later.invoiceId])
  })

  it('refuses what cannot happen', async () => {
    const s = await sim()
    expect(() => s.addSale(SELLER, { productId: 1 })).toThrow(/no product 1/)
    expect(() => s.addSale(SELLER, { amountIn: '-1' })).toThrow(/non-negative/)
    expect(() => s.addSale(999)).toThrow(/no Digiseller sim account/)
    const agg = s.addSale(SELLER, { aggregator: 'enot' })
    expect(() => s.refundSale(SELLER, agg.invoiceId)).toThrow(/paid through enot/)
    expect(() => s.refundSale(SELLER, 1)).toThrow(/no sale 1/)
    expect(() => s.addOperation(SELLER, { type: 'Bad Type', amount: '1', currency: 'WMZ' })).toThrow(/operation type/)
    expect(s.issuedCodes(SELLER)).toEqual([])
    expect(s.orders(SELLER)).toEqual([])
  })
})

// ---------- limits, routing, faults ----------
describe('rate limits and routing', () => {
  it('60 requests a minute per seller by default (sign-ins count), 429 with Retry-After; other sellers unaffected', async () => {
    const s = await sim({ rateLimitPerMinute: undefined })
    const tok = await token(s)
    for (let i = 0; i < 59; i++) expect((await balance(s, tok)).status).toBe(200)
    const limited = await balance(s, tok)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(parse<Envelope<null>>(limited).errors?.[0]?.code).toBe('rate_limited')
    const sellsLimited = await raw(s, `/api/seller-sells/v2?token=${tok}`, { method: 'POST', body: JSON.stringify(ALL_TIME) })
    expect(sellsLimited.status).toBe(429)
    expect(parse<SellsReply>(sellsLimited).retval).toBe(1)
    const ts = nextTs()
    const loginLimited = await login(s, { seller_id: SELLER, timestamp: ts, sign: sign(KEY, ts) })
    expect(loginLimited.status).toBe(429)
    expect(parse<LoginReply>(loginLimited).token).toBeNull()
    expect((await balance(s, await token(s, undefined, OTHER_SELLER, OTHER_KEY))).status).toBe(200)
  })

  it('is configurable and can be disabled', async () => {
    const s = await sim({ rateLimitPerMinute: 2 })
    const tok = await token(s)
    expect((await balance(s, tok)).status).toBe(200)
    expect((await balance(s, tok)).status).toBe(429)
    const free = await sim({ rateLimitPerMinute: false })
    const t2 = await token(free)
    for (let i = 0; i < 80; i++) expect((await balance(free, t2)).status).toBe(200)
  })

  it('unknown paths: ASP.NET\'s 404 {"Message"}; routes ignore case and a trailing slash', async () => {
    const s = await sim()
    const c = await raw(s, '/api/sellers/account/nope')
    expect(c.status).toBe(404)
    expect(parse<{ Message: string }>(c).Message).toMatch(/^No HTTP resource was found that matches the request URI/)
    const tok = await token(s)
    expect((await raw(s, `/API/Sellers/Account/Balance/Info/?token=${tok}`)).status).toBe(200)
  })
})

describe('fault injection', () => {
  it('http429/500/502/503 answer in the envelope of the endpoint hit, commit nothing, and are consumed once', async () => {
    const s = await sim()
    const tok = await token(s)
    s.faults.inject({ action: 'balance', kind: 'http429' })
    const limited = await balance(s, tok)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    expect(parse<Envelope<null>>(limited).errors?.[0]?.code).toBe('rate_limited')
    s.faults.inject({ action: 'receipts', kind: 'http500' })
    const r = await raw(s, `/api/sellers/account/receipts?token=${tok}`)
    expect(r.status).toBe(500)
    expect(parse<Envelope<null>>(r)).toMatchObject({ retval: 1, errors: [{ code: 'internal_error' }], content: null })
    s.faults.inject({ action: 'sells', kind: 'http502' })
    const sl = await raw(s, `/api/seller-sells/v2?token=${tok}`, { method: 'POST', body: JSON.stringify(ALL_TIME) })
    expect(sl.status).toBe(502)
    expect(parse<SellsReply>(sl)).toMatchObject({ retval: 1, rows: null })
    s.faults.inject({ action: 'apilogin', kind: 'http503' })
    const ts = nextTs()
    const lg = await login(s, { seller_id: SELLER, timestamp: ts, sign: sign(KEY, ts) })
    expect(lg.status).toBe(503)
    expect(parse<LoginReply>(lg)).toMatchObject({ retval: 1, token: null })
    expect(s.loginCount(SELLER)).toBe(1)
    // The timestamp was not used up: nothing was handled.
    expect(parse<LoginReply>(await login(s, { seller_id: SELLER, timestamp: ts, sign: sign(KEY, ts) })).retval).toBe(0)
    expect((await balance(s, tok)).status).toBe(200)
  })

  it('html_error: a proxy\'s 502 page', async () => {
    const s = await sim()
    s.faults.inject({ action: 'receipts_external', kind: 'html_error' })
    const c = await raw(s, '/api/sellers/account/receipts/external?token=x')
    expectProxyErrorPage(c)
    expect(c.text).toContain('502 Bad Gateway')
  })

  it('hang: no answer until the client gives up', async () => {
    const s = await sim()
    const tok = await token(s)
    s.faults.inject({ action: 'balance', kind: 'hang' })
    const t0 = Date.now()
    await expect(fetch(`${s.baseUrl}/api/sellers/account/balance/info?token=${tok}`, { signal: AbortSignal.timeout(300) })).rejects.toThrow()
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250)
    expect((await balance(s, tok)).status).toBe(200)
  })

  it('drop_after_commit on apilogin: the token was issued (the timestamp is used), the client sees the connection die', async () => {
    const s = await sim()
    s.faults.inject({ action: 'apilogin', kind: 'drop_after_commit' })
    const ts = nextTs()
    await expect(login(s, { seller_id: SELLER, timestamp: ts, sign: sign(KEY, ts) })).rejects.toThrow()
    expect(s.loginCount(SELLER)).toBe(1)
    expect(parse<LoginReply>(await login(s, { seller_id: SELLER, timestamp: ts, sign: sign(KEY, ts) })).retval).toBe(3)
    expect(await token(s)).toMatch(/^[0-9a-f]{40}$/)
  })

  it('slow_after_commit: handled at once, the reply held back past the client timeout', async () => {
    const s = await sim()
    s.faults.inject({ action: 'apilogin', kind: 'slow_after_commit' })
    const ts = nextTs()
    await expect(
      fetch(`${s.baseUrl}/api/apilogin`, { method: 'POST', body: JSON.stringify({ seller_id: SELLER, timestamp: ts, sign: sign(KEY, ts) }), signal: AbortSignal.timeout(300) })
    ).rejects.toThrow()
    expect(s.loginCount(SELLER)).toBe(1)
  })

  it('malformed_json: HTTP 200 with a body no JSON parser accepts', async () => {
    const s = await sim()
    const tok = await token(s)
    s.faults.inject({ action: 'receipts', kind: 'malformed_json', times: 3 })
    for (let i = 0; i < 3; i++) {
      const c = await raw(s, `/api/sellers/account/receipts?token=${tok}`)
      expectGarbledJson(c)
    }
    expect((await raw(s, `/api/sellers/account/receipts?token=${tok}`)).status).toBe(200)
  })

  it('"*" matches every action; setRandom rolls seeded dice; clear() stops it', async () => {
    const s = await sim()
    const tok = await token(s)
    s.faults.inject({ action: '*', kind: 'http503', times: 2 })
    expect((await raw(s, `/api/sellers/account/receipts?token=${tok}`)).status).toBe(503)
    expect((await balance(s, tok)).status).toBe(503)
    expect((await balance(s, tok)).status).toBe(200)
    s.faults.setRandom('balance', 'http500', 0.5)
    await expectRandomFaults(() => balance(s, tok), 500)
    s.faults.clear()
    expect((await balance(s, tok)).status).toBe(200)
  })
})

describe('close()', () => {
  it('ends hanging and slow requests, stops listening, leaves no timers; state stays readable', async () => {
    const s = await sim()
    const tok = await token(s)
    s.faults.inject({ action: 'balance', kind: 'hang' })
    s.faults.inject({ action: 'receipts', kind: 'slow_after_commit' })
    const hanging = Promise.allSettled([fetch(`${s.baseUrl}/api/sellers/account/balance/info?token=${tok}`)])
    const slow = Promise.allSettled([fetch(`${s.baseUrl}/api/sellers/account/receipts?token=${tok}`)])
    await new Promise((r) => setTimeout(r, 50))
    const withSlowReply = activeTimeouts()
    await expectCloseEndsRequests(s, hanging, slow)
    expect(activeTimeouts()).toBeLessThan(withSlowReply)
    await expect(fetch(`${s.baseUrl}/api/sellers/account/balance/info`)).rejects.toThrow()
    expect(s.balance(SELLER)).toBe('10.00')
  })
})
