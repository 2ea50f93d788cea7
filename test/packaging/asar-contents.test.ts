// The packaging check, offline: electron-builder runs with the real electron-builder.cjs (file selection, asar,
// unpack rules, the afterPack fuses hook), overridden only where this machine cannot follow it:
//   electronDist   a stand-in Electron (stand-in-electron.ts), since Electron's binary cannot be downloaded;
//   npmRebuild     off: rebuilding better-sqlite3 for Electron downloads Electron's headers. The Node build of the
//                  addon is packed instead — its place in app.asar.unpacked is what this check is about; that the
//                  real build rebuilds it for Electron is checked by the release workflow's smoke test, which opens
//                  the database inside the packaged app;
//   target         linux `dir` (linux-unpacked/): AppImage, deb, dmg and NSIS need tools downloaded at build time.
// Then app.asar is opened with @electron/asar and its contents asserted.
import { extractFile, listPackage, statFile } from '@electron/asar'
import { getCurrentFuseWire, FuseV1Options, FuseState } from '@electron/fuses'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeStandInElectron } from './stand-in-electron'

const ROOT = resolve(__dirname, '../..')
const require = createRequire(import.meta.url)

let work: string
let appOut: string
let asarPath: string
let entries: string[]

interface LockPackages {
  packages: Record<string, { version?: string; dev?: boolean }>
}

/** name → versions package-lock.json lists for it, split by whether the copy is needed only for development. */
function lockVersions(): { dev: Map<string, Set<string>>; prod: Map<string, Set<string>> } {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as LockPackages
  const dev = new Map<string, Set<string>>()
  const prod = new Map<string, Set<string>>()
  for (const [path, meta] of Object.entries(lock.packages)) {
    if (!path.includes('node_modules/') || !meta.version) continue
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)
    const into = meta.dev ? dev : prod
    if (!into.has(name)) into.set(name, new Set())
    into.get(name)!.add(meta.version)
  }
  return { dev, prod }
}

/** The top-level packages inside the archive, e.g. "axios", "@scope/name". */
function packedPackages(): Set<string> {
  const names = new Set<string>()
  for (const e of entries) {
    const m = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(e)
    if (m) names.add(m[1]!)
  }
  return names
}

beforeAll(async () => {
  // `npm test` builds before vitest; a lone run of this file builds when the output is missing.
  if (!existsSync(join(ROOT, 'out/main/index.js')) || !existsSync(join(ROOT, 'out/renderer/index.html'))) {
    const b = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8' })
    if (b.status !== 0) throw new Error(`electron-vite build failed:\n${b.stderr}`)
  }
  work = mkdtempSync(join(tmpdir(), 'rd-package-'))
  const electronDist = makeStandInElectron(join(work, 'electron-dist'))
  const { build, Platform, Arch } = require('electron-builder') as typeof import('electron-builder')
  // Overrides only: electron-builder loads electron-builder.cjs itself and merges these on top.
  await build({
    projectDir: ROOT,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: { electronDist, npmRebuild: false, directories: { output: join(work, 'dist') } }
  })
  appOut = join(work, 'dist', 'linux-unpacked')
  asarPath = join(appOut, 'resources', 'app.asar')
  entries = listPackage(asarPath, { isPack: false })
}, 180_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

const read = (p: string): string => extractFile(asarPath, p).toString('utf8')

describe('the packaged app (linux-unpacked, stand-in Electron)', () => {
  it('holds the main process, the sandboxed preload as one .cjs file, and the renderer', () => {
    expect(entries).toContain('/package.json')
    expect(entries).toContain('/out/main/index.js')
    expect(entries).toContain('/out/preload/index.cjs')
    expect(entries).toContain('/out/renderer/index.html')
    // The renderer's script and stylesheet are the files index.html names.
    const html = read('out/renderer/index.html')
    const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => `/out/renderer/${m[1]}`)
    expect(assets.length).toBeGreaterThanOrEqual(2)
    for (const a of assets) expect(entries).toContain(a)
    // package.json's "main" is the file that is packed, or Electron starts nothing.
    const pkg = JSON.parse(read('package.json')) as { main: string }
    expect(entries).toContain('/' + pkg.main.replace(/^\.\//, ''))
  })

  it('holds the migrations and the five simulators demo mode starts, inside the main bundle', () => {
    const main = read('out/main/index.js')
    expect(main).toContain('CREATE TABLE vault_meta')
    for (const sim of ['startDigetalHubeSim', 'startHyperSim', 'startDigisellerSim', 'startOneClickDzSim', 'startAiDigitalToolsSim']) {
      expect(main, sim).toContain(sim)
    }
  })

  it('holds the tray and window icons the main process loads from resources/', () => {
    const main = read('out/main/index.js')
    expect(main).toContain('../../resources/tray.png')
    expect(entries).toContain('/resources/tray.png')
    expect(entries).toContain('/resources/tray@2x.png')
  })

  it('unpacks better-sqlite3’s native addon next to the archive, where it can be loaded', () => {
    const inArchive = '/node_modules/better-sqlite3/build/Release/better_sqlite3.node'
    expect(entries).toContain(inArchive)
    expect((statFile(asarPath, inArchive.slice(1)) as { unpacked?: boolean }).unpacked).toBe(true)
    const onDisk = join(appOut, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
    expect(existsSync(onDisk)).toBe(true)
    expect(readFileSync(onDisk).subarray(0, 4).toString('latin1')).toBe('\x7fELF') // a real shared library
    // The JavaScript that loads it and its runtime dependency are packed too.
    expect(entries).toContain('/node_modules/better-sqlite3/lib/index.js')
    expect(entries).toContain('/node_modules/bindings/bindings.js')
  })

  it('packs every runtime dependency the main process imports', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    const packed = packedPackages()
    for (const dep of Object.keys(pkg.dependencies)) expect(packed, dep).toContain(dep)
  })

  it('packs nothing of the tests, the test bridge, the sources or any development-only package', () => {
    const outside = entries.filter((e) => !/^\/(out|node_modules|resources)(\/|$)/.test(e) && e !== '/package.json')
    expect(outside).toEqual([])
    expect(entries.filter((e) => /^\/out\/cli(\/|$)/.test(e))).toEqual([]) // the CLI bundle is not part of the app
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([])
    const ourFiles = entries.filter((e) => e.startsWith('/out/') && /\.(js|cjs|mjs|html)$/.test(e))
    for (const f of ourFiles) {
      const text = read(f.slice(1))
      expect(text, f).not.toContain('__bridge/') // the Playwright test bridge's routes
      expect(text, f).not.toContain('x-bridge-token')
    }
    // Every packed package is a copy package-lock.json needs at run time (same name and version); electron-builder
    // hoists nested copies, so the archive's layout need not match node_modules'.
    const { dev, prod } = lockVersions()
    for (const name of ['tsx', 'vitest', '@playwright/test', 'playwright', 'playwright-core', 'electron', 'electron-builder', 'vite', 'esbuild', 'typescript', 'react', 'commander']) {
      expect(dev.has(name) && !prod.has(name), `${name} should be needed only for development`).toBe(true)
      expect(packedPackages(), name).not.toContain(name)
    }
    const leaked = [...packedPackages()]
      .map((name) => `${name}@${(JSON.parse(read(`node_modules/${name}/package.json`)) as { version: string }).version}`)
      .filter((id) => {
        const at = id.lastIndexOf('@')
        return !prod.get(id.slice(0, at))?.has(id.slice(at + 1))
      })
    expect(leaked).toEqual([])
  })

  it('ships with the fuses flipped as scripts/fuses.mjs decides', async () => {
    const wire = await getCurrentFuseWire(join(appOut, 'resellerdesk'))
    const want = (on: boolean): FuseState => (on ? FuseState.ENABLE : FuseState.DISABLE)
    expect(wire[FuseV1Options.RunAsNode]).toBe(want(false))
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(want(false))
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(want(false))
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(want(true))
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(want(true))
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(want(true))
  })
})
