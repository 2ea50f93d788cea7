#!/usr/bin/env node
// `npm test`: everything CI checks, in order — native module for Node, typecheck, import rules, build, unit +
// contract + integration + crash tests and the packaging checks (vitest: test/packaging packs the app offline with
// a stand-in Electron and lints the release workflow), the real renderer in Chromium (Playwright) — then one summary
// line "tests: N passed, M failed, K skipped".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'

const results = 'test-results'
mkdirSync(results, { recursive: true })

function step(name, cmd, args) {
  const t0 = Date.now()
  console.log(`\n▶ ${name}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  console.log(`  ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  return r.status === 0
}

const t0 = Date.now()
let ok =
  step('native module for Node', process.execPath, ['scripts/native-target.mjs', 'node']) &&
  step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json']) &&
  step('typecheck renderer', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.web.json']) &&
  step('build', 'npx', ['electron-vite', 'build']) &&
  step('build CLI', process.execPath, ['scripts/build-cli.mjs'])

let passed = 0
let failed = 0
let skipped = 0
if (ok) {
  const unitOk = step('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}/vitest.json`])
  const e2eOk = step('playwright', 'npx', ['playwright', 'test'])
  ok = unitOk && e2eOk
  if (existsSync(`${results}/vitest.json`)) {
    const v = JSON.parse(readFileSync(`${results}/vitest.json`, 'utf8'))
    passed += v.numPassedTests
    failed += v.numFailedTests
    skipped += v.numPendingTests + (v.numTodoTests ?? 0)
  }
  if (existsSync(`${results}/e2e.json`)) {
    const p = JSON.parse(readFileSync(`${results}/e2e.json`, 'utf8'))
    passed += p.stats.expected + p.stats.flaky
    failed += p.stats.unexpected
    skipped += p.stats.skipped
  }
  if (!ok && failed === 0) failed = 1 // a runner failed without a counted test (e.g. a crash): still a failure
}
console.log(`\nTotal time ${((Date.now() - t0) / 1000).toFixed(0)} s`)
console.log(`tests: ${passed} passed, ${ok ? failed : Math.max(failed, 1)} failed, ${skipped} skipped`)
process.exit(ok ? 0 : 1)
