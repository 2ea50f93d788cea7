// The process boundaries, enforced: the core runs in plain Node (no electron), the renderer talks only to
// window.api (no Node modules, no core), and the preload exposes the contract and nothing else.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '../..')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|mts)$/.test(name) ? [p] : []
  })
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8')
  const found: string[] = []
  for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)) {
    found.push((m[1] ?? m[2] ?? m[3] ?? m[4])!)
  }
  return found
}

function violations(dirs: string[], forbidden: (spec: string, file: string) => boolean): string[] {
  return dirs.flatMap((d) =>
    files(join(ROOT, d)).flatMap((f) => imports(f).filter((spec) => forbidden(spec, f)).map((spec) => `${relative(ROOT, f)} imports ${spec}`))
  )
}

const NODE_ONLY = /^(node:|fs$|path$|os$|child_process$|crypto$|http$|https$|net$|better-sqlite3$|axios$|electron$|electron-store$|zlib$|stream$)/

describe('import rules', () => {
  it('keeps electron out of core, shared, sim and cli', () => {
    expect(violations(['src/core', 'src/shared', 'src/sim', 'src/cli'], (spec) => /^electron(\/|$)|^electron-store$/.test(spec))).toEqual([])
  })

  it('keeps Node-only modules and the core out of the renderer', () => {
    expect(
      violations(['src/renderer'], (spec) => NODE_ONLY.test(spec) || /(^|\/)(core|main|sim|cli|preload\/index)(\/|$)/.test(spec.replace(/^(\.\.\/)+/, '')))
    ).toEqual([])
  })

  it('keeps shared free of Node modules (it is bundled into the renderer and the preload)', () => {
    expect(violations(['src/shared'], (spec) => NODE_ONLY.test(spec))).toEqual([])
  })

  it('lets the preload import only electron and the shared contract', () => {
    expect(violations(['src/preload'], (spec) => !(spec === 'electron' || /\/shared\//.test(spec) || spec.startsWith('./')))).toEqual([])
  })

  it('catches a forbidden import (the rule itself works)', () => {
    expect(NODE_ONLY.test('node:fs')).toBe(true)
    expect(imports(join(ROOT, 'test/unit/import-rules.test.ts'))).toContain('node:fs')
  })
})
