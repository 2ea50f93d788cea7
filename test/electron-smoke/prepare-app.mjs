#!/usr/bin/env node
// Prepares the packaged app for the smoke test and prints the path of the executable to launch.
//
// Playwright's _electron.launch always passes --inspect=0 to the app (it drives the main process through Node's
// inspector), and the app we ship has the EnableNodeCliInspectArguments fuse off (scripts/fuses.mjs), so Playwright
// cannot start the shipped binary as it is. Rather than build a second, different app for testing, this copies the
// unpacked app electron-builder just produced (dist/linux-unpacked, dist/win-unpacked, dist/mac*/ResellerDesk.app:
// the same files the installers are made from) and turns on that one fuse in the copy. Everything else the smoke
// test is meant to catch — app.asar contents, the better-sqlite3 rebuild for Electron, the other fuses, asar
// integrity — is exactly as shipped. On macOS the copy is re-signed ad hoc, as it must be after any byte changes.
//   node test/electron-smoke/prepare-app.mjs [dist folder] → prints the executable path on stdout
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses'

const dist = resolve(process.argv[2] ?? 'dist')
const PRODUCT = 'ResellerDesk'

function find() {
  if (process.platform === 'darwin') {
    const dir = readdirSync(dist).find((d) => d.startsWith('mac') && existsSync(join(dist, d, `${PRODUCT}.app`)) && d.includes(process.arch === 'arm64' ? 'arm64' : ''))
    if (!dir) throw new Error(`no ${PRODUCT}.app under ${dist}/mac*`)
    return { source: join(dist, dir, `${PRODUCT}.app`), exe: (copy) => join(copy, 'Contents', 'MacOS', PRODUCT), fuseTarget: (copy) => copy }
  }
  const dir = process.platform === 'win32' ? 'win-unpacked' : 'linux-unpacked'
  const name = process.platform === 'win32' ? `${PRODUCT}.exe` : 'resellerdesk'
  if (!existsSync(join(dist, dir, name))) throw new Error(`no ${dir}/${name} under ${dist}`)
  return { source: join(dist, dir), exe: (copy) => join(copy, name), fuseTarget: (copy) => join(copy, name) }
}

const { source, exe, fuseTarget } = find()
const copy = join(mkdtempSync(join(tmpdir(), 'rd-smoke-app-')), process.platform === 'darwin' ? `${PRODUCT}.app` : 'app')
cpSync(source, copy, { recursive: true, verbatimSymlinks: true })
await flipFuses(fuseTarget(copy), {
  version: FuseVersion.V1,
  [FuseV1Options.EnableNodeCliInspectArguments]: true,
  resetAdHocDarwinSignature: process.platform === 'darwin'
})
process.stdout.write(exe(copy) + '\n')
