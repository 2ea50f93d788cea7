// The Digiseller adapter against the seed's own example payloads (receipts, receipts/external and balance copied
// verbatim from seed 004; apilogin and seller-sells from Digiseller's API docs), through a fake HttpClient: what each
// reply becomes, how the token is obtained and renewed, what is refused as unreadable, and how errors map.
import { describe, expect, it } from 'vitest'
import { AppError, UpstreamError } from '../../src/core/errors'
import { createDigisellerAdapter, currencyOf, DIGISELLER_CAPABILITIES, loginSign, PATHS } from '../../src/core/providers/digiseller'
import { parseDigisellerDate, receiptsDate, sellsDate } from '../../src/core/providers/digiseller/time'
import type { AdapterContext, HttpRequest, LedgerEntry } from '../../src/core/providers/types'
import { asReply, expectReadable as expectReadable_, failure as failureOf, fakeHttp, fixturesOf, type Reply, type Responder } from './support'

const SELLER_ID = '1180743'
const API_KEY = 'CA1SF69A000A46D00039F01Z11017V39'
const TOKEN = '8b1f0c2a9d4e47f6b3a5c7d9e1f20a4b6c8d0e2f'
const NOW = new Date('2026-03-25T12:00:00Z')
/** valid_thru of the apilogin fixture: 17:00:00.4355113+03:00. */
const VALID_THRU_MS = Date.parse('2026-03-25T14:00:00.435Z')

const { fixture, edited } = fixturesOf('digiseller')

interface Harness {
  adapter: ReturnType<typeof createDigisellerAdapter>
  requests: HttpRequest[]
  clock: { now: Date }
}

function harness(respond: Responder, opts: { currency?: string; sellerId?: string } = {}): Harness {
  const { http, requests } = fakeHttp(respond)
  const clock = { now: NOW }
  const ctx: AdapterContext = {
    baseUrl: 'https://api.digiseller.example',
    credentials: { kind: 'digiseller', sellerId: opts.sellerId ?? SELLER_ID, apiKey: API_KEY },
    http,
    now: () => clock.now,
    currency: opts.currency ?? 'USD'
  }
  return { adapter: createDigisellerAdapter(ctx), requests, clock }
}

interface Routes {
  login?: Reply | string | ((req: HttpRequest) => Reply | string)
  balance?: Reply | string | ((req: HttpRequest) => Reply | string)
  receipts?: (page: number, req: HttpRequest) => Reply | string
  external?: (page: number, req: HttpRequest) => Reply | string
  sells?: (page: number, req: HttpRequest) => Reply | string
}

function routes(r: Routes): Responder {
  return (req) => {
    const pick = <T,>(v: T | ((req: HttpRequest) => Reply | string) | undefined): Reply | string | undefined =>
      typeof v === 'function' ? (v as (req: HttpRequest) => Reply | string)(req) : (v as Reply | string | undefined)
    switch (req.path) {
      case PATHS.login:
        return asReply(pick(r.login) ?? fixture('apilogin'))
      case PATHS.balance:
        return asReply(pick(r.balance) ?? fixture('balance'))
      case PATHS.receipts:
        return asReply((r.receipts ?? emptyReceipts)(Number(req.query?.page), req))
      case PATHS.external:
        return asReply((r.external ?? emptyReceipts)(Number(req.query?.page), req))
      case PATHS.sells:
        return asReply((r.sells ?? emptySells)(Number((req.body as { page: number }).page), req))
      default:
        throw new Error(`unexpected path ${req.path}`)
    }
  }
}

function emptyReceipts(page: number): string {
  return JSON.stringify({ retval: 0, retdesc: null, errors: null, content: { page, count: 100, has_next_page: false, has_previous_page: page > 1, total_count: 0, total_pages: 0, items: [] } })
}

function emptySells(page: number): string {
  return JSON.stringify({ retval: 0, retdesc: null, total_rows: 0, pages: 0, page, rows: [] })
}

/** The seed's fixture as page 1, an empty last page after it. */
function firstPage(name: string, empty: (page: number) => string = emptyReceipts): (page: number) => string {
  return (page) => (page === 1 ? fixture(name) : empty(page))
}

function failure(p: Promise<unknown>): Promise<AppError> {
  return failureOf(p, AppError)
}

function expectReadable(e: AppError): void {
  expectReadable_(e, [API_KEY, TOKEN])
}

function envelopeError(code: string, message = 'Something happened'): string {
  return JSON.stringify({ retval: 1, retdesc: message, errors: [{ code, message }], content: null })
}

const LOGIN_REQUEST = {
  method: 'POST',
  path: '/api/apilogin',
  body: { seller_id: 1180743, timestamp: 1774440000, sign: '5e2f36fe0deb8bad4d9a78a09a80649aa760895ed456c7e300243fe0357ef81a' },
  priority: 'low',
  idempotent: false
}

describe('Digiseller: signing in', () => {
  it('signs with hex(sha256(API key + timestamp)), exactly', () => {
    expect(loginSign(API_KEY, 1774440000)).toBe('5e2f36fe0deb8bad4d9a78a09a80649aa760895ed456c7e300243fe0357ef81a')
    expect(loginSign(API_KEY, 1774440001)).toBe('ab6ba4242a7d93d7102b6d144f80fab9c6a6beee994196e41344eab125a6b2f1')
  })

  it('POSTs {seller_id, timestamp, sign} once, then sends the token as ?token= on every call', async () => {
    const { adapter, requests } = harness(routes({}))
    await adapter.getBalance()
    await adapter.getBalance()
    expect(requests).toEqual([
      LOGIN_REQUEST,
      { method: 'GET', path: '/api/sellers/account/balance/info', query: { token: TOKEN }, priority: 'low' },
      { method: 'GET', path: '/api/sellers/account/balance/info', query: { token: TOKEN }, priority: 'low' }
    ])
  })

  it('renews before valid_thru: 5 minutes ahead, by ctx.now()', async () => {
    const { adapter, requests, clock } = harness(routes({}))
    await adapter.getBalance()
    clock.now = new Date(VALID_THRU_MS - 5 * 60_000 - 1)
    await adapter.getBalance()
    expect(requests.filter((r) => r.path === PATHS.login)).toHaveLength(1)
    clock.now = new Date(VALID_THRU_MS - 5 * 60_000 + 1)
    await adapter.getBalance()
    const logins = requests.filter((r) => r.path === PATHS.login)
    expect(logins).toHaveLength(2)
    expect((logins[1]?.body as { timestamp: number }).timestamp).toBe(Math.floor((VALID_THRU_MS - 5 * 60_000 + 1) / 1000))
  })

  it('a short-lived token is renewed a tenth of its life early, not on every call', async () => {
    const shortLived = edited('apilogin', (b) => (b.valid_thru = '2026-03-25T15:01:00+03:00')) // 60 s
    const { adapter, requests, clock } = harness(routes({ login: shortLived }))
    await adapter.getBalance()
    clock.now = new Date(NOW.getTime() + 53_000)
    await adapter.getBalance()
    expect(requests.filter((r) => r.path === PATHS.login)).toHaveLength(1)
    clock.now = new Date(NOW.getTime() + 55_000)
    await adapter.getBalance()
    expect(requests.filter((r) => r.path === PATHS.login)).toHaveLength(2)
  })

  it('without a readable valid_thru it assumes the documented 2 hours', async () => {
    for (const validThru of [undefined, 'soon', '2020-01-01T00:00:00Z']) {
      const login = edited('apilogin', (b) => (validThru === undefined ? delete b.valid_thru : (b.valid_thru = validThru)))
      const { adapter, requests, clock } = harness(routes({ login }))
      await adapter.getBalance()
      clock.now = new Date(NOW.getTime() + 115 * 60_000 - 1)
      await adapter.getBalance()
      expect(requests.filter((r) => r.path === PATHS.login)).toHaveLength(1)
      clock.now = new Date(NOW.getTime() + 115 * 60_000 + 1)
      await adapter.getBalance()
      expect(requests.filter((r) => r.path === PATHS.login)).toHaveLength(2)
    }
  })

  it('concurrent calls share one sign-in', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const { adapter, requests } = harness(async (req) => {
      if (req.path === PATHS.login) await gate
      return routes({})(req)
    })
    const calls = Promise.all([adapter.getBalance(), adapter.getBalance(), adapter.getBalance()])
    await new Promise((r) => setTimeout(r, 5))
    release()
    await calls
    expect(requests.filter((r) => r.path === PATHS.login)).toHaveLength(1)
    expect(requests.filter((r) => r.path === PATHS.balance)).toHaveLength(3)
  })

  it('a failed sign-in is not cached: the next call tries again', async () => {
    let n = 0
    const { adapter, requests } = harness(routes({ login: () => (n++ === 0 ? { status: 503, text: '<html>503</html>' } : fixture('apilogin')) }))
    expect((await failure(adapter.getBalance())).code).toBe('UPSTREAM_UNAVAILABLE')
    await adapter.getBalance()
    expect(requests.filter((r) => r.path === PATHS.login)).toHaveLength(2)
  })

  it('two sign-ins within one second use two timestamps (Digiseller takes each once)', async () => {
    let n = 0
    const { adapter, requests } = harness(
      routes({ login: () => edited('apilogin', (b) => (b.token = `token-${++n}`)), balance: (req) => (req.query?.token === 'token-1' ? envelopeError('token_expired', 'Token has expired') : fixture('balance')) })
    )
    await adapter.getBalance()
    const stamps = requests.filter((r) => r.path === PATHS.login).map((r) => (r.body as { timestamp: number }).timestamp)
    expect(stamps).toEqual([1774440000, 1774440001])
  })

  it('a timestamp refused as used is retried once with the next one', async () => {
    let n = 0
    const replay = JSON.stringify({ retval: 3, desc: 'Эта метка времени уже использована', endesc: 'Timestamp has already been used', token: null, seller_id: 0, valid_thru: '0001-01-01T00:00:00' })
    const { adapter, requests } = harness(routes({ login: () => (n++ === 0 ? replay : fixture('apilogin')) }))
    await adapter.getBalance()
    expect(requests.filter((r) => r.path === PATHS.login).map((r) => (r.body as { timestamp: number }).timestamp)).toEqual([1774440000, 1774440001])

    const always = harness(routes({ login: replay }))
    const e = await failure(always.adapter.getBalance())
    expect(e.code).toBe('UPSTREAM_FAILED')
    expect((e as UpstreamError).retryable).toBe(true)
    expect(e.message).toContain('time stamp had just been used')
    expect(always.requests.filter((r) => r.path === PATHS.login)).toHaveLength(2)
  })

  it('wrong seller id or key → AUTH_INVALID that says what to check', async () => {
    const refused = JSON.stringify({ retval: 1, desc: 'Неверный идентификатор продавца или подпись', endesc: 'Invalid seller id or signature', token: null, seller_id: 0, valid_thru: '0001-01-01T00:00:00' })
    const { adapter, requests } = harness(routes({ login: refused }))
    const e = await failure(adapter.getBalance())
    expect(e.code).toBe('AUTH_INVALID')
    expect(e.message).toBe(
      "Digiseller did not accept the seller ID and API key. Check both in the account settings: the seller ID is the number shown in your Digiseller account, and the API key is on Digiseller's API settings page (it may have been changed). (Digiseller said: “Invalid seller id or signature”)"
    )
    expectReadable(e)
    expect(requests.map((r) => r.path)).toEqual([PATHS.login])
  })

  it('a bare 401 or 403 to the sign-in is a refusal of the credentials too', async () => {
    for (const reply of [{ status: 401, text: '' }, { status: 403, text: '{"Message":"Authorization has been denied for this request."}' }]) {
      const e = await failure(harness(routes({ login: reply })).adapter.getBalance())
      expect(e.code).toBe('AUTH_INVALID')
      expect(e.message).toMatch(/^Digiseller did not accept the seller ID and API key\. .*\(it may have been changed\)\.$/)
    }
  })

  it("the docs' own apilogin sample (retval 1) is a refusal, whatever else it carries", async () => {
    const { adapter } = harness(routes({ login: fixture('apilogin-docs-sample') }))
    const e = await failure(adapter.getBalance())
    expect(e.code).toBe('AUTH_INVALID')
    expect(e.message).toContain('(Digiseller said: “sample string 3”)')
  })

  it('a clock that is off → a message about the clock', async () => {
    const skew = JSON.stringify({ retval: 2, desc: 'Время запроса вне допустимого диапазона', endesc: 'Timestamp is out of the allowed range (±300 seconds of server time)', token: null, seller_id: 0, valid_thru: '0001-01-01T00:00:00' })
    const e = await failure(harness(routes({ login: skew })).adapter.getBalance())
    expect(e.code).toBe('UPSTREAM_FAILED')
    expect(e.message).toBe(
      "Digiseller refused the sign-in because this computer's clock is off. Set the correct date and time (turn on automatic time setting), then try again."
    )
  })

  it('a seller id that is not a number is refused without sending anything', async () => {
    const { adapter, requests } = harness(routes({}), { sellerId: 'my-shop' })
    const e = await failure(adapter.getBalance())
    expect(e.code).toBe('VALIDATION')
    expect(e.message).toBe('The Digiseller seller ID is a number (shown in your Digiseller account), and “my-shop” is not one. Correct it in the account settings.')
    expect(requests).toHaveLength(0)
  })

  it('a sign-in reply without a token, or unreadable → MALFORMED_REPLY', async () => {
    for (const login of [edited('apilogin', (b) => (b.token = null)), edited('apilogin', (b) => delete b.retval), '<html>Welcome</html>', '']) {
      const e = await failure(harness(routes({ login })).adapter.getBalance())
      expect(e.code).toBe('MALFORMED_REPLY')
      expectReadable(e)
    }
  })

  it('refuses credentials of another kind', () => {
    expect(() =>
      createDigisellerAdapter({ baseUrl: 'x', credentials: { kind: 'digetalhube', apiKey: 'k' }, http: { request: async () => ({ status: 200, headers: {}, text: '' }) }, now: () => NOW, currency: 'USD' })
    ).toThrow(/not Digiseller credentials/)
  })
})

describe('Digiseller: an invalid or expired token', () => {
  function tokens(): Routes['login'] {
    let n = 0
    return () => edited('apilogin', (b) => (b.token = `token-${++n}`))
  }

  it('signs in again once and repeats the call, for each way the refusal can look', async () => {
    const refusals: Reply[] = [
      { text: envelopeError('token_expired', 'Token has expired') },
      { text: envelopeError('token_invalid', 'Token is invalid') },
      { status: 401, text: '' },
      { status: 401, text: '{"Message":"Authorization has been denied for this request."}' },
      { text: JSON.stringify({ retval: 1, retdesc: 'Токен недействителен (token)', errors: null, content: null }) }
    ]
    for (const refusal of refusals) {
      const { adapter, requests } = harness(routes({ login: tokens(), balance: (req) => (req.query?.token === 'token-1' ? refusal : fixture('balance')) }))
      expect((await adapter.getBalance()).available).toEqual({ amount: '1.1', currency: 'USD' })
      expect(requests.map((r) => `${r.path} ${String(r.query?.token ?? '')}`)).toEqual([
        `${PATHS.login} `,
        `${PATHS.balance} token-1`,
        `${PATHS.login} `,
        `${PATHS.balance} token-2`
      ])
    }
  })

  it("seller-sells' older envelope says it in retdesc only", async () => {
    const { adapter, requests } = harness(
      routes({
        login: tokens(),
        sells: (page, req) =>
          (req.query?.token === 'token-1' ? JSON.stringify({ retval: 1, retdesc: 'Token has expired', total_rows: 0, pages: 0, page: 0, rows: null }) : emptySells(page))
      })
    )
    await adapter.listLedger!({ since: null })
    expect(requests.filter((r) => r.path === PATHS.login)).toHaveLength(2)
  })

  it('refused again right after a fresh sign-in → AUTH_INVALID, no loop', async () => {
    const { adapter, requests } = harness(routes({ login: tokens(), balance: envelopeError('token_invalid', 'Token is invalid') }))
    const e = await failure(adapter.getBalance())
    expect(e.code).toBe('AUTH_INVALID')
    expect(e.message).toBe(
      'Digiseller signed ResellerDesk in but then refused its sign-in token for the balance. Check that the API key in the account settings is still valid (it may have been changed), then try again.'
    )
    expect(requests).toHaveLength(4)
  })
})

describe('Digiseller: the balance (seed example, verbatim)', () => {
  it('z is the USD purse: available 1.10, every purse free and locked, limited top-ups in details', async () => {
    const { adapter } = harness(routes({}))
    expect(await adapter.getBalance()).toEqual({
      available: { amount: '1.1', currency: 'USD' },
      details: { locked: '0', limited_topups: '0' },
      perCurrency: [
        { currency: 'USD', free: { amount: '1.1', currency: 'USD' }, locked: { amount: '0', currency: 'USD' } },
        { currency: 'USDT', free: { amount: '0', currency: 'USDT' }, locked: { amount: '0', currency: 'USDT' } },
        { currency: 'EUR', free: { amount: '0', currency: 'EUR' }, locked: { amount: '0', currency: 'EUR' } },
        { currency: 'WMX', free: { amount: '0', currency: 'WMX' }, locked: { amount: '0', currency: 'WMX' } },
        { currency: 'WML', free: { amount: '0', currency: 'WML' }, locked: { amount: '0', currency: 'WML' } }
      ]
    })
  })

  it('the main purse follows the account currency (ISO or WebMoney name); other purses show limited top-ups', async () => {
    const balance = fixture('balance').replace('"amount_e_free": 0.00', '"amount_e_free": 12.35').replace('"amount_e_lock": 0.00', '"amount_e_lock": 3.20').replace('"amount_t_plus": 0.00', '"amount_t_plus": 15.00')
    for (const currency of ['EUR', 'WME', 'eur']) {
      const { adapter } = harness(routes({ balance }), { currency })
      const b = await adapter.getBalance()
      expect(b.available).toEqual({ amount: '12.35', currency: 'EUR' })
      expect(b.details).toEqual({ locked: '3.2', limited_topups: '0', limited_topups_USDT: '15' })
    }
    expect((await harness(routes({ balance }), { currency: 'WMZ' }).adapter.getBalance()).available).toEqual({ amount: '1.1', currency: 'USD' })
    expect((await harness(routes({ balance }), { currency: 'USDT' }).adapter.getBalance()).available).toEqual({ amount: '0', currency: 'USDT' })
  })

  it('a purse Digiseller adds later shows up; a currency it does not keep is a settings problem', async () => {
    const balance = edited('balance', (b) => Object.assign(b.content as object, { amount_r_free: '250.50', amount_r_lock: 0, amount_r_plus: 0 }))
    const { adapter } = harness(routes({ balance }), { currency: 'RUB' })
    const b = await adapter.getBalance()
    expect(b.available).toEqual({ amount: '250.5', currency: 'RUB' })
    expect(b.perCurrency?.map((p) => p.currency)).toEqual(['USD', 'USDT', 'EUR', 'WMX', 'WML', 'RUB'])

    const e = await failure(harness(routes({}), { currency: 'TRY' }).adapter.getBalance())
    expect(e.code).toBe('VALIDATION')
    expect(e.message).toBe('This Digiseller account is set to TRY, but Digiseller keeps balances in USD, USDT, EUR, WMX, WML. Change the account currency to one of them.')
  })

  it('amounts stay exact decimals', async () => {
    const balance = fixture('balance').replace('"amount_z_free": 1.10', '"amount_z_free": 1234567.89').replace('"amount_z_lock": 0.00', '"amount_z_lock": 0.1000000000000000055511151231257827')
    const b = await harness(routes({ balance })).adapter.getBalance()
    expect(b.available.amount).toBe('1234567.89')
    expect(b.details.locked).toBe('0.1000000000000000055511151231257827')
  })
})

const SEED_RECEIPTS: LedgerEntry[] = [
  {
    externalId: 'sale:142108335',
    kind: 'sale',
    at: new Date('2021-11-10T14:38:14.653Z'),
    amount: { amount: '0.03', currency: 'RUB' },
    description: 'Sale, invoice 142108335',
    productId: '123123123',
    productName: '123',
    reference: '142108335',
    upstreamType: 'product_sale'
  },
  {
    externalId: 'op:272399831',
    kind: 'withdrawal',
    at: new Date('2021-11-12T11:20:37.137Z'),
    amount: { amount: '-0.99', currency: 'USD' },
    description: 'Withdrawal to your wallet',
    productId: null,
    productName: null,
    reference: '5674193',
    upstreamType: 'transfer_to_wallet'
  }
]

const DOCS_SALE: LedgerEntry = {
  externalId: 'sale:60056190',
  kind: 'sale',
  at: new Date('2017-03-09T10:53:19Z'),
  amount: { amount: '9.69', currency: 'RUB' },
  description: 'Sale, invoice 60056190 (the buyer paid 9.99 RUB)',
  productId: '1954830',
  productName: 'Unique code',
  reference: '60056190',
  upstreamType: 'product_sale'
}

describe('Digiseller: the ledger from the seed and docs examples', () => {
  it('receipts, external receipts and seller-sells, all verbatim → entries with exact signed amounts, Moscow times read as UTC+3', async () => {
    const { adapter, requests } = harness(
      routes({ receipts: firstPage('receipts'), external: firstPage('receipts-external'), sells: firstPage('seller-sells', emptySells) })
    )
    expect(await adapter.listLedger!({ since: null })).toEqual([DOCS_SALE, ...SEED_RECEIPTS])
    expect(requests).toEqual([
      LOGIN_REQUEST,
      { method: 'GET', path: PATHS.receipts, query: { token: TOKEN, page: 1, count: 100, start: undefined }, priority: 'low' },
      { method: 'GET', path: PATHS.receipts, query: { token: TOKEN, page: 2, count: 100, start: undefined }, priority: 'low' },
      {
        method: 'POST',
        path: PATHS.sells,
        query: { token: TOKEN },
        body: { date_start: '2000-01-01 03:00:00', date_finish: '2026-03-26 15:00:00', returned: 0, page: 1, rows: 1000 },
        priority: 'low',
        idempotent: true
      },
      {
        method: 'POST',
        path: PATHS.sells,
        query: { token: TOKEN },
        body: { date_start: '2000-01-01 03:00:00', date_finish: '2026-03-26 15:00:00', returned: 0, page: 2, rows: 1000 },
        priority: 'low',
        idempotent: true
      },
      { method: 'GET', path: PATHS.external, query: { token: TOKEN, order: 'Date DESC', count: 100, page: 1 }, priority: 'low' },
      { method: 'GET', path: PATHS.external, query: { token: TOKEN, order: 'Date DESC', count: 100, page: 2 }, priority: 'low' }
    ])
  })

  it('importing the same replies again gives the same externalIds', async () => {
    const r = routes({ receipts: firstPage('receipts'), external: firstPage('receipts-external'), sells: firstPage('seller-sells', emptySells) })
    const { adapter } = harness(r)
    const first = (await adapter.listLedger!({ since: null })).map((e) => e.externalId)
    const again = (await adapter.listLedger!({ since: null })).map((e) => e.externalId)
    expect(again).toEqual(first)
    expect(new Set(first).size).toBe(first.length)
  })

  it('since: asks from that minute (Moscow) and keeps only entries at or after it; stops reading external receipts once past it', async () => {
    const { adapter, requests } = harness(
      routes({ receipts: firstPage('receipts'), external: firstPage('receipts-external'), sells: firstPage('seller-sells', emptySells) })
    )
    const since = new Date('2021-11-11T00:00:30Z')
    expect(await adapter.listLedger!({ since })).toEqual([SEED_RECEIPTS[1]])
    expect(requests[1]?.query?.start).toBe('2021-11-11T03:00')
    expect((requests.find((r) => r.path === PATHS.sells)?.body as { date_start: string }).date_start).toBe('2021-11-11 03:00:30')
    expect(requests.filter((r) => r.path === PATHS.external)).toHaveLength(1)
  })

  it('a sale in both receipts and seller-sells is one entry: the amount that reached the balance, the richer names', async () => {
    const sells = edited('seller-sells', (b) => {
      const row = (b.rows as Record<string, unknown>[])[0]!
      Object.assign(row, { invoice_id: 142108335, product_id: 123123123, product_name: 'Unique code', amount_in: 0.04, amount_out: 0.03, date_pay: '2021-11-10 17:38:14' })
    })
    const { adapter } = harness(routes({ receipts: firstPage('receipts'), sells: (p) => (p === 1 ? sells : emptySells(p)) }))
    const entries = await adapter.listLedger!({ since: null })
    expect(entries.map((e) => e.externalId)).toEqual(['sale:142108335', 'op:272399831'])
    expect(entries[0]).toEqual({ ...SEED_RECEIPTS[0], description: 'Sale, invoice 142108335 (the buyer paid 0.04 RUB)', productName: 'Unique code' })
  })

  it('a sale paid through an aggregator (its invoice in receipts/external) says where the money went', async () => {
    const sells = edited('seller-sells', (b) => Object.assign((b.rows as Record<string, unknown>[])[0]!, { invoice_id: 123124, amount_out: 9.99 }))
    const { adapter } = harness(routes({ external: firstPage('receipts-external'), sells: (p) => (p === 1 ? sells : emptySells(p)) }))
    // 123124 is not in the seed's external example; 123123 (its single-item invoice) and 123123124… (its cart's items) are.
    expect((await adapter.listLedger!({ since: null }))[0]?.description).toBe('Sale, invoice 123124')
    for (const invoiceId of [123123, 123123126]) {
      const row = edited('seller-sells', (b) => Object.assign((b.rows as Record<string, unknown>[])[0]!, { invoice_id: invoiceId, amount_out: 9.99 }))
      const h = harness(routes({ external: firstPage('receipts-external'), sells: (p) => (p === 1 ? row : emptySells(p)) }))
      expect((await h.adapter.listLedger!({ since: null }))[0]).toMatchObject({
        externalId: `sale:${invoiceId}`,
        amount: { amount: '9.99', currency: 'RUB' },
        description: `Sale, invoice ${invoiceId} (paid through WebMoney into your own account there, not the Digiseller balance)`
      })
    }
  })

  it('maps every documented operation type to a kind, keeping the sign of on_account', async () => {
    const types: [string, LedgerEntry['kind'], string][] = [
      ['external_commission', 'fee', 'Digiseller fee for a payment through a payment aggregator'],
      ['transfer_to_wallet', 'withdrawal', 'Withdrawal to your wallet'],
      ['error_transfer_to_wallet', 'withdrawal', 'Failed withdrawal returned to the balance'],
      ['issue_gift_certificate', 'other', 'Gift certificate issued'],
      ['hard_disk_rent', 'fee', 'Extra disk space at Digiseller'],
      ['refund', 'refund', 'Refund to a buyer, invoice 77'],
      ['chargeback', 'refund', "Chargeback by a buyer's bank, invoice 77"],
      ['bank_refund', 'refund', "Refund through a buyer's bank, invoice 77"],
      ['partial_refund', 'refund', 'Partial refund to a buyer, invoice 77'],
      ['agent_accruals', 'sale', 'Agent commission'],
      ['product_sale', 'sale', 'Sale, invoice 77'],
      ['add_funds_to_account', 'deposit', 'Top-up of the Digiseller balance'],
      ['add_funds_to_account_with_limits', 'deposit', 'Top-up of the Digiseller balance with limits'],
      ['recommended_product', 'fee', 'Advertising (recommended product)'],
      ['extra_agent_product_rent', 'fee', 'More items in the agent store'],
      ['sms_packages', 'fee', 'SMS notification package'],
      ['hard_disk_rent_empty', 'fee', 'Extra disk space at Digiseller'],
      ['exchange_request', 'other', 'Transfer to currency exchange'],
      ['exchange_response', 'other', 'Money from currency exchange'],
      ['brand_new_type', 'other', 'Digiseller operation “brand_new_type”']
    ]
    const items = types.map(([type], i) => ({
      account_operation_id: 1000 + i,
      operation: { id: 77, type, datetime: `2021-11-12T14:20:${String(10 + i).padStart(2, '0')}`, percent: '0.00', price: '1.50', currency: 'WMZ', on_account: i % 2 === 0 ? '-1.50' : '1.50' },
      product: null
    }))
    const body = JSON.stringify({ retval: 0, retdesc: null, errors: null, content: { page: 1, has_next_page: false, items } })
    const { adapter } = harness(routes({ receipts: () => body }))
    const entries = await adapter.listLedger!({ since: null })
    expect(entries.map((e) => [e.upstreamType, e.kind, e.description, e.amount.amount])).toEqual(
      types.map(([type, kind, description], i) => [type, kind, description, i % 2 === 0 ? '-1.5' : '1.5'])
    )
    expect(entries.find((e) => e.upstreamType === 'product_sale')?.externalId).toBe('sale:77')
    expect(entries.find((e) => e.upstreamType === 'refund')?.externalId).toBe('op:1005')
  })

  it('dates in every shape: 0–7 fraction digits, a space, Z or an offset; `date` instead of `datetime`', async () => {
    const shapes: [string, string][] = [
      ['2021-11-12T14:20:37', '2021-11-12T11:20:37.000Z'],
      ['2021-11-12T14:20:37.1', '2021-11-12T11:20:37.100Z'],
      ['2021-08-10T16:25:11.64', '2021-08-10T13:25:11.640Z'],
      ['2026-03-19T23:21:58.4355113+03:00', '2026-03-19T20:21:58.435Z'],
      ['2021-11-12T11:20:37.137Z', '2021-11-12T11:20:37.137Z'],
      ['2021-11-12 14:20:37', '2021-11-12T11:20:37.000Z'],
      ['2021-11-12T14:20', '2021-11-12T11:20:00.000Z']
    ]
    const items = shapes.map(([text], i) => ({
      account_operation_id: 2000 + i,
      operation: { id: 1, type: 'hard_disk_rent', [i === 0 ? 'date' : 'datetime']: text, currency: 'WMZ', on_account: -1 }
    }))
    const body = JSON.stringify({ retval: 0, retdesc: null, errors: null, content: { has_next_page: false, items } })
    const entries = await harness(routes({ receipts: () => body })).adapter.listLedger!({ since: null })
    expect(entries.map((e) => e.at.toISOString()).sort()).toEqual(shapes.map(([, iso]) => iso).sort())
  })

  it('pages receipts 100 at a time and reports an operation only once when the list shifts between pages', async () => {
    const all = Array.from({ length: 250 }, (_, i) => ({
      account_operation_id: 5000 - i,
      operation: { id: 9000 - i, type: 'agent_accruals', datetime: new Date(Date.parse('2026-03-01T00:00:00Z') - i * 60_000).toISOString().slice(0, 19), currency: 'WMZ', on_account: 0.5 }
    }))
    let calls = 0
    const receipts = (page: number) => {
      const shift = calls++ > 0 ? 3 : 0 // three new operations arrived after page 1 was read
      const items = all.slice((page - 1) * 100 - shift, page * 100 - shift)
      return JSON.stringify({ retval: 0, retdesc: null, errors: null, content: { page, count: 100, has_next_page: page < 3, total_pages: 3, items } })
    }
    const { adapter, requests } = harness(routes({ receipts }))
    const entries = await adapter.listLedger!({ since: null })
    expect(requests.filter((r) => r.path === PATHS.receipts).map((r) => r.query?.page)).toEqual([1, 2, 3])
    // Pages 2 and 3 repeat the last three operations of the page before: each is reported once, none is missed.
    expect(new Set(entries.map((e) => e.externalId)).size).toBe(entries.length)
    expect(entries).toHaveLength(250)
  })
})

describe('Digiseller: tolerant of extras, strict about what we rely on', () => {
  it('ignores unknown fields everywhere', async () => {
    const receipts = edited('receipts', (b) => {
      b.server = 'eu-1'
      ;((b.content as { items: Record<string, unknown>[] }).items[0]!.operation as Record<string, unknown>).note = 'x'
    })
    const balance = edited('balance', (b) => ((b.content as Record<string, unknown>).amount_z_bonus = 5))
    const { adapter } = harness(routes({ receipts: (p) => (p === 1 ? receipts : emptyReceipts(p)), balance }))
    expect((await adapter.getBalance()).available.amount).toBe('1.1')
    expect(await adapter.listLedger!({ since: null })).toEqual(SEED_RECEIPTS)
  })

  const receiptsWith = (edit: (item: Record<string, unknown>, op: Record<string, unknown>) => void): string =>
    edited('receipts', (b) => {
      const item = (b.content as { items: Record<string, unknown>[] }).items[0]!
      edit(item, item.operation as Record<string, unknown>)
    })
  const ledgerOf = (receipts: string) => harness(routes({ receipts: (p) => (p === 1 ? receipts : emptyReceipts(p)) })).adapter.listLedger!({ since: null })
  const sellsWith = (edit: (row: Record<string, unknown>) => void) =>
    harness(routes({ sells: (p) => (p === 1 ? edited('seller-sells', (b) => edit((b.rows as Record<string, unknown>[])[0]!)) : emptySells(p)) })).adapter.listLedger!({ since: null })

  const malformedCases: [string, () => Promise<unknown>][] = [
    ['a balance without content', () => harness(routes({ balance: '{"retval": 0, "retdesc": null, "errors": null, "content": null}' })).adapter.getBalance()],
    ['a balance amount as a word', () => harness(routes({ balance: fixture('balance').replace('"amount_z_free": 1.10', '"amount_z_free": "lots"') })).adapter.getBalance()],
    ['a balance without the main purse', () => harness(routes({ balance: edited('balance', (b) => delete (b.content as Record<string, unknown>).amount_z_free) })).adapter.getBalance()],
    ['an envelope without retval', () => harness(routes({ balance: edited('balance', (b) => delete b.retval) })).adapter.getBalance()],
    ['an operation without on_account', () => ledgerOf(receiptsWith((_i, op) => delete op.on_account))],
    ['an operation without a date', () => ledgerOf(receiptsWith((_i, op) => delete op.datetime))],
    ['an unreadable date', () => ledgerOf(receiptsWith((_i, op) => (op.datetime = '12.11.2021 14:20')))],
    ['a date that does not exist', () => ledgerOf(receiptsWith((_i, op) => (op.datetime = '2021-02-30T10:00:00')))],
    ['a currency that is no code', () => ledgerOf(receiptsWith((_i, op) => (op.currency = '$')))],
    ['an operation without an id', () => ledgerOf(receiptsWith((item) => delete item.account_operation_id))],
    ['items not a list', () => ledgerOf(edited('receipts', (b) => ((b.content as Record<string, unknown>).items = {})))],
    ['a sale without amount_out', () => sellsWith((row) => delete row.amount_out)],
    ['a sale with date_pay in another format', () => sellsWith((row) => (row.date_pay = '09/03/2017'))],
    ['an HTML page with 200', () => harness(routes({ balance: '<!doctype html><html><body>Welcome</body></html>' })).adapter.getBalance()],
    ['truncated JSON', () => ledgerOf(fixture('receipts').slice(0, 300))],
    ['an empty body', () => harness(routes({ balance: '' })).adapter.getBalance()]
  ]

  it.each(malformedCases)('%s → MALFORMED_REPLY', async (_name, run) => {
    const e = await failure(run())
    expect(e.code).toBe('MALFORMED_REPLY')
    expectReadable(e)
  })

  it('names the field that did not fit, never a value', async () => {
    const e = await failure(ledgerOf(receiptsWith((_i, op) => (op.on_account = 'secret-ish'))))
    expect(e.message).toContain('content.items[0].operation.on_account')
    expect(e.message).not.toContain('secret-ish')
  })
})

describe('Digiseller: error replies', () => {
  const calls: [string, (h: Harness) => Promise<unknown>, keyof Routes, string][] = [
    ['balance', (h) => h.adapter.getBalance(), 'balance', 'Operations: Getting balance'],
    ['receipts', (h) => h.adapter.listLedger!({ since: null }), 'receipts', 'Operations: View all operations'],
    ['receipts/external', (h) => h.adapter.listLedger!({ since: null }), 'external', 'Operations: View all operations'],
    ['seller-sells', (h) => h.adapter.listLedger!({ since: null }), 'sells', 'Statistics: Sales statistics']
  ]

  function failingAt(route: keyof Routes, reply: Reply): Routes {
    return route === 'balance' ? { balance: reply } : { [route]: () => reply }
  }

  interface Row {
    reply: Reply
    code: string
    retryable: boolean
    message: RegExp
  }
  const rows: [string, Row][] = [
    ['forbidden', { reply: { text: envelopeError('forbidden', 'Access denied') }, code: 'FORBIDDEN', retryable: false, message: /give the key the “.+” permission/ }],
    ['rate_limited (429)', { reply: { status: 429, headers: { 'Retry-After': '7' }, text: envelopeError('rate_limited', 'Too many requests') }, code: 'RATE_LIMITED', retryable: true, message: /will wait 7 seconds/ }],
    ['invalid_parameter', { reply: { text: envelopeError('invalid_parameter', "Parameter 'page' must be a positive integer") }, code: 'BAD_REQUEST', retryable: false, message: /problem in ResellerDesk.*Parameter 'page'/ }],
    ['internal_error', { reply: { text: envelopeError('internal_error', 'Oops') }, code: 'UPSTREAM_UNAVAILABLE', retryable: true, message: /internal error/ }],
    ['an unknown code', { reply: { text: envelopeError('seller_blocked', 'Seller is blocked') }, code: 'UPSTREAM_FAILED', retryable: false, message: /Digiseller said: “Seller is blocked”/ }],
    ['an envelope with HTTP 503', { reply: { status: 503, text: envelopeError('whatever') }, code: 'UPSTREAM_UNAVAILABLE', retryable: true, message: /temporarily unavailable \(HTTP 503\)/ }],
    ['an HTML 502 page', { reply: { status: 502, text: '<html><head><title>502 Bad Gateway</title></head></html>' }, code: 'UPSTREAM_UNAVAILABLE', retryable: true, message: /temporarily unavailable \(HTTP 502\)/ }],
    ['ASP.NET 404', { reply: { status: 404, text: '{"Message":"No HTTP resource was found that matches the request URI"}' }, code: 'MALFORMED_REPLY', retryable: false, message: /web address/ }],
    ['a 403 page', { reply: { status: 403, text: 'Forbidden' }, code: 'FORBIDDEN', retryable: false, message: /permission/ }]
  ]

  for (const [callName, run, route, permission] of calls) {
    it.each(rows)(`${callName}: %s`, async (_name, row) => {
      const e = (await failure(run(harness(routes(failingAt(route, row.reply)))))) as UpstreamError
      expect(e).toBeInstanceOf(UpstreamError)
      expect(e.code).toBe(row.code)
      expect(e.retryable).toBe(row.retryable)
      expect(e.placement).toBe('not_placed')
      expect(e.message).toMatch(row.message)
      if (row.code === 'FORBIDDEN') expect(e.message).toContain(`“${permission}”`)
      if (row.retryable) expect(e.retryAfterMs).toBeGreaterThan(0)
      expectReadable(e)
    })
  }

  it('the old envelope of seller-sells without errors[] still maps by its words', async () => {
    const reply = { text: JSON.stringify({ retval: 1, retdesc: 'Нет прав доступа к статистике', total_rows: 0, pages: 0, page: 0, rows: null }) }
    const e = await failure(harness(routes({ sells: () => reply })).adapter.listLedger!({ since: null }))
    expect(e.code).toBe('FORBIDDEN')
  })

  it('never echoes the API key or the token', async () => {
    const balance = envelopeError('weird', `Bad session ${TOKEN} for key ${API_KEY}`)
    const e = await failure(harness(routes({ balance })).adapter.getBalance())
    expect(e.message).toContain('Bad session [hidden] for key [hidden]')
    expectReadable(e)
  })

  it('a transport error passes through; anything else thrown becomes NETWORK without the original', async () => {
    const timeout = new UpstreamError('TIMEOUT', 'Digiseller did not answer within 20 seconds.', { placement: 'unknown', retryable: true })
    const { adapter } = harness(() => Promise.reject(timeout))
    expect(await failure(adapter.getBalance())).toBe(timeout)
    const other = harness(() => Promise.reject(new Error(`boom ?token=${TOKEN}`)))
    const e = (await failure(other.adapter.getBalance())) as UpstreamError
    expect(e.code).toBe('NETWORK')
    expect(String((e.cause as Error).message)).not.toContain(TOKEN)
  })
})

describe('Digiseller: a storefront, not a supplier', () => {
  it('declares honest capabilities', () => {
    const { adapter } = harness(routes({}))
    expect(adapter.kind).toBe('digiseller')
    expect(adapter.capabilities).toEqual(DIGISELLER_CAPABILITIES)
    expect(adapter.capabilities).toEqual({
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
    })
    expect(adapter.listOrders).toBeUndefined()
    expect(adapter.findByClientRef).toBeUndefined()
    expect(adapter.cancelOrder).toBeUndefined()
    expect(adapter.listLedger).toBeTypeOf('function')
  })

  it('an empty catalog; creating or reading an order is UNSUPPORTED, without a request', async () => {
    const { adapter, requests } = harness(routes({}))
    expect(await adapter.listCatalog()).toEqual([])
    for (const p of [adapter.createOrder({ productId: '1', variantId: null, quantity: 1, clientRef: 'rd0123456789abcdef01234567', fields: {} }), adapter.getOrder('1')]) {
      const e = await failure(p)
      expect(e.code).toBe('UNSUPPORTED')
      expect(e.message).toBe('Digiseller is your storefront; codes are not bought from it.')
    }
    expect(requests).toHaveLength(0)
  })
})

describe('Digiseller dates and currencies', () => {
  it('request dates are Moscow wall-clock time', () => {
    const at = new Date('2026-03-25T21:30:45.999Z')
    expect(sellsDate(at)).toBe('2026-03-26 00:30:45')
    expect(receiptsDate(at)).toBe('2026-03-26T00:30')
  })

  it('zone-less replies are Moscow time, except where the caller says otherwise', () => {
    expect(parseDigisellerDate('2021-11-12T14:20:37.137')?.toISOString()).toBe('2021-11-12T11:20:37.137Z')
    expect(parseDigisellerDate('2026-03-25T14:00:00', 0)?.toISOString()).toBe('2026-03-25T14:00:00.000Z')
    expect(parseDigisellerDate('2021-11-12T14:20:37-0530')?.toISOString()).toBe('2021-11-12T19:50:37.000Z')
    for (const bad of ['', '2021-13-01', '2021-11-12T25:00', '12.11.2021', '2021-11-12T14:20:37.12345678']) expect(parseDigisellerDate(bad)).toBeNull()
  })

  it('WebMoney purse names become currencies; ISO codes stay', () => {
    expect(['WMZ', 'WME', 'WMT', 'WMR', 'WMX', 'WML', 'usd', 'RUB', 'UAH'].map(currencyOf)).toEqual(['USD', 'EUR', 'USDT', 'RUB', 'WMX', 'WML', 'USD', 'RUB', 'UAH'])
    expect(currencyOf('$')).toBeNull()
  })
})
