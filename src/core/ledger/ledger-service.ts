// The ledger: what upstreams say moved through the accounts (Digiseller's operations and sales), imported
// incrementally without duplicates, shown next to our own journal's purchases and refunds.
import type { LedgerRowView } from '../../shared/contract'
import type { Storage } from '../db/storage'
import type { LedgerRecord } from '../db/ledger-repo'
import { toPublicError } from '../errors'
import { multiply, normalize, subtract, zero } from '../money'
import type { AccountService } from '../accounts'
import { grossCharge } from '../orders'

/** The repositories this service uses (SQL stays in the storage layer, src/core/db). */
export type LedgerStorage = Pick<Storage, 'ledger' | 'orders'>

/** Re-read a little before the newest entry we have: an upstream may add entries with a slightly older time. */
const OVERLAP_MS = 24 * 60 * 60_000

export class LedgerService {
  constructor(
    private readonly storage: LedgerStorage,
    private readonly accounts: AccountService,
    private readonly now: () => Date
  ) {}

  async syncAccount(accountId: string): Promise<number> {
    const { adapter } = this.accounts.runtime(accountId)
    if (!adapter.listLedger) return 0
    const latest = this.storage.ledger.latestAt(accountId)
    const since = latest ? new Date(Date.parse(latest) - OVERLAP_MS) : null
    const entries = await adapter.listLedger({ since })
    const records: LedgerRecord[] = entries.map((e) => ({
      accountId,
      externalId: e.externalId,
      kind: e.kind,
      at: e.at.toISOString(),
      amount: normalize(e.amount.amount),
      currency: e.amount.currency,
      description: e.description,
      productId: e.productId,
      productName: e.productName,
      reference: e.reference,
      upstreamType: e.upstreamType
    }))
    return this.storage.ledger.insertNew(records, this.now().toISOString())
  }

  /** Sync one account or every account that keeps a statement; one failure does not stop the others. */
  async sync(accountId?: string): Promise<{ added: number; failed: { accountId: string; message: string }[] }> {
    const ids = accountId ? [accountId] : this.accounts.list().filter((a) => this.accounts.capabilities(a.kind).ledger).map((a) => a.id)
    let added = 0
    const failed: { accountId: string; message: string }[] = []
    for (const id of ids) {
      try {
        added += await this.syncAccount(id)
      } catch (e) {
        if (accountId) throw e
        failed.push({ accountId: id, message: toPublicError(e).message })
      }
    }
    return { added, failed }
  }

  /** Upstream entries and our journal's money movements, newest first. */
  list(f: { accountId?: string | undefined; since?: string | undefined; limit: number }): LedgerRowView[] {
    const names = new Map(this.accounts.list().map((a) => [a.id, a.name]))
    const kinds = new Map(this.accounts.list().map((a) => [a.id, a.kind]))
    const rows: LedgerRowView[] = this.storage.ledger.list(f).map((r) => ({
      source: 'upstream',
      accountId: r.accountId,
      accountName: names.get(r.accountId) ?? '',
      at: r.at,
      kind: r.kind,
      amount: { amount: r.amount, currency: r.currency },
      description: r.productName ? `${r.description} — ${r.productName}` : r.description,
      reference: r.reference
    }))
    const orders = this.storage.orders.list({ states: ['completed', 'partially_completed', 'failed', 'cancelled'], accountId: f.accountId, limit: f.limit })
    for (const o of orders) {
      const at = o.submitStartedAt ?? o.createdAt
      if (f.since && at < f.since) continue
      // The gross amount taken at purchase, its refund on its own line (order-money.ts: the same for every supplier).
      const kind = kinds.get(o.accountId)
      const charged = o.upstreamId && kind ? grossCharge(o, kind).amount : null
      if (charged !== null && o.upstreamId) {
        rows.push({
          source: 'journal',
          accountId: o.accountId,
          accountName: names.get(o.accountId) ?? '',
          at,
          kind: 'purchase',
          amount: subtract(zero(o.currency), { amount: charged, currency: o.currency }),
          description: `${o.quantity} × ${o.title}`,
          reference: o.upstreamId
        })
      }
      if (o.refunded && o.completedAt) {
        rows.push({
          source: 'journal',
          accountId: o.accountId,
          accountName: names.get(o.accountId) ?? '',
          at: o.completedAt,
          kind: 'refund',
          amount: { amount: normalize(o.refunded), currency: o.currency },
          description: `Refund: ${o.title}`,
          reference: o.upstreamId
        })
      }
    }
    return rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, f.limit)
  }
}
