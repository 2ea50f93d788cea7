// scripts/native-target.mjs without the network: a project root with a copy of the working Node build and fake
// build commands (offline, a good Electron build, a build that silently targeted Node). What a person notices: after
// a failed `npm start` the command line still works, and switching back and forth never needs a rebuild.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const SCRIPT = resolve(__dirname, '../../scripts/native-target.mjs')
const REAL_BINARY = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node')
const ELECTRON = '45.4.1'

let root: string
let active: string
const hash = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex')

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'rd-native-'))
  const pkg = join(root, 'node_modules', 'better-sqlite3')
  active = join(pkg, 'build', 'Release', 'better_sqlite3.node')
  mkdirSync(dirname(active), { recursive: true })
  copyFileSync(REAL_BINARY, active)
  writeFileSync(join(pkg, 'package.json'), '{"name":"better-sqlite3","version":"0.0.0"}')
  mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true })
  writeFileSync(join(root, 'node_modules', 'electron', 'package.json'), JSON.stringify({ version: ELECTRON }))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

/** A build command (run in the package copy) from a script body. */
function buildCmd(body: string): string {
  const file = join(root, `build-${Math.random().toString(36).slice(2)}.mjs`)
  writeFileSync(file, body)
  return `"${process.execPath}" "${file}"`
}
const OFFLINE = `console.error('gyp http GET https://electronjs.org/headers/v${ELECTRON}/node-v${ELECTRON}-headers.tar.gz'); console.error('gyp ERR! stack Error: getaddrinfo ENOTFOUND electronjs.org'); process.exit(1)`
const GOOD = `import { mkdirSync, writeFileSync } from 'node:fs'; mkdirSync('build/Release', { recursive: true }); writeFileSync('build/Release/better_sqlite3.node', 'electron build')`
const NODE_BY_MISTAKE = `import { copyFileSync, mkdirSync } from 'node:fs'; mkdirSync('build/Release', { recursive: true }); copyFileSync(${JSON.stringify(REAL_BINARY)}, 'build/Release/better_sqlite3.node')`

function run(target: 'node' | 'electron', cmd: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [SCRIPT, target], {
    encoding: 'utf8',
    env: { ...process.env, RESELLERDESK_NATIVE_ROOT: root, RESELLERDESK_NATIVE_BUILD_CMD: cmd }
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
const marker = (): string => readFileSync(join(root, 'node_modules', '.resellerdesk-native-target'), 'utf8').trim()

describe('native-target: the Electron build is made beside the Node one', () => {
  it('offline: says so in one line, leaves the Node build in place, and Node needs no rebuild afterwards', () => {
    const before = hash(active)
    const r = run('electron', buildCmd(OFFLINE))
    expect(r.code).toBe(1)
    const lines = r.err.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/no internet connection.*command line and tests still work/)
    expect(hash(active)).toBe(before)

    const back = run('node', buildCmd('process.exit(1)'))
    expect(back.code).toBe(0)
    expect(back.out).not.toMatch(/Rebuilding/)
    expect(hash(active)).toBe(before)
  })

  it('switches to a finished Electron build, and back to Node (and again to Electron) by copying, not rebuilding', () => {
    const nodeBuild = hash(active)
    expect(run('electron', buildCmd(GOOD)).code).toBe(0)
    expect(readFileSync(active, 'utf8')).toBe('electron build')
    expect(marker()).toBe(`electron@${ELECTRON}`)

    const back = run('node', buildCmd('process.exit(1)'))
    expect(back.code).toBe(0)
    expect(back.out).not.toMatch(/Rebuilding/)
    expect(hash(active)).toBe(nodeBuild)
    expect(marker()).toBe('node')

    // The Electron build is kept: a second start works offline.
    expect(run('electron', buildCmd(OFFLINE)).code).toBe(0)
    expect(readFileSync(active, 'utf8')).toBe('electron build')
  })

  it('refuses a "successful" build that targeted Node by mistake, and changes nothing', () => {
    const before = hash(active)
    const r = run('electron', buildCmd(NODE_BY_MISTAKE))
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/built for Node instead of Electron/)
    expect(hash(active)).toBe(before)
    expect(existsSync(join(root, 'node_modules', '.resellerdesk-native', `electron-${ELECTRON}`))).toBe(false)
  })
})
