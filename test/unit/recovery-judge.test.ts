// The judgement on a lost DigetalHube create (engine/recovery.ts), case by case: only the supplier's own counts
// prove anything; a look-alike is never adopted on resemblance, and nothing is re-sent on absence alone.
import { describe, expect, it } from 'vitest'
import { AccountEvidenceStore } from '../../src/core/engine/account-evidence'
import { judgeLostCreate, type RecoveryInput } from '../../src/core/engine/recovery'
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

function input(over: { grew?: number; spent?: string; list?: UpstreamOrder[]; total?: number | null; claimed?: string[]; shared?: boolean; listOffsetMs?: number | null } = {}): RecoveryInput {
  const list = over.list ?? []
  return {
    order: { productId: '123', variantId: null, quantity: 10, unitPrice: '1.05' },
    pre: { totalOrders: 7, totalSpent: '40.00', serverTime: new Date(T0).toISOString(), localTime: new Date(T0).toISOString() },
    post: { totalOrders: 7 + (over.grew ?? list.length), totalSpent: over.spent ?? '40.00', serverTime: new Date(T0 + 5_000), receivedAt: new Date(T0 + 5_000) },
    history: { orders: [...list, listed('OLD-1', { createdAt: new Date(T0 - 60_000) })], total: over.total === undefined ? 7 + list.length : over.total, serverTime: null, receivedAt: new Date(T0 + 5_000) },
    claimed: new Set(over.claimed ?? []),
    listOffsetMs: over.listOffsetMs === undefined ? 0 : over.listOffsetMs,
    shared: over.shared ?? false
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

  it('an order claimed by another of our orders is not a candidate', () => {
    expect(judgeLostCreate(input({ list: [listed('MINE-1')], claimed: ['MINE-1'] }))).toMatchObject({ kind: 'not_placed' })
  })

  it('a list behind the count, or without a total: wait, or ask a person — never "not placed"', () => {
    expect(judgeLostCreate(input({ grew: 1, total: 7 }))).toMatchObject({ kind: 'wait' })
    expect(judgeLostCreate(input({ list: [listed('NEW-1')], total: null }))).toMatchObject({ kind: 'review' })
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
    s.noteForeign('a', 2, new Date(T0))
    expect(s.isShared('a', new Date(T0 + 29 * 24 * 3600_000))).toBe(true)
    expect(s.isShared('a', new Date(T0 + 31 * 24 * 3600_000))).toBe(false)
    expect(s.get('a').foreignOrders).toBe(2)
  })
})
