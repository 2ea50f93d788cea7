// Real on-disk data directories for the benchmarks: temp folders that are always removed, the bench accounts, and
// completed orders for the codes to belong to (codes.order_id references orders, with foreign keys on).
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../src/core/db/open'
import { Storage } from '../../src/core/db/storage'
import type { NewOrder } from '../../src/core/db/orders-repo'
import type { OpenVault } from '../../src/core/vault/types'
import { BENCH_ACCOUNTS, type BenchOrder } from './data'

// Every temp data directory of a run lives under one root, removed on every exit path:
//  - normal end or an error: removeTempDirs() (run.ts) and the process 'exit' hook;
//  - Ctrl-C, kill, crash: a small detached watcher process removes the root as soon as this process is gone.
// No SIGINT handler: the benchmarks block the event loop for seconds, so a JS handler would make Ctrl-C wait.
let root: string | null = null
let seq = 0

// Plain JS for `node -e`: argv = [node, root, pid]. Only ESRCH means the process is gone.
const WATCHER = `
const [root, pid] = process.argv.slice(1)
setInterval(() => {
  try { process.kill(Number(pid), 0) } catch (e) {
    if (e.code !== 'ESRCH') return
    require('node:fs').rmSync(root, { recursive: true, force: true })
    process.exit(0)
  }
}, 500)
`

function runRoot(): string {
  if (root) return root
  root = mkdtempSync(join(tmpdir(), 'resellerdesk-bench-'))
  const watcher = spawn(process.execPath, ['-e', WATCHER, root, String(process.pid)], { detached: true, stdio: 'ignore' })
  watcher.unref()
  process.once('exit', removeTempDirs)
  return root
}

/** A fresh private folder for one data directory, inside this run's temp root. */
export function makeTempDir(label: string): string {
  const dir = join(runRoot(), `${label}-${++seq}`)
  mkdirSync(dir, { mode: 0o700 })
  return dir
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** Removes this run's temp root and everything in it (safe to call more than once). */
export function removeTempDirs(): void {
  if (root) rmSync(root, { recursive: true, force: true })
  root = null
}

/** Opens a data directory exactly as the app does (WAL, synchronous = FULL, foreign keys, migrations). */
export function openStorage(dataDir: string): Storage {
  return new Storage(openDatabase(dataDir))
}

export function seedAccounts(storage: Storage, vault: OpenVault): void {
  storage.transaction(() => {
    for (const a of BENCH_ACCOUNTS) {
      storage.accounts.insert({
        id: a.id,
        kind: a.kind,
        name: a.name,
        baseUrl: 'http://127.0.0.1:9',
        currency: a.currency,
        sealedCredentials: vault.seal(JSON.stringify({ apiKey: `bench-key-${a.kind}` }), `account:${a.id}`),
        settings: { lowBalanceThreshold: null, pollIntervalSeconds: null, firstPollDelaySeconds: null, rateLimitPerMinute: null },
        demo: false,
        createdAt: '2025-01-01T00:00:00.000Z'
      })
    }
  })
}

/**
 * Journals the orders (through OrdersRepo, as planned) and then moves them to completed with an upstream id in one
 * statement: set-up only, never timed. The UPDATE is bench-only SQL; the app reaches `completed` transition by
 * transition.
 */
export function seedCompletedOrders(storage: Storage, orders: readonly BenchOrder[]): void {
  const planned: NewOrder[] = orders.map((o) => ({
    id: o.id,
    batchId: o.id,
    accountId: o.accountId,
    productId: o.product.id,
    variantId: null,
    title: o.product.title,
    quantity: o.codes.length,
    unitPrice: o.product.unitPrice,
    currency: 'USDT',
    fields: {},
    clientRef: `rd-${o.id}`
  }))
  storage.orders.insertPlanned(planned, '2025-01-01T00:00:00.000Z')
  markCompleted(storage.db)
}

function markCompleted(db: Db): void {
  db.prepare(
    `UPDATE orders SET state = 'completed', upstream_id = 'API-' || upper(replace(id, '-', '')), upstream_status = 'completed',
            fulfilled_quantity = quantity, charged = unit_price, completed_at = created_at, next_action_at = NULL
      WHERE state = 'planned'`
  ).run()
}
