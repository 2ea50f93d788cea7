#!/usr/bin/env node
// better-sqlite3 is a native module: the same node_modules cannot serve Node (tests, CLI) and Electron (the app)
// at once. This script rebuilds it for the runtime about to be used, only when it was last built for the other.
// It runs in `npm start`/`npm run dev` (→ electron) and before tests and the CLI (→ node), never in postinstall,
// because the Electron rebuild downloads Electron's headers, which a machine without internet cannot do.
//   node scripts/native-target.mjs electron|node
import { execSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const marker = join(root, 'node_modules', '.resellerdesk-native-target')
const target = process.argv[2]
if (target !== 'electron' && target !== 'node') {
  console.error('usage: node scripts/native-target.mjs electron|node')
  process.exit(2)
}
const current = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : 'node'

function loadsInNode() {
  try {
    const require = createRequire(import.meta.url)
    const Database = require('better-sqlite3')
    new Database(':memory:').close()
    return true
  } catch {
    return false
  }
}

if (target === 'node') {
  if (current === 'node' && loadsInNode()) process.exit(0)
  console.log('Rebuilding better-sqlite3 for Node…')
  execSync('npm rebuild better-sqlite3', { cwd: root, stdio: 'inherit' })
  writeFileSync(marker, 'node\n')
} else {
  const version = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
  if (current === `electron@${version}`) process.exit(0)
  console.log(`Rebuilding better-sqlite3 for Electron ${version} (downloads Electron's headers)…`)
  execSync('npm rebuild better-sqlite3', {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      npm_config_runtime: 'electron',
      npm_config_target: version,
      npm_config_disturl: 'https://electronjs.org/headers',
      npm_config_nodedir: '',
      npm_config_build_from_source: ''
    }
  })
  writeFileSync(marker, `electron@${version}\n`)
}
