// Catalog items a person watches, with what was last seen of each (price, stock), so a sync can tell what changed
// even across restarts, and a product that disappears and comes back is noticed both times.
import type { Db } from './open'

export interface SeenState {
  price: string
  currency: string
  stock: number | null
  inStock: boolean
}

export interface WatchRecord {
  accountId: string
  productId: string
  variantId: string | null
  title: string
  variantName: string | null
  /** null: the item was not in the account's catalog when last seen. */
  seen: SeenState | null
  watchedAt: string
  lastChangedAt: string | null
}

type Row = {
  account_id: string
  product_id: string
  variant_id: string
  title: string
  variant_name: string | null
  seen_price: string | null
  seen_currency: string | null
  seen_stock: number | null
  seen_in_stock: number | null
  watched_at: string
  last_changed_at: string | null
}

const fromRow = (r: Row): WatchRecord => ({
  accountId: r.account_id,
  productId: r.product_id,
  variantId: r.variant_id === '' ? null : r.variant_id,
  title: r.title,
  variantName: r.variant_name,
  seen: r.seen_price !== null && r.seen_currency !== null ? { price: r.seen_price, currency: r.seen_currency, stock: r.seen_stock, inStock: r.seen_in_stock === 1 } : null,
  watchedAt: r.watched_at,
  lastChangedAt: r.last_changed_at
})

const seenParams = (s: SeenState | null) => ({
  seenPrice: s?.price ?? null,
  seenCurrency: s?.currency ?? null,
  seenStock: s?.stock ?? null,
  seenInStock: s ? (s.inStock ? 1 : 0) : null
})

export class WatchesRepo {
  constructor(private readonly db: Db) {}

  /** Starts watching (or keeps an existing watch as it is). Returns the watch. */
  add(w: WatchRecord): WatchRecord {
    this.db
      .prepare(
        `INSERT INTO catalog_watches (account_id, product_id, variant_id, title, variant_name, seen_price, seen_currency, seen_stock,
                                      seen_in_stock, watched_at, last_changed_at)
         VALUES (@accountId, @productId, @variantId, @title, @variantName, @seenPrice, @seenCurrency, @seenStock, @seenInStock, @watchedAt, NULL)
         ON CONFLICT (account_id, product_id, variant_id) DO NOTHING`
      )
      .run({ accountId: w.accountId, productId: w.productId, variantId: w.variantId ?? '', title: w.title, variantName: w.variantName, watchedAt: w.watchedAt, ...seenParams(w.seen) })
    return this.get(w.accountId, w.productId, w.variantId)!
  }

  get(accountId: string, productId: string, variantId: string | null): WatchRecord | null {
    const r = this.db
      .prepare('SELECT * FROM catalog_watches WHERE account_id = ? AND product_id = ? AND variant_id = ?')
      .get(accountId, productId, variantId ?? '') as Row | undefined
    return r ? fromRow(r) : null
  }

  remove(accountId: string, productId: string, variantId: string | null): boolean {
    return this.db.prepare('DELETE FROM catalog_watches WHERE account_id = ? AND product_id = ? AND variant_id = ?').run(accountId, productId, variantId ?? '').changes > 0
  }

  list(accountId?: string): WatchRecord[] {
    const rows = (
      accountId
        ? this.db.prepare('SELECT * FROM catalog_watches WHERE account_id = ? ORDER BY watched_at, product_id').all(accountId)
        : this.db.prepare('SELECT * FROM catalog_watches ORDER BY watched_at, product_id').all()
    ) as Row[]
    return rows.map(fromRow)
  }

  /** Records what a sync saw; `changedAt` is set when it differed from what was seen before. */
  saveSeen(accountId: string, productId: string, variantId: string | null, seen: SeenState | null, title: { title: string; variantName: string | null } | null, changedAt: string | null): void {
    this.db
      .prepare(
        `UPDATE catalog_watches SET seen_price = @seenPrice, seen_currency = @seenCurrency, seen_stock = @seenStock, seen_in_stock = @seenInStock,
           title = COALESCE(@title, title), variant_name = CASE WHEN @title IS NULL THEN variant_name ELSE @variantName END,
           last_changed_at = COALESCE(@changedAt, last_changed_at)
         WHERE account_id = @accountId AND product_id = @productId AND variant_id = @variantId`
      )
      .run({ accountId, productId, variantId: variantId ?? '', title: title?.title ?? null, variantName: title?.variantName ?? null, changedAt, ...seenParams(seen) })
  }
}
