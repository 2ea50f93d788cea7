// The Hyper Teknoloji simulator against seed 003 and UPSTREAMS.md §4, over real HTTP with plain fetch.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  HYPER_DEMO_BALANCE,
  HYPER_DEMO_CALLBACK_APIKEY,
  HYPER_DEMO_EMAIL,
  HYPER_DEMO_PASSWORD,
  DEFAULT_HYPER_CATALOG,
  startHyperSim,
  type HyperSim,
  type HyperSimCatalog,
  type HyperSimOptions
} from '../../src/sim/hyper'
import { HyperDeliveryWebhook } from '../../src/core/providers/hyper'
import { activeTimeouts, bodyText, type Called, closedAfterEach, expectCloseEndsRequests, expectGarbledJson, expectProxyErrorPage, expectRandomFaults, fetchCalled, parse, sleep } from './support'

// ---------- reply shapes ----------
interface Ok<T> { data: T; success: true; message: string }
interface Err { data: null; success: false; message: string; errorCode: string; items?: Item[] }
interface Item { DeliverID: string | null; CustomerStoreProductID: number; errorCode: string; message: string; OrderDetailID?: number; ProductRequireID?: number }
interface LoginData { Token: string; Expiration: string }
interface CreateData { OrderID: number; details: { DeliverID: string; OrderDetailID: number; Quantity: number; Price: number }[] }
interface Detail {
  OrderID: number; OrderDetailID: number; DeliverID: string; CustomerStoreProductID: number; ProductName: string; Quantity: number; Price: number
  Status: 0 | 1 | 2 | 3; DeliveryData: string[] | null; DeliveryNote: string[] | null; CreatedDate: string; DeliveryDate: string | null
}
interface ListData { Orders: Detail[]; Page: number; PageSize: number; TotalCount: number }
interface ProductRow { ID: number; Name: string; CategoryID: number; TypeID: number | null; Price: number; Stock: number | null; IsActive: boolean; RequireData: { ProductRequireID: number; Identifier: string; Name: string; IsRequired: boolean; Regex: string | null }[] }

// ---------- helpers ----------
const EMAIL = 'bayi@ornek.com.tr'
const PASSWORD = 'S3cret-Parola!'
const OTHER_EMAIL = 'ikinci@ornek.com.tr'
const T0 = Date.parse('2026-03-25T12:00:00.250Z')

const CATALOG: HyperSimCatalog = {
  categories: [
    { id: 1, name: 'Games', parentId: null },
    { id: 11, name: 'PUBG Mobile', parentId: 1 },
    { id: 15, name: 'Mobile Legends', parentId: 1 }
  ],
  types: [
    { id: 111, categoryId: 11, name: 'Turkey' },
    { id: 151, categoryId: 15, name: 'Top-up by player ID' }
  ],
  products: [
    { id: 1001, name: 'PUBG Mobile 60 UC', categoryId: 11, typeId: 111, description: 'E-pin', price: '42.90', stock: 20, active: true, codeFormat: 'PUBG-####-####-####' },
    { id: 1002, name: 'PUBG Mobile 325 UC', categoryId: 11, typeId: 111, description: 'E-pin', price: '214.50', stock: 5, active: true },
    { id: 1099, name: 'PUBG Mobile 8100 UC', categoryId: 11, typeId: 111, description: 'E-pin', price: '2999.99', stock: 5, active: false },
    {
      id: 1401, name: 'Mobile Legends 86 Diamonds', categoryId: 15, typeId: 151, description: 'Top-up', price: '37.80', stock: null, active: true,
      requireData: [
        { id: 21, identifier: 'PlayerID', name: 'Mobile Legends player ID', required: true, regex: '^[0-9]{6,12}$' },
        { id: 22, identifier: 'ZoneID', name: 'Server (zone) ID', required: true, regex: '^[0-9]{3,5}$' },
        { id: 23, identifier: 'Note', name: 'Note', required: false, regex: null }
      ]
    }
  ]
}

const started = closedAfterEach<HyperSim>()

/** A fast sim: deliveries of 60–180 ms become sub-millisecond at speed 1000, i.e. done by the next request. */
async function sim(opts: HyperSimOptions = {}): Promise<HyperSim> {
  const s = await startHyperSim({
    speed: 1000,
    deliveryMs: [60, 180],
    seed: 42,
    accounts: [
      { email: EMAIL, password: PASSWORD, balance: '500.00', callbackApiKey: 'cb-key-1' },
      { email: OTHER_EMAIL, password: PASSWORD, balance: '100.00', creditLimit: '50.00' }
    ],
    catalog: CATALOG,
    rateLimits: false,
    ...opts
  })
  started.push(s)
  return s
}

interface CallOptions {
  token?: string | null
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
  signal?: AbortSignal
}

async function call(s: HyperSim, method: string, path: string, opts: CallOptions = {}): Promise<Called> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'h-region-code': 'TR', ...opts.headers }
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`
  const body = bodyText(opts)
  return fetchCalled(`${s.baseUrl}${path}`, { method, headers, body, signal: opts.signal })
}

async function expectError(c: Promise<Called> | Called, status: number, code: string): Promise<Err> {
  const got = await c
  expect(got.status, got.text).toBe(status)
  const reply = parse<Err>(got)
  expect(reply).toMatchObject({ data: null, success: false, errorCode: code })
  expect(typeof reply.message).toBe('string')
  return reply
}

async function loginAs(s: HyperSim, email = EMAIL, password = PASSWORD): Promise<string> {
  const c = await call(s, 'POST', '/Login/Customer/Api/Verify', { body: { Email: email, Password: password } })
  expect(c.status, c.text).toBe(200)
  return parse<Ok<LoginData>>(c).data.Token
}

let refSeq = 0
const ref = () => `rd${(++refSeq).toString(16).padStart(24, '0')}`

interface Line { DeliverID?: unknown; CustomerStoreProductID?: unknown; Quantity?: unknown; RequireData?: unknown }
function line(productId: number, quantity: number, extra: Partial<Line> = {}): Line {
  return { DeliverID: ref(), CustomerStoreProductID: productId, Quantity: quantity, RequireData: [], ...extra }
}

async function create(s: HyperSim, token: string, lines: Line[], extra: Record<string, unknown> = {}): Promise<Called> {
  return call(s, 'POST', '/Order/create', { token, body: { basketData: lines, ...extra } })
}

async function createOk(s: HyperSim, token: string, lines: Line[], extra: Record<string, unknown> = {}): Promise<CreateData> {
  const c = await create(s, token, lines, extra)
  expect(c.status, c.text).toBe(200)
  return parse<Ok<CreateData>>(c).data
}

async function detail(s: HyperSim, token: string, id: number): Promise<Detail> {
  const c = await call(s, 'GET', `/Order/detail/${id}`, { token })
  expect(c.status, c.text).toBe(200)
  return parse<Ok<Detail>>(c).data
}

async function waitFinal(s: HyperSim, token: string, id: number): Promise<Detail> {
  for (let i = 0; i < 200; i++) {
    const d = await detail(s, token, id)
    if (d.Status !== 2) return d
    await sleep(5)
  }
  throw new Error(`line ${id} never finished`)
}

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

// ---------- tests ----------
describe('routing, region and envelope', () => {
  it('paths are case-insensitive; unknown paths → 404 NOT_FOUND envelope; wrong method → 405 with Allow', async () => {
    const s = await sim()
    const token = await loginAs(s)
    expect((await call(s, 'GET', '/account/DETAILS', { token })).status).toBe(200)
    expect((await call(s, 'GET', '/Account/details/', { token })).status).toBe(200)
    await expectError(call(s, 'GET', '/Orders/all', { token }), 404, 'NOT_FOUND')
    const wrong = await expectError(call(s, 'GET', '/Order/create', { token }), 405, 'METHOD_NOT_ALLOWED')
    expect(wrong.message).toContain('GET')
    expect((await call(s, 'DELETE', '/Categories', { token })).headers.get('allow')).toBe('GET')
  })

  it('h-region-code: TR (any case) or absent is served; another region is refused', async () => {
    const s = await sim()
    const token = await loginAs(s)
    expect((await call(s, 'GET', '/Categories', { token, headers: { 'h-region-code': 'tr' } })).status).toBe(200)
    const res = await fetch(`${s.baseUrl}/Categories`, { headers: { Authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    await res.text()
    await expectError(call(s, 'GET', '/Categories', { token, headers: { 'h-region-code': 'DE' } }), 400, 'REGION_NOT_SUPPORTED')
  })

  it('success replies are {data, success, message} JSON', async () => {
    const s = await sim()
    const c = await call(s, 'POST', '/Login/Customer/Api/Verify', { body: { Email: EMAIL, Password: PASSWORD } })
    expect(c.headers.get('content-type')).toContain('application/json')
    expect(Object.keys(parse<Record<string, unknown>>(c))).toEqual(['data', 'success', 'message'])
  })
})

describe('login and the token', () => {
  it('issues a JWT whose exp is the Expiration it reports (whole seconds, rounded up)', async () => {
    let now = T0
    const s = await sim({ now: () => now, tokenLifetimeMs: 3_600_000, speed: 1 })
    const c = await call(s, 'POST', '/Login/Customer/Api/Verify', { body: { Email: EMAIL, Password: PASSWORD } })
    const { data, message } = parse<Ok<LoginData>>(c)
    expect(message).toBe('Login successful.')
    expect(data.Expiration).toBe('2026-03-25T13:00:01Z')
    const parts = data.Token.split('.')
    expect(parts).toHaveLength(3)
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString()) as { sub: string; exp: number }
    expect(payload.sub).toBe(EMAIL)
    expect(payload.exp * 1000).toBe(Date.parse(data.Expiration))
    expect(s.logins(EMAIL)).toBe(1)
    now = Date.parse('2026-03-25T13:00:00.999Z')
    expect((await call(s, 'GET', '/Account/details', { token: data.Token })).status).toBe(200)
  })

  it('an expired token → 401 TOKEN_EXPIRED (with WWW-Authenticate), counted; a new login works; lifetime scales with speed', async () => {
    let now = T0
    const s = await sim({ now: () => now, tokenLifetimeMs: 3_600_000, speed: 60 }) // one hour → one minute
    const token = await loginAs(s)
    now = T0 + 59_000
    expect((await call(s, 'GET', '/Account/details', { token })).status).toBe(200)
    now = Date.parse('2026-03-25T12:01:01Z')
    const c = await call(s, 'GET', '/Account/details', { token })
    await expectError(c, 401, 'TOKEN_EXPIRED')
    expect(c.headers.get('www-authenticate')).toContain('invalid_token')
    expect(s.authFailures(EMAIL)).toBe(1)
    const fresh = await loginAs(s)
    expect(fresh).not.toBe(token)
    expect((await call(s, 'GET', '/Account/details', { token: fresh })).status).toBe(200)
    expect(s.logins(EMAIL)).toBe(2)
  })

  it('an older token stays valid until it expires; expireTokens ends them all at once', async () => {
    const s = await sim()
    const a = await loginAs(s)
    const b = await loginAs(s)
    expect((await call(s, 'GET', '/Categories', { token: a })).status).toBe(200)
    s.expireTokens(EMAIL)
    await expectError(call(s, 'GET', '/Categories', { token: a }), 401, 'TOKEN_EXPIRED')
    await expectError(call(s, 'GET', '/Categories', { token: b }), 401, 'TOKEN_EXPIRED')
    expect(s.authFailures(EMAIL)).toBe(2)
    expect(s.authFailures(OTHER_EMAIL)).toBe(0)
  })

  it('no header → UNAUTHORIZED; the token without "Bearer" → UNAUTHORIZED; an unknown token → TOKEN_INVALID', async () => {
    const s = await sim()
    const token = await loginAs(s)
    await expectError(call(s, 'GET', '/Categories'), 401, 'UNAUTHORIZED')
    await expectError(call(s, 'GET', '/Categories', { headers: { Authorization: token } }), 401, 'UNAUTHORIZED')
    await expectError(call(s, 'GET', '/Categories', { token: `${token.slice(0, -2)}xx` }), 401, 'TOKEN_INVALID')
    await expectError(call(s, 'POST', '/Order/create', { token: 'garbage', body: { basketData: [line(1001, 1)] } }), 401, 'TOKEN_INVALID')
    expect(s.orders(EMAIL)).toHaveLength(0)
  })

  it('wrong password or unknown e-mail → 401 INVALID_CREDENTIALS; missing fields → 400; names bind case-insensitively', async () => {
    const s = await sim()
    await expectError(call(s, 'POST', '/Login/Customer/Api/Verify', { body: { Email: EMAIL, Password: 'nope' } }), 401, 'INVALID_CREDENTIALS')
    await expectError(call(s, 'POST', '/Login/Customer/Api/Verify', { body: { Email: 'x@y.z', Password: PASSWORD } }), 401, 'INVALID_CREDENTIALS')
    await expectError(call(s, 'POST', '/Login/Customer/Api/Verify', { body: { Email: EMAIL } }), 400, 'VALIDATION_ERROR')
    await expectError(call(s, 'POST', '/Login/Customer/Api/Verify', { rawBody: '{"Email":' }), 400, 'VALIDATION_ERROR')
    const c = await call(s, 'POST', '/Login/Customer/Api/Verify', { body: { email: EMAIL.toUpperCase(), password: PASSWORD } })
    expect(c.status).toBe(200)
    expect(s.logins(EMAIL)).toBe(1)
  })
})

describe('catalog', () => {
  it('Categories: flat, tree via ParentID; Types per category; 404 CATEGORY_NOT_FOUND; 400 for a non-numeric id', async () => {
    const s = await sim()
    const token = await loginAs(s)
    expect(parse<Ok<unknown>>(await call(s, 'GET', '/Categories', { token })).data).toEqual([
      { ID: 1, Name: 'Games', ParentID: null },
      { ID: 11, Name: 'PUBG Mobile', ParentID: 1 },
      { ID: 15, Name: 'Mobile Legends', ParentID: 1 }
    ])
    expect(parse<Ok<unknown>>(await call(s, 'GET', '/Categories/11/Types', { token })).data).toEqual([{ ID: 111, Name: 'Turkey', CategoryID: 11 }])
    expect(parse<Ok<unknown>>(await call(s, 'GET', '/Categories/1/Types', { token })).data).toEqual([])
    await expectError(call(s, 'GET', '/Categories/99/Types', { token }), 404, 'CATEGORY_NOT_FOUND')
    await expectError(call(s, 'GET', '/Categories/abc/Types', { token }), 400, 'VALIDATION_ERROR')
  })

  it('Products: every product (inactive ones flagged), filters categoryId/typeId, exact prices, RequireData', async () => {
    const s = await sim()
    const token = await loginAs(s)
    const all = await call(s, 'GET', '/Products', { token })
    expect(parse<Ok<ProductRow[]>>(all).data.map((p) => p.ID)).toEqual([1001, 1002, 1099, 1401])
    expect(all.text).toContain('"Price":42.90')
    expect(all.text).toContain('"Price":2999.99,"Stock":5,"IsActive":false')
    expect(parse<Ok<ProductRow[]>>(await call(s, 'GET', '/Products?categoryId=15', { token })).data.map((p) => p.ID)).toEqual([1401])
    expect(parse<Ok<ProductRow[]>>(await call(s, 'GET', '/Products?categoryId=11&typeId=151', { token })).data).toEqual([])
    await expectError(call(s, 'GET', '/Products?categoryId=x', { token }), 400, 'VALIDATION_ERROR')
    const one = parse<Ok<ProductRow>>(await call(s, 'GET', '/Products/1401', { token })).data
    expect(one).toMatchObject({ ID: 1401, Stock: null, TypeID: 151 })
    expect(one.RequireData[0]).toEqual({ ProductRequireID: 21, Identifier: 'PlayerID', Name: 'Mobile Legends player ID', IsRequired: true, Regex: '^[0-9]{6,12}$' })
    await expectError(call(s, 'GET', '/Products/5', { token }), 404, 'PRODUCT_NOT_FOUND')
  })

  it('the default catalog: ~25 TRY products in a two-level tree, generous stock, top-ups with RequireData, one out of stock, one off sale', async () => {
    const s = await startHyperSim({ speed: 1000 })
    started.push(s)
    const token = await loginAs(s, HYPER_DEMO_EMAIL, HYPER_DEMO_PASSWORD)
    const rows = parse<Ok<ProductRow[]>>(await call(s, 'GET', '/Products', { token })).data
    expect(rows.length).toBeGreaterThanOrEqual(20)
    expect(rows.find((p) => p.ID === 1001)).toMatchObject({ Name: 'PUBG Mobile 60 UC', Stock: 5000, IsActive: true })
    expect(rows.filter((p) => p.RequireData.length > 0).length).toBeGreaterThanOrEqual(2)
    expect(rows.some((p) => p.Stock === 0)).toBe(true)
    expect(rows.some((p) => !p.IsActive)).toBe(true)
    expect(rows.some((p) => p.Stock === null)).toBe(true)
    const categories = DEFAULT_HYPER_CATALOG.categories
    for (const p of rows) expect(categories.find((c) => c.id === p.CategoryID)?.parentId).not.toBeNull()
  })
})

describe('account details and the demo account', () => {
  it('Balance, Currency, CreditLimit with two decimals', async () => {
    const s = await sim()
    const token = await loginAs(s, OTHER_EMAIL)
    const c = await call(s, 'GET', '/Account/details', { token })
    expect(c.text).toContain(`"data":{"Email":"${OTHER_EMAIL}","Balance":100.00,"Currency":"TRY","CreditLimit":50.00}`)
  })

  it('the demo account exists by default', async () => {
    const s = await startHyperSim({ speed: 1000 })
    started.push(s)
    expect(s.balance(HYPER_DEMO_EMAIL)).toBe(HYPER_DEMO_BALANCE)
    expect(HYPER_DEMO_BALANCE).toBe('20000.00')
    const token = await loginAs(s, HYPER_DEMO_EMAIL, HYPER_DEMO_PASSWORD)
    expect(parse<Ok<{ Balance: number }>>(await call(s, 'GET', '/Account/details', { token })).data.Balance).toBe(20000)
  })
})

describe('Order/create', () => {
  it('creates one line per basket item, echoes DeliverID, deducts to the cent and reserves stock', async () => {
    const s = await sim()
    const token = await loginAs(s)
    const a = line(1001, 3)
    const b = line(1002, 1)
    const c = await create(s, token, [a, b])
    expect(c.text).toMatch(/"Price":42\.90\}/)
    const reply = parse<Ok<CreateData>>(c)
    expect(reply.message).toBe('Order created.')
    expect(reply.data.details.map((d) => [d.DeliverID, d.Quantity, d.Price])).toEqual([
      [a.DeliverID, 3, 42.9],
      [b.DeliverID, 1, 214.5]
    ])
    expect(reply.data.details[1]!.OrderDetailID).toBe(reply.data.details[0]!.OrderDetailID + 1)
    expect(s.balance(EMAIL)).toBe('156.80') // 500.00 − 128.70 − 214.50
    const orders = s.orders(EMAIL)
    expect(orders.map((o) => [o.orderId, o.deliverId, o.totalPrice])).toEqual([
      [reply.data.OrderID, a.DeliverID, '128.70'],
      [reply.data.OrderID, b.DeliverID, '214.50']
    ])
    const products = parse<Ok<ProductRow[]>>(await call(s, 'GET', '/Products', { token })).data
    expect(products.find((p) => p.ID === 1001)?.Stock).toBe(17)
    expect(products.find((p) => p.ID === 1002)?.Stock).toBe(4)
  })

  it('all-or-nothing: one bad line refuses the whole basket; items lists only the failing lines; nothing changes', async () => {
    const s = await sim()
    const token = await loginAs(s)
    const good = line(1001, 2)
    const bad = line(9999, 1)
    const inactive = line(1099, 1)
    const reply = await expectError(create(s, token, [good, bad, inactive]), 400, 'BASKET_INVALID')
    expect(reply.message).toBe('2 of 3 basket lines could not be ordered. Nothing was ordered.')
    expect(reply.items).toEqual([
      { DeliverID: bad.DeliverID, CustomerStoreProductID: 9999, errorCode: 'PRODUCT_NOT_FOUND', message: 'Product 9999 was not found in your store.' },
      { DeliverID: inactive.DeliverID, CustomerStoreProductID: 1099, errorCode: 'PRODUCT_INACTIVE', message: 'Product 1099 is not on sale at the moment.' }
    ])
    expect(s.orders(EMAIL)).toHaveLength(0)
    expect(s.balance(EMAIL)).toBe('500.00')
    expect(parse<Ok<ProductRow>>(await call(s, 'GET', '/Products/1001', { token })).data.Stock).toBe(20)
    // The good line's DeliverID was not used up.
    expect((await create(s, token, [good])).status).toBe(200)
  })

  it('quantity 1–50; stock is counted across the basket', async () => {
    const s = await sim()
    const token = await loginAs(s)
    const r1 = await expectError(create(s, token, [line(1001, 0), line(1001, 51)]), 400, 'BASKET_INVALID')
    expect(r1.items?.map((i) => i.errorCode)).toEqual(['INVALID_QUANTITY', 'INVALID_QUANTITY'])
    const r2 = await expectError(create(s, token, [line(1001, 11), line(1001, 10)]), 400, 'BASKET_INVALID')
    expect(r2.items?.map((i) => [i.errorCode, i.message])).toEqual([
      ['OUT_OF_STOCK', 'Insufficient stock for product 1001. Requested: 21, Available: 20.'],
      ['OUT_OF_STOCK', 'Insufficient stock for product 1001. Requested: 21, Available: 20.']
    ])
    expect((await create(s, token, [line(1001, 5), line(1001, 5)])).status).toBe(200)
    expect(s.orders(EMAIL)).toHaveLength(2)
  })

  it('a DeliverID already used is refused, naming the line that has it; a DeliverID twice in one basket too', async () => {
    const s = await sim()
    const token = await loginAs(s)
    const first = line(1001, 1)
    const placed = await createOk(s, token, [first])
    const again = await expectError(create(s, token, [{ ...first, Quantity: 2 }]), 400, 'BASKET_INVALID')
    expect(again.items).toEqual([
      {
        DeliverID: first.DeliverID,
        CustomerStoreProductID: 1001,
        errorCode: 'DUPLICATE_DELIVER_ID',
        message: `DeliverID ${String(first.DeliverID)} was already used for order detail ${placed.details[0]!.OrderDetailID}.`,
        OrderDetailID: placed.details[0]!.OrderDetailID
      }
    ])
    const twin = line(1001, 1)
    const twice = await expectError(create(s, token, [twin, { ...twin }]), 400, 'BASKET_INVALID')
    expect(twice.items?.map((i) => [i.errorCode, i.OrderDetailID])).toEqual([['DUPLICATE_DELIVER_ID', undefined]])
    // Per account: another reseller may use the same DeliverID.
    const other = await loginAs(s, OTHER_EMAIL)
    expect((await create(s, other, [first])).status).toBe(200)
    expect(s.orders(EMAIL)).toHaveLength(1)
    const missing = await expectError(create(s, token, [line(1001, 1, { DeliverID: '' })]), 400, 'BASKET_INVALID')
    expect(missing.items?.[0]?.errorCode).toBe('INVALID_DELIVER_ID')
  })

  it('RequireData: required inputs present, Identifier right, value matching; optional ones may be left out', async () => {
    const s = await sim()
    const token = await loginAs(s)
    const rd = (player: string | null, zone: string | null, extra: unknown[] = []) => [
      ...(player === null ? [] : [{ ProductRequireID: 21, Identifier: 'PlayerID', Value: player }]),
      ...(zone === null ? [] : [{ ProductRequireID: 22, Identifier: 'ZoneID', Value: zone }]),
      ...extra
    ]
    const cases: [unknown[], string, number | undefined][] = [
      [rd('12345678', null), 'REQUIRE_DATA_MISSING', 22],
      [rd('12345678', '  '), 'REQUIRE_DATA_MISSING', 22],
      [rd('12ab', '1234'), 'REQUIRE_DATA_INVALID', 21],
      [rd('12345678', '1234', [{ ProductRequireID: 99, Identifier: 'X', Value: 'y' }]), 'REQUIRE_DATA_INVALID', 99],
      [[{ ProductRequireID: 21, Identifier: 'UserID', Value: '12345678' }, { ProductRequireID: 22, Identifier: 'ZoneID', Value: '1234' }], 'REQUIRE_DATA_INVALID', 21]
    ]
    for (const [requireData, code, requireId] of cases) {
      const r = await expectError(create(s, token, [line(1401, 1, { RequireData: requireData })]), 400, 'BASKET_INVALID')
      expect(r.items?.[0]).toMatchObject({ errorCode: code, ProductRequireID: requireId })
    }
    expect(s.orders(EMAIL)).toHaveLength(0)
    await createOk(s, token, [line(1401, 2, { RequireData: rd(' 12345678 ', '1234') })])
    expect(s.orders(EMAIL)[0]?.requireData).toEqual([
      { ProductRequireID: 21, Identifier: 'PlayerID', Value: '12345678' },
      { ProductRequireID: 22, Identifier: 'ZoneID', Value: '1234' }
    ])
    expect(s.balance(EMAIL)).toBe('424.40')
  })

  it('model binding: a value of the wrong JSON type is a 400 before any rule; a missing number binds to 0', async () => {
    const s = await sim()
    const token = await loginAs(s)
    const typed = await expectError(create(s, token, [line(1001, '3' as unknown as number)]), 400, 'VALIDATION_ERROR')
    expect(typed.message).toBe('The JSON value could not be converted to System.Int32. Path: $.basketData[0].Quantity.')
    await expectError(call(s, 'POST', '/Order/create', { token, body: {} }), 400, 'VALIDATION_ERROR')
    await expectError(call(s, 'POST', '/Order/create', { token, body: { basketData: [] } }), 400, 'VALIDATION_ERROR')
    await expectError(call(s, 'POST', '/Order/create', { token, body: { basketData: [line(1001, 1)], NotifyURL: 'not a url' } }), 400, 'VALIDATION_ERROR')
    const zero = await expectError(create(s, token, [{ DeliverID: ref(), CustomerStoreProductID: 1001 }]), 400, 'BASKET_INVALID')
    expect(zero.items?.[0]?.errorCode).toBe('INVALID_QUANTITY')
    // Property names bind case-insensitively.
    const c = await call(s, 'POST', '/Order/create', { token, body: { BasketData: [{ deliverid: ref(), customerStoreProductId: 1001, quantity: 1 }] } })
    expect(c.status, c.text).toBe(200)
  })

  it('INSUFFICIENT_BALANCE checks the basket total against Balance + CreditLimit, with both amounts in the message', async () => {
    const s = await sim()
    const token = await loginAs(s, OTHER_EMAIL) // 100.00 + 50.00 credit
    const r = await expectError(create(s, token, [line(1001, 2), line(1001, 2)]), 400, 'INSUFFICIENT_BALANCE')
    expect(r.message).toBe('Insufficient balance. Required: 171.60 TRY, Available: 150.00 TRY.')
    expect(s.orders(OTHER_EMAIL)).toHaveLength(0)
    await createOk(s, token, [line(1001, 3)]) // 128.70 ≤ 150.00
    expect(s.balance(OTHER_EMAIL)).toBe('-28.70')
    await expectError(create(s, token, [line(1001, 1)]), 400, 'INSUFFICIENT_BALANCE')
  })
})

describe('delivery', () => {
  it('processing (2) → delivered (1) over the scaled delay, with codes, notes, dates; stable across reads', async () => {
    let now = T0
    const s = await sim({ now: () => now, speed: 10, deliveryMs: [10_000, 10_000] }) // 10 s → 1 s
    const token = await loginAs(s)
    const l = line(1001, 3)
    const placed = await createOk(s, token, [l])
    const id = placed.details[0]!.OrderDetailID
    const before = await detail(s, token, id)
    expect(before).toEqual({
      OrderID: placed.OrderID,
      OrderDetailID: id,
      DeliverID: l.DeliverID,
      CustomerStoreProductID: 1001,
      ProductName: 'PUBG Mobile 60 UC',
      Quantity: 3,
      Price: 42.9,
      Status: 2,
      DeliveryData: null,
      DeliveryNote: null,
      CreatedDate: '2026-03-25T12:00:00Z',
      DeliveryDate: null
    })
    now = T0 + 999
    expect((await detail(s, token, id)).Status).toBe(2)
    now = T0 + 1000
    const after = await detail(s, token, id)
    expect(after.Status).toBe(1)
    expect(after.DeliveryData).toHaveLength(3)
    for (const code of after.DeliveryData ?? []) expect(code).toMatch(/^PUBG-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    expect(new Set(after.DeliveryData).size).toBe(3)
    expect(after.DeliveryNote).toEqual(['Your order has been delivered.'])
    expect(after.DeliveryDate).toMatch(ISO_SECONDS)
    expect(await detail(s, token, id)).toEqual(after)
    expect(s.issuedCodes(EMAIL)).toEqual(after.DeliveryData)
  })

  it('removed (3): refunded to the cent and stock restored, even without looking at the line', async () => {
    let now = T0
    const s = await sim({ failureRate: 1, now: () => now, speed: 1, deliveryMs: [10_000, 10_000] })
    const token = await loginAs(s)
    const placed = await createOk(s, token, [line(1001, 3)])
    expect(s.balance(EMAIL)).toBe('371.30')
    expect(parse<Ok<ProductRow>>(await call(s, 'GET', '/Products/1001', { token })).data.Stock).toBe(17)
    now = T0 + 10_000
    expect(s.balance(EMAIL)).toBe('500.00')
    const d = await detail(s, token, placed.details[0]!.OrderDetailID)
    expect(d).toMatchObject({ Status: 3, DeliveryData: null, DeliveryNote: ['The supplier could not fulfil this order; 128.70 TRY refunded to the balance.'] })
    expect(s.orders(EMAIL)[0]).toMatchObject({ status: 3, refundAmount: '128.70', codes: [] })
    expect(parse<Ok<ProductRow>>(await call(s, 'GET', '/Products/1001', { token })).data.Stock).toBe(20)
  })

  it('Order/detail: 404 for unknown ids and other accounts\' lines; 400 for a non-numeric id', async () => {
    const s = await sim()
    const token = await loginAs(s)
    const placed = await createOk(s, token, [line(1001, 1)])
    const other = await loginAs(s, OTHER_EMAIL)
    await expectError(call(s, 'GET', `/Order/detail/${placed.details[0]!.OrderDetailID}`, { token: other }), 404, 'ORDER_NOT_FOUND')
    await expectError(call(s, 'GET', '/Order/detail/12', { token }), 404, 'ORDER_NOT_FOUND')
    await expectError(call(s, 'GET', '/Order/detail/x1', { token }), 400, 'VALIDATION_ERROR')
  })

  it('the same seed gives the same ids, tokens aside, and codes', async () => {
    const run = async () => {
      const s = await sim()
      const token = await loginAs(s)
      const placed = await createOk(s, token, [line(1001, 2)])
      await sleep(5)
      return { id: placed.details[0]!.OrderDetailID, codes: (await waitFinal(s, token, placed.details[0]!.OrderDetailID)).DeliveryData }
    }
    expect(await run()).toEqual(await run())
  })
})

describe('cancel', () => {
  it('before delivery: status 0, refund to the cent, stock back; then ALREADY_CANCELLED', async () => {
    const s = await sim({ deliveryMs: [600_000, 600_000] })
    const token = await loginAs(s)
    const placed = await createOk(s, token, [line(1001, 3), line(1002, 1)])
    const id = placed.details[0]!.OrderDetailID
    expect(s.balance(EMAIL)).toBe('156.80')
    const c = await call(s, 'POST', `/Order/cancel/${id}`, { token })
    expect(c.status, c.text).toBe(200)
    const reply = parse<Ok<Detail>>(c)
    expect(reply.message).toBe('Order cancelled.')
    expect(reply.data).toMatchObject({ OrderDetailID: id, Status: 0, DeliveryData: null, DeliveryNote: ["Cancelled at the reseller's request; 128.70 TRY refunded to the balance."] })
    expect(s.balance(EMAIL)).toBe('285.50')
    expect(parse<Ok<ProductRow>>(await call(s, 'GET', '/Products/1001', { token })).data.Stock).toBe(20)
    expect((await detail(s, token, placed.details[1]!.OrderDetailID)).Status).toBe(2) // the other line goes on
    await expectError(call(s, 'POST', `/Order/cancel/${id}`, { token }), 400, 'ORDER_ALREADY_CANCELLED')
    expect(s.balance(EMAIL)).toBe('285.50')
  })

  it('after delivery (or removal) it is refused and nothing is refunded; unknown → 404', async () => {
    const s = await sim()
    const token = await loginAs(s)
    const placed = await createOk(s, token, [line(1001, 1)])
    const id = placed.details[0]!.OrderDetailID
    await waitFinal(s, token, id)
    await expectError(call(s, 'POST', `/Order/cancel/${id}`, { token }), 400, 'ORDER_NOT_CANCELLABLE')
    expect(s.balance(EMAIL)).toBe('457.10')
    await expectError(call(s, 'POST', '/Order/cancel/1', { token }), 404, 'ORDER_NOT_FOUND')
    const other = await loginAs(s, OTHER_EMAIL)
    await expectError(call(s, 'POST', `/Order/cancel/${id}`, { token: other }), 404, 'ORDER_NOT_FOUND')
  })
})

describe('Order/list', () => {
  it('newest first, paged, pageSize cut to 100; from/to bound CreatedDate; codes of delivered lines included', async () => {
    let now = T0
    const s = await sim({ now: () => now, speed: 1, deliveryMs: [1_000, 1_000] })
    const token = await loginAs(s)
    const ids: number[] = []
    for (let i = 0; i < 5; i++) {
      ids.push((await createOk(s, token, [line(1001, 1)])).details[0]!.OrderDetailID)
      now += 60_000
    }
    const page = (q: string) => call(s, 'GET', `/Order/list${q}`, { token }).then((c) => parse<Ok<ListData>>(c).data)
    const all = await page('')
    expect(all.Orders.map((o) => o.OrderDetailID)).toEqual([...ids].reverse())
    expect(all).toMatchObject({ Page: 1, PageSize: 20, TotalCount: 5 })
    expect(all.Orders.every((o) => o.Status === 1 && o.DeliveryData?.length === 1)).toBe(true)
    expect((await page('?page=2&pageSize=2')).Orders.map((o) => o.OrderDetailID)).toEqual([ids[2], ids[1]])
    expect((await page('?pageSize=500')).PageSize).toBe(100)
    const window = await page('?from=2026-03-25T12:01:00Z&to=2026-03-25T12:03:00.250Z')
    expect(window.Orders.map((o) => o.OrderDetailID)).toEqual([ids[3], ids[2], ids[1]])
    expect(window.TotalCount).toBe(3)
    await expectError(call(s, 'GET', '/Order/list?from=yesterday', { token }), 400, 'VALIDATION_ERROR')
    const other = await loginAs(s, OTHER_EMAIL)
    expect((await call(s, 'GET', '/Order/list', { token: other }).then((c) => parse<Ok<ListData>>(c).data)).TotalCount).toBe(0)
  })
})

describe('delivery callbacks', () => {
  interface Received { headers: IncomingHttpHeaders; body: string }
  async function receiver(): Promise<{ url: string; received: Received[]; server: Server }> {
    const received: Received[] = []
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
        res.end('OK')
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hyper/callback`, received, server }
  }
  async function until(check: () => boolean): Promise<void> {
    for (let i = 0; i < 400 && !check(); i++) await sleep(5)
    expect(check()).toBe(true)
  }

  it('posts the webhook body with the Apikey header when a line is delivered, without anyone polling', async () => {
    const r = await receiver()
    try {
      const s = await sim({ deliveryMs: [20_000, 20_000] }) // 20 ms
      const token = await loginAs(s)
      const l = line(1001, 2)
      const placed = await createOk(s, token, [l, line(1001, 1)], { NotifyURL: r.url, BillingAddressID: 7 })
      await until(() => r.received.length === 2)
      const first = r.received.find((x) => x.body.includes(String(l.DeliverID)))!
      expect(first.headers.apikey).toBe('cb-key-1')
      expect(first.headers['content-type']).toContain('application/json')
      const body = HyperDeliveryWebhook.parse(JSON.parse(first.body))
      expect(body).toEqual({
        DeliverID: l.DeliverID,
        OrderDetailID: String(placed.details[0]!.OrderDetailID),
        Status: 1,
        DeliveryData: s.orders(EMAIL)[0]!.codes,
        DeliveryNote: ['Your order has been delivered.']
      })
      expect(Object.keys(JSON.parse(first.body) as object)).toEqual(['DeliverID', 'OrderDetailID', 'Status', 'DeliveryData', 'DeliveryNote'])
    } finally {
      r.server.close()
    }
  })

  it('posts Status 0 for a cancel and Status 3 for a removal; nothing without NotifyURL', async () => {
    const r = await receiver()
    try {
      const s = await sim({ deliveryMs: [600_000, 600_000] })
      const token = await loginAs(s)
      await createOk(s, token, [line(1001, 1)])
      const placed = await createOk(s, token, [line(1001, 1)], { NotifyURL: r.url })
      await call(s, 'POST', `/Order/cancel/${placed.details[0]!.OrderDetailID}`, { token })
      await until(() => r.received.length === 1)
      expect(JSON.parse(r.received[0]!.body)).toMatchObject({ Status: 0, DeliveryData: null })

      const failing = await sim({ failureRate: 1, deliveryMs: [20_000, 20_000] })
      const t2 = await loginAs(failing)
      await createOk(failing, t2, [line(1001, 1)], { NotifyURL: r.url })
      await until(() => r.received.length === 2)
      expect(JSON.parse(r.received[1]!.body)).toMatchObject({ Status: 3, DeliveryData: null })
      await sleep(30)
      expect(r.received).toHaveLength(2)
    } finally {
      r.server.close()
    }
  })
})

describe('rate limits', () => {
  it('default 60 requests/min per account and 10 logins/min per e-mail, with Retry-After; configurable', async () => {
    const s = await sim({ rateLimits: undefined })
    const token = await loginAs(s)
    for (let i = 0; i < 60; i++) expect((await call(s, 'GET', '/Categories', { token })).status).toBe(200)
    const limited = await call(s, 'GET', '/Categories', { token })
    await expectError(limited, 429, 'RATE_LIMITED')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another account has its own budget.
    const other = await loginAs(s, OTHER_EMAIL)
    expect((await call(s, 'GET', '/Categories', { token: other })).status).toBe(200)
    for (let i = 0; i < 9; i++) await loginAs(s)
    await expectError(call(s, 'POST', '/Login/Customer/Api/Verify', { body: { Email: EMAIL, Password: PASSWORD } }), 429, 'RATE_LIMITED')
    expect(s.logins(EMAIL)).toBe(10)

    const tight = await sim({ rateLimits: { perMinute: 2, loginsPerMinute: 5 } })
    const t = await loginAs(tight)
    await call(tight, 'GET', '/Categories', { token: t })
    await call(tight, 'GET', '/Categories', { token: t })
    await expectError(call(tight, 'GET', '/Categories', { token: t }), 429, 'RATE_LIMITED')
  })
})

describe('fault injection', () => {
  it('http429 / http500 / http502 / http503 answer with the envelope and commit nothing', async () => {
    const s = await sim()
    const token = await loginAs(s)
    s.faults.inject({ action: 'account_details', kind: 'http429' })
    const limited = await call(s, 'GET', '/Account/details', { token })
    await expectError(limited, 429, 'RATE_LIMITED')
    expect(limited.headers.get('retry-after')).toBe('1')
    s.faults.inject({ action: 'order_create', kind: 'http500' })
    await expectError(create(s, token, [line(1001, 1)]), 500, 'INTERNAL_ERROR')
    s.faults.inject({ action: 'order_create', kind: 'http502' })
    await expectError(create(s, token, [line(1001, 1)]), 502, 'UPSTREAM_UNAVAILABLE')
    s.faults.inject({ action: 'order_create', kind: 'http503' })
    await expectError(create(s, token, [line(1001, 1)]), 503, 'SERVICE_UNAVAILABLE')
    s.faults.inject({ action: 'login', kind: 'http503' })
    await expectError(call(s, 'POST', '/Login/Customer/Api/Verify', { body: { Email: EMAIL, Password: PASSWORD } }), 503, 'SERVICE_UNAVAILABLE')
    expect(s.orders(EMAIL)).toHaveLength(0)
    expect(s.balance(EMAIL)).toBe('500.00')
    expect(s.logins(EMAIL)).toBe(1)
  })

  it('html_error: HTTP 502 with a reverse proxy HTML page', async () => {
    const s = await sim()
    const token = await loginAs(s)
    s.faults.inject({ action: 'products', kind: 'html_error' })
    const c = await call(s, 'GET', '/Products', { token })
    expectProxyErrorPage(c)
    expect(() => JSON.parse(c.text) as unknown).toThrow()
  })

  it('hang: no answer until the client gives up, and nothing is committed', async () => {
    const s = await sim()
    const token = await loginAs(s)
    s.faults.inject({ action: 'order_create', kind: 'hang' })
    const t0 = Date.now()
    await expect(call(s, 'POST', '/Order/create', { token, body: { basketData: [line(1001, 1)] }, signal: AbortSignal.timeout(300) })).rejects.toThrow()
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250)
    expect(s.orders(EMAIL)).toHaveLength(0)
    expect(s.balance(EMAIL)).toBe('500.00')
  })

  it('drop_after_commit: the order exists and is paid for; Order/list finds it by DeliverID; a re-send is refused as duplicate', async () => {
    const s = await sim()
    const token = await loginAs(s)
    s.faults.inject({ action: 'order_create', kind: 'drop_after_commit' })
    const l = line(1002, 2)
    await expect(create(s, token, [l])).rejects.toThrow()
    expect(s.balance(EMAIL)).toBe('71.00')
    const listed = parse<Ok<ListData>>(await call(s, 'GET', '/Order/list', { token })).data.Orders
    expect(listed.map((o) => o.DeliverID)).toEqual([l.DeliverID])
    const again = await expectError(create(s, token, [l]), 400, 'BASKET_INVALID')
    expect(again.items?.[0]).toMatchObject({ errorCode: 'DUPLICATE_DELIVER_ID', OrderDetailID: listed[0]!.OrderDetailID })
    expect((await waitFinal(s, token, listed[0]!.OrderDetailID)).DeliveryData).toHaveLength(2)
  })

  it('slow_after_commit: committed at once, the reply held back past the client timeout', async () => {
    const s = await sim()
    const token = await loginAs(s)
    s.faults.inject({ action: 'order_create', kind: 'slow_after_commit' })
    await expect(call(s, 'POST', '/Order/create', { token, body: { basketData: [line(1001, 1)] }, signal: AbortSignal.timeout(300) })).rejects.toThrow()
    expect(s.orders(EMAIL)).toHaveLength(1)
    expect(s.balance(EMAIL)).toBe('457.10')
  })

  it('malformed_json: HTTP 200 with a body no JSON parser accepts; a create is committed', async () => {
    const s = await sim()
    const token = await loginAs(s)
    s.faults.inject({ action: 'order_create', kind: 'malformed_json', times: 4 })
    for (let i = 0; i < 4; i++) {
      const c = await create(s, token, [line(1001, 1)])
      expectGarbledJson(c)
    }
    expect(s.orders(EMAIL)).toHaveLength(4)
    expect(s.balance(EMAIL)).toBe('328.40')
  })

  it('faults apply before auth and only to their own action; "*" matches all; times counts; setRandom and clear', async () => {
    const s = await sim()
    const token = await loginAs(s)
    s.faults.inject({ action: 'order_detail', kind: 'http503', times: 2 })
    expect((await call(s, 'GET', '/Categories', { token })).status).toBe(200)
    await expectError(call(s, 'GET', '/Order/detail/1'), 503, 'SERVICE_UNAVAILABLE') // before auth
    await expectError(call(s, 'GET', '/Order/detail/1', { token }), 503, 'SERVICE_UNAVAILABLE')
    await expectError(call(s, 'GET', '/Order/detail/1', { token }), 404, 'ORDER_NOT_FOUND')
    s.faults.inject({ action: '*', kind: 'http429', times: 2 })
    await expectError(call(s, 'GET', '/Categories', { token }), 429, 'RATE_LIMITED')
    await expectError(call(s, 'POST', '/Login/Customer/Api/Verify', { body: { Email: EMAIL, Password: PASSWORD } }), 429, 'RATE_LIMITED')
    expect((await call(s, 'GET', '/Categories', { token })).status).toBe(200)

    s.faults.setRandom('account_details', 'http502', 1)
    for (let i = 0; i < 3; i++) expect((await call(s, 'GET', '/Account/details', { token })).status).toBe(502)
    s.faults.setRandom('account_details', 'http502', 0)
    expect((await call(s, 'GET', '/Account/details', { token })).status).toBe(200)
    s.faults.setRandom('*', 'http500', 0.5)
    await expectRandomFaults(() => call(s, 'GET', '/Categories', { token }), 500)
    s.faults.clear()
    expect((await call(s, 'GET', '/Categories', { token })).status).toBe(200)
  })
})

describe('close()', () => {
  it('ends hanging and slow requests, cancels the callback timer, stops listening and leaves no timers', async () => {
    const s = await sim({ deliveryMs: [600_000, 600_000], speed: 1 })
    const token = await loginAs(s)
    const baseline = activeTimeouts()
    await createOk(s, token, [line(1001, 1)], { NotifyURL: 'http://127.0.0.1:9/never' })
    s.faults.inject({ action: 'account_details', kind: 'hang' })
    s.faults.inject({ action: 'order_create', kind: 'slow_after_commit' })
    const hanging = Promise.allSettled([call(s, 'GET', '/Account/details', { token })])
    const slow = Promise.allSettled([create(s, token, [line(1001, 1)])])
    for (let i = 0; i < 100 && s.orders(EMAIL).length < 2; i++) await sleep(5)
    expect(s.orders(EMAIL)).toHaveLength(2)
    expect(activeTimeouts()).toBeGreaterThan(baseline)

    await expectCloseEndsRequests(s, hanging, slow)
    expect(activeTimeouts()).toBeLessThanOrEqual(baseline)
    await expect(fetch(`${s.baseUrl}/Categories`)).rejects.toThrow()
    expect(s.balance(EMAIL)).toBe('414.20')
  })
})
