// Two engines on one data folder (two connections, as the app and a CLI): orders this engine placed but another
// process worked to the end are told as settled here too (order.settled: the delivery notice, the refresh of codes
// and balances), also when the other process takes one from planned to completed between two looks.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/db/open'
import { Storage } from '../../src/core/db/storage'
import { EventBus, type AppEvent } from '../../src/core/events'
import { AccountLeases } from '../../src/core/orders/order-leases'
import { OrderEngine } from '../../src/core/orders/order-engine'
import type { ProviderAdapter } from '../../src/core/providers/types'
import { openVaultWithKey } from '../../src/core/vault/vault'

const dirs: string[] = []
const closers: (() => unknown)[] = []
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('orders settled by another process', () => {
  it('emits order.settled for our orders another process completed, even within one look', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rd-engine-other-'))
    dirs.push(dir)
    const mine = new Storage(openDatabase(dir))
    const theirs = new Storage(openDatabase(dir))
    closers.push(() => mine.db.close(), () => theirs.db.close())
    mine.accounts.insert({
      id: 'acc', kind: 'digetalhube', name: 'DH', baseUrl: 'http://127.0.0.1:1', currency: 'USDT', sealedCredentials: Buffer.from('x'),
      settings: { lowBalanceThreshold: null, pollIntervalSeconds: null, firstPollDelaySeconds: null, rateLimitPerMinute: null }, demo: false, createdAt: new Date().toISOString()
    })
    // The other process holds the account: this engine never works these orders itself.
    const other = new AccountLeases(theirs.db, { kind: 'cli', isAlive: () => true })
    expect(other.hold('acc')).toBe(true)
    closers.push(() => other.releaseAll())
    const events = new EventBus()
    const settled: string[] = []
    events.on((e: AppEvent) => void (e.type === 'order.settled' && settled.push(e.order.id)))
    const adapter = { kind: 'digetalhube', capabilities: {} } as unknown as ProviderAdapter
    const engine = new OrderEngine({
      storage: mine,
      vault: openVaultWithKey(randomBytes(32)),
      events,
      runtime: () => ({ adapter, pollIntervalMs: 1, firstPollDelayMs: 0 }),
      toView: (o) => ({ ...o, accountName: 'DH', kind: 'digetalhube', unitPrice: { amount: o.unitPrice, currency: o.currency }, total: { amount: '0', currency: o.currency }, deliveredCount: 0, refunded: null, error: null, cancellable: false, fields: o.fields }),
      now: () => new Date()
    })
    closers.push(() => engine.stop())
    engine.start()
    const plan = (id: string) => {
      mine.orders.insertPlanned([{ id, batchId: 'b', accountId: 'acc', productId: '123', variantId: null, title: 'PUBG', quantity: 1, unitPrice: '1.05', currency: 'USDT', fields: {}, clientRef: `ref-${id}` }], new Date().toISOString())
      engine.track([id]) // as OrderService.place does
      engine.wake('acc')
    }
    const complete = (id: string) => {
      const at = new Date().toISOString()
      theirs.orders.transition(id, ['planned'], 'submitting', { submitStartedAt: at }, at)
      theirs.orders.transition(id, ['submitting'], 'submitted', { upstreamId: `U-${id}` }, at)
      theirs.orders.transition(id, ['submitted'], 'completed', { completedAt: at }, at)
    }
    // Placed here, taken from planned to completed by the other process in one go (between two looks).
    plan('o1')
    complete('o1')
    await events.waitFor((e) => e.type === 'order.settled' && e.order.id === 'o1', 10_000)
    // And one this engine sees in flight at the other process first, settled there later.
    plan('o2')
    const at = new Date().toISOString()
    theirs.orders.transition('o2', ['planned'], 'submitting', { submitStartedAt: at }, at)
    await events.waitFor((e) => e.type === 'orders.changed' && e.orders.some((o) => o.id === 'o2' && o.state === 'submitting'), 10_000)
    theirs.orders.transition('o2', ['submitting'], 'submitted', { upstreamId: 'U-o2' }, at)
    theirs.orders.transition('o2', ['submitted'], 'completed', { completedAt: at }, at)
    await events.waitFor((e) => e.type === 'order.settled' && e.order.id === 'o2', 10_000)
    expect(settled).toEqual(['o1', 'o2'])
    const [a, b] = await engine.whenSettled(['o1', 'o2'], 10_000)
    expect([a!.state, b!.state]).toEqual(['completed', 'completed'])
  })
})
