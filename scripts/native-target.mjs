#!/usr/bin/env node
// better-sqlite3 is a native module: one binary cannot serve Node (tests, CLI) and Electron (the app) at once. This
// script puts the right one in place for the runtime about to be used. It runs in `npm start`/`npm run dev`
// (→ electron) and before tests and the CLI (→ node), never in postinstall, because building for Electron downloads
// Electron's headers, which a machine without internet cannot do.
//
// The binary in use is never overwritten by a build that may fail: each flavour is built *beside* it (in a copy of
// the package under node_modules/.resellerdesk-native/) and kept there; switching is a file copy done only once the
// wanted binary exists. So a failed `npm start` (no internet) leaves the Node build in place and the CLI working,
// and switching back to Node later costs a copy, not a rebuild.
//   node scripts/native-target.mjs electron|node
//
// For tests without the network: RESELLERDESK_NATIVE_ROOT (a project root with a fake node_modules) and
// RESELLERDESK_NATIVE_BUILD_CMD (the build command, run in the package copy; it must leave build/Release/*.node).
import { execSync, spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = process.env.RESELLERDESK_NATIVE_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..')
const pkgDir = join(root, 'node_modules', 'better-sqlite3')
const active = join(pkgDir, 'build', 'Release', 'better_sqlite3.node')
const store = join(root, 'node_modules', '.resellerdesk-native')
const marker = join(root, 'node_modules', '.resellerdesk-native-target')
const target = process.argv[2]
if (target !== 'electron' && target !== 'node') {
  console.error('usage: node scripts/native-target.mjs electron|node')
  process.exit(2)
}
const current = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : 'node'
const nodeFlavour = `node-abi${process.versions.modules}`
const stored = (flavour) => join(store, flavour, 'better_sqlite3.node')

/** Whether the binary in place loads in this Node (the JS half of better-sqlite3 comes from this project). */
function loadsInNode(binary = active) {
  try {
    const require = createRequire(import.meta.url)
    const Database = require('better-sqlite3')
    new Database(':memory:', { nativeBinding: binary }).close()
    return true
  } catch {
    return false
  }
}

/** Replace the binary in use in one step (copy beside it, then rename over it). */
function install(file, flavourMarker) {
  mkdirSync(dirname(active), { recursive: true })
  copyFileSync(file, `${active}.next`)
  renameSync(`${active}.next`, active)
  writeFileSync(marker, `${flavourMarker}\n`)
}

function keep(flavour) {
  if (!existsSync(active)) return
  mkdirSync(join(store, flavour), { recursive: true })
  copyFileSync(active, stored(flavour))
}

/** node-gyp: npm's own (npm sets npm_config_node_gyp for scripts), else the one bundled beside the npm on PATH. */
function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp
  try {
    const npmCli = realpathSync(execSync(process.platform === 'win32' ? 'where npm-cli.js' : 'command -v npm', { encoding: 'utf8' }).split(/\r?\n/)[0].trim())
    const candidate = join(dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
    if (existsSync(candidate)) return candidate
  } catch {
    // fall through to whatever node-gyp is on PATH
  }
  return null
}

function electronBuildCommand(version) {
  const q = (s) => `"${s}"`
  const prebuild = join(root, 'node_modules', 'prebuild-install', 'bin.js')
  const gyp = nodeGyp()
  const gypCmd = gyp ? `${q(process.execPath)} ${q(gyp)}` : 'node-gyp'
  return (
    `${q(process.execPath)} ${q(prebuild)} --runtime electron --target ${version} --verbose || ` +
    `${gypCmd} rebuild --release --runtime=electron --target=${version} --dist-url=https://electronjs.org/headers`
  )
}

if (target === 'node') {
  if (current === 'node' && loadsInNode()) {
    if (!existsSync(stored(nodeFlavour))) keep(nodeFlavour)
    process.exit(0)
  }
  if (existsSync(stored(nodeFlavour))) {
    install(stored(nodeFlavour), 'node')
    if (loadsInNode()) process.exit(0)
  }
  console.log('Rebuilding better-sqlite3 for Node…')
  execSync('npm rebuild better-sqlite3', { cwd: root, stdio: 'inherit' })
  writeFileSync(marker, 'node\n')
  keep(nodeFlavour)
} else {
  const version = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
  const flavour = `electron-${version}`
  if (current === `electron@${version}` && existsSync(active)) process.exit(0)
  // Before anything else: keep the working Node build, so going back never needs a rebuild.
  if (current === 'node' && loadsInNode()) keep(nodeFlavour)
  if (!existsSync(stored(flavour))) {
    const work = join(store, 'build')
    const copy = join(work, 'better-sqlite3')
    const log = join(store, `${flavour}-build.log`)
    rmSync(work, { recursive: true, force: true })
    mkdirSync(work, { recursive: true })
    cpSync(pkgDir, copy, { recursive: true, filter: (src) => !src.startsWith(join(pkgDir, 'build')) })
    console.log(`Building better-sqlite3 for Electron ${version} beside the Node build (downloads Electron's headers)…`)
    // As better-sqlite3's own install does: a prebuilt binary when one is published, else a build from source. The
    // runtime is given on the command line: npm 11 no longer passes unknown npm_config_* settings to scripts, and
    // without them node-gyp silently builds for Node again.
    const command = process.env.RESELLERDESK_NATIVE_BUILD_CMD ?? electronBuildCommand(version)
    const r = spawnSync(command, {
      cwd: copy,
      shell: true,
      encoding: 'utf8',
      // This machine's npm config sets nodedir=/usr (Node's headers): inherited, it makes node-gyp build for Node.
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_nodedir'))
    })
    writeFileSync(log, `${r.stdout ?? ''}\n${r.stderr ?? ''}\n${r.error ? String(r.error) : ''}`)
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node')
    // A binary that loads in this Node is a Node build, whatever the build said: never label it Electron's.
    const builtForNode = existsSync(built) && loadsInNode(built)
    if (r.status !== 0 || !existsSync(built) || builtForNode) {
      const text = `${r.stdout ?? ''}${r.stderr ?? ''}`
      const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|socket hang up|network/i.test(text)
      // One line: what happened, that nothing broke, what to do. The details are in the log.
      console.error(
        offline
          ? `Cannot start the app: no internet connection to download Electron ${version}'s headers for the database module. The command line and tests still work; connect and run npm start again (details: ${log}).`
          : builtForNode
            ? `Cannot start the app: the database module was built for Node instead of Electron ${version} (check npm's nodedir/runtime settings). The command line and tests still work (details: ${log}).`
            : `Cannot start the app: building the database module for Electron ${version} failed. The command line and tests still work (details: ${log}).`
      )
      rmSync(work, { recursive: true, force: true })
      process.exit(1)
    }
    mkdirSync(join(store, flavour), { recursive: true })
    copyFileSync(built, stored(flavour))
    rmSync(work, { recursive: true, force: true })
  }
  install(stored(flavour), `electron@${version}`)
}
