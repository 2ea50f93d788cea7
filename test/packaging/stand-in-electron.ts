// A stand-in Electron distribution for packaging offline: Electron's own binary cannot be downloaded here.
// electron-builder's `electronDist` accepts an already-unpacked distribution folder; for the Linux `dir` target it
// copies the folder into linux-unpacked/, renames the executable named `electron` to the app's executableName, moves
// a LICENSE beside it, and writes resources/app.asar (+ app.asar.unpacked) into it. Nothing else is read, so the
// folder needs only:
//   electron   a placeholder executable. It carries Electron's fuse wire (the sentinel @electron/fuses scans for,
//              the wire version, its length and Electron 45's default fuse states), so our afterPack hook flips the
//              fuses for real and the test reads them back.
//   LICENSE    what electron-builder moves to LICENSE.electron.txt.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron 45's fuse wire as shipped: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, asar
 *  integrity off, only-asar off, browser V8 snapshot off, file privileges on, wasm trap handlers on ('1' on, '0' off). */
const ELECTRON_45_DEFAULT_WIRE = '101100011'

export function makeStandInElectron(dir: string): string {
  mkdirSync(dir, { recursive: true })
  const wire = Buffer.from(ELECTRON_45_DEFAULT_WIRE, 'latin1')
  const exe = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: the packaging check never runs it" >&2\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, wire.length]), // wire version 1, then the number of fuses
    wire
  ])
  writeFileSync(join(dir, 'electron'), exe)
  chmodSync(join(dir, 'electron'), 0o755)
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for Electron’s MIT licence file.\n')
  return dir
}
