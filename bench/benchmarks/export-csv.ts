// 2. Export 100k codes to CSV through CodeService.exportCsv, as the app and `codes export --status in_stock
// --mark exported --bom` do: stream the codes, open (decrypt) each, csv-stringify in chunks with formula
// neutralisation, write to a temp file, fsync, rename, then mark the rows exported and audit, in one transaction.
// Bound: a multiple of the bare work — bare SELECT of the same rows, raw AES-256-GCM decrypt of the same 100k
// codes, and a raw write + fsync + rename of a file of the same size — measured in the same run.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { EventBus } from '../../src/core/events'
import { CodeService } from '../../src/core/codes/code-service'
import type { BenchOrder } from '../lib/data'
import type { MemoryPeak, MemorySampler } from '../lib/memory'
import { rawAtomicWrite, rawOpen, rawSeal } from '../lib/raw'
import { fmt, row, type BenchRow } from '../lib/report'
import { min, tick, timeSync } from '../lib/timer'
import type { SealStoreOutcome } from './seal-store'

/** Allowed overhead over bare read + decrypt + write: CSV quoting/escaping, row objects, order lookups, marking. */
export const EXPORT_FACTOR = 4

export async function benchExportCsv(opts: {
  kept: SealStoreOutcome['kept']
  rounds: number
  mem: MemorySampler
  log: (s: string) => void
}): Promise<{ rows: BenchRow[]; memory: MemoryPeak[] }> {
  const { storage, vault, dir, orders } = opts.kept
  const { mem, log } = opts
  const expected = storage.codes.count()
  const service = new CodeService(storage, vault, new EventBus(), () => 'bench', () => new Date('2025-06-01T12:00:00.000Z'))
  const out = join(dir, 'export.csv')
  const real: number[] = []
  const read: number[] = []
  const decrypt: number[] = []
  const write: number[] = []
  const memory: MemoryPeak[] = []
  let fileBytes = 0

  // The same plaintexts, raw-sealed once (not timed), so the raw decrypt works on values of the same sizes.
  const rawBoxes: { box: Buffer; aad: string }[] = []
  for (const o of orders) for (const code of o.codes) rawBoxes.push({ box: rawSeal(code, `code:${o.id}`), aad: `code:${o.id}` })

  const runReal = (round: number): void => {
    // set-up, not timed: every code back in stock so each round exports (and marks) all of them
    storage.db.prepare(`UPDATE codes SET state = 'in_stock', exported_at = NULL`).run()
    mem.beginPhase()
    const t = timeSync(() => service.exportCsv(out, { state: 'in_stock' }, { markExported: true, bom: true, onChunk: () => mem.poke() }))
    memory.push(mem.endPhase())
    if (t.value !== expected || storage.codes.count({ state: 'exported' }) !== expected) throw new Error(`export wrote ${t.value} rows, expected ${expected}`)
    fileBytes = statSync(out).size
    real.push(t.ms)
    log(`  round ${round}: real path ${fmt(t.ms, 'ms')} (${(fileBytes / 2 ** 20).toFixed(1)} MiB file)`)
  }

  const runBaseline = (round: number): void => {
    const r = timeSync(() => {
      let n = 0
      let i = 0
      for (const [id, sealed] of storage.db.prepare('SELECT id, sealed FROM codes').raw().iterate() as IterableIterator<[string, Buffer]>) {
        n += id.length + sealed.length
        if ((++i & 1023) === 0) mem.poke()
      }
      return n
    })
    const d = timeSync(() => {
      let n = 0
      for (let i = 0; i < rawBoxes.length; i++) {
        n += rawOpen(rawBoxes[i]!.box, rawBoxes[i]!.aad).length
        if ((i & 1023) === 0) mem.poke()
      }
      return n
    })
    const bytes = Buffer.alloc(fileBytes || 10_000_000, 0x41)
    const w = timeSync(() => rawAtomicWrite(join(dir, 'raw.csv'), bytes))
    read.push(r.ms)
    decrypt.push(d.ms)
    write.push(w.ms)
    log(`  round ${round}: bare SELECT ${fmt(r.ms, 'ms')}, raw GCM decrypt ${fmt(d.ms, 'ms')}, raw write ${fmt(w.ms, 'ms')}`)
  }

  // Real first: the raw write needs the real file's size.
  for (let r = 1; r <= opts.rounds; r++) {
    // Between steps, a turn of the event loop: Ctrl-C (tsx relays it through a JS handler) is honoured there.
    const [first, second] = r % 2 === 1 ? [runReal, runBaseline] : [runBaseline, runReal]
    first(r)
    await tick()
    second(r)
    await tick()
  }

  const figure = min(real)
  const baseline = min(read) + min(decrypt) + min(write)
  const bound = EXPORT_FACTOR * baseline
  return {
    memory,
    rows: [
      row({
        bench: '2 export CSV',
        name: `${expected / 1000}k codes → CSV (exportCsv, mark exported)`,
        figure,
        unit: 'ms',
        detail: `${(fileBytes / 2 ** 20).toFixed(1)} MiB`,
        bound,
        boundHow:
          `${EXPORT_FACTOR} × (bare SELECT of the same rows ${fmt(min(read), 'ms')} + raw AES-256-GCM decrypt of the same ${expected / 1000}k ` +
          `codes ${fmt(min(decrypt), 'ms')} + raw write+fsync+rename of a same-size file ${fmt(min(write), 'ms')}); the factor pays ` +
          `for CSV quoting and formula escaping, row objects, per-order lookups and marking ${expected / 1000}k rows exported`,
        data: { realMs: real, bareSelectMs: read, rawDecryptMs: decrypt, rawWriteMs: write, fileBytes, factor: EXPORT_FACTOR, rounds: opts.rounds, statistic: 'min over rounds' }
      })
    ]
  }
}
