// Three real processes write to one data folder for a minute (the app and two CLIs, say): every write waits its
// turn and none fails with SQLITE_BUSY, because every write transaction takes the write lock when it starts.
// STORAGE_CONTENTION_SECONDS shortens the run for a quick local check; the suite runs the full minute.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/db/open'
import { Storage } from '../../src/core/db/storage'

const SECONDS = Number(process.env.STORAGE_CONTENTION_SECONDS ?? 60)
const WRITER = join(import.meta.dirname, 'processes', 'journal-writer.ts')

function writer(dataDir: string, accountId: string, name: string): Promise<{ name: string; finished: number; errors: string[]; exit: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, accountId, String(SECONDS), name], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('error', reject)
    child.on('close', (exit) => {
      try {
        resolve({ ...(JSON.parse(out.trim()) as { name: string; finished: number; errors: string[] }), exit })
      } catch {
        reject(new Error(`${name} printed no result (exit ${exit}): ${err.slice(0, 2000)}`))
      }
    })
  })
}

describe('one data folder, three writing processes', () => {
  it(`three processes walking orders through the journal for ${SECONDS} s meet no SQLITE_BUSY`, { timeout: SECONDS * 1000 + 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rd-contention-'))
    try {
      const storage = new Storage(openDatabase(dataDir))
      const accountId = 'acct-1'
      storage.accounts.insert({ id: accountId, kind: 'digetalhube', name: 'DH', baseUrl: 'http://127.0.0.1:1', currency: 'USDT', sealedCredentials: Buffer.from('sealed'), settings: { lowBalanceThreshold: null, pollIntervalSeconds: null, firstPollDelaySeconds: null, rateLimitPerMinute: null }, demo: false, createdAt: new Date().toISOString() })
      storage.close()

      const results = await Promise.all(['A', 'B', 'C'].map((n) => writer(dataDir, accountId, n)))
      for (const r of results) {
        expect(r.errors, `process ${r.name}`).toEqual([])
        expect(r.exit).toBe(0)
        expect(r.finished).toBeGreaterThan(0)
      }
      // Every order each process finished is in the journal, completed, with its four transitions.
      const check = new Storage(openDatabase(dataDir))
      const total = results.reduce((n, r) => n + r.finished, 0)
      expect(check.orders.list({ state: 'completed', limit: 10_000_000 }).length).toBe(total)
      const events = (check.db.prepare('SELECT COUNT(*) AS n FROM order_events').get() as { n: number }).n
      expect(events).toBe(total * 4)
      check.close()
      console.log(`storage contention: ${results.map((r) => `${r.name} ${r.finished}`).join(', ')} orders in ${SECONDS} s`)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
