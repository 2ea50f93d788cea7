// The catalog cache: synced from each supplier into SQLite (full-text indexed), searched across all accounts.
import type { CatalogItemView } from '../../shared/contract'
import type { CatalogRecord } from '../db/catalog-repo'
import type { Storage } from '../db/storage'
import type { EventBus } from '../events'
import { toPublicError } from '../errors'
import type { AccountService } from '../accounts'
import type { Pricer } from './markup-service'
import { catalogItemProblem, roundFloatNoise } from '../providers/amounts'

/** The repositories this service uses (SQL stays in the storage layer, src/core/db). */
export type CatalogStorage = Pick<Storage, 'catalog'>

/** Told after each successful sync of an account, once the fresh catalog is stored. */
export type SyncListener = (accountId: string, syncedAt: string) => void

export class CatalogService {
  private pricing: (() => Pricer) | null = null
  private readonly syncListeners = new Set<SyncListener>()
  /** Per account, the items the last sync kept out of the catalog (impossible price or stock), for people to see. */
  private readonly lastLeftOut = new Map<string, { productId: string; variantId: string | null; title: string; reason: string }[]>()

  constructor(
    private readonly storage: CatalogStorage,
    private readonly accounts: AccountService,
    private readonly events: EventBus,
    private readonly now: () => Date
  ) {}

  async syncAccount(accountId: string): Promise<number> {
    const rt = this.accounts.runtime(accountId)
    if (!rt.adapter.capabilities.supplier) return 0
    // A price with binary-float noise (3.1500000000000004) is the 6-decimal price it stands for (amounts.ts).
    const listed = (await rt.adapter.listCatalog()).map((p) => ({ ...p, price: { ...p.price, amount: roundFloatNoise(p.price.amount) } }))
    // An item with an impossible price or stock (−5, 0, 1e-7, 30 digits, stock −3) is kept out of the catalog, so it
    // can never be planned or bought; the sync says which items were left out and why.
    const leftOut: { productId: string; variantId: string | null; title: string; reason: string }[] = []
    const products = listed.filter((p) => {
      const problem = catalogItemProblem(p)
      if (problem) leftOut.push({ productId: p.productId, variantId: p.variantId, title: p.title.slice(0, 80), reason: problem })
      return problem === null
    })
    this.lastLeftOut.set(accountId, leftOut)
    const syncedAt = this.now().toISOString()
    const records: CatalogRecord[] = products.map((p) => ({
      accountId,
      productId: p.productId,
      variantId: p.variantId,
      title: p.title,
      variantName: p.variantName,
      category: p.category,
      description: p.description,
      price: p.price.amount,
      currency: p.price.currency,
      stock: p.stock,
      inStock: p.inStock,
      maxPerOrder: p.maxPerOrder,
      fields: p.fields,
      syncedAt
    }))
    this.storage.catalog.replaceForAccount(accountId, records)
    for (const l of [...this.syncListeners]) {
      try {
        l(accountId, syncedAt)
      } catch {
        // Watches and schedules must never make a good sync look failed.
      }
    }
    this.events.emit({ type: 'catalog.synced', accountId, items: records.length })
    return records.length
  }

  /** Sync one account or all; one failing account does not stop the others. */
  async sync(accountId?: string): Promise<{
    items: number
    failed: { accountId: string; message: string }[]
    leftOut: { accountId: string; productId: string; variantId: string | null; title: string; reason: string }[]
  }> {
    const ids = accountId ? [accountId] : this.accounts.list().map((a) => a.id)
    let items = 0
    const failed: { accountId: string; message: string }[] = []
    const leftOut: { accountId: string; productId: string; variantId: string | null; title: string; reason: string }[] = []
    for (const id of ids) {
      try {
        items += await this.syncAccount(id)
        leftOut.push(...this.leftOut(id).map((l) => ({ accountId: id, ...l })))
      } catch (e) {
        if (accountId) throw e
        failed.push({ accountId: id, message: toPublicError(e).message })
      }
    }
    return { items, failed, leftOut }
  }

  /** The items the last sync of this account kept out of the catalog, with the reason for each. */
  leftOut(accountId: string): { productId: string; variantId: string | null; title: string; reason: string }[] {
    return this.lastLeftOut.get(accountId) ?? []
  }

  /** Where sell prices come from (the markup rules); without it, search shows none. */
  usePricing(pricing: () => Pricer): void {
    this.pricing = pricing
  }

  onSynced(listener: SyncListener): () => void {
    this.syncListeners.add(listener)
    return () => this.syncListeners.delete(listener)
  }

  search(text: string, opts: { accountId?: string | undefined; productId?: string | undefined; limit: number }): CatalogItemView[] {
    const names = new Map(this.accounts.list().map((a) => [a.id, a]))
    const price = this.pricing?.() ?? null
    return this.storage.catalog.search({ text, accountId: opts.accountId, productId: opts.productId, limit: opts.limit }).flatMap((r) => {
      const a = names.get(r.accountId)
      if (!a) return []
      return [
        {
          accountId: r.accountId,
          accountName: a.name,
          kind: a.kind,
          productId: r.productId,
          variantId: r.variantId,
          title: r.title,
          variantName: r.variantName,
          category: r.category,
          description: r.description,
          price: { amount: r.price, currency: r.currency },
          stock: r.stock,
          inStock: r.inStock,
          maxPerOrder: r.maxPerOrder,
          fields: r.fields,
          syncedAt: r.syncedAt,
          sellPrice: price ? price({ accountId: r.accountId, category: r.category, price: { amount: r.price, currency: r.currency } }) : null
        }
      ]
    })
  }
}
