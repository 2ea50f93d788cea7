// The CLI is a front end like the window: it reaches the core only through the door (src/core/app/command-door.ts:
// dispatch over the contract, with its validation), never storage, the engine or a service directly.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '../..')
const DOOR = 'src/core/app/command-door'

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|mts)$/.test(name) ? [p] : []
  })
}

/** The modules of src/core a file imports (static, dynamic or re-exported), as paths from the repository root. */
function coreImports(file: string, src = readFileSync(file, 'utf8')): string[] {
  const specs = [...src.matchAll(/(?:from\s+|import\(\s*|require\(\s*|^import\s+)['"](\.[^'"]+)['"]/gm)].map((m) => m[1]!)
  return specs.map((s) => relative(ROOT, resolve(dirname(file), s)).replace(/\\/g, '/').replace(/\.(ts|js|mjs)$/, '')).filter((p) => p.startsWith('src/core/') || p === 'src/core')
}

function violations(file: string, src?: string): string[] {
  return coreImports(file, src)
    .filter((p) => p !== DOOR)
    .map((p) => `${relative(ROOT, file)} imports ${p}`)
}

describe('the CLI goes through the door', () => {
  it('imports nothing from src/core but the command door', () => {
    expect(files(join(ROOT, 'src/cli')).flatMap((f) => violations(f))).toEqual([])
  })

  it('uses the door (the check looks at real imports)', () => {
    const used = files(join(ROOT, 'src/cli')).flatMap((f) => coreImports(f))
    expect(used).toContain(DOOR)
  })

  it('catches a command that reaches below the handlers', () => {
    const fake = join(ROOT, 'src/cli/commands/fake.ts')
    expect(violations(fake, "import { Session } from '../../core/app/session'\nimport type { Storage } from '../../core/db/storage'\n")).toEqual([
      'src/cli/commands/fake.ts imports src/core/app/session',
      'src/cli/commands/fake.ts imports src/core/db/storage'
    ])
  })
})
