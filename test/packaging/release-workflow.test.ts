// The release workflow cannot run here (it needs GitHub's runners and the internet), so it is linted with
// action-validator (GitHub's workflow schema, from the npm registry) and its promises are checked by reading it.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../..')
const WORKFLOW = join(ROOT, '.github/workflows/release.yml')
const VALIDATOR = join(ROOT, 'node_modules/@action-validator/cli/cli.mjs')
// js-yaml ships with electron-updater; it has no types of its own here.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }

interface Step {
  name?: string
  if?: string
  run?: string
  uses?: string
  env?: Record<string, string>
}
interface Workflow {
  on: { push: { tags: string[] } }
  jobs: Record<string, { 'runs-on': string; needs?: string; if?: string; permissions?: Record<string, string>; strategy?: { matrix: { include: { os: string }[] } }; steps: Step[] }>
}

function validate(file: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [VALIDATOR, file], { encoding: 'utf8' })
  return { status: r.status, output: r.stdout + r.stderr }
}

const text = readFileSync(WORKFLOW, 'utf8')
const wf = yaml.load(text) as Workflow
const build = wf.jobs['build']!
const stepIndex = (name: RegExp): number => build.steps.findIndex((s) => name.test(s.name ?? ''))

describe('.github/workflows/release.yml', () => {
  it('passes action-validator, which does reject a broken workflow', () => {
    const ok = validate(WORKFLOW)
    expect(ok.output).toBe('')
    expect(ok.status).toBe(0)
    // The linter is not a no-op: the same file with a misspelt required key fails.
    const dir = mkdtempSync(join(tmpdir(), 'rd-wf-'))
    try {
      const broken = join(dir, 'release.yml')
      writeFileSync(broken, text.replace('runs-on: ${{ matrix.os }}', 'runs_on: ${{ matrix.os }}'))
      const bad = validate(broken)
      expect(bad.status).not.toBe(0)
      expect(bad.output).toContain('runs-on')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('runs on a version tag and builds on Windows, macOS and Linux', () => {
    expect(wf.on.push.tags).toEqual(['v*.*.*'])
    expect(build.strategy!.matrix.include.map((m) => m.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest'])
  })

  it('tests, then packages, then smoke-tests the packaged app (under xvfb on Linux), then uploads', () => {
    const order = [/^Unit tests$/, /^Build$/, /^Package$/, /^Smoke test/, /^Upload installers$/].map(stepIndex)
    expect(order.every((i) => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    const smoke = build.steps[stepIndex(/^Smoke test/)]!.run!
    expect(smoke).toContain('prepare-app.mjs')
    expect(smoke).toMatch(/xvfb-run .*playwright test -c test\/electron-smoke\/playwright\.config\.ts/)
  })

  it('skips signing and notarisation cleanly when their secrets are absent', () => {
    for (const name of [/^Windows signing/, /^macOS signing/]) {
      const step = build.steps[stepIndex(name)]!
      // Secrets come in through env and are tested for emptiness in the script; nothing fails when they are unset.
      expect(Object.values(step.env ?? {}).every((v) => /^\$\{\{ secrets\.[A-Z_]+ \}\}$/.test(v))).toBe(true)
      expect(step.run).toMatch(/if \[ -n "\$(WIN|MAC)_CSC_LINK" \]/)
      expect(step.run).toContain('::notice::')
    }
  })

  it('publishes the installers and the update feed only from a tag, with write access only there', () => {
    const publish = wf.jobs['publish']!
    expect(publish.needs).toBe('build')
    expect(publish.if).toContain("startsWith(github.ref, 'refs/tags/v')")
    expect(publish.permissions).toEqual({ contents: 'write' })
    const upload = build.steps[stepIndex(/^Upload installers$/)]! as Step & { with: { path: string } }
    expect(upload.with.path).toContain('dist/latest*.yml') // electron-updater reads these from the release
  })
})
