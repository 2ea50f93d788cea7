// The judgement on a lost DigetalHube create (engine/recovery.ts), case by case: only the supplier's own counts
// prove anything; a look-alike is never adopted on resemblance, and nothing is re-sent on absence alone.
import { describe, expect, it } from 'vitest'
import { AccountEvidenceStore } from '../../src/core/orders/account-evidence'
import { judgeLostCreate, type RecoveryInput } from '../../src/core/orders/recovery'
import type { UpstreamOrder } from '../../src/core/providers/types'

const T0 = Date.parse('2026-12-04T12:00:00Z')

function listed(id: string, over: Partial<UpstreamOrder> = {}): UpstreamOrder {
  return {
    upstreamId: id,
    clientRef: null,
    productId: '123',
    variantId: null,
    quantity: 10,
    createdAt: new Date(T0 + 1_000),
    status: 'processing',
    codes: [],
    charged: { amount: '10.5', currency: 'USDT' },
    refunded: null,
    fulfilledQuantity: null,
    step: null,
    message: null,
    upstreamStatus: 'processing',
    ...over
  }
}

interface Over {
  grew?: number
  spent?: string
  list?: UpstreamOrder[]
  /** Listed after the new orders (older ones, or one hidden by whole-second times). */
  older?: UpstreamOrder[]
  total?: number | null
  claimed?: string[]
  shared?: boolean
  listOffsetMs?: number | null
  priorKnownTotal?: number | null
  latestOwnTimeMs?: number | null
  rowCount?: boolean
}

function input(over: Over = {}): RecoveryInput {
  const list = over.list ?? []
  // By default the account's total spent moved by exactly what the new orders cost.
  const spent = list.reduce((s, u) => s + Number(u.charged?.amount ?? 0), 40)
  return {
    order: { productId: '123', variantId: null, quantity: 10, unitPrice: '1.05' },
    pre: { totalOrders: 7, totalSpent: '40.00', serverTime: new Date(T0).toISOString(), localTime: new Date(T0).toISOString(), priorKnownTotal: over.priorKnownTotal === undefined ? 7 : over.priorKnownTotal },
    post: { totalOrders: 7 + (over.grew ?? list.length), totalSpent: over.spent ?? spent.toFixed(2), serverTime: new Date(T0 + 5_000), receivedAt: new Date(T0 + 5_000) },
    history: {
      orders: [...list, ...(over.older ?? []), listed('OLD-1', { createdAt: new Date(T0 - 60_000) })],
      total: over.total === undefined ? 7 + list.length : over.total,
      serverTime: null,
      receivedAt: new Date(T0 + 5_000)
    },
    claimed: new Set(over.claimed ?? ['OLD-1']),
    listOffsetMs: over.listOffsetMs === undefined ? 0 : over.listOffsetMs,
    shared: over.shared ?? false,
    latestOwnTimeMs: over.latestOwnTimeMs === undefined ? T0 + 21_000 : over.latestOwnTimeMs,
    listTotalMayBeRowCount: over.rowCount ?? false
  }
}

describe('judging a lost create by the account totals', () => {
  it('nothing new and nothing spent: proven not placed', () => {
    expect(judgeLostCreate(input())).toMatchObject({ kind: 'not_placed' })
  })

  it('spent went up although no order was added: a person looks', () => {
    expect(judgeLostCreate(input({ spent: '50.50' }))).toMatchObject({ kind: 'review' })
  })

  it('exactly one new order, shaped like ours, on an unshared account: adopted', () => {
    const v = judgeLostCreate(input({ list: [listed('NEW-1')] }))
    expect(v).toMatchObject({ kind: 'adopt', upstream: { upstreamId: 'NEW-1' } })
  })

  it('the same on an account known to be shared: review with the candidate, never adopted', () => {
    const v = judgeLostCreate(input({ list: [listed('NEW-1')], shared: true }))
    expect(v).toMatchObject({ kind: 'review', candidates: [{ upstreamId: 'NEW-1' }] })
  })

  it('one new order at another amount (the price changed?): review, and never "not placed"', () => {
    const v = judgeLostCreate(input({ list: [listed('NEW-1', { charged: { amount: '11', currency: 'USDT' } })] }))
    expect(v).toMatchObject({ kind: 'review' })
  })

  it('one new order listed before our reading on the supplier clock: review', () => {
    const v = judgeLostCreate(input({ list: [listed('NEW-1', { createdAt: new Date(T0 - 3 * 60_000) })] }))
    expect(v).toMatchObject({ kind: 'review' })
  })

  it('new orders, none shaped like ours: proven not placed, and they are someone else’s', () => {
    const v = judgeLostCreate(input({ list: [listed('NEW-1', { productId: '456' }), listed('NEW-2', { quantity: 3 })] }))
    expect(v).toMatchObject({ kind: 'not_placed', foreign: [{ upstreamId: 'NEW-1' }, { upstreamId: 'NEW-2' }] })
  })

  it('two look-alikes: review with both; at least one of them is someone else’s', () => {
    const v = judgeLostCreate(input({ list: [listed('NEW-1'), listed('NEW-2')] }))
    expect(v).toMatchObject({ kind: 'review', foreignCount: 1 })
    expect(v.kind === 'review' && v.candidates.map((c) => c.upstreamId)).toEqual(['NEW-1', 'NEW-2'])
  })

  it('an order of ours among the new ones cannot be (one create at a time): review, never "not placed"', () => {
    // Whole-second times: our sibling MINE-1 and our lost order NEW-1 were created in the same second, and the list
    // shows the sibling inside the new window and ours one place further. Reading the window alone said "not placed".
    const v = judgeLostCreate(input({ grew: 1, total: 8, list: [listed('MINE-1')], older: [listed('NEW-1')], claimed: ['MINE-1', 'OLD-1'], spent: '50.50' }))
    expect(v).toMatchObject({ kind: 'review', candidates: [{ upstreamId: 'NEW-1' }] })
  })

  it('a look-alike just past the new orders, created after our reading, blocks "not placed"', () => {
    const v = judgeLostCreate(input({ list: [listed('NEW-1', { productId: '456' })], older: [listed('NEW-2', { createdAt: new Date(T0) })] }))
    expect(v).toMatchObject({ kind: 'review', candidates: [{ upstreamId: 'NEW-2' }] })
    // The same look-alike from before our reading does not.
    const w = judgeLostCreate(input({ list: [listed('NEW-1', { productId: '456' })], older: [listed('NEW-2', { createdAt: new Date(T0 - 10_000) })] }))
    expect(w).toMatchObject({ kind: 'not_placed' })
  })

  it('a new order that does not say its product or quantity proves nothing: review', () => {
    expect(judgeLostCreate(input({ list: [listed('NEW-1', { productId: null })] }))).toMatchObject({ kind: 'review' })
    expect(judgeLostCreate(input({ list: [listed('NEW-1', { quantity: null })] }))).toMatchObject({ kind: 'review' })
  })

  it('someone else’s orders but total spent moved by more than they cost: review, not "nothing was charged"', () => {
    expect(judgeLostCreate(input({ list: [listed('NEW-1', { productId: '456' })], spent: '61.00' }))).toMatchObject({ kind: 'review' })
    // A refund the list shows may or may not be in total spent yet: both readings are accepted.
    const refunded = listed('NEW-1', { productId: '456', refunded: { amount: '10.5', currency: 'USDT' } })
    expect(judgeLostCreate(input({ list: [refunded], spent: '40.00' }))).toMatchObject({ kind: 'not_placed' })
    expect(judgeLostCreate(input({ list: [refunded], spent: '50.50' }))).toMatchObject({ kind: 'not_placed' })
  })

  it('adoption needs all three: created before our send could have ended, no unexplained orders before it, spent = its amount', () => {
    expect(judgeLostCreate(input({ list: [listed('NEW-1')] }))).toMatchObject({ kind: 'adopt' })
    // Bought by someone else hours later (we crashed before sending, or the request never arrived).
    expect(judgeLostCreate(input({ list: [listed('NEW-1', { createdAt: new Date(T0 + 3 * 3600_000) })] }))).toMatchObject({ kind: 'review' })
    // First create on the account: no earlier count shows that nobody else was buying (the first-time race).
    expect(judgeLostCreate(input({ list: [listed('NEW-1')], priorKnownTotal: null }))).toMatchObject({ kind: 'review' })
    expect(judgeLostCreate(input({ list: [listed('NEW-1')], priorKnownTotal: 6 }))).toMatchObject({ kind: 'review' })
    expect(judgeLostCreate(input({ list: [listed('NEW-1')], spent: '60.00' }))).toMatchObject({ kind: 'review' })
    // Without the supplier's clock or the list's zone, the time cannot be checked.
    expect(judgeLostCreate(input({ list: [listed('NEW-1')], latestOwnTimeMs: null }))).toMatchObject({ kind: 'review' })
    expect(judgeLostCreate(input({ list: [listed('NEW-1')], listOffsetMs: null }))).toMatchObject({ kind: 'review' })
  })

  it('a list behind the count waits; a total that is only the page’s row count is read as such after a while', () => {
    expect(judgeLostCreate(input({ grew: 1, total: 7 }))).toMatchObject({ kind: 'wait' })
    // Seed 000 does not say whether my_orders' total is the account's count or the page's: both readings give a verdict.
    expect(judgeLostCreate(input({ list: [listed('NEW-1')], total: 2 }))).toMatchObject({ kind: 'wait' })
    expect(judgeLostCreate(input({ list: [listed('NEW-1')], total: 2, rowCount: true }))).toMatchObject({ kind: 'adopt' })
    expect(judgeLostCreate(input({ list: [listed('NEW-1')], total: null }))).toMatchObject({ kind: 'adopt' })
  })
})

describe('what is learned about an account', () => {
  const store = () => {
    const kv = new Map<string, unknown>()
    return new AccountEvidenceStore({ get: <T>(k: string) => (kv.get(k) ?? null) as T | null, set: (k: string, v: unknown) => void kv.set(k, JSON.parse(JSON.stringify(v))) })
  }

  it('the list time zone from an order known to be created between two readings: the one quarter hour that fits', () => {
    const s = store()
    const listedAt = new Date(T0 + 3 * 3600_000 + 2_000) // written in UTC+3, created 2 s after the first reading
    s.noteListOffsetBounds('a', listedAt, new Date(T0), new Date(T0 + 4_000))
    expect(s.get('a').listOffsetMs).toBe(3 * 3600_000)
  })

  it('the supplier clock offset as the median of its readings', () => {
    const s = store()
    for (const ms of [720_100, 719_900, 900_000, 720_000]) s.noteServerTime('a', new Date(T0 + ms - 500), new Date(T0))
    expect(s.serverOffsetMs('a')).toBe(720_100)
  })

  it('an account stays marked shared for 30 days after another client’s order was seen', () => {
    const s = store()
    expect(s.noteForeign('a', [{ key: 'X', count: 1 }, { key: 'Y', count: 1 }], new Date(T0))).toBe(2)
    // Seen again on the next pass: counted once.
    expect(s.noteForeign('a', [{ key: 'Y', count: 1 }], new Date(T0))).toBe(0)
    expect(s.isShared('a', new Date(T0 + 29 * 24 * 3600_000))).toBe(true)
    expect(s.isShared('a', new Date(T0 + 31 * 24 * 3600_000))).toBe(false)
    expect(s.get('a').foreignOrders).toBe(2)
  })
})
