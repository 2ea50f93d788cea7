// Runs in a fresh process (node --import tsx bench/benchmarks/cold-start-child.ts <dataDir>): times a cold start over
// an existing data directory, step by step exactly as Session.open and the Codes screen's first load do it —
// openDatabase (WAL, pragmas, migrations), openVault with the passphrase provider at the default scrypt cost, then
// CodeService.list with the screen's default filter (in stock), first page of 500, masked — and then, in the same
// process, the baseline: scrypt alone at the same cost, and a bare open of the same file with one read. Prints one
// JSON line. Module loading happens before the clock starts (in the app it is the bundle's load, not this work).
import Database from 'better-sqlite3'
import { randomBytes, scrypt } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DB_FILE, openDatabase } from '../../src/core/db/open'
import { Storage } from '../../src/core/db/storage'
import { EventBus } from '../../src/core/events'
import { CodeService } from '../../src/core/codes/code-service'
import { createPassphraseKeyProvider, DEFAULT_SCRYPT_COST } from '../../src/core/vault/passphrase-provider'
import { openVault } from '../../src/core/vault/vault'
import { BENCH_PASSPHRASE } from '../lib/data'

export const FIRST_PAGE = 500

function peakRssMb(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    return m ? Number(m[1]) / 1024 : null
  } catch {
    return null
  }
}

function scryptOnce(): Promise<number> {
  const { N, r, p } = DEFAULT_SCRYPT_COST
  const maxmem = 128 * r * (N + 2) + 128 * r * p + 2 ** 20
  const t0 = performance.now()
  return new Promise((resolve, reject) =>
    scrypt(Buffer.from(BENCH_PASSPHRASE), randomBytes(16), 32, { N, r, p, maxmem }, (err) => (err ? reject(err) : resolve(performance.now() - t0)))
  )
}

async function main(): Promise<void> {
  const dataDir = process.argv[2]
  if (!dataDir) throw new Error('usage: cold-start-child.ts <dataDir>')

  // --- the app's path ---
  const t0 = performance.now()
  const db = openDatabase(dataDir)
  const t1 = performance.now()
  const storage = new Storage(db)
  const vault = await openVault(storage.vaultMeta, createPassphraseKeyProvider(BENCH_PASSPHRASE))
  const t2 = performance.now()
  const codes = new CodeService(storage, vault, new EventBus(), () => 'bench', () => new Date())
  const page = codes.list({ state: 'in_stock' }, FIRST_PAGE)
  const t3 = performance.now()
  if (page.length !== FIRST_PAGE || !page[0]!.masked.startsWith('••••')) throw new Error(`first page has ${page.length} rows`)
  storage.close()

  // --- the baseline, same process ---
  const scryptMs = await scryptOnce()
  const b0 = performance.now()
  const bare = new Database(join(dataDir, DB_FILE), { fileMustExist: true })
  const wrapped = bare.prepare('SELECT wrapped_key FROM vault_meta WHERE id = 1').pluck().get()
  const bareOpenMs = performance.now() - b0
  bare.close()
  if (typeof wrapped !== 'string') throw new Error('no wrapped key in the cold-start data')

  process.stdout.write(
    JSON.stringify({
      openMigrateMs: t1 - t0,
      unwrapMs: t2 - t1,
      firstPageMs: t3 - t2,
      totalMs: t3 - t0,
      scryptMs,
      bareOpenMs,
      peakRssMb: peakRssMb()
    }) + '\n'
  )
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
