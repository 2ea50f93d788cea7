// A core without network for the daily-workflow unit tests: an in-memory (or on-disk, for restarts) database, a
// vault, the services, and helpers that plant accounts, orders, codes, balance readings and statement entries.
import { randomBytes, randomUUID } from 'node:crypto'
import type { ProviderKind } from '../../src/shared/domain'
import { openDatabase, openMemoryDatabase } from '../../src/core/db/open'
import { Storage } from '../../src/core/db/storage'
import type { OrderRecord } from '../../src/core/db/orders-repo'
import { EventBus, type AppEvent } from '../../src/core/events'
import { AccountService } from '../../src/core/accounts/account-service'
import { BalanceService } from '../../src/core/balances/balance-service'
import { CodeService } from '../../src/core/codes/code-service'
import { LedgerService } from '../../src/core/ledger/ledger-service'
import { ReconcileService } from '../../src/core/reconcile/reconcile-service'
import { openVaultWithKey } from '../../src/core/vault/vault'
import type { OpenVault } from '../../src/core/vault/types'

export const DAY = 24 * 60 * 60_000

export class Clock {
  constructor(public ms: number) {}
  now = (): Date => new Date(this.ms)
  iso(offsetMs = 0): string {
    return new Date(this.ms + offsetMs).toISOString()
  }
}

export interface Fixture {
  storage: Storage
  vault: OpenVault
  events: EventBus
  seen: AppEvent[]
  clock: Clock
  actor: { name: string }
  accounts: AccountService
  balances: BalanceService
  codes: CodeService
  reconcile: ReconcileService
  addAccount(opts?: { id?: string; kind?: ProviderKind; name?: string; currency?: string; threshold?: string | null }): string
  addOrder(o: Partial<OrderRecord> & { accountId: string; quantity: number; unitPrice: string }): OrderRecord
  addCodes(orderId: string, n: number, createdAt?: string): string[]
  reading(accountId: string, available: string, at: string, details?: Record<string, string>): void
}

export function fixture(opts: { dataDir?: string; startMs?: number } = {}): Fixture {
  const storage = new Storage(opts.dataDir ? openDatabase(opts.dataDir) : openMemoryDatabase())
  const vault = openVaultWithKey(randomBytes(32))
  const events = new EventBus()
  const seen: AppEvent[] = []
  events.on((e) => seen.push(e))
  const clock = new Clock(opts.startMs ?? Date.parse('2026-11-20T12:00:00.000Z'))
  const actor = { name: 'Amina' }
  const accounts = new AccountService(storage, vault, events, () => actor.name, clock.now)
  const balances = new BalanceService(storage, accounts, events, clock.now)
  const codes = new CodeService(storage, vault, events, () => actor.name, clock.now)
  const ledger = new LedgerService(storage, accounts, clock.now)
  const reconcile = new ReconcileService(storage, accounts, balances, ledger, clock.now)
  let seq = 0
  return {
    storage,
    vault,
    events,
    seen,
    clock,
    actor,
    accounts,
    balances,
    codes,
    reconcile,
    addAccount(a = {}) {
      const id = a.id ?? randomUUID()
      storage.accounts.insert({
        id,
        kind: a.kind ?? 'digetalhube',
        name: a.name ?? `Account ${++seq}`,
        baseUrl: 'http://127.0.0.1:1',
        currency: a.currency ?? 'USDT',
        sealedCredentials: Buffer.from('never opened in these tests'),
        settings: { lowBalanceThreshold: a.threshold ?? null, pollIntervalSeconds: null, firstPollDelaySeconds: null, rateLimitPerMinute: null },
        demo: false,
        createdAt: clock.iso(-30 * DAY)
      })
      return id
    },
    addOrder(o) {
      const id = o.id ?? randomUUID()
      const createdAt = o.createdAt ?? clock.iso()
      storage.orders.insertPlanned(
        [{ id, batchId: 'b', accountId: o.accountId, productId: o.productId ?? '123', variantId: null, title: o.title ?? 'PUBG Mobile 60 UC', quantity: o.quantity, unitPrice: o.unitPrice, currency: o.currency ?? 'USDT', fields: {}, clientRef: `ref-${id}` }],
        createdAt
      )
      const at = o.submitStartedAt ?? createdAt
      storage.orders.transition(id, ['planned'], 'submitting', { submitStartedAt: at }, at)
      storage.orders.transition(id, ['submitting'], 'submitted', { upstreamId: o.upstreamId ?? `U-${id}`, charged: o.charged ?? null }, at)
      const final = o.state ?? 'completed'
      if (final !== 'submitted') {
        storage.orders.transition(id, ['submitted'], final, { refunded: o.refunded ?? null, completedAt: o.completedAt ?? at }, o.completedAt ?? at)
      }
      return storage.orders.mustGet(id)
    },
    addCodes(orderId, n, createdAt) {
      const order = storage.orders.mustGet(orderId)
      const ids: string[] = []
      const rows = Array.from({ length: n }, (_, i) => {
        const id = randomUUID()
        ids.push(id)
        const code = `CODE-${orderId.slice(0, 4)}-${String(i).padStart(6, '0')}`
        return {
          id,
          orderId,
          seq: i,
          accountId: order.accountId,
          productId: order.productId,
          sealed: vault.seal(code, `code:${id}`),
          fingerprint: vault.fingerprint(code),
          duplicateOf: null,
          state: 'in_stock' as const,
          voidReason: null,
          createdAt: createdAt ?? clock.iso(),
          exportedAt: null,
          soldAt: null
        }
      })
      storage.transaction(() => storage.codes.insertMany(rows))
      return ids
    },
    reading(accountId, available, at, details = {}) {
      storage.balances.insert({ accountId, available, currency: storage.accounts.get(accountId)!.currency, details, at })
    }
  }
}
