// The journal's guarded transitions and the engine's code storage, without any network.
import { describe, expect, it } from 'vitest'
import { openMemoryDatabase } from '../../src/core/db/open'
import { Storage } from '../../src/core/db/storage'
import { EventBus } from '../../src/core/events'
import { OrderEngine } from '../../src/core/orders/order-engine'
import { AppError } from '../../src/core/errors'
import type { ProviderAdapter, UpstreamOrder } from '../../src/core/providers/types'
import { openVaultWithKey } from '../../src/core/vault/vault'
import { randomBytes } from 'node:crypto'

function storageWithAccount(): Storage {
  const s = new Storage(openMemoryDatabase())
  s.accounts.insert({
    id: 'acc',
    kind: 'digetalhube',
    name: 'DH',
    baseUrl: 'http://127.0.0.1:1',
    currency: 'USDT',
    sealedCredentials: Buffer.from('x'),
    settings: { lowBalanceThreshold: null, pollIntervalSeconds: null, firstPollDelaySeconds: null, rateLimitPerMinute: null },
    demo: false,
    createdAt: new Date().toISOString()
  })
  return s
}

function plan(s: Storage, id: string, quantity = 2): void {
  s.orders.insertPlanned(
    [{ id, batchId: 'b', accountId: 'acc', productId: '123', variantId: null, title: 'PUBG', quantity, unitPrice: '1.05', currency: 'USDT', fields: {}, clientRef: `ref-${id}` }],
    new Date().toISOString()
  )
}

describe('order journal', () => {
  it('moves only along allowed transitions and records each one', () => {
    const s = storageWithAccount()
    plan(s, 'o1')
    const now = new Date().toISOString()
    s.orders.transition('o1', ['planned'], 'submitting', { submitStartedAt: now }, now)
    expect(() => s.orders.transition('o1', ['planned'], 'submitting', {}, now)).toThrow(/submitting and cannot become submitting/)
    s.orders.transition('o1', ['submitting'], 'submitted', { upstreamId: 'U1' }, now)
    expect(s.orders.events('o1').map((e) => e.toState)).toEqual(['planned', 'submitting', 'submitted'])
    expect(s.orders.mustGet('o1').attempts).toBe(1)
  })

  it('never lets two orders claim the same upstream order', () => {
    const s = storageWithAccount()
    plan(s, 'o1')
    plan(s, 'o2')
    const now = new Date().toISOString()
    for (const id of ['o1', 'o2']) s.orders.transition(id, ['planned'], 'submitting', {}, now)
    s.orders.transition('o1', ['submitting'], 'submitted', { upstreamId: 'SAME' }, now)
    expect(() => s.orders.transition('o2', ['submitting'], 'submitted', { upstreamId: 'SAME' }, now)).toThrow(/UNIQUE/)
    expect(s.orders.mustGet('o2').state).toBe('submitting')
  })
})

describe('storing delivered codes', () => {
  function engineWith(deliver: (id: string) => UpstreamOrder, create?: () => Promise<UpstreamOrder>) {
    const storage = storageWithAccount()
    const events = new EventBus()
    const vault = openVaultWithKey(randomBytes(32))
    let n = 0
    const adapter = {
      kind: 'digetalhube',
      capabilities: { clientReference: false, cancel: false, listOrders: false, supplier: true, minQuantityPerOrder: 1, maxQuantityPerOrder: 10, typicalDeliverySeconds: 0, pollIntervalSeconds: 0, rateLimits: { default: 60 }, partialFulfilment: false },
      getBalance: async () => ({ available: { amount: '0', currency: 'USDT' }, details: {} }),
      listCatalog: async () => [],
      createOrder: create ?? (async () => deliver(`U${++n}`)),
      getOrder: async (id: string) => deliver(id)
    } satisfies ProviderAdapter
    const engine = new OrderEngine({
      storage,
      vault,
      events,
      runtime: () => ({ adapter, pollIntervalMs: 1, firstPollDelayMs: 0 }),
      toView: (o) => ({ ...o, accountName: 'DH', kind: 'digetalhube', unitPrice: { amount: o.unitPrice, currency: o.currency }, total: { amount: '0', currency: o.currency }, deliveredCount: 0, refunded: null, error: null, cancellable: false, fields: o.fields }),
      now: () => new Date()
    })
    return { storage, events, vault, engine }
  }
  const completed = (id: string, codes: string[]): UpstreamOrder => ({
    upstreamId: id, clientRef: null, productId: '123', variantId: null, quantity: codes.length, createdAt: new Date(), status: 'completed',
    codes, charged: null, refunded: null, fulfilledQuantity: codes.length, step: null, message: null, upstreamStatus: 'completed'
  })

  it('keeps a code delivered twice and flags the second copy', async () => {
    const { storage, events, vault, engine } = engineWith((id) => completed(id, ['SAME-CODE', `OTHER-${id}`]))
    const notices: string[] = []
    events.on((e) => e.type === 'notice' && notices.push(e.message))
    plan(storage, 'o1')
    plan(storage, 'o2')
    engine.start()
    engine.wake('acc')
    await engine.whenSettled(['o1', 'o2'], 5_000)
    await engine.stop()
    const codes = storage.codes.list({})
    expect(codes).toHaveLength(4)
    const same = codes.filter((c) => vault.open(c.sealed, `code:${c.id}`) === 'SAME-CODE')
    expect(same).toHaveLength(2)
    expect(same.filter((c) => c.duplicateOf !== null)).toHaveLength(1)
    expect(notices.some((m) => /identical to one you already had/.test(m))).toBe(true)
  })

  it('sends an order that completes without codes to review, and keeps a short delivery as partial', async () => {
    const { storage, engine } = engineWith((id) => completed(id, id === 'U1' ? [] : ['ONLY-ONE']))
    plan(storage, 'o1', 2)
    plan(storage, 'o2', 2)
    engine.start()
    engine.wake('acc')
    const [o1, o2] = await engine.whenSettled(['o1', 'o2'], 5_000)
    await engine.stop()
    expect(o1!.state).toBe('needs_review')
    expect(o2!.state).toBe('partially_completed')
    expect(o2!.reviewReason).toMatch(/sent 1 of 2 codes/)
  })
})

describe('a refusal before anything was sent', () => {
  it('fails the order at once instead of reconciling it', async () => {
    const storage = storageWithAccount()
    const events = new EventBus()
    let calls = 0
    const adapter = {
      kind: 'digiseller',
      capabilities: { clientReference: false, cancel: false, listOrders: false, supplier: false, minQuantityPerOrder: 0, maxQuantityPerOrder: 0, typicalDeliverySeconds: 0, pollIntervalSeconds: 0, rateLimits: { default: 60 }, partialFulfilment: false },
      getBalance: async () => ({ available: { amount: '0', currency: 'USD' }, details: {} }),
      listCatalog: async () => [],
      createOrder: async () => {
        calls++
        throw new AppError('UNSUPPORTED', 'Digiseller is your storefront; codes are not bought from it.')
      },
      getOrder: async () => {
        throw new Error('unused')
      }
    } satisfies ProviderAdapter
    const engine = new OrderEngine({
      storage,
      vault: openVaultWithKey(randomBytes(32)),
      events,
      runtime: () => ({ adapter, pollIntervalMs: 1, firstPollDelayMs: 0 }),
      toView: (o) => ({ ...o, accountName: 'S', kind: 'digiseller', unitPrice: { amount: o.unitPrice, currency: o.currency }, total: { amount: '0', currency: o.currency }, deliveredCount: 0, refunded: null, error: null, cancellable: false, fields: o.fields }),
      now: () => new Date()
    })
    plan(storage, 'o1')
    engine.start()
    engine.wake('acc')
    const [o] = await engine.whenSettled(['o1'], 5_000)
    await engine.stop()
    expect(o!.state).toBe('failed')
    expect(o!.errorCode).toBe('UNSUPPORTED')
    expect(calls).toBe(1)
  })
})
