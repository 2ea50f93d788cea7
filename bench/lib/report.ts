// Results: one row per figure, each a ratio against a bound measured in the same run on the same machine, printed
// as a table and saved as JSON. A row is "ok" when ratio ≤ 1. Rows marked non-gating are shown for context and
// never make `--strict` fail (the absolute search budget: an absolute time means something else on every machine).
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'

export type Unit = 'ms' | 'MB'

export interface BenchRow {
  /** Benchmark number and id, e.g. "1 seal+store". */
  bench: string
  /** What was measured. */
  name: string
  figure: number
  unit: Unit
  /** Extra figures shown next to the main one (e.g. p50 when the main figure is p95). */
  detail?: string
  bound: number
  /** How the bound was derived, with the baseline figures measured in this run. */
  boundHow: string
  ratio: number
  status: 'ok' | 'over'
  /** Whether the row counts for --strict. */
  gating: boolean
  /** Everything measured for the row (components, rounds), for the JSON file. */
  data?: Record<string, unknown>
}

export function row(r: Omit<BenchRow, 'ratio' | 'status' | 'gating'> & { gating?: boolean }): BenchRow {
  const ratio = r.figure / r.bound
  return { ...r, gating: r.gating ?? true, ratio, status: ratio <= 1 ? 'ok' : 'over' }
}

export function fmt(x: number, unit: Unit | '' = ''): string {
  if (!Number.isFinite(x)) return String(x)
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2
  return `${x.toFixed(digits)}${unit ? ' ' + unit : ''}`
}

function pad(s: string, n: number): string {
  const len = [...s].length
  return len >= n ? s : s + ' '.repeat(n - len)
}

function padLeft(s: string, n: number): string {
  const len = [...s].length
  return len >= n ? s : ' '.repeat(n - len) + s
}

/** The table, then one line per bound saying how it was derived. */
export function renderTable(rows: readonly BenchRow[]): string {
  const header = ['#', 'benchmark', 'figure', 'bound', 'ratio', 'result', 'detail']
  const cells = rows.map((r, i) => [
    String(i + 1),
    `${r.bench}: ${r.name}`,
    fmt(r.figure, r.unit),
    fmt(r.bound, r.unit),
    r.ratio.toFixed(2),
    (r.status === 'ok' ? 'ok' : 'OVER') + (r.gating ? '' : ' (info)'),
    r.detail ?? ''
  ])
  const widths = header.map((h, c) => Math.max([...h].length, ...cells.map((r) => [...r[c]!].length)))
  const numeric = new Set([2, 3, 4])
  const line = (cols: string[]): string =>
    cols
      .map((s, c) => (numeric.has(c) ? padLeft(s, widths[c]!) : c === cols.length - 1 ? s : pad(s, widths[c]!)))
      .join('  ')
      .trimEnd()
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)]
  out.push('', 'bounds (how each was derived, with the baselines measured in this run):')
  rows.forEach((r, i) => out.push(`  [${i + 1}] ${r.boundHow}`))
  return out.join('\n')
}

export function machineInfo(): Record<string, unknown> {
  const c = cpus()
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpu: c[0]?.model ?? 'unknown',
    cores: c.length,
    totalMemMb: Math.round(totalmem() / 2 ** 20),
    loadAvg1m: +(loadavg()[0] ?? 0).toFixed(2)
  }
}

/** Writes bench/results/<timestamp>.json and returns its path. */
export function writeJson(dir: string, payload: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const path = join(dir, `${stamp}.json`)
  writeFileSync(path, JSON.stringify(payload, null, 2) + '\n')
  return path
}
