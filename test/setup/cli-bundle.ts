// vitest globalSetup: the tests that spawn the CLI (test/crash, test/packaging) run the compiled bundle, as users
// do, so it is built here first when missing or older than its sources (about 1–2 s, once per run).
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')

export default function setup(): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), '--if-stale'], { cwd: ROOT, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`building the CLI bundle failed:\n${r.stderr || r.stdout}`)
}
