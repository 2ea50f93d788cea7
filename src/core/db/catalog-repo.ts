import type { Db } from './open'
import type { CustomField } from '../../shared/contract'

export interface CatalogRecord {
  accountId: string
  productId: string
  variantId: string | null
  title: string
  variantName: string | null
  category: string
  description: string
  price: string
  currency: string
  stock: number | null
  inStock: boolean
  maxPerOrder: number
  fields: CustomField[]
  syncedAt: string
}

type Row = {
  account_id: string
  product_id: string
  variant_id: string
  title: string
  variant_name: string | null
  category: string
  description: string
  price: string
  currency: string
  stock: number | null
  in_stock: number
  max_per_order: number
  fields: string
  synced_at: string
}

function fromRow(r: Row): CatalogRecord {
  return {
    accountId: r.account_id,
    productId: r.product_id,
    variantId: r.variant_id === '' ? null : r.variant_id,
    title: r.title,
    variantName: r.variant_name,
    category: r.category,
    description: r.description,
    price: r.price,
    currency: r.currency,
    stock: r.stock,
    inStock: r.in_stock === 1,
    maxPerOrder: r.max_per_order,
    fields: JSON.parse(r.fields) as CustomField[],
    syncedAt: r.synced_at
  }
}

/** Turn what a person types into an FTS5 prefix query: every word must match the start of a word. */
export function toFtsQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12)
  if (words.length === 0) return null
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' AND ')
}

export class CatalogRepo {
  constructor(private readonly db: Db) {}

  /**
   * Replace one account's catalog with a fresh sync, in one transaction (search never sees half a catalog), then
   * rebuild the full-text index once — much cheaper than keeping it current row by row.
   */
  replaceForAccount(accountId: string, items: readonly CatalogRecord[]): void {
    const ins = this.db.prepare(
      `INSERT INTO catalog_items (account_id, product_id, variant_id, title, variant_name, category, description, price, currency,
                                  stock, in_stock, max_per_order, fields, synced_at)
       VALUES (@accountId, @productId, @variantId, @title, @variantName, @category, @description, @price, @currency,
               @stock, @inStock, @maxPerOrder, @fields, @syncedAt)
       ON CONFLICT (account_id, product_id, variant_id) DO UPDATE SET
         title = excluded.title, variant_name = excluded.variant_name, category = excluded.category,
         description = excluded.description, price = excluded.price, currency = excluded.currency, stock = excluded.stock,
         in_stock = excluded.in_stock, max_per_order = excluded.max_per_order, fields = excluded.fields, synced_at = excluded.synced_at`
    )
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM catalog_items WHERE account_id = ?').run(accountId)
      for (const it of items) {
        ins.run({ ...it, variantId: it.variantId ?? '', inStock: it.inStock ? 1 : 0, fields: JSON.stringify(it.fields) })
      }
      this.rebuildSearchIndex()
    }).immediate()
  }

  /** After any change to catalog_items (a sync, an account removed): the index must never point at reused rowids. */
  rebuildSearchIndex(): void {
    this.db.prepare("INSERT INTO catalog_fts(catalog_fts) VALUES ('rebuild')").run()
  }

  get(accountId: string, productId: string, variantId: string | null): CatalogRecord | null {
    const r = this.db
      .prepare('SELECT * FROM catalog_items WHERE account_id = ? AND product_id = ? AND variant_id = ?')
      .get(accountId, productId, variantId ?? '') as Row | undefined
    return r ? fromRow(r) : null
  }

  search(opts: { text: string; accountId?: string | undefined; productId?: string | undefined; limit: number }): CatalogRecord[] {
    const q = toFtsQuery(opts.text)
    const params = { q, accountId: opts.accountId, productId: opts.productId, limit: opts.limit }
    const filters = [opts.accountId ? 'c.account_id = @accountId' : null, opts.productId ? 'c.product_id = @productId' : null].filter((f) => f !== null)
    if (q === null) {
      const sql = `SELECT c.* FROM catalog_items c ${filters.length ? 'WHERE ' + filters.join(' AND ') : ''}
                   ORDER BY c.category, c.title, CAST(c.price AS REAL) LIMIT @limit`
      return (this.db.prepare(sql).all(params) as Row[]).map(fromRow)
    }
    const sql = `SELECT c.* FROM catalog_fts f JOIN catalog_items c ON c.rowid = f.rowid
                 WHERE catalog_fts MATCH @q ${filters.map((f) => 'AND ' + f).join(' ')}
                 ORDER BY f.rank LIMIT @limit`
    return (this.db.prepare(sql).all(params) as Row[]).map(fromRow)
  }

  countForAccount(accountId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM catalog_items WHERE account_id = ?').get(accountId) as { n: number }).n
  }
}
