// 3. Full-text search over 100k catalog items: four supplier accounts' catalogs (25k each, supplier-styled titles,
// categories, descriptions in the seed markets' languages) loaded through CatalogRepo.replaceForAccount, then 500
// searches drawn from a weighted mix of what people type (including keystroke prefixes of search-as-you-type),
// each timed alone through CatalogRepo.search with the UI's limit (200).
//
// Bound (gating): the index must earn its keep against the search it replaces. Measured in the same run: the same
// query mix answered by a LIKE scan with the same meaning (every word in title, variant, category or description;
// sorted; same limit). FTS p95 must stay under a quarter of the scan's p95 — see SEARCH_SCAN_FRACTION.
// Context (non-gating): p95 against a fixed 20 ms budget. 20 ms is what the query may take so that a keystroke,
// IPC both ways and a React render still land within ~50 ms, the point where typing starts to feel laggy. It is an
// absolute time, so it reads differently on a slow CI box than on a shop's desktop: shown, never failing --strict.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import type { CatalogRecord } from '../../src/core/db/catalog-repo'
import { openVaultWithKey } from '../../src/core/vault/open-vault'
import { BENCH_ACCOUNTS, BENCH_DATA_KEY, generateCatalog, generateQueries } from '../lib/data'
import { makeTempDir, openStorage, removeTempDir, seedAccounts } from '../lib/fixture'
import type { MemoryPeak, MemorySampler } from '../lib/memory'
import { fmt, row, type BenchRow } from '../lib/report'
import { median, percentile, timeSync } from '../lib/timer'

export const SEARCH_LIMIT = 200 // src/renderer/src/features/catalog/store.ts
export const SEARCH_QUERIES = 500
/** FTS p95 ≤ this × LIKE-scan p95. */
export const SEARCH_SCAN_FRACTION = 0.25
/** Non-gating context: absolute p95 budget per query. */
export const SEARCH_BUDGET_MS = 20
/** Catalog sync: replaceForAccount ≤ this × (bare INSERT into a plain table + bare FTS5 insert of the same text). */
export const SYNC_FACTOR = 2

/** The LIKE scan a catalog without FTS would run: the same words, the same columns, the same order and limit. */
function likeScan(db: Database.Database, text: string): number {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12)
  const where = words.map((_, i) => `(title LIKE @w${i} OR variant_name LIKE @w${i} OR category LIKE @w${i} OR description LIKE @w${i})`)
  const params: Record<string, string | number> = { limit: SEARCH_LIMIT }
  words.forEach((w, i) => (params[`w${i}`] = `%${w}%`))
  const sql = `SELECT * FROM catalog_items ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY category, title LIMIT @limit`
  return db.prepare(sql).all(params).length
}

/** Bare loading of the same rows: a plain table with no keys or triggers, plus a standalone FTS5 index of the same text. */
function bareCatalogLoad(dir: string, catalogs: readonly CatalogRecord[][]): { tableMs: number; ftsMs: number } {
  const db = new Database(join(dir, 'bare-catalog.sqlite'))
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.exec(`CREATE TABLE items (account_id TEXT, product_id TEXT, variant_id TEXT, title TEXT, variant_name TEXT, category TEXT,
             description TEXT, price TEXT, currency TEXT, stock INTEGER, in_stock INTEGER, max_per_order INTEGER, fields TEXT, synced_at TEXT);
             CREATE VIRTUAL TABLE items_fts USING fts5(title, variant_name, category, description, tokenize = 'unicode61 remove_diacritics 2');`)
    const ins = db.prepare('INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    const fts = db.prepare('INSERT INTO items_fts VALUES (?, ?, ?, ?)')
    const t = timeSync(() => {
      for (const items of catalogs) {
        db.transaction(() => {
          for (const it of items) {
            ins.run(it.accountId, it.productId, it.variantId ?? '', it.title, it.variantName, it.category, it.description, it.price,
              it.currency, it.stock, it.inStock ? 1 : 0, it.maxPerOrder, JSON.stringify(it.fields), it.syncedAt)
          }
        })()
      }
    })
    const f = timeSync(() => {
      for (const items of catalogs) {
        db.transaction(() => {
          for (const it of items) fts.run(it.title, it.variantName, it.category, it.description)
        })()
      }
    })
    return { tableMs: t.ms, ftsMs: f.ms }
  } finally {
    db.close()
  }
}

export function benchSearch(opts: { items: number; mem: MemorySampler; log: (s: string) => void }): { rows: BenchRow[]; memory: MemoryPeak[] } {
  const { mem, log } = opts
  const perAccount = Math.ceil(opts.items / BENCH_ACCOUNTS.length)
  const catalogs = BENCH_ACCOUNTS.map((a, i) => generateCatalog(a.id, i, perAccount))
  const total = catalogs.reduce((s, c) => s + c.length, 0)
  const queries = generateQueries(SEARCH_QUERIES)
  const dir = makeTempDir('search')
  const storage = openStorage(dir)
  const memory: MemoryPeak[] = []
  try {
    seedAccounts(storage, openVaultWithKey(BENCH_DATA_KEY))

    // the catalog sync (one replaceForAccount per account, as CatalogService.sync does)
    mem.beginPhase()
    const sync = timeSync(() => {
      for (const [i, a] of BENCH_ACCOUNTS.entries()) {
        storage.catalog.replaceForAccount(a.id, catalogs[i]!)
        mem.poke()
      }
    })
    memory.push(mem.endPhase())
    if (storage.db.prepare('SELECT COUNT(*) AS n FROM catalog_items').pluck().get() !== total) throw new Error('catalog not fully stored')
    log(`  catalog sync of ${total} items: ${fmt(sync.ms, 'ms')}`)
    const bare = bareCatalogLoad(dir, catalogs)
    log(`  bare table INSERT ${fmt(bare.tableMs, 'ms')}, bare FTS5 insert ${fmt(bare.ftsMs, 'ms')}`)

    // warm-up: the first statements compile and pull the index into the page cache
    for (const q of queries.slice(0, 20)) storage.catalog.search({ text: q, limit: SEARCH_LIMIT })

    mem.beginPhase()
    const times: number[] = []
    const hits = new Map<string, number>()
    for (const q of queries) {
      const t = timeSync(() => storage.catalog.search({ text: q, limit: SEARCH_LIMIT }))
      times.push(t.ms)
      hits.set(q, t.value.length)
      mem.poke()
    }
    memory.push(mem.endPhase())
    const p50 = median(times)
    const p95 = percentile(times, 95)
    log(`  FTS search ×${queries.length}: p50 ${fmt(p50, 'ms')}, p95 ${fmt(p95, 'ms')}, max ${fmt(Math.max(...times), 'ms')}`)

    // LIKE baseline: each distinct query once, then weighted by the same mix
    const likeBy = new Map<string, number>()
    likeScan(storage.db, 'warm up')
    for (const q of new Set(queries)) likeBy.set(q, timeSync(() => likeScan(storage.db, q)).ms)
    const likeTimes = queries.map((q) => likeBy.get(q)!)
    const likeP50 = median(likeTimes)
    const likeP95 = percentile(likeTimes, 95)
    log(`  LIKE scan (${likeBy.size} distinct queries): p50 ${fmt(likeP50, 'ms')}, p95 ${fmt(likeP95, 'ms')}`)

    const slowest = [...new Set(queries)]
      .map((q) => ({ q, ms: Math.max(...times.filter((_, i) => queries[i] === q)), hits: hits.get(q) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
    const syncBound = SYNC_FACTOR * (bare.tableMs + bare.ftsMs)
    return {
      memory,
      rows: [
        row({
          bench: '3 search',
          name: `catalog sync, ${total / 1000}k items (replaceForAccount ×${BENCH_ACCOUNTS.length})`,
          figure: sync.ms,
          unit: 'ms',
          bound: syncBound,
          boundHow:
            `${SYNC_FACTOR} × (bare INSERT of the same rows into a plain table ${fmt(bare.tableMs, 'ms')} + bare insert of the same text ` +
            `into a standalone FTS5 table ${fmt(bare.ftsMs, 'ms')}); the factor pays for the primary key, the upsert clause and the triggers`,
          data: { syncMs: sync.ms, bareTableMs: bare.tableMs, bareFtsMs: bare.ftsMs, factor: SYNC_FACTOR }
        }),
        row({
          bench: '3 search',
          name: `FTS search p95, ${queries.length} queries over ${total / 1000}k items`,
          figure: p95,
          unit: 'ms',
          detail: `p50 ${fmt(p50, 'ms')}`,
          bound: SEARCH_SCAN_FRACTION * likeP95,
          boundHow:
            `${SEARCH_SCAN_FRACTION} × p95 of a LIKE scan answering the same query mix (same words, columns, order, limit) ` +
            `${fmt(likeP95, 'ms')} (p50 ${fmt(likeP50, 'ms')}): the index must be several times faster than reading the whole table`,
          data: { p50, p95, max: Math.max(...times), likeP50, likeP95, likeByQuery: Object.fromEntries(likeBy), slowest, fraction: SEARCH_SCAN_FRACTION }
        }),
        row({
          bench: '3 search',
          name: 'FTS search p95 vs fixed budget',
          figure: p95,
          unit: 'ms',
          detail: `p50 ${fmt(p50, 'ms')}`,
          bound: SEARCH_BUDGET_MS,
          gating: false,
          boundHow:
            `fixed ${SEARCH_BUDGET_MS} ms per query (keystroke → query → IPC → render within ~50 ms); absolute, so shown for ` +
            `context only and never failing --strict`
        })
      ]
    }
  } finally {
    storage.close()
    removeTempDir(dir)
  }
}
