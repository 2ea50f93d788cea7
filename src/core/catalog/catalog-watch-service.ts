// Watched products: after each catalog sync, a watched item whose price or stock differs from what was last seen
// is announced (a notice per item for people, one catalog.changed event with the details for the UI). What was
// seen is stored with the watch, so a restart neither repeats a notice nor misses a change.
import type { CatalogChange, WatchKey, WatchView, WatchedState } from '../../shared/contract'
import type { CatalogRecord } from '../db/catalog-repo'
import type { Storage } from '../db/storage'
import type { SeenState, WatchRecord } from '../db/watches-repo'
import { AppError } from '../errors'
import type { EventBus } from '../events'
import { compare } from '../money'
import { catalogText } from './text'

/** The repositories this service uses (SQL stays in the storage layer, src/core/db). */
export type CatalogWatchStorage = Pick<Storage, 'accounts' | 'catalog' | 'transaction' | 'watches'>

/** At most this many notices per sync; the rest are summed up in one. */
const MAX_NOTICES = 5

const seenOf = (r: CatalogRecord | null): SeenState | null => (r ? { price: r.price, currency: r.currency, stock: r.stock, inStock: r.inStock } : null)
const stateOf = (s: SeenState | null): WatchedState | null => (s ? { price: { amount: s.price, currency: s.currency }, stock: s.stock, inStock: s.inStock } : null)

function priceDiffers(a: SeenState | null, b: SeenState | null): boolean {
  if (!a || !b) return a !== b
  return a.currency !== b.currency || compare({ amount: a.price, currency: a.currency }, { amount: b.price, currency: a.currency }) !== 0
}

function stockDiffers(a: SeenState | null, b: SeenState | null): boolean {
  if (!a || !b) return a !== b
  return a.stock !== b.stock || a.inStock !== b.inStock
}

export class CatalogWatchService {
  constructor(
    private readonly storage: CatalogWatchStorage,
    private readonly events: EventBus,
    private readonly now: () => Date
  ) {}

  private toView(w: WatchRecord, names: Map<string, string>): WatchView {
    return {
      accountId: w.accountId,
      accountName: names.get(w.accountId) ?? '',
      productId: w.productId,
      variantId: w.variantId,
      title: w.title,
      variantName: w.variantName,
      current: stateOf(w.seen),
      watchedAt: w.watchedAt,
      lastChangedAt: w.lastChangedAt
    }
  }

  private names(): Map<string, string> {
    return new Map(this.storage.accounts.list().map((a) => [a.id, a.name]))
  }

  /** Starts watching an item of the cached catalog (watching it again changes nothing). */
  watch(key: WatchKey): WatchView {
    if (!this.storage.accounts.get(key.accountId)) throw new AppError('NOT_FOUND', 'That account does not exist.')
    const item = this.storage.catalog.get(key.accountId, key.productId, key.variantId)
    if (!item) throw new AppError('NOT_FOUND', 'That product is not in the catalog. Sync the catalog and try again.')
    const w = this.storage.watches.add({
      accountId: key.accountId,
      productId: key.productId,
      variantId: key.variantId,
      title: item.title,
      variantName: item.variantName,
      seen: seenOf(item),
      watchedAt: this.now().toISOString(),
      lastChangedAt: null
    })
    return this.toView(w, this.names())
  }

  unwatch(key: WatchKey): boolean {
    return this.storage.watches.remove(key.accountId, key.productId, key.variantId)
  }

  list(accountId?: string): WatchView[] {
    const names = this.names()
    return this.storage.watches.list(accountId).map((w) => this.toView(w, names))
  }

  /** Compares every watched item of the account with the freshly synced catalog; announces and remembers changes. */
  afterSync(accountId: string, syncedAt: string): CatalogChange[] {
    const watches = this.storage.watches.list(accountId)
    if (watches.length === 0) return []
    const accountName = this.storage.accounts.get(accountId)?.name ?? ''
    const changes: CatalogChange[] = []
    this.storage.transaction(() => {
      for (const w of watches) {
        const item = this.storage.catalog.get(accountId, w.productId, w.variantId)
        const now = seenOf(item)
        const priceChanged = priceDiffers(w.seen, now)
        const stockChanged = stockDiffers(w.seen, now)
        const changed = priceChanged || stockChanged
        this.storage.watches.saveSeen(accountId, w.productId, w.variantId, now, item ? { title: item.title, variantName: item.variantName } : null, changed ? syncedAt : null)
        if (!changed) continue
        const title = item ? (item.variantName ? `${item.title} — ${item.variantName}` : item.title) : w.variantName ? `${w.title} — ${w.variantName}` : w.title
        changes.push({ accountId, accountName, productId: w.productId, variantId: w.variantId, title, before: stateOf(w.seen), after: stateOf(now), priceChanged, stockChanged })
      }
    })
    if (changes.length === 0) return changes
    for (const c of changes.slice(0, MAX_NOTICES)) {
      this.events.emit({ type: 'notice', level: 'info', message: catalogText.watchChanged(accountName, c.title, c.before, c.after), about: 'catalog.changed' })
    }
    if (changes.length > MAX_NOTICES) this.events.emit({ type: 'notice', level: 'info', message: catalogText.watchMore(changes.length - MAX_NOTICES), about: 'catalog.changed' })
    this.events.emit({ type: 'catalog.changed', accountId, accountName, changes })
    return changes
  }
}
