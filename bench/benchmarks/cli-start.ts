// 6. CLI cold start: `resellerdesk --help` (bin/resellerdesk.mjs → the compiled bundle out/cli/index.mjs) in a fresh
// Node process, against `node -e 0` in a fresh process on the same machine in the same run. The bound is 5× the bare
// Node start: the CLI may load its bundle (commander, zod, axios, the core, the simulators) and parse its arguments
// in at most four more Node start-ups' worth of time. Before the bundle, tsx transpiled the sources at every start
// (12–23× node -e 0). Both sides alternate, and each keeps its best run: noise from a busy machine only adds time.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fmt, row, type BenchRow } from '../lib/report'
import { median, min } from '../lib/timer'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const CLI_START_FACTOR = 5

function timeProcess(args: string[]): number {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', timeout: 60_000 })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr.trim()}`)
  return ms
}

export function benchCliStart(opts: { runs: number; log: (s: string) => void }): { rows: BenchRow[] } {
  // The bundle must exist and be current, as `npm run cli` makes it.
  const build = spawnSync(process.execPath, [join(REPO, 'scripts', 'build-cli.mjs'), '--if-stale'], { cwd: REPO, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`building the CLI bundle failed: ${build.stderr}`)
  const bare: number[] = []
  const cli: number[] = []
  for (let i = 0; i < opts.runs; i++) {
    bare.push(timeProcess(['-e', '0']))
    cli.push(timeProcess([join(REPO, 'bin', 'resellerdesk.mjs'), '--help']))
  }
  opts.log(`  node -e 0: best ${fmt(min(bare), 'ms')}, median ${fmt(median(bare), 'ms')}; resellerdesk --help: best ${fmt(min(cli), 'ms')}, median ${fmt(median(cli), 'ms')}`)
  const bound = CLI_START_FACTOR * min(bare)
  return {
    rows: [
      row({
        bench: '6 CLI start',
        name: 'resellerdesk --help in a fresh process (compiled bundle)',
        figure: min(cli),
        unit: 'ms',
        detail: `best of ${opts.runs} (median ${fmt(median(cli), 'ms')}); ${fmt(min(cli) / min(bare))}× node -e 0`,
        bound,
        boundHow: `${CLI_START_FACTOR} × node -e 0 in a fresh process (${fmt(min(bare), 'ms')}, best of ${opts.runs})`,
        data: { bareMs: bare, cliMs: cli, factor: CLI_START_FACTOR, statistic: 'min over fresh processes, each side' }
      })
    ]
  }
}
