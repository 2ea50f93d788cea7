// A `codes export` CLI process SIGKILLed at random points, again and again: while it writes its temp file, right
// after the file lands (while it marks the codes), or wherever the jitter takes it. After each kill the next start
// must leave no temp file behind (each holds plain codes), must have marked every code of a file that landed, and
// no code may ever be in two exported files.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Session } from '../../src/core/app/session'
import { EventBus } from '../../src/core/events'
import { createPassphraseKeyProvider } from '../../src/core/vault/passphrase-provider'

const ROOT = resolve(import.meta.dirname, '../..')
const CLI = join(ROOT, 'src/cli/index.ts')
const PASSPHRASE = 'export-kill passphrase'
/** Codes per product; each run exports one product, so every run has codes to lose or repeat. */
const PER_PRODUCT = 1_500
const PRODUCTS = 10
const KILLS = Number(process.env.EXPORT_KILLS ?? 8) // at most PRODUCTS

function seededRandom(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

async function open(dataDir: string): Promise<Session> {
  return Session.open({
    dataDir,
    keyProvider: createPassphraseKeyProvider(PASSPHRASE),
    mode: 'live',
    actor: 'test',
    events: new EventBus(),
    shell: { chooseExportPath: async () => null, copyToClipboard: async () => undefined },
    balanceEveryMs: null
  })
}

/** The codes in a CSV written with `--columns code` (header first). */
function codesIn(file: string): string[] {
  return readFileSync(file, 'utf8').split('\r\n').slice(1).filter(Boolean)
}

const tempFiles = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.tmp'))

let dataDir: string
let outDir: string
let planted: string[]

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rd-export-kill-'))
  outDir = mkdtempSync(join(tmpdir(), 'rd-export-kill-out-'))
  const s = await open(dataDir)
  try {
    const account = s.accounts.add({ name: 'DH', baseUrl: 'http://127.0.0.1:1', credentials: { kind: 'digetalhube', apiKey: 'k' } })
    const at = new Date().toISOString()
    planted = []
    s.storage.transaction(() => {
      for (let o = 0; o < (PER_PRODUCT * PRODUCTS) / 10; o++) {
        const orderId = randomUUID()
        const productId = `p${o % PRODUCTS}`
        s.storage.orders.insertPlanned([{ id: orderId, batchId: 'b', accountId: account.id, productId, variantId: null, title: 'PUBG Mobile 60 UC', quantity: 10, unitPrice: '1.05', currency: 'USDT', fields: {}, clientRef: `rd${orderId.replace(/-/g, '').slice(0, 24)}` }], at)
        const rows = Array.from({ length: 10 }, (_, seq) => {
          const id = randomUUID()
          const code = `PUBG-${String(o).padStart(5, '0')}-${seq}-${id.slice(0, 8)}`
          planted.push(code)
          return { id, orderId, seq, accountId: account.id, productId, sealed: s.vault.seal(code, `code:${id}`), fingerprint: s.vault.fingerprint(code), duplicateOf: null, state: 'in_stock' as const, voidReason: null, createdAt: at, exportedAt: null, soldAt: null }
        })
        s.storage.codes.insertMany(rows)
      }
    })
  } finally {
    await s.close()
  }
}, 120_000)

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(outDir, { recursive: true, force: true })
})

/**
 * Runs `codes export` of one product (all when null) into `file` and SIGKILLs it at a point chosen by `when`: once its temp file exists (it is
 * writing plain codes) or once the file has landed (it is marking codes), plus `jitterMs`. Polls the folder for
 * those states (a known state, not a guess at timing). Returns whether it was killed before it finished.
 */
async function exportAndKill(file: string, product: string | null, when: 'writing' | 'landed', jitterMs: number): Promise<boolean> {
  const only = product ? ['--product', product] : []
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dataDir, 'codes', 'export', '--csv', file, '--status', 'in_stock', '--mark', 'exported', '--columns', 'code', ...only], {
    cwd: ROOT,
    env: { ...process.env, RESELLERDESK_PASSPHRASE: PASSPHRASE },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)))
  let done = false
  void exited.then(() => (done = true))
  const reached = await new Promise<boolean>((res) => {
    const poll = setInterval(() => {
      const hit = when === 'writing' ? tempFiles(outDir).length > 0 : existsSync(file)
      if (hit || done) (clearInterval(poll), res(hit && !done))
    }, 2)
  })
  if (!reached) return (await exited, false)
  await new Promise((r) => setTimeout(r, jitterMs))
  if (done) return false
  child.kill('SIGKILL')
  await exited
  return true
}

describe('a killed codes export', () => {
  it(`leaves no temp file and exports no code twice, over ${KILLS} kills at random points`, { timeout: 600_000 }, async () => {
    const random = seededRandom(20261204)
    const files: string[] = []
    let killed = 0
    for (let i = 0; i < KILLS; i++) {
      const file = join(outDir, `run-${i}.csv`)
      files.push(file)
      const when = random() < 0.5 ? 'writing' : 'landed'
      if (await exportAndKill(file, `p${i}`, when, Math.floor(random() * 150))) killed++

      // The next start settles what the kill left.
      const s = await open(dataDir)
      try {
        expect(tempFiles(outDir), `run ${i} (${when})`).toEqual([])
        expect(s.storage.exports.unfinished()).toEqual([])
        const exported = new Set(s.storage.codes.list({ state: 'exported' }, 1_000_000).map((c) => s.vault.open(c.sealed, `code:${c.id}`)))
        const seen = new Set<string>()
        for (const f of files.filter((p) => existsSync(p))) {
          for (const code of codesIn(f)) {
            expect(seen.has(code), `${code} in two files`).toBe(false)
            seen.add(code)
            // A file that landed has every one of its codes marked, so the next export cannot repeat them.
            expect(exported.has(code), `${code} of ${f} not marked`).toBe(true)
          }
        }
        expect(seen.size).toBe(exported.size)
      } finally {
        await s.close()
      }
    }
    expect(killed).toBeGreaterThan(0)

    // One export to the end takes the rest: every planted code is in exactly one file.
    const last = join(outDir, 'rest.csv')
    expect(await exportAndKill(last, null, 'landed', 60_000)).toBe(false)
    const all = files.filter((p) => existsSync(p)).concat(last).flatMap(codesIn)
    expect(all.length).toBe(planted.length)
    expect(new Set(all)).toEqual(new Set(planted))
    expect(tempFiles(outDir)).toEqual([])
    console.log(`export kills: ${killed} of ${KILLS} runs killed; ${files.filter((p) => existsSync(p)).length} files landed before/at the kill`)
  })
})
